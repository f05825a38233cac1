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
