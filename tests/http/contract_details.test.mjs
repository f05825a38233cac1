// Small contract mismatches (issue 13, item 6): what the server answers matches what api/openapi.yaml says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { api, show, expectError, tokenFor, createEmployee, employeeByNo, dept, branch, uid, randomHan, BRANCH_TECH } from './lib.mjs';
import { MINUTE, at, people, publishedTraining } from './training_lib.mjs';

const SPEC = readFileSync(new URL('../../api/openapi.yaml', import.meta.url), 'utf8');

/** maxLength of a string property in a component schema of api/openapi.yaml (a tiny YAML reader). */
function specMaxLength(schema, property) {
  const start = SPEC.indexOf(`\n    ${schema}:\n`);
  assert.ok(start >= 0, `schema ${schema} not in the spec`);
  const end = SPEC.slice(start + 1).search(/\n    [A-Za-z]+:\n/);
  const block = SPEC.slice(start, end < 0 ? undefined : start + 1 + end);
  const m = block.match(new RegExp(`\\n        ${property}:\\n((?:          .*\\n)+)`));
  assert.ok(m, `${schema}.${property} not in the spec`);
  const max = m[1].match(/maxLength: (\d+)/);
  assert.ok(max, `${schema}.${property} has no maxLength`);
  return Number(max[1]);
}

test('POST /points/adjustments answers the ledger id of the new entry', async () => {
  const hr = await tokenFor('hr');
  const e = await createEmployee();
  const a = await api('POST', '/points/adjustments', { token: hr, body: { employee_id: e.id, amount: 12, reason: '表彰' } });
  assert.equal(a.status, 201, show(a));
  assert.ok(Number.isInteger(a.json.id) && a.json.id > 0, `no ledger id: ${show(a)}`);
  const b = await api('POST', '/points/adjustments', { token: hr, body: { employee_id: e.id, amount: -2, reason: '更正' } });
  assert.equal(b.status, 201, show(b));
  assert.ok(b.json.id > a.json.id, show(b));
  const ledger = await api('GET', `/employees/${e.id}/points`, { token: hr });
  assert.equal(ledger.status, 200, show(ledger));
  assert.deepEqual(ledger.json.entries.map((x) => [x.id, x.amount]), [[b.json.id, -2], [a.json.id, 12]]);
});

test('the documented employee_no and name limits are the server limits', async () => {
  const hr = await tokenFor('hr');
  const d = await dept('财务部');
  for (const schema of ['EmployeeCreate', 'EmployeePatch']) {
    assert.equal(specMaxLength(schema, 'employee_no'), 32, `${schema}.employee_no`);
    assert.equal(specMaxLength(schema, 'name'), 50, `${schema}.name`);
  }
  const maxNo = specMaxLength('EmployeeCreate', 'employee_no');
  const maxName = specMaxLength('EmployeeCreate', 'name');
  const longestNo = `T${uid(10)}`.padEnd(maxNo, 'x');
  const ok = await api('POST', '/employees', { token: hr, body: { employee_no: longestNo, name: '名'.repeat(maxName), department_id: d.id } });
  assert.equal(ok.status, 201, show(ok));
  expectError(await api('POST', '/employees', { token: hr, body: { employee_no: 'T'.repeat(maxNo + 1), name: '名', department_id: d.id } }),
    422, 'validation_failed', ['employee_no']);
  expectError(await api('POST', '/employees', { token: hr, body: { employee_no: `T${uid(10)}`, name: '名'.repeat(maxName + 1), department_id: d.id } }),
    422, 'validation_failed', ['name']);
  expectError(await api('POST', '/employees', { token: hr, body: { employee_no: `T${uid(6)}/1`, name: '名', department_id: d.id } }),
    422, 'validation_failed', ['employee_no']);
});

test('check-in without a token → 422 validation_failed naming token', async () => {
  const { wang } = await people();
  const t = await publishedTraining({
    sessions: [{ start_at: at(-10 * MINUTE), end_at: at(50 * MINUTE), place: '报告厅', credit_hours: 1 }],
    audience: { departments: [], employees: [wang.id], roles: [], job_levels: [] },
  });
  const emp = await tokenFor('employee');
  const s = t.sessions[0].id;
  for (const body of [{}, { token: null }, { token: '' }, { token: 12345 }]) {
    const res = await api('POST', `/sessions/${s}/checkin`, { token: emp, body });
    expectError(res, 422, 'validation_failed', ['token']);
  }
  expectError(await api('POST', `/sessions/${s}/checkin`, { token: emp, body: { token: 'wrong' } }), 422, 'checkin_token_invalid', ['token']);
});

