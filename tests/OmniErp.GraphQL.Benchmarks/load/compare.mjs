// Runs autocannon against both servers with the same query and prints a markdown table.
// Usage: node compare.mjs <label=url>... (see run.sh)
import autocannon from 'autocannon';

const query = '{ products(first: 24) { sku name description category price { amount currency } availability { available inStock } } }';
const duration = Number(process.env.DURATION ?? 15);
const connections = Number(process.env.CONNECTIONS ?? 32);
const rows = [];
for (const arg of process.argv.slice(2)) {
  const [label, url] = arg.split('=');
  const opts = {
    url, method: 'POST', connections, duration,
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query }),
  };
  await autocannon({ ...opts, duration: 5 }); // warm-up (JIT, caches)
  const r = await autocannon(opts);
  if (r.non2xx || r.errors) throw new Error(`${label}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  rows.push({ label, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, bytes: r.throughput.average });
}
console.log(`| server | requests/s | p50 ms | p99 ms |\n|---|---|---|---|`);
for (const r of rows) console.log(`| ${r.label} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} |`);
if (rows.length === 2) console.log(`\nthroughput ratio ${rows[1].label}/${rows[0].label}: ${(rows[1].rps / rows[0].rps).toFixed(2)}x`);
