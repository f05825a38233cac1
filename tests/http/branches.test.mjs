// Branches CRUD.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, show, expectError, tokenFor, listAll, uid, BRANCH_INST, BRANCH_TECH } from './lib.mjs';

async function createBranch(token, body) {
  const res = await api('POST', '/branches', { token, body });
  assert.equal(res.status, 201, show(res));
  return res.json;
}

test('branches: create 201 with all fields, defaults time_zone', async () => {
  const token = await tokenFor('hr');
  const name = `测试分支${uid()}`;
  const b = await createBranch(token, { name, kind: 'enterprise' });
  assert.ok(b.id, 'no id');
  assert.equal(b.name, name);
  assert.equal(b.kind, 'enterprise');
  assert.equal(b.time_zone, 'Asia/Shanghai');
  assert.ok(!Number.isNaN(Date.parse(b.created_at)), `created_at ${b.created_at}`);
  assert.ok(!Number.isNaN(Date.parse(b.updated_at)), `updated_at ${b.updated_at}`);
  const b2 = await createBranch(await tokenFor('sysadmin'), {
    name: `测试事业单位${uid()}`,
    kind: 'public_institution',
    time_zone: 'Asia/Urumqi',
  });
  assert.equal(b2.kind, 'public_institution');
  assert.equal(b2.time_zone, 'Asia/Urumqi');
});

test('branches: missing name → 422 field name', async () => {
  const token = await tokenFor('hr');
  expectError(await api('POST', '/branches', { token, body: { kind: 'enterprise' } }), 422, 'validation_failed', ['name']);
  expectError(
    await api('POST', '/branches', { token, body: { name: '', kind: 'enterprise' } }),
    422,
    'validation_failed',
    ['name'],
  );
  expectError(
    await api('POST', '/branches', { token, body: { name: '长'.repeat(101), kind: 'enterprise' } }),
    422,
    'validation_failed',
    ['name'],
  );
});

test('branches: bad kind → 422 field kind; bad time zone → 422 field time_zone', async () => {
  const token = await tokenFor('hr');
  expectError(
    await api('POST', '/branches', { token, body: { name: `x${uid()}`, kind: 'company' } }),
    422,
    'validation_failed',
    ['kind'],
  );
  expectError(await api('POST', '/branches', { token, body: { name: `x${uid()}` } }), 422, 'validation_failed', ['kind']);
  expectError(
    await api('POST', '/branches', { token, body: { name: `x${uid()}`, kind: 'enterprise', time_zone: 'Mars/Olympus' } }),
    422,
    'validation_failed',
    ['time_zone'],
  );
  // Several problems at once are all named.
  expectError(await api('POST', '/branches', { token, body: {} }), 422, 'validation_failed', ['name', 'kind']);
});

test('branches: get, patch (partial), list filters', async () => {
  const token = await tokenFor('hr');
  const tag = uid();
  const b = await createBranch(token, { name: `分支${tag}`, kind: 'enterprise' });

  const got = await api('GET', `/branches/${b.id}`, { token });
  assert.equal(got.status, 200, show(got));
  assert.deepEqual(got.json, b);

  const newName = `改名分支${tag}`;
  const p = await api('PATCH', `/branches/${b.id}`, { token, body: { name: newName } });
  assert.equal(p.status, 200, show(p));
  assert.equal(p.json.name, newName);
  assert.equal(p.json.kind, 'enterprise');
  assert.equal(p.json.time_zone, 'Asia/Shanghai');
  assert.equal((await api('GET', `/branches/${b.id}`, { token })).json.name, newName);

  expectError(await api('PATCH', `/branches/${b.id}`, { token, body: { kind: 'nope' } }), 422, 'validation_failed', ['kind']);
  expectError(await api('PATCH', `/branches/${b.id}`, { token, body: { name: '' } }), 422, 'validation_failed', ['name']);

  const pub = await listAll('/branches?kind=public_institution', token);
  assert.ok(pub.every((x) => x.kind === 'public_institution'), 'kind filter leaks');
  assert.ok(pub.some((x) => x.name === BRANCH_INST));
  assert.ok(!pub.some((x) => x.id === b.id));
  const ent = await listAll('/branches?kind=enterprise', token);
  assert.ok(ent.every((x) => x.kind === 'enterprise'));
  assert.ok(ent.some((x) => x.id === b.id) && ent.some((x) => x.name === BRANCH_TECH));

  const q = await listAll(`/branches?q=${encodeURIComponent(tag)}`, token);
  assert.deepEqual(
    q.map((x) => x.id),
    [b.id],
  );
  const qzh = await listAll(`/branches?q=${encodeURIComponent('研究院')}`, token);
  assert.ok(qzh.some((x) => x.name === BRANCH_INST));
  assert.ok(!qzh.some((x) => x.name === BRANCH_TECH));

  expectError(await api('GET', '/branches?kind=bogus', { token }), [400, 422], ['invalid_parameter', 'validation_failed'], ['kind']);
});

test('branches: delete 204 then 404', async () => {
  const token = await tokenFor('hr');
  const b = await createBranch(token, { name: `待删分支${uid()}`, kind: 'enterprise' });
  const del = await api('DELETE', `/branches/${b.id}`, { token });
  assert.equal(del.status, 204, show(del));
  expectError(await api('GET', `/branches/${b.id}`, { token }), 404, 'not_found');
  expectError(await api('DELETE', `/branches/${b.id}`, { token }), 404, 'not_found');
  expectError(await api('PATCH', `/branches/${b.id}`, { token, body: { name: 'x' } }), 404, 'not_found');
});

test('branches: delete a branch that has departments → 409 conflict', async () => {
  const token = await tokenFor('hr');
  const b = await createBranch(token, { name: `有部门分支${uid()}`, kind: 'public_institution' });
  const d = await api('POST', '/departments', { token, body: { name: `部门${uid()}`, branch_id: b.id } });
  assert.equal(d.status, 201, show(d));
  expectError(await api('DELETE', `/branches/${b.id}`, { token }), 409, 'conflict');
  assert.equal((await api('GET', `/branches/${b.id}`, { token })).status, 200, 'branch gone after 409');
  // Once empty it can go.
  assert.equal((await api('DELETE', `/departments/${d.json.id}`, { token })).status, 204);
  assert.equal((await api('DELETE', `/branches/${b.id}`, { token })).status, 204);
});
