// Login, rate limit, logout, tokens, /me, password change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  api,
  show,
  expectError,
  login,
  loginFull,
  tokenFor,
  createLoginUser,
  dept,
  branch,
  uid,
  strongPassword,
  BRANCH_TECH,
  BRANCH_INST,
  DEMO_PASSWORD,
} from './lib.mjs';

const CJK = /[\u4e00-\u9fff]/;

test('login ok: token, expiry and user with roles (hr has hr_admin)', async () => {
  const res = await api('POST', '/auth/login', { body: { login: 'hr', password: DEMO_PASSWORD } });
  assert.equal(res.status, 200, show(res));
  const { token, expires_at, user } = res.json;
  assert.equal(typeof token, 'string');
  assert.ok(token.length >= 32, 'token shorter than 32 chars (256-bit random expected)');
  assert.ok(Date.parse(expires_at) > Date.now(), `expires_at not in the future: ${expires_at}`);
  assert.equal(user.login, 'hr');
  assert.equal(user.name, '陈静');
  assert.ok(Number.isInteger(user.id) || typeof user.id === 'string', 'user.id');
  assert.ok(Array.isArray(user.roles));
  assert.ok(user.roles.includes('hr_admin'), `roles ${user.roles}`);
  // Two logins give two different tokens.
  const again = await login('hr');
  assert.notEqual(again, token);
});

test('login with a wrong password → 401 invalid_credentials', async () => {
  const u = await createLoginUser();
  const res = await api('POST', '/auth/login', { body: { login: u.login, password: 'Wrong1234' } });
  const e = expectError(res, 401, 'invalid_credentials');
  assert.ok(!JSON.stringify(res.json).includes(u.password), 'answer leaks the password');
  assert.ok(!('token' in res.json));
  assert.ok(e.message.length > 0);
});

test('login with an unknown login → 401 invalid_credentials (same answer as a wrong password)', async () => {
  const res = await api('POST', '/auth/login', { body: { login: `nobody_${uid()}`, password: 'Whatever123' } });
  expectError(res, 401, 'invalid_credentials');
});

test('Accept-Language selects the error message language (zh-CN default, en)', async () => {
  const body = { login: `nobody_${uid()}`, password: 'Whatever123' };
  const zh = await api('POST', '/auth/login', { body });
  expectError(zh, 401, 'invalid_credentials');
  assert.match(zh.json.error.message, CJK, `default message not Chinese: ${show(zh)}`);
  const en = await api('POST', '/auth/login', { body, headers: { 'Accept-Language': 'en' } });
  expectError(en, 401, 'invalid_credentials');
  assert.doesNotMatch(en.json.error.message, CJK, `en message is Chinese: ${show(en)}`);
});

test('login with a missing field → 422 validation_failed naming password', async () => {
  const res = await api('POST', '/auth/login', { body: { login: 'hr' } });
  expectError(res, 422, 'validation_failed', ['password']);
  const res2 = await api('POST', '/auth/login', { body: {} });
  expectError(res2, 422, 'validation_failed', ['login', 'password']);
});

test('login with malformed JSON → 400 invalid_json', async () => {
  const res = await api('POST', '/auth/login', {
    raw: '{"login": "hr", "password": ',
    headers: { 'Content-Type': 'application/json' },
  });
  expectError(res, 400, 'invalid_json');
  const empty = await api('POST', '/auth/login', { raw: '', headers: { 'Content-Type': 'application/json' } });
  expectError(empty, [400, 422], ['invalid_json', 'validation_failed']);
});

test('login with a JSON array body → 400 invalid_json (or 422)', async () => {
  const res = await api('POST', '/auth/login', {
    raw: JSON.stringify(['hr', DEMO_PASSWORD]),
    headers: { 'Content-Type': 'application/json' },
  });
  expectError(res, [400, 422], ['invalid_json', 'validation_failed']);
  for (const raw of ['"hr"', '42', 'null', 'true']) {
    const r = await api('POST', '/auth/login', { raw, headers: { 'Content-Type': 'application/json' } });
    expectError(r, [400, 422], ['invalid_json', 'validation_failed']);
  }
});

test('rate limit: 10 wrong passwords → the 11th attempt, even right, → 429 too_many_attempts', async () => {
  const u = await createLoginUser();
  for (let i = 1; i <= 10; i++) {
    const res = await api('POST', '/auth/login', { body: { login: u.login, password: `Wrong${i}xyz` } });
    expectError(res, 401, 'invalid_credentials');
  }
  const res = await api('POST', '/auth/login', { body: { login: u.login, password: u.password } });
  expectError(res, 429, 'too_many_attempts');
  // The limit is per login: others are not affected.
  await login('instructor');
});

