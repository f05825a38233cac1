// Roles and scope: out of scope → 404, in scope but forbidden → 403.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  api,
  show,
  expectError,
  expectList,
  tokenFor,
  listAll,
  org,
  dept,
  branch,
  subtreeIds,
  employeeByNo,
  uid,
  createEmployee,
  BRANCH_TECH,
  BRANCH_INST,
} from './lib.mjs';

async function someEmployeeIn(deptName, exceptNos = []) {
  const d = await dept(deptName);
  const items = await listAll(`/employees?department_id=${d.id}`, await tokenFor('hr'));
  const e = items.find((x) => !exceptNos.includes(x.employee_no) && x.status === 'active');
  assert.ok(e, `no employee in ${deptName}`);
  return e;
}

async function someEmployeeOfBranch(branchName) {
  const b = await branch(branchName);
  const items = await listAll(`/employees?branch_id=${b.id}&status=active`, await tokenFor('hr'));
  assert.ok(items.length > 0, `no employees in ${branchName}`);
  return items[0];
}

test('employee: other employee → 404, own record → 200', async () => {
  const token = await tokenFor('employee');
  const me = (await api('GET', '/me', { token })).json.employee;
  const other = await employeeByNo('E0002');
  expectError(await api('GET', `/employees/${other.id}`, { token }), 404, 'not_found');
  // A colleague in the same department is out of scope for a plain employee too.
  const colleague = await someEmployeeIn('销售一部', ['E0005']);
  expectError(await api('GET', `/employees/${colleague.id}`, { token }), 404, 'not_found');
  const own = await api('GET', `/employees/${me.id}`, { token });
  assert.equal(own.status, 200, show(own));
  assert.equal(own.json.employee_no, 'E0005');
});

test('employee: list shows only self', async () => {
  const token = await tokenFor('employee');
  const body = expectList(await api('GET', '/employees?limit=200', { token }));
  assert.deepEqual(
    body.items.map((e) => e.employee_no),
    ['E0005'],
  );
});

test('employee: POST /employees → 403', async () => {
  const token = await tokenFor('employee');
  const d = await dept('销售一部');
  const res = await api('POST', '/employees', {
    token,
    body: { employee_no: `X${uid()}`, name: '越权测试', department_id: d.id },
  });
  expectError(res, 403, 'forbidden');
});

test('employee: PATCH own record → 403 and nothing changes', async () => {
  const token = await tokenFor('employee');
  const me = (await api('GET', '/me', { token })).json.employee;
  expectError(await api('PATCH', `/employees/${me.id}`, { token, body: { position: '总经理' } }), 403, 'forbidden');
  const after = await employeeByNo('E0005');
  assert.notEqual(after.position, '总经理');
});

test('manager: list shows only the 销售一部 subtree', async () => {
  const token = await tokenFor('manager');
  const o = await org();
  const allowed = subtreeIds(o.deptList, (await dept('销售一部')).id);
  const items = await listAll('/employees', token);
  assert.ok(items.length >= 2, `manager sees ${items.length} employees`);
  for (const e of items) assert.ok(allowed.has(e.department_id), `manager sees ${e.employee_no} of dept ${e.department_id}`);
  const nos = items.map((e) => e.employee_no);
  assert.ok(nos.includes('E0005'), 'manager does not see 王小雨');
  assert.ok(nos.includes('E0003'), 'manager does not see himself');
});

test('manager: employee of 研发部 → 404', async () => {
  const token = await tokenFor('manager');
  const e = await someEmployeeIn('研发部');
  expectError(await api('GET', `/employees/${e.id}`, { token }), 404, 'not_found');
  const inst = await someEmployeeOfBranch(BRANCH_INST);
  expectError(await api('GET', `/employees/${inst.id}`, { token }), 404, 'not_found');
});

test('manager: employee of 销售一部 → 200', async () => {
  const token = await tokenFor('manager');
  const e = await employeeByNo('E0005');
  const res = await api('GET', `/employees/${e.id}`, { token });
  assert.equal(res.status, 200, show(res));
  assert.equal(res.json.name, '王小雨');
});

test('manager: PATCH an employee of 销售一部 → 403', async () => {
  const token = await tokenFor('manager');
  const e = await employeeByNo('E0005');
  expectError(await api('PATCH', `/employees/${e.id}`, { token, body: { position: '经理' } }), 403, 'forbidden');
  expectError(await api('DELETE', `/employees/${e.id}`, { token }), 403, 'forbidden');
});

