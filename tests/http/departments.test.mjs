// Departments: tree, cycles, branch rules, delete rules, filters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, show, expectError, tokenFor, listAll, dept, uid, createEmployee } from './lib.mjs';

async function post(token, path, body) {
  const res = await api('POST', path, { token, body });
  assert.equal(res.status, 201, `POST ${path} ${JSON.stringify(body)}: ${show(res)}`);
  return res.json;
}

/** A fresh branch with root R → (A → A1), B. */
async function freshTree() {
  const token = await tokenFor('hr');
  const tag = uid();
  const br = await post(token, '/branches', { name: `部门测试分支${tag}`, kind: 'enterprise' });
  const R = await post(token, '/departments', { name: `总部${tag}`, branch_id: br.id });
  const A = await post(token, '/departments', { name: `甲部${tag}`, branch_id: br.id, parent_id: R.id });
  const A1 = await post(token, '/departments', { name: `甲一组${tag}`, branch_id: br.id, parent_id: A.id });
  const B = await post(token, '/departments', { name: `乙部${tag}`, branch_id: br.id, parent_id: R.id });
  return { token, tag, br, R, A, A1, B };
}

test('departments: create under a parent returns all fields', async () => {
  const { br, R, A } = await freshTree();
  assert.equal(R.parent_id, null);
  assert.equal(R.branch_id, br.id);
  assert.equal(A.parent_id, R.id);
  assert.equal(A.branch_id, br.id);
  for (const d of [R, A]) {
    assert.ok(d.id);
    assert.equal(d.manager_id, null);
    assert.equal(d.manager_name, null);
    assert.equal(d.employee_count, 0);
    assert.ok(!Number.isNaN(Date.parse(d.created_at)));
    assert.ok(!Number.isNaN(Date.parse(d.updated_at)));
  }
});

test('departments: validation — missing name/branch_id, unknown parent', async () => {
  const token = await tokenFor('hr');
  const { br } = await freshTree();
  expectError(await api('POST', '/departments', { token, body: { branch_id: br.id } }), 422, 'validation_failed', ['name']);
  expectError(await api('POST', '/departments', { token, body: { name: `x${uid()}` } }), 422, 'validation_failed', [
    'branch_id',
  ]);
  expectError(
    await api('POST', '/departments', { token, body: { name: `x${uid()}`, branch_id: br.id, parent_id: 987654321 } }),
    422,
    'validation_failed',
    ['parent_id'],
  );
});

test('departments: demo tree facts (销售一部 under 销售部, headed by 张伟)', async () => {
  const s1 = await dept('销售一部');
  const s = await dept('销售部');
  const hq = await dept('公司总部');
  assert.equal(s1.parent_id, s.id);
  assert.equal(s.parent_id, hq.id);
  assert.equal(hq.parent_id, null);
  assert.equal(s1.manager_name, '张伟');
  assert.ok(s1.manager_id);
  assert.ok(s1.employee_count >= 2, `销售一部 employee_count ${s1.employee_count}`);
});

test('departments: GET /departments/{id}/tree nests children recursively', async () => {
  const { token, R, A, A1, B } = await freshTree();
  const res = await api('GET', `/departments/${R.id}/tree`, { token });
  assert.equal(res.status, 200, show(res));
  const t = res.json;
  assert.equal(t.id, R.id);
  assert.equal(t.name, R.name);
  assert.ok(Array.isArray(t.children));
  assert.deepEqual(t.children.map((c) => c.id).sort((x, y) => x - y), [A.id, B.id].sort((x, y) => x - y));
  const a = t.children.find((c) => c.id === A.id);
  assert.equal(a.children.length, 1);
  assert.equal(a.children[0].id, A1.id);
  assert.equal(a.children[0].name, A1.name);
  assert.deepEqual(a.children[0].children, []);
  assert.deepEqual(t.children.find((c) => c.id === B.id).children, []);

  const sub = await api('GET', `/departments/${A.id}/tree`, { token });
  assert.equal(sub.status, 200);
  assert.equal(sub.json.children[0].id, A1.id);

  // Demo: 公司总部 tree holds 销售部 → 销售一部.
  const hq = await dept('公司总部');
  const demo = (await api('GET', `/departments/${hq.id}/tree`, { token })).json;
  const sales = demo.children.find((c) => c.name === '销售部');
  assert.ok(sales, 'no 销售部 under 公司总部');
  assert.ok(sales.children.some((c) => c.name === '销售一部'));
  assert.ok(sales.children.some((c) => c.name === '销售二部'));

  expectError(await api('GET', `/departments/987654321/tree`, { token }), 404, 'not_found');
});

