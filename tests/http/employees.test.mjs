// Employees: create/validate/patch, search, filters, cursor pagination.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  api,
  show,
  expectError,
  expectList,
  tokenFor,
  listAll,
  dept,
  branch,
  uid,
  randomHan,
  createEmployee,
  BRANCH_TECH,
} from './lib.mjs';

function fullBody(d) {
  return {
    employee_no: `T${uid(10)}`,
    name: `测试${randomHan(3)}`,
    gender: 'female',
    phone: '13800138000',
    email: `t${uid()}@example.com`,
    hire_date: '2023-04-01',
    department_id: d.id,
    position: '软件工程师',
    job_level: 'P5',
    employment_type: 'contract',
    title_series: '工程技术',
    title_level: '中级',
    status: 'active',
  };
}

test('employees: create 201 — every field round-trips', async () => {
  const token = await tokenFor('hr');
  const d = await dept('研发部');
  const body = fullBody(d);
  const res = await api('POST', '/employees', { token, body });
  assert.equal(res.status, 201, show(res));
  const e = res.json;
  for (const [k, v] of Object.entries(body)) assert.deepEqual(e[k], v, `field ${k}`);
  assert.ok(e.id);
  assert.equal(e.branch_id, (await branch(BRANCH_TECH)).id, 'branch not taken from the department');
  assert.equal(e.login, null);
  assert.ok(Array.isArray(e.roles));
  assert.ok(!Number.isNaN(Date.parse(e.created_at)));
  assert.ok(!Number.isNaN(Date.parse(e.updated_at)));
  const got = await api('GET', `/employees/${e.id}`, { token });
  assert.equal(got.status, 200, show(got));
  for (const [k, v] of Object.entries(body)) assert.deepEqual(got.json[k], v, `GET field ${k}`);

  // Minimal body: optional fields come back null / defaults.
  const min = await api('POST', '/employees', {
    token,
    body: { employee_no: `T${uid(10)}`, name: '最小字段', department_id: d.id },
  });
  assert.equal(min.status, 201, show(min));
  for (const k of ['gender', 'phone', 'email', 'hire_date', 'position', 'job_level', 'title_series', 'title_level']) {
    assert.equal(min.json[k], null, `default of ${k}`);
  }
  assert.equal(min.json.status, 'active');
  assert.ok(['full_time', 'part_time', 'contract', 'intern', 'dispatched'].includes(min.json.employment_type));
});

test('employees: create with login and roles → the login works with those roles', async () => {
  const token = await tokenFor('hr');
  const d = await dept('研发部');
  const login = `t_${uid(10)}`;
  const res = await api('POST', '/employees', {
    token,
    body: { ...fullBody(d), login, password: 'Start1234x', roles: ['employee', 'instructor'] },
  });
  assert.equal(res.status, 201, show(res));
  assert.equal(res.json.login, login);
  assert.deepEqual([...res.json.roles].sort(), ['employee', 'instructor']);
  const l = await api('POST', '/auth/login', { body: { login, password: 'Start1234x' } });
  assert.equal(l.status, 200, show(l));
  assert.deepEqual([...l.json.user.roles].sort(), ['employee', 'instructor']);
  // A weak password or a taken login is refused.
  expectError(
    await api('POST', '/employees', { token, body: { ...fullBody(d), login: `t_${uid(10)}`, password: 'weak' } }),
    422,
    'validation_failed',
    ['password'],
  );
  expectError(
    await api('POST', '/employees', { token, body: { ...fullBody(d), login, password: 'Start1234x' } }),
    409,
    'conflict',
    ['login'],
  );
  expectError(
    await api('POST', '/employees', { token, body: { ...fullBody(d), roles: ['emperor'] } }),
    422,
    'validation_failed',
    ['roles'],
  );
});

test('employees: duplicate employee_no → 409 conflict field employee_no', async () => {
  const token = await tokenFor('hr');
  const d = await dept('研发部');
  const body = fullBody(d);
  assert.equal((await api('POST', '/employees', { token, body })).status, 201);
  expectError(
    await api('POST', '/employees', { token, body: { ...body, name: '另一个人' } }),
    409,
    'conflict',
    ['employee_no'],
  );
  expectError(
    await api('POST', '/employees', { token, body: { ...body, employee_no: 'E0005' } }),
    409,
    'conflict',
    ['employee_no'],
  );
  // PATCH onto a taken number too.
  const other = await createEmployee();
  expectError(
    await api('PATCH', `/employees/${other.id}`, { token, body: { employee_no: body.employee_no } }),
    409,
    'conflict',
    ['employee_no'],
  );
});