test('hr2 (研究院 only): employee of 科技 → 404', async () => {
  const token = await tokenFor('hr2');
  const e = await employeeByNo('E0005');
  expectError(await api('GET', `/employees/${e.id}`, { token }), 404, 'not_found');
  expectError(await api('PATCH', `/employees/${e.id}`, { token, body: { position: 'x' } }), 404, 'not_found');
});

test('hr2: GET /branches shows only 研究院; other branch → 404', async () => {
  const token = await tokenFor('hr2');
  const items = await listAll('/branches', token);
  assert.deepEqual(
    items.map((b) => b.name),
    [BRANCH_INST],
  );
  const tech = await branch(BRANCH_TECH);
  expectError(await api('GET', `/branches/${tech.id}`, { token }), 404, 'not_found');
});

test('hr2: lists of departments and employees stay inside 研究院', async () => {
  const token = await tokenFor('hr2');
  const inst = await branch(BRANCH_INST);
  const depts = await listAll('/departments', token, 1000);
  assert.ok(depts.length >= 3, `hr2 sees ${depts.length} departments`);
  for (const d of depts) assert.equal(d.branch_id, inst.id, `hr2 sees department ${d.name}`);
  const emps = await listAll('/employees', token);
  assert.ok(emps.length > 0);
  for (const e of emps) assert.equal(e.branch_id, inst.id, `hr2 sees ${e.employee_no}`);
  assert.ok(emps.some((e) => e.name === '孙丽'), 'hr2 does not see herself');
});

test('hr2: PATCH an employee of 研究院 → 200', async () => {
  const token = await tokenFor('hr2');
  const e = await createEmployee({ department_id: (await dept('科研处')).id });
  const pos = `研究员${uid(4)}`;
  const res = await api('PATCH', `/employees/${e.id}`, { token, body: { position: pos } });
  assert.equal(res.status, 200, show(res));
  assert.equal(res.json.position, pos);
  assert.equal(res.json.name, e.name);
  assert.equal(res.json.employee_no, e.employee_no);
});

test('hr2: POST /branches → 403', async () => {
  const token = await tokenFor('hr2');
  const res = await api('POST', '/branches', { token, body: { name: `越权分支${uid()}`, kind: 'enterprise' } });
  expectError(res, 403, 'forbidden');
});

test('hr (unrestricted): sees both branches and employees everywhere', async () => {
  const token = await tokenFor('hr');
  const names = (await listAll('/branches', token)).map((b) => b.name);
  assert.ok(names.includes(BRANCH_TECH) && names.includes(BRANCH_INST), `${names}`);
  for (const e of [await employeeByNo('E0005'), await someEmployeeOfBranch(BRANCH_INST), await someEmployeeIn('研发部')]) {
    const res = await api('GET', `/employees/${e.id}`, { token });
    assert.equal(res.status, 200, show(res));
  }
  const all = await listAll('/employees', token);
  assert.ok(all.length >= 60, `hr sees only ${all.length} employees`);
  const branchesSeen = new Set(all.map((e) => e.branch_id));
  assert.equal(branchesSeen.size >= 2, true);
});

test('audit as employee or manager → 403; as hr → 200', async () => {
  expectError(await api('GET', '/audit', { token: await tokenFor('employee') }), 403, 'forbidden');
  expectError(await api('GET', '/audit', { token: await tokenFor('manager') }), 403, 'forbidden');
  expectList(await api('GET', '/audit?limit=5', { token: await tokenFor('hr') }));
  expectList(await api('GET', '/audit?limit=5', { token: await tokenFor('sysadmin') }));
});

test('employee and manager cannot write branches or departments', async () => {
  const d = await dept('销售一部');
  for (const who of ['employee', 'manager', 'instructor']) {
    const token = await tokenFor(who);
    expectError(
      await api('POST', '/branches', { token, body: { name: `x${uid()}`, kind: 'enterprise' } }),
      403,
      'forbidden',
    );
    expectError(
      await api('POST', '/departments', { token, body: { name: `x${uid()}`, branch_id: d.branch_id, parent_id: d.id } }),
      403,
      'forbidden',
    );
  }
});
