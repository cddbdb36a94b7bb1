// Runs every corpus case through graphql-js and prints one JSON line per case.
// Usage: node oracle.mjs corpus/*.json > expected.jsonl
// Data conventions (mirrored by the C# harness):
//   {"$error": m}        the field throws an error with message m
//   {"$byArgs": {k: v}}  value chosen by the canonical JSON of the field's arguments
//   {"$echoArgs": true}  the field returns the canonical JSON of its arguments
//   abstract types resolve through the "__typename" entry of the data object
import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate, execute, specifiedRules, recommendedRules, GraphQLError } from 'graphql';

const canon = (value) => JSON.stringify(value, (_, x) =>
  x && typeof x === 'object' && !Array.isArray(x)
    ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, x[k]]))
    : x);

const fieldResolver = (source, args, _context, info) => {
  let v = source?.[info.fieldName];
  if (v && typeof v === 'object' && '$byArgs' in v) v = v.$byArgs[canon(args)] ?? null;
  if (v && typeof v === 'object' && '$echoArgs' in v) return canon(args);
  if (v && typeof v === 'object' && '$error' in v) throw new Error(v.$error);
  return v;
};

const rules = specifiedRules.filter((r) => !recommendedRules.includes(r));
const ruleName = (rule) => rule.name.replace(/Rule$/, '');

for (const file of process.argv.slice(2)) {
  const corpus = JSON.parse(readFileSync(file, 'utf8'));
  const schema = buildSchema(corpus.schema);
  for (const c of corpus.cases) {
    let out;
    try {
      const document = parse(c.query);
      const errors = rules.flatMap((rule) => validate(schema, document, [rule]).map((e) => ({ rule: ruleName(rule), ...e.toJSON() })));
      if (errors.length) out = { kind: 'validation', errors };
      else {
        const result = await execute({
          schema, document, rootValue: corpus.data, variableValues: c.variables, operationName: c.operationName,
          fieldResolver, typeResolver: (v) => v?.__typename,
        });
        out = { kind: 'execution', result: JSON.parse(JSON.stringify(result)) };
      }
    } catch (e) {
      if (!(e instanceof GraphQLError)) throw e;
      out = { kind: 'syntax', errors: [e.toJSON()] };
    }
    console.log(JSON.stringify({ file: file.split('/').pop(), name: c.name, ...out }));
  }
}
