// graphql-http audits against a running server. Usage: node audit.mjs http://127.0.0.1:5000/graphql
// Prints one JSON line per audit result and exits 1 if any MUST failed.
import { auditServer } from 'graphql-http';

const url = process.argv[2];
const results = await auditServer({ url });
for (const r of results) console.log(JSON.stringify({ id: r.id, name: r.name, status: r.status, reason: r.reason ?? null }));
process.exit(results.some((r) => r.status === 'error') ? 1 : 0);