test('logout revokes the token: works, 204, then 401', async () => {
  const token = await login('employee');
  assert.equal((await api('GET', '/me', { token })).status, 200);
  const out = await api('POST', '/auth/logout', { token });
  assert.equal(out.status, 204, show(out));
  assert.equal(out.buf.length, 0, '204 with a body');
  expectError(await api('GET', '/me', { token }), 401, 'unauthorized');
  // Other tokens of the same user still work.
  const other = await tokenFor('employee');
  assert.equal((await api('GET', '/me', { token: other })).status, 200);
});

test('no token → 401 unauthorized', async () => {
  expectError(await api('GET', '/me'), 401, 'unauthorized');
  expectError(await api('GET', '/employees'), 401, 'unauthorized');
  expectError(await api('POST', '/auth/logout'), 401, 'unauthorized');
});

test('garbage or malformed token → 401 unauthorized', async () => {
  expectError(await api('GET', '/me', { token: 'garbage' }), 401, 'unauthorized');
  expectError(await api('GET', '/me', { token: 'A'.repeat(64) }), 401, 'unauthorized');
  const hr = await tokenFor('hr');
  expectError(await api('GET', '/me', { headers: { Authorization: `Basic ${hr}` } }), 401, 'unauthorized');
  expectError(await api('GET', '/me', { headers: { Authorization: 'Bearer' } }), 401, 'unauthorized');
  expectError(await api('GET', '/me', { token: hr.slice(0, -1) }), 401, 'unauthorized');
});

test('GET /me for employee: user, roles and own employee record with names', async () => {
  const token = await tokenFor('employee');
  const res = await api('GET', '/me', { token });
  assert.equal(res.status, 200, show(res));
  const { user, roles, employee } = res.json;
  assert.equal(user.login, 'employee');
  assert.equal(user.name, '王小雨');
  assert.ok(Array.isArray(roles) && roles.includes('employee'), `roles ${roles}`);
  assert.ok(!roles.includes('hr_admin') && !roles.includes('sys_admin'));
  assert.ok(employee, 'employee is null');
  assert.equal(employee.employee_no, 'E0005');
  assert.equal(employee.name, '王小雨');
  assert.equal(employee.department_name, '销售一部');
  assert.equal(employee.branch_name, BRANCH_TECH);
  assert.equal(employee.department_id, (await dept('销售一部')).id);
  assert.equal(employee.branch_id, (await branch(BRANCH_TECH)).id);
  assert.equal(employee.status, 'active');
});

test('GET /me: hr_branch_id is the branch for a limited HR and null otherwise', async () => {
  const hr2 = await api('GET', '/me', { token: await tokenFor('hr2') });
  assert.equal(hr2.status, 200, show(hr2));
  assert.equal(hr2.json.user.hr_branch_id, (await branch(BRANCH_INST)).id, show(hr2));
  assert.ok(hr2.json.roles.includes('hr_admin'));
  const hr = await api('GET', '/me', { token: await tokenFor('hr') });
  assert.equal(hr.json.user.hr_branch_id, null, show(hr));
  const mgr = await api('GET', '/me', { token: await tokenFor('manager') });
  assert.deepEqual([...mgr.json.roles].sort(), ['employee', 'manager']);
  assert.equal(mgr.json.employee.employee_no, 'E0003');
});

test('password change: wrong old 422, weak new 422, ok 204, old refused, new works', async () => {
  const u = await createLoginUser();
  const token = await login(u.login, u.password);
  const fresh = strongPassword();

  const wrongOld = await api('POST', '/me/password', {
    token,
    body: { old_password: 'NotMine123', new_password: fresh },
  });
  expectError(wrongOld, 422, 'validation_failed', ['old_password']);

  for (const weak of ['short1', 'abcdefghij', '1234567890', u.login]) {
    const res = await api('POST', '/me/password', { token, body: { old_password: u.password, new_password: weak } });
    expectError(res, 422, 'validation_failed', ['new_password']);
  }
  const missing = await api('POST', '/me/password', { token, body: { old_password: u.password } });
  expectError(missing, 422, 'validation_failed', ['new_password']);

  const ok = await api('POST', '/me/password', { token, body: { old_password: u.password, new_password: fresh } });
  assert.equal(ok.status, 204, show(ok));

  const old = await api('POST', '/auth/login', { body: { login: u.login, password: u.password } });
  expectError(old, 401, 'invalid_credentials');
  const t2 = await login(u.login, fresh);
  const me = await api('GET', '/me', { token: t2 });
  assert.equal(me.json.user.login, u.login);
  assert.equal(me.json.employee.id, u.employee.id);
});

test('POST /me/password without a token → 401', async () => {
  const res = await api('POST', '/me/password', { body: { old_password: 'x', new_password: 'Abcdefg123' } });
  expectError(res, 401, 'unauthorized');
});