test('employees: invalid email, hire_date and gender → 422 naming each field', async () => {
  const token = await tokenFor('hr');
  const d = await dept('研发部');
  const res = await api('POST', '/employees', {
    token,
    body: { ...fullBody(d), email: 'not-an-email', hire_date: '2023-13-45', gender: 'x' },
  });
  expectError(res, 422, 'validation_failed', ['email', 'hire_date', 'gender']);
  for (const [k, v] of [
    ['hire_date', '2023-02-30'],
    ['hire_date', '01/04/2023'],
    ['employment_type', 'volunteer'],
    ['status', 'dead'],
    ['department_id', 987654321],
    ['name', ''],
    ['employee_no', ''],
  ]) {
    expectError(
      await api('POST', '/employees', { token, body: { ...fullBody(d), [k]: v } }),
      422,
      'validation_failed',
      [k],
    );
  }
});

test('employees: missing required fields → 422 naming each', async () => {
  const token = await tokenFor('hr');
  expectError(await api('POST', '/employees', { token, body: {} }), 422, 'validation_failed', [
    'employee_no',
    'name',
    'department_id',
  ]);
  const d = await dept('研发部');
  expectError(
    await api('POST', '/employees', { token, body: { name: '无工号', department_id: d.id } }),
    422,
    'validation_failed',
    ['employee_no'],
  );
});

test('employees: PATCH is partial and validated', async () => {
  const token = await tokenFor('hr');
  const e = await createEmployee({ phone: '13900000000', position: '会计' });
  const p = await api('PATCH', `/employees/${e.id}`, { token, body: { phone: '13911112222' } });
  assert.equal(p.status, 200, show(p));
  assert.equal(p.json.phone, '13911112222');
  assert.equal(p.json.position, '会计');
  assert.equal(p.json.name, e.name);
  const cleared = await api('PATCH', `/employees/${e.id}`, { token, body: { position: null } });
  assert.equal(cleared.status, 200, show(cleared));
  assert.equal(cleared.json.position, null);
  expectError(await api('PATCH', `/employees/${e.id}`, { token, body: { email: 'bad' } }), 422, 'validation_failed', [
    'email',
  ]);
  // Move to a department of the other branch: branch follows.
  const k = await dept('科研处');
  const moved = await api('PATCH', `/employees/${e.id}`, { token, body: { department_id: k.id } });
  assert.equal(moved.status, 200, show(moved));
  assert.equal(moved.json.branch_id, k.branch_id);
  expectError(await api('PATCH', '/employees/987654321', { token, body: { phone: '1' } }), 404, 'not_found');
});

test('employees: q finds a Chinese substring of the name and an employee_no substring', async () => {
  const token = await tokenFor('hr');
  const han = randomHan(4);
  const e = await createEmployee({ name: `欧阳${han}` });
  const byName = await listAll(`/employees?q=${encodeURIComponent(han.slice(1, 3))}`, token);
  assert.ok(byName.some((x) => x.id === e.id), `q=${han.slice(1, 3)} misses ${e.name}`);
  for (const x of byName) {
    assert.ok(x.name.includes(han.slice(1, 3)) || x.employee_no.includes(han.slice(1, 3)), `q match ${x.name}`);
  }
  const mid = e.employee_no.slice(2, 9);
  const byNo = await listAll(`/employees?q=${encodeURIComponent(mid)}`, token);
  assert.deepEqual(
    byNo.map((x) => x.id),
    [e.id],
  );
  const demo = await listAll(`/employees?q=${encodeURIComponent('小雨')}`, token);
  assert.ok(demo.some((x) => x.employee_no === 'E0005'));
  const none = expectList(await api('GET', `/employees?q=${encodeURIComponent('不存在的名字' + uid())}`, { token }));
  assert.deepEqual(none.items, []);
  assert.equal(none.next_cursor, null);
  // LIKE wildcards are literal.
  const pct = expectList(await api('GET', `/employees?q=${encodeURIComponent('%')}&limit=5`, { token }));
  assert.ok(pct.items.every((x) => x.name.includes('%') || x.employee_no.includes('%')), 'q=% acts as a wildcard');
});

