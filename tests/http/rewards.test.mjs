// Rewards store: catalogue, redemption with a hold, manager approval,
// refusals, and concurrent redemptions of a scarce item.
import test from 'node:test';
import assert from 'node:assert/strict';
import { api, show, tokenFor, login, createLoginUser, expectError, employeeByNo } from './lib.mjs';

async function pointsOf(token) {
  const res = await api('GET', '/me/points', { token });
  assert.equal(res.status, 200, show(res));
  return res.json;
}

test('rewards: default catalogue, hold while pending, the direct manager approves, entitlement recorded', async () => {
  const hr = await tokenFor('hr');
  const manager = await employeeByNo('E0003', hr);  // 张伟
  const person = await createLoginUser({ department_id: manager.department_id, manager_id: manager.id });
  const token = await login(person.login, person.password);
  const cat = await api('GET', '/rewards', { token });
  assert.equal(cat.status, 200, show(cat));
  const remote = cat.json.items.find((r) => r.name === '每周一天远程办公');
  assert.ok(remote, show(cat));
  assert.equal(remote.requires_approval, true);

  expectError(await api('POST', '/redemptions', { token, body: { reward_id: remote.id } }), 422, 'insufficient_points');
  const adj = await api('POST', '/points/adjustments', { token: hr, body: { employee_id: person.employee.id, amount: remote.cost + 50, reason: '测试' } });
  assert.equal(adj.status, 201, show(adj));

  const r = await api('POST', '/redemptions', { token, body: { reward_id: remote.id } });
  assert.equal(r.status, 201, show(r));
  assert.equal(r.json.status, 'requested');
  assert.equal(r.json.approver_employee_id, manager.id);
  let pts = await pointsOf(token);
  assert.equal(pts.held, remote.cost);
  assert.equal(pts.available, 50);

  const mgr = await tokenFor('manager');
  const pending = await api('GET', '/redemptions?pending_for=me', { token: mgr });
  assert.ok(pending.json.items.some((x) => x.id === r.json.id), show(pending));
  expectError(await api('POST', `/redemptions/${r.json.id}/approve`, { token }), 403, 'forbidden');
  const ok = await api('POST', `/redemptions/${r.json.id}/approve`, { token: mgr, body: { note: '同意' } });
  assert.equal(ok.status, 200, show(ok));
  assert.equal(ok.json.status, 'approved');
  assert.ok(ok.json.valid_until, show(ok));
  pts = await pointsOf(token);
  assert.equal(pts.balance, 50);
  assert.equal(pts.held, 0);
  assert.ok(pts.entries.some((e) => e.rule === 'redemption' && e.amount === -remote.cost));
  expectError(await api('POST', `/redemptions/${r.json.id}/reject`, { token: mgr }), 409, 'already_decided');
  const mine = await api('GET', '/redemptions', { token });
  assert.equal(mine.json.items[0].status, 'approved');

  // The entitlement: the person's own list, the manager's team list, HR's; others are refused.
  const own = await api('GET', '/me/entitlements?active=true', { token });
  assert.equal(own.status, 200, show(own));
  assert.deepEqual(own.json.items.map((x) => [x.benefit, x.redemption_id, x.active]), [['每周一天远程办公', r.json.id, true]]);
  assert.ok(Date.parse(own.json.items[0].valid_until) > Date.now() + 20 * 86400e3, show(own));
  const team = await api('GET', '/entitlements?active=true', { token: mgr });
  assert.equal(team.status, 200, show(team));
  assert.ok(team.json.items.some((x) => x.employee_id === person.employee.id), show(team));
  const byHr = await api('GET', `/entitlements?employee_id=${person.employee.id}`, { token: hr });
  assert.equal(byHr.json.items.length, 1, show(byHr));
  expectError(await api('GET', '/entitlements', { token }), 403, 'forbidden');
  const outsider = await createLoginUser();
  expectError(await api('GET', `/entitlements?employee_id=${person.employee.id}`, { token: await login(outsider.login, outsider.password) }),
    404, 'not_found');
});

test('rewards: concurrent redemptions of an item with stock 3 approve exactly 3, balances stay right', async () => {
  const hr = await tokenFor('hr');
  const item = await api('POST', '/rewards', { token: hr, body: { name: `限量${Date.now()}`, cost: 10, stock: 3, requires_approval: false } });
  assert.equal(item.status, 201, show(item));
  expectError(await api('POST', '/rewards', { token: await tokenFor('employee'), body: { name: 'x', cost: 1 } }), 403, 'forbidden');
  expectError(await api('POST', '/rewards', { token: hr, body: { name: '', cost: 0 } }), 422, 'validation_failed', ['name', 'cost']);
  const people = [];
  for (let i = 0; i < 4; i++) {
    const p = await createLoginUser();
    await api('POST', '/points/adjustments', { token: hr, body: { employee_id: p.employee.id, amount: 25, reason: '测试' } });
    people.push({ ...p, token: await login(p.login, p.password) });
  }
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) => api('POST', '/redemptions', { token: people[i % 4].token, body: { reward_id: item.json.id } })),
  );
  const ok = results.filter((r) => r.status === 201);
  assert.equal(ok.length, 3, results.map((r) => r.status).join(','));
  for (const r of results) if (r.status !== 201) assert.ok(['out_of_stock', 'insufficient_points'].includes(r.json?.error?.code), show(r));
  let spent = 0;
  for (const p of people) {
    const pts = await pointsOf(p.token);
    assert.ok(pts.balance >= 0);
    spent += 25 - pts.balance;
  }
  assert.equal(spent, 30);
  const after = (await api('GET', '/rewards', { token: hr })).json.items.find((r) => r.id === item.json.id);
  assert.equal(after.stock, 0);
});

test('rewards: held points are safe from HR deductions until the request is decided; a rejection frees them', async () => {
  const hr = await tokenFor('hr');
  const person = await createLoginUser();  // no manager: HR decides
  const token = await login(person.login, person.password);
  const flex = (await api('GET', '/rewards', { token })).json.items.find((r) => r.name === '弹性工作制(一个月)');
  assert.ok(flex && flex.requires_approval, 'default catalogue item');
  const adjust = (amount) =>
    api('POST', '/points/adjustments', { token: hr, body: { employee_id: person.employee.id, amount, reason: '兑换保留测试' } });
  assert.equal((await adjust(flex.cost)).status, 201);
  const r = await api('POST', '/redemptions', { token, body: { reward_id: flex.id } });
  assert.equal(r.status, 201, show(r));
  // Everything is held: not one point may be deducted, and the answer says 0 are available.
  const refused = await adjust(-1);
  expectError(refused, 422, 'insufficient_points', ['points']);
  assert.equal(refused.json.error.details[0].message, '可用积分为 0', show(refused));
  assert.deepEqual([(await pointsOf(token)).balance, (await pointsOf(token)).held], [flex.cost, flex.cost]);

  const rejected = await api('POST', `/redemptions/${r.json.id}/reject`, { token: hr, body: { note: '本月名额已满' } });
  assert.equal(rejected.status, 200, show(rejected));
  assert.equal(rejected.json.status, 'rejected');
  assert.equal((await pointsOf(token)).available, flex.cost);
  assert.equal((await adjust(-flex.cost)).status, 201, 'all of it may be deducted once the hold is released');
  const after = await pointsOf(token);
  assert.deepEqual([after.balance, after.held, after.available], [0, 0, 0]);
});
