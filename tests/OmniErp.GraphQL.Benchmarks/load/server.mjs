// graphql-js reference server: the same storefront schema and in-memory data as Storefront.cs, served by graphql-http.
import http from 'node:http';
import { buildSchema } from 'graphql';
import { createHandler } from 'graphql-http/lib/use/http';

const schema = buildSchema(`
  scalar Decimal
  type Money { amount: Decimal! currency: String! }
  type Availability { available: Int! inStock: Boolean! }
  type Product { sku: String! name: String! description: String category: String! price: Money availability: Availability }
  type Query { products(first: Int = 24): [Product!]! }
`);

const products = Array.from({ length: 48 }, (_, i) => {
  const n = i + 1;
  const sku = `SKU-${String(n).padStart(4, '0')}`;
  return { sku, name: `Product ${n}`, description: `A fine product number ${n}`, category: n % 2 === 0 ? 'shoes' : 'shirts' };
});
const prices = new Map(products.map((p, i) => [p.sku, { amount: 10 + (i % 50) / 4, currency: 'EUR' }]));
const stock = new Map(products.map((p, i) => [p.sku, { available: (i + 1) % 7, inStock: (i + 1) % 7 > 0 }]));

const rootValue = {
  products: ({ first }) => products.slice(0, first).map((p) => ({
    ...p,
    price: () => prices.get(p.sku),
    availability: () => stock.get(p.sku),
  })),
};

const handler = createHandler({ schema, rootValue });
const port = Number(process.argv[2] ?? 5082);
http.createServer((req, res) => {
  if (req.url.startsWith('/graphql')) handler(req, res);
  else res.writeHead(404).end();
}).listen(port, '127.0.0.1', () => console.log(`graphql-js listening on ${port}`));