test('employees: department_id with include_subtree=true includes child departments', async () => {
  const token = await tokenFor('hr');
  const sales = await dept('销售部');
  const s1 = await dept('销售一部');
  const sub = await listAll(`/employees?department_id=${sales.id}&include_subtree=true`, token);
  assert.ok(sub.some((e) => e.employee_no === 'E0005'), 'subtree misses 王小雨');
  const flat = await listAll(`/employees?department_id=${sales.id}`, token);
  assert.ok(!flat.some((e) => e.employee_no === 'E0005'), '王小雨 listed without include_subtree');
  assert.ok(flat.every((e) => e.department_id === sales.id));
  assert.ok(sub.length > flat.length);
  const only1 = await listAll(`/employees?department_id=${s1.id}`, token);
  assert.ok(only1.every((e) => e.department_id === s1.id));
  assert.ok(only1.some((e) => e.employee_no === 'E0005'));
});

test('employees: status and branch_id filters', async () => {
  const token = await tokenFor('hr');
  const left = await createEmployee({ status: 'left' });
  const active = await createEmployee();
  const l = await listAll(`/employees?status=left`, token);
  assert.ok(l.some((x) => x.id === left.id));
  assert.ok(l.every((x) => x.status === 'left'));
  assert.ok(!l.some((x) => x.id === active.id));
  const a = await listAll(`/employees?status=active&q=${encodeURIComponent(left.employee_no)}`, token);
  assert.deepEqual(a, []);
  const b = await branch(BRANCH_TECH);
  const inB = await listAll(`/employees?branch_id=${b.id}`, token);
  assert.ok(inB.length > 0 && inB.every((x) => x.branch_id === b.id));
  expectError(await api('GET', '/employees?status=dead', { token }), [400, 422], ['invalid_parameter', 'validation_failed'], [
    'status',
  ]);
});

test('employees: cursor pagination with limit=7 walks everything exactly once', async () => {
  const token = await tokenFor('hr');
  const all = await listAll('/employees', token, 200);
  const seen = new Set();
  let cursor = null;
  let pages = 0;
  for (;;) {
    const res = await api('GET', `/employees?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
    const body = expectList(res);
    pages++;
    assert.ok(body.items.length <= 7, `page of ${body.items.length}`);
    if (body.next_cursor !== null) assert.equal(body.items.length, 7, 'short page before the end');
    for (const e of body.items) {
      assert.ok(!seen.has(e.id), `duplicate ${e.employee_no} on page ${pages}`);
      seen.add(e.id);
    }
    if (body.next_cursor === null) break;
    cursor = body.next_cursor;
    assert.ok(pages < 5000);
  }
  assert.equal(seen.size, all.length);
  assert.deepEqual(new Set(all.map((e) => e.id)), seen);
  assert.ok(pages >= Math.ceil(all.length / 7));
  // Default page size is 50.
  const def = expectList(await api('GET', '/employees', { token }));
  assert.equal(def.items.length, Math.min(50, all.length));
});

test('employees: cursor pagination keeps filters', async () => {
  const token = await tokenFor('hr');
  const sales = await dept('销售部');
  const full = await listAll(`/employees?department_id=${sales.id}&include_subtree=true`, token, 200);
  const paged = await listAll(`/employees?department_id=${sales.id}&include_subtree=true`, token, 3);
  assert.deepEqual(
    paged.map((e) => e.id),
    full.map((e) => e.id),
  );
});

test('employees: invalid limit or cursor → 400 invalid_parameter naming it', async () => {
  const token = await tokenFor('hr');
  for (const limit of ['0', '201', 'abc', '-1', '1.5', '99999999999999999999']) {
    expectError(
      await api('GET', `/employees?limit=${limit}`, { token }),
      [400, 422],
      ['invalid_parameter', 'validation_failed'],
      ['limit'],
    );
  }
  expectError(
    await api('GET', `/employees?cursor=${encodeURIComponent('not a cursor!!')}`, { token }),
    [400, 422],
    ['invalid_parameter', 'validation_failed'],
    ['cursor'],
  );
  expectError(
    await api('GET', `/employees?department_id=abc`, { token }),
    [400, 422],
    ['invalid_parameter', 'validation_failed'],
    ['department_id'],
  );
});

test('employees: DELETE of an unknown id → 404; of a fresh one → 204 (or 409 if it has history)', async () => {
  const token = await tokenFor('hr');
  expectError(await api('DELETE', '/employees/987654321', { token }), 404, 'not_found');
  const e = await createEmployee();
  const del = await api('DELETE', `/employees/${e.id}`, { token });
  if (del.status === 204) {
    expectError(await api('GET', `/employees/${e.id}`, { token }), 404, 'not_found');
  } else {
    expectError(del, 409, 'conflict');
  }
});