test('employment_type cannot be null or empty', async () => {
  const hr = await tokenFor('hr');
  const d = await dept('财务部');
  for (const v of [null, '']) {
    expectError(await api('POST', '/employees', {
      token: hr, body: { employee_no: `T${uid(10)}`, name: '名', department_id: d.id, employment_type: v },
    }), 422, 'validation_failed', ['employment_type']);
  }
  const e = await createEmployee({ employment_type: 'contract' });
  expectError(await api('PATCH', `/employees/${e.id}`, { token: hr, body: { employment_type: null } }), 422, 'validation_failed',
    ['employment_type']);
  const now = await api('GET', `/employees/${e.id}`, { token: hr });
  assert.equal(now.json.employment_type, 'contract');
});

test('a CSV with CR-only line ends imports like any other', async () => {
  const hr = await tokenFor('hr');
  const a = `T${uid(10)}`;
  const b = `T${uid(10)}`;
  const csv = `工号,姓名,部门\r${a},甲${randomHan(2)},财务部\r${b},乙${randomHan(2)},财务部\r`;
  const res = await api('POST', '/employees/import', { token: hr, raw: csv, headers: { 'Content-Type': 'text/csv' } });
  assert.equal(res.status, 200, show(res));
  assert.equal(res.json.created, 2, show(res));
  assert.ok(await employeeByNo(a, hr));
  assert.ok(await employeeByNo(b, hr));
});

test('the audit of an enrolment change records what changed, not what was asked', async () => {
  const hr = await tokenFor('hr');
  const x = await createEmployee();
  const y = await createEmployee();
  const z = await createEmployee();
  const t = await publishedTraining({ audience: { departments: [], employees: [x.id], roles: [], job_levels: [] } });
  // x is enrolled already; y is new (asked twice); z is not enrolled, so removing it changes nothing.
  const res = await api('POST', `/trainings/${t.id}/enrollments`, { token: hr, body: { add: [x.id, y.id, y.id], remove: [z.id] } });
  assert.equal(res.status, 200, show(res));
  assert.deepEqual(res.json, { added: 1, removed: 0 });
  const audit = await api('GET', `/audit?entity=enrollment&entity_id=${t.id}`, { token: hr });
  assert.equal(audit.status, 200, show(audit));
  assert.equal(audit.json.items.length, 1, show(audit));
  assert.deepEqual(audit.json.items[0].after, { training_id: t.id, added: [y.id], removed: [] });
  // A request that changes nothing leaves no record.
  const none = await api('POST', `/trainings/${t.id}/enrollments`, { token: hr, body: { add: [x.id], remove: [z.id] } });
  assert.deepEqual(none.json, { added: 0, removed: 0 });
  const after = await api('GET', `/audit?entity=enrollment&entity_id=${t.id}`, { token: hr });
  assert.equal(after.json.items.length, 1, show(after));
});

test('a string where an id belongs is a type error naming the field, not "not found"', async () => {
  const hr = await tokenFor('hr');
  const e = await createEmployee();
  const tech = await branch(BRANCH_TECH);
  const d = await dept('财务部');
  const typeError = (res, field) => {
    const err = expectError(res, 422, 'validation_failed', [field]);
    const detail = err.details.find((x) => x.field === field);
    assert.match(detail.message, /整数ID|integer id/, show(res));
  };
  typeError(await api('POST', '/points/adjustments', { token: hr, body: { employee_id: String(e.id), amount: 1, reason: 'x' } }), 'employee_id');
  typeError(await api('POST', '/redemptions', { token: await tokenFor('employee'), body: { reward_id: '1' } }), 'reward_id');
  typeError(await api('POST', '/performance/cycles', {
    token: hr, body: { branch_id: String(tech.id), name: `周期${uid(4)}`, period: 'month', start_date: '2026-01-01', end_date: '2026-01-31' },
  }), 'branch_id');
  typeError(await api('POST', '/employees', { token: hr, body: { employee_no: `T${uid(10)}`, name: '名', department_id: String(d.id) } }),
    'department_id');
  typeError(await api('PATCH', `/employees/${e.id}`, { token: hr, body: { manager_id: '1' } }), 'manager_id');
  typeError(await api('PATCH', `/departments/${d.id}`, { token: hr, body: { branch_id: String(d.branch_id) } }), 'branch_id');
  typeError(await api('POST', '/departments', { token: hr, body: { name: `部${uid(4)}`, branch_id: String(tech.id) } }), 'branch_id');
  typeError(await api('PATCH', `/employees/${e.id}`, {
    token: hr, body: { login: `t_${uid(8)}`, password: 'Passw0rd9x', roles: [{ role: 'hr_admin', branch_id: String(tech.id) }] },
  }), 'roles.branch_id');
  // Missing is still "required".
  expectError(await api('POST', '/points/adjustments', { token: hr, body: { amount: 1, reason: 'x' } }), 422, 'validation_failed',
    ['employee_id']);
});
