// Health, unknown routes, wrong methods, the served OpenAPI document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, show, expectError, tokenFor, DB_KIND } from './lib.mjs';

test('GET /health answers without auth with status, database kind and version', async () => {
  const res = await api('GET', '/health');
  assert.equal(res.status, 200, show(res));
  assert.match(res.headers.get('content-type') || '', /application\/json/);
  assert.equal(res.json.status, 'ok');
  assert.equal(res.json.database, DB_KIND, `server runs on ${res.json.database}, LUODI_DB_KIND=${DB_KIND}`);
  assert.equal(typeof res.json.version, 'string');
  assert.match(res.json.version, /^\d+\.\d+\.\d+/);
});

test('GET /health/ready: 200 ready when the database answers and has every migration', async () => {
  const res = await api('GET', '/health/ready');
  assert.equal(res.status, 200, show(res));
  assert.equal(res.json.status, 'ready', show(res));
  assert.equal(res.json.database, DB_KIND);
  assert.equal(res.json.pending_migrations, 0, show(res));
  assert.ok(Number.isInteger(res.json.schema_version) && res.json.schema_version >= 11, show(res));
  assert.equal(res.headers.get('cache-control'), 'no-store');
  // Polled often, answered from a probe cached for a second: still right every time.
  const many = await Promise.all(Array.from({ length: 50 }, () => api('GET', '/health')));
  for (const r of many) assert.equal(r.status, 200, show(r));
});

test('unknown route → 404 JSON not_found (with and without a token)', async () => {
  const token = await tokenFor('hr');
  expectError(await api('GET', '/no-such-route-xyz', { token }), 404, 'not_found');
  expectError(await api('GET', '/employees/1/no-such-sub-route', { token }), 404, 'not_found');
  expectError(await api('POST', '/no-such-route-xyz', { token, body: {} }), 404, 'not_found');
  // Without a token the answer must still be a JSON error (404, or 401 if auth runs first).
  expectError(await api('GET', '/no-such-route-xyz'), [404, 401], ['not_found', 'unauthorized']);
});

test('wrong method on a known path → 405 (or 404) with the JSON error envelope', async () => {
  const token = await tokenFor('hr');
  for (const [method, path] of [
    ['DELETE', '/health'],
    ['PUT', '/employees'],
    ['GET', '/auth/login'],
    ['DELETE', '/me'],
    ['PUT', '/openapi.json'],
  ]) {
    const res = await api(method, path, { token });
    const e = expectError(res, [405, 404], ['method_not_allowed', 'not_found']);
    if (res.status === 405) assert.equal(e.code, 'method_not_allowed', `${method} ${path}: ${show(res)}`);
    if (res.status === 404) assert.equal(e.code, 'not_found', `${method} ${path}: ${show(res)}`);
  }
});

test('GET /openapi.json serves the contract as JSON without auth', async () => {
  const res = await api('GET', '/openapi.json');
  assert.equal(res.status, 200, show(res));
  assert.match(res.headers.get('content-type') || '', /json/);
  assert.ok(res.json, 'body is not JSON');
  assert.match(String(res.json.openapi), /^3\./);
  assert.ok(res.json.paths && typeof res.json.paths === 'object');
  for (const p of [
    '/health',
    '/auth/login',
    '/auth/logout',
    '/me',
    '/me/password',
    '/branches',
    '/branches/{id}',
    '/departments',
    '/departments/{id}',
    '/departments/{id}/tree',
    '/employees',
    '/employees/{id}',
    '/employees/import',
    '/employees/export.xlsx',
    '/audit',
    '/openapi.json',
  ]) {
    assert.ok(res.json.paths[p], `openapi.json lacks path ${p}`);
  }
  assert.ok(res.json.paths['/employees'].get && res.json.paths['/employees'].post);
  assert.ok(res.json.components?.schemas?.Employee, 'no Employee schema');
});
