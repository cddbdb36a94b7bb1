// Checks our schema against graphql-js. Usage:
//   node schema-roundtrip.mjs query                 -> prints the full introspection query
//   node schema-roundtrip.mjs check sdl.graphql introspection.json
//        -> JSON {reprinted, sortedFromSdl, sortedFromIntrospection}
import { readFileSync } from 'node:fs';
import { getIntrospectionQuery, buildClientSchema, buildSchema, printSchema, lexicographicSortSchema } from 'graphql';

const [mode, sdlFile, introspectionFile] = process.argv.slice(2);
if (mode === 'query') {
  process.stdout.write(getIntrospectionQuery({
    descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true,
    inputValueDeprecation: true, oneOf: true,
  }));
} else {
  const sdl = readFileSync(sdlFile, 'utf8');
  const introspection = JSON.parse(readFileSync(introspectionFile, 'utf8'));
  const fromSdl = buildSchema(sdl);
  const fromIntrospection = buildClientSchema(introspection.data);
  console.log(JSON.stringify({
    reprinted: printSchema(fromSdl),
    sortedFromSdl: printSchema(lexicographicSortSchema(fromSdl)),
    sortedFromIntrospection: printSchema(lexicographicSortSchema(fromIntrospection)),
  }));
}
