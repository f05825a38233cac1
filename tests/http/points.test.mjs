// Points: awards arrive from training events within seconds, once per source;
// HR adjustments and rules; refusals.
import test from 'node:test';
import assert from 'node:assert/strict';
import { api, show, tokenFor, login, createLoginUser, expectError } from './lib.mjs';
import { reflectionTraining, putSubmission, han } from './training_lib.mjs';

async function balance(token) {
  const res = await api('GET', '/me/points', { token });
  assert.equal(res.status, 200, show(res));
  assert.equal(typeof res.json.balance, 'number');
  assert.ok(Array.isArray(res.json.entries));
  return res.json;
}

/** Polls until the balance reaches `want` (the event pump runs within about a second). */
async function waitForBalance(token, want) {
  const deadline = Date.now() + 5000;
  let last;
  while (Date.now() < deadline) {
    last = await balance(token);
    if (last.balance === want) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(last.balance, want, `balance never reached ${want}: ${JSON.stringify(last)}`);
  return last;
}

test('points: an on-time reflection pays 50 once; 优秀 pays 100 once; history lists both', async () => {
  const person = await createLoginUser();
  const token = await login(person.login, person.password);
  const { id: instructorId } = (await api('GET', '/me', { token: await tokenFor('instructor') })).json.employee;
  const t = await reflectionTraining({ employees: [person.employee.id], instructors: [instructorId], assignment: { min_chars: 10 } });
  const before = (await balance(token)).balance;
  assert.equal(before, 0);

  const s1 = await putSubmission(token, t.id, { text: han(20), submit: true });
  assert.equal(s1.status, 200, show(s1));
  await waitForBalance(token, 50);
  const s2 = await putSubmission(token, t.id, { text: han(25), submit: true });  // a resubmission earns nothing more
  assert.equal(s2.status, 200, show(s2));

  const instructor = await tokenFor('instructor');
  for (let i = 0; i < 2; i++) {
    const r = await api('POST', `/submissions/${s1.json.id}/review`, { token: instructor, body: { score: 95, excellent: true } });
    assert.equal(r.status, 200, show(r));
  }
  const after = await waitForBalance(token, 150);
  await new Promise((r) => setTimeout(r, 1500));  // give a duplicate the chance to appear
  const settled = await balance(token);
  assert.equal(settled.balance, 150, JSON.stringify(settled));
  const rules = settled.entries.map((e) => e.rule).sort();
  assert.deepEqual(rules, ['excellent', 'on_time_submission']);
  assert.ok(after.entries.every((e) => e.source === `submission:${s1.json.id}`));
});

test('points: HR adjusts (audited), the balance never goes negative; employees may not adjust', async () => {
  const person = await createLoginUser();
  const token = await login(person.login, person.password);
  const hr = await tokenFor('hr');
  const add = await api('POST', '/points/adjustments', { token: hr, body: { employee_id: person.employee.id, amount: 30, reason: '活动奖励' } });
  assert.equal(add.status, 201, show(add));
  assert.equal(add.json.amount, 30);
  expectError(await api('POST', '/points/adjustments', { token: hr, body: { employee_id: person.employee.id, amount: -31, reason: '扣减' } }),
    422, 'insufficient_points');
  expectError(await api('POST', '/points/adjustments', { token: hr, body: { employee_id: person.employee.id, amount: 5 } }), 422,
    'validation_failed', ['reason']);
  expectError(await api('POST', '/points/adjustments', { token, body: { employee_id: person.employee.id, amount: 5, reason: 'x' } }),
    403, 'forbidden');
  assert.equal((await balance(token)).balance, 30);
  const hrView = await api('GET', `/employees/${person.employee.id}/points`, { token: hr });
  assert.equal(hrView.status, 200, show(hrView));
  assert.equal(hrView.json.balance, 30);
  const audit = await api('GET', `/audit?entity=points&entity_id=${person.employee.id}`, { token: hr });
  assert.equal(audit.status, 200, show(audit));
  assert.ok(audit.json.items.length >= 1);
  // Someone else's points are out of an employee's scope.
  expectError(await api('GET', `/employees/${person.employee.id}/points`, { token: await tokenFor('employee') }), 404, 'not_found');
});

test('points: rules readable by all, editable by HR, validated', async () => {
  const hr = await tokenFor('hr');
  const rules = await api('GET', '/points/rules', { token: await tokenFor('employee') });
  assert.equal(rules.status, 200, show(rules));
  for (const k of ['on_time_submission', 'excellent', 'checkin', 'exam_passed', 'like_received', 'like_daily_cap', 'expiry_days'])
    assert.equal(typeof rules.json[k], 'number', k);
  expectError(await api('PUT', '/points/rules', { token: hr, body: { checkin: -1 } }), 422, 'validation_failed', ['checkin']);
  expectError(await api('PUT', '/points/rules', { token: await tokenFor('employee'), body: { checkin: 10 } }), 403, 'forbidden');
  const same = await api('PUT', '/points/rules', { token: hr, body: { checkin: rules.json.checkin } });
  assert.equal(same.status, 200, show(same));
  assert.equal(same.json.checkin, rules.json.checkin);
});

test('points: a deduction cannot take points held by a pending redemption (422 insufficient_points naming the available amount)', async () => {
  const hr = await tokenFor('hr');
  const person = await createLoginUser();  // no manager: HR approves
  const token = await login(person.login, person.password);
  const remote = (await api('GET', '/rewards', { token })).json.items.find((r) => r.name === '每周一天远程办公');
  assert.ok(remote && remote.requires_approval);
  const adjust = (amount, headers = {}) =>
    api('POST', '/points/adjustments', { token: hr, headers, body: { employee_id: person.employee.id, amount, reason: '扣减测试' } });
  assert.equal((await adjust(remote.cost + 50)).status, 201);
  const held = await api('POST', '/redemptions', { token, body: { reward_id: remote.id } });
  assert.equal(held.status, 201, show(held));
  assert.equal(held.json.status, 'requested');

  // Balance 350, held 300: 50 available. One more is refused, in both languages, naming the 50.
  const zh = await adjust(-51);
  expectError(zh, 422, 'insufficient_points', ['points']);
  assert.equal(zh.json.error.details[0].message, '可用积分为 50', show(zh));
  assert.match(zh.json.error.message, /可用 50/);
  const en = await adjust(-51, { 'Accept-Language': 'en' });
  expectError(en, 422, 'insufficient_points', ['points']);
  assert.equal(en.json.error.details[0].message, 'available points: 50', show(en));
  assert.equal((await adjust(-50)).status, 201);
  let pts = await api('GET', `/employees/${person.employee.id}/points`, { token: hr });
  assert.deepEqual([pts.json.balance, pts.json.held, pts.json.available], [remote.cost, remote.cost, 0]);
  expectError(await adjust(-1), 422, 'insufficient_points', ['points']);

  // Approval spends exactly the hold: zero, never negative.
  const ok = await api('POST', `/redemptions/${held.json.id}/approve`, { token: hr });
  assert.equal(ok.status, 200, show(ok));
  pts = await api('GET', '/me/points', { token });
  assert.deepEqual([pts.json.balance, pts.json.held, pts.json.available], [0, 0, 0]);
});
