#!/usr/bin/env node
// Converts the HTTP contract api/openapi.yaml into dist/openapi.json, which
// the server serves at GET /api/v1/openapi.json.
//   node scripts/openapi-json.mjs [input.yaml] [output.json]
// Defaults: ../api/openapi.yaml and dist/openapi.json, relative to web/.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const webDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const input = resolve(process.argv[2] ?? resolve(webDir, '../api/openapi.yaml'));
const output = resolve(process.argv[3] ?? resolve(webDir, 'dist/openapi.json'));

function fail(message) {
  console.error(`openapi-json: ${message}`);
  process.exit(1);
}

if (!existsSync(input)) {
  fail(`the API spec ${input} does not exist; it is the contract (api/openapi.yaml) and must be written before the web build can publish it`);
}

let spec;
try {
  // Duplicate keys or YAML errors are contract bugs: refuse them.
  spec = parse(readFileSync(input, 'utf8'), { uniqueKeys: true, prettyErrors: true });
} catch (e) {
  fail(`cannot parse ${input}: ${e instanceof Error ? e.message : String(e)}`);
}
if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) fail(`${input} is not a YAML mapping`);
if (typeof spec.openapi !== 'string') fail(`${input} has no "openapi" version field`);
if (spec.paths === null || typeof spec.paths !== 'object') fail(`${input} has no "paths"`);

mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, JSON.stringify(spec, null, 2) + '\n');
console.log(`openapi-json: wrote ${output} (${Object.keys(spec.paths).length} paths)`);