test('departments: parent change making a cycle → 422 field parent_id', async () => {
  const { token, R, A, A1 } = await freshTree();
  expectError(await api('PATCH', `/departments/${R.id}`, { token, body: { parent_id: A1.id } }), 422, 'validation_failed', [
    'parent_id',
  ]);
  expectError(await api('PATCH', `/departments/${A.id}`, { token, body: { parent_id: A.id } }), 422, 'validation_failed', [
    'parent_id',
  ]);
  // Nothing changed.
  assert.equal((await api('GET', `/departments/${R.id}`, { token })).json.parent_id, null);
  // A legal move works: A1 straight under R (partial PATCH, rename at once).
  const moved = await api('PATCH', `/departments/${A1.id}`, { token, body: { parent_id: R.id, name: `${A1.name}改` } });
  assert.equal(moved.status, 200, show(moved));
  assert.equal(moved.json.parent_id, R.id);
  assert.equal(moved.json.name, `${A1.name}改`);
});

test('departments: parent in another branch → 422', async () => {
  const { token, br, A } = await freshTree();
  const hq = await dept('公司总部');
  expectError(
    await api('POST', '/departments', { token, body: { name: `跨分支${uid()}`, branch_id: br.id, parent_id: hq.id } }),
    422,
    'validation_failed',
    ['parent_id'],
  );
  expectError(await api('PATCH', `/departments/${A.id}`, { token, body: { parent_id: hq.id } }), 422, 'validation_failed', [
    'parent_id',
  ]);
});

test('departments: delete with children or employees → 409, empty → 204', async () => {
  const { token, R, A, A1, B } = await freshTree();
  expectError(await api('DELETE', `/departments/${R.id}`, { token }), 409, 'conflict');
  expectError(await api('DELETE', `/departments/${A.id}`, { token }), 409, 'conflict');
  await createEmployee({ department_id: B.id });
  expectError(await api('DELETE', `/departments/${B.id}`, { token }), 409, 'conflict');
  assert.equal((await api('GET', `/departments/${B.id}`, { token })).json.employee_count, 1);
  const del = await api('DELETE', `/departments/${A1.id}`, { token });
  assert.equal(del.status, 204, show(del));
  expectError(await api('GET', `/departments/${A1.id}`, { token }), 404, 'not_found');
  assert.equal((await api('DELETE', `/departments/${A.id}`, { token })).status, 204);
});

test('departments: list by branch_id, parent_id and q', async () => {
  const { token, tag, br, R, A, A1, B } = await freshTree();
  const inBranch = await listAll(`/departments?branch_id=${br.id}`, token, 1000);
  assert.deepEqual(new Set(inBranch.map((d) => d.id)), new Set([R.id, A.id, A1.id, B.id]));
  const children = await listAll(`/departments?parent_id=${R.id}`, token, 1000);
  assert.deepEqual(new Set(children.map((d) => d.id)), new Set([A.id, B.id]));
  const q = await listAll(`/departments?q=${encodeURIComponent('甲一组' + tag)}`, token, 1000);
  assert.deepEqual(
    q.map((d) => d.id),
    [A1.id],
  );
  // limit up to 1000 is fine here, above is not.
  assert.equal((await api('GET', '/departments?limit=1000', { token })).status, 200);
  expectError(await api('GET', '/departments?limit=1001', { token }), [400, 422], ['invalid_parameter', 'validation_failed'], [
    'limit',
  ]);
});
