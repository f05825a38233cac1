// People who leave (status left, or deleted) lose access at once: every session ends, logging in
// answers 403 account_inactive, and they drop out of future audiences; what they did stays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  api, show, expectError, tokenFor, login, createLoginUser, createEmployee, listAll, uid, randomHan,
} from './lib.mjs';
import { createTraining, publish, enrollments, reflectionTraining, putSubmission, han } from './training_lib.mjs';

async function me(token) {
  return api('GET', '/me', { token });
}

test('leaving ends every session at once and login answers 403 account_inactive; rehiring restores it', async () => {
  const hr = await tokenFor('hr');
  const u = await createLoginUser();
  const a = await login(u.login, u.password);
  const b = await login(u.login, u.password);
  // Twice each, so the answers sit in the token and /me caches (served without the database).
  for (const t of [a, b, a, b]) assert.equal((await me(t)).status, 200);

  const left = await api('PATCH', `/employees/${u.employee.id}`, { token: hr, body: { status: 'left' } });
  assert.equal(left.status, 200, show(left));
  assert.equal(left.json.status, 'left');

  for (const t of [a, b]) {
    expectError(await me(t), 401, 'unauthorized');
    expectError(await api('GET', '/me/trainings', { token: t }), 401, 'unauthorized');
  }
  const refused = await api('POST', '/auth/login', { body: { login: u.login, password: u.password } });
  expectError(refused, 403, 'account_inactive');
  // A wrong password says nothing about the account's state.
  expectError(await api('POST', '/auth/login', { body: { login: u.login, password: 'Wrong12345' } }), 401, 'invalid_credentials');

  // The record stays, with its login, for HR.
  const rec = await api('GET', `/employees/${u.employee.id}`, { token: hr });
  assert.equal(rec.status, 200, show(rec));
  assert.equal(rec.json.status, 'left');
  assert.equal(rec.json.login, u.login);

  // Back to active: the same password works again (old sessions stay ended).
  const back = await api('PATCH', `/employees/${u.employee.id}`, { token: hr, body: { status: 'active' } });
  assert.equal(back.status, 200, show(back));
  const again = await login(u.login, u.password);
  assert.equal((await me(again)).status, 200);
  expectError(await me(a), 401, 'unauthorized');
});

test('deleting an employee ends their sessions and their login', async () => {
  const hr = await tokenFor('hr');
  const u = await createLoginUser();
  const t = await login(u.login, u.password);
  assert.equal((await me(t)).status, 200);
  assert.equal((await me(t)).status, 200);
  const del = await api('DELETE', `/employees/${u.employee.id}`, { token: hr });
  assert.equal(del.status, 204, show(del));
  expectError(await me(t), 401, 'unauthorized');
  expectError(await api('POST', '/auth/login', { body: { login: u.login, password: u.password } }), 401, 'invalid_credentials');
});

test('leaving through a CSV import ends the sessions too', async () => {
  const hr = await tokenFor('hr');
  const u = await createLoginUser();
  const t = await login(u.login, u.password);
  assert.equal((await me(t)).status, 200);
  assert.equal((await me(t)).status, 200);
  const csv = `工号,姓名,部门,状态\n${u.employee.employee_no},${u.employee.name},${u.employee.department_name},离职\n`;
  const res = await api('POST', '/employees/import', { token: hr, raw: csv, headers: { 'Content-Type': 'text/csv' } });
  assert.equal(res.status, 200, show(res));
  assert.equal(res.json.updated, 1, show(res));
  expectError(await me(t), 401, 'unauthorized');
  expectError(await api('POST', '/auth/login', { body: { login: u.login, password: u.password } }), 403, 'account_inactive');
});

test('people who left are not enrolled by publishing or by hand; enrolled ones keep their records', async () => {
  const hr = await tokenFor('hr');
  const stays = await createEmployee({ name: `在职${randomHan(3)}` });
  const leaves = await createEmployee({ name: `离职${randomHan(3)}` });
  // Enrolled while still here, with a draft reflection on record.
  const worker = await createLoginUser();
  const before = await reflectionTraining({ employees: [worker.employee.id, stays.id] });
  const wt = await login(worker.login, worker.password);
  const draft = await putSubmission(wt, before.id, { text: han(30) });
  assert.equal(draft.status, 200, show(draft));

  for (const id of [leaves.id, worker.employee.id]) {
    const p = await api('PATCH', `/employees/${id}`, { token: hr, body: { status: 'left' } });
    assert.equal(p.status, 200, show(p));
  }

  // Publishing: the audience lists both, only the active one is enrolled.
  const t = await createTraining({ audience: { departments: [], employees: [stays.id, leaves.id], roles: [], job_levels: [] } });
  const pub = await publish(t.id);
  assert.equal(pub.enrolled, 1, show({ status: 200, json: pub }));
  const ids = (await enrollments(t.id, hr)).map((e) => e.employee_id);
  assert.deepEqual(ids, [stays.id]);

  // By hand: refused, naming the person.
  expectError(await api('POST', `/trainings/${t.id}/enrollments`, { token: hr, body: { add: [leaves.id] } }), 422,
    'validation_failed', ['add']);

  // The earlier training keeps the leaver's enrolment and draft, and the audience check does not
  // suggest removing them.
  const kept = await enrollments(before.id, hr);
  const row = kept.find((e) => e.employee_id === worker.employee.id);
  assert.ok(row, 'the leaver lost their enrolment');
  assert.equal(row.submission_status, 'draft');
  const diff = await api('GET', `/trainings/${before.id}/audience-diff`, { token: hr });
  assert.equal(diff.status, 200, show(diff));
  assert.ok(!diff.json.remove.some((e) => e.id === worker.employee.id), `leaver suggested for removal: ${show(diff)}`);
});

test('the people list and audit keep the leaver', async () => {
  const hr = await tokenFor('hr');
  const e = await createEmployee({ name: `留档${randomHan(3)}` });
  await api('PATCH', `/employees/${e.id}`, { token: hr, body: { status: 'left' } });
  const listed = await listAll(`/employees?status=left&q=${encodeURIComponent(e.employee_no)}`, hr);
  assert.deepEqual(listed.map((x) => x.id), [e.id]);
  const audit = await api('GET', `/audit?entity=employee&entity_id=${e.id}`, { token: hr });
  assert.ok(audit.json.items.some((a) => a.action === 'update' && a.after?.status === 'left'), show(audit));
  void uid;
});
