// Writes that affect people check every person they touch, and a branch HR
// (hr2, 研究院 only) stays inside their branch: audiences, enrolments, points
// adjustments, KPI values, bonus pools, templates, redemption approvals, the
// event feed, files and leaderboards. Each of these was open before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, show, expectError, tokenFor, uid } from './lib.mjs';
import { fixture } from './authz_fixture.mjs';

const HOUR = 3600 * 1000;
const at = (ms) => new Date(Math.floor((Date.now() + ms) / 1000) * 1000).toISOString().replace('.000Z', 'Z');

async function instTraining(fx, audience) {
  const hr2 = await tokenFor('hr2');
  const course = (await api('POST', '/courses', { token: hr2, body: { title: `院内课程${uid(6)}`, category: 'general', credit_hours: 1 } })).json;
  return api('POST', '/trainings', {
    token: hr2,
    body: {
      course_id: course.id,
      title: `院内培训${uid(6)}`,
      sessions: [{ start_at: at(HOUR), end_at: at(2 * HOUR), place: '院会议室', credit_hours: 1 }],
      audience: { departments: [], employees: [], roles: [], job_levels: [], ...audience },
      required: true,
    },
  });
}

test('branch HR: a training audience of another branch (people or departments) → 422 naming the field', async () => {
  const fx = await fixture();
  const { out, inp } = fx.people;
  expectError(await instTraining(fx, { employees: [out.id] }), 422, 'validation_failed', ['audience.employees']);
  expectError(await instTraining(fx, { departments: [{ id: fx.departments.deptOut.id, include_children: true }] }), 422, 'validation_failed', [
    'audience.departments',
  ]);
  const ok = await instTraining(fx, { employees: [inp.id] });
  assert.equal(ok.status, 201, show(ok));
});

test('branch HR: a role-wide audience enrols only the branch; explicit enrolments of other branches → 422', async () => {
  const fx = await fixture();
  const hr2 = await tokenFor('hr2');
  const t = await instTraining(fx, { roles: ['employee'] });
  assert.equal(t.status, 201, show(t));
  const pub = await api('POST', `/trainings/${t.json.id}/publish`, { token: hr2 });
  assert.equal(pub.status, 200, show(pub));
  const hr = await tokenFor('hr');
  const enrolled = (await api('GET', `/trainings/${t.json.id}/enrollments`, { token: hr })).json.items.map((e) => e.employee_id);
  assert.ok(enrolled.includes(fx.people.inp.id), 'the branch person is enrolled');
  for (const p of [fx.people.emp, fx.people.out, fx.people.mgr]) assert.ok(!enrolled.includes(p.id), `${p.id} of 科技 was enrolled by a 研究院 training`);
  expectError(await api('POST', `/trainings/${t.json.id}/enrollments`, { token: hr2, body: { add: [fx.people.out.id] } }), 422, 'validation_failed', ['add']);
  const again = (await api('GET', `/trainings/${t.json.id}/enrollments`, { token: hr })).json.items.map((e) => e.employee_id);
  assert.ok(!again.includes(fx.people.out.id));
});

test('branch HR: points, KPI values, bonus pools and templates of another branch are refused', async () => {
  const fx = await fixture();
  const hr2 = await tokenFor('hr2');
  const { out, inp } = fx.people;
  expectError(await api('POST', '/points/adjustments', { token: hr2, body: { employee_id: out.id, amount: 5, reason: '越权' } }), 404, 'not_found');
  const cInst = fx.cycles.cInst.cycle.id;
  expectError(await api('PUT', `/performance/cycles/${cInst}/manual`, { token: hr2, body: { employee_id: out.id, indicator: '业务KPI', value: 99 } }), 422,
    'validation_failed', ['employee_id']);
  const kpi = await api('PUT', `/performance/cycles/${cInst}/manual`, { token: hr2, body: { employee_id: inp.id, indicator: '业务KPI', value: 80 } });
  assert.ok(kpi.status < 300, show(kpi));
  expectError(await api('PUT', `/departments/${fx.departments.deptOut.id}/bonus-pool`, { token: hr2, body: { cycle_id: cInst, base_amount: 1000 } }), 404, 'not_found');
  expectError(await api('GET', `/departments/${fx.departments.deptOut.id}/bonus-pool?cycle=${fx.cycles.cTech.cycle.id}`, { token: hr2 }), 404, 'not_found');
  expectError(await api('POST', '/performance/templates', {
    token: hr2,
    body: { cycle_id: cInst, name: '越权模板', population: { departments: [fx.departments.deptOut.id] }, indicators: [{ kind: 'manual', name: 'KPI', weight: 100 }] },
  }), 422, 'validation_failed', ['population.departments']);
  // A tenant HR may not put a person of another branch into a cycle either.
  expectError(await api('PUT', `/performance/cycles/${cInst}/manual`, { token: await tokenFor('hr'), body: { employee_id: out.id, indicator: '业务KPI', value: 99 } }),
    422, 'validation_failed', ['employee_id']);
});

test('branch HR: redemptions of other branches are neither listed nor decided; the event feed is tenant admins only', async () => {
  const fx = await fixture();
  const hr2 = await tokenFor('hr2');
  const hr = await tokenFor('hr');
  const { out } = fx.people;
  const red = await api('POST', '/points/adjustments', { token: hr, body: { employee_id: out.id, amount: fx.reward.cost, reason: '兑换测试' } });
  assert.equal(red.status, 201, show(red));
  const r = await api('POST', '/redemptions', { token: out.token, body: { reward_id: fx.reward.id } });
  assert.equal(r.status, 201, show(r));
  const pending = await api('GET', '/redemptions?pending_for=me', { token: hr2 });
  assert.equal(pending.status, 200, show(pending));
  assert.ok(!pending.json.items.some((x) => x.id === r.json.id), 'branch HR lists another branch’s redemption');
  for (const action of ['approve', 'reject', 'cancel']) expectError(await api('POST', `/redemptions/${r.json.id}/${action}`, { token: hr2, body: {} }), 404, 'not_found');
  const mine = await api('GET', '/redemptions?pending_for=me', { token: hr });
  assert.ok(mine.json.items.some((x) => x.id === r.json.id), 'tenant HR lists it');
  expectError(await api('GET', '/events', { token: hr2 }), 403, 'forbidden');
  assert.equal((await api('GET', '/events', { token: hr })).status, 200);
});

test('files follow the record: a branch HR cannot fetch another branch’s upload by guessing its id; staff and the author can', async () => {
  const fx = await fixture();
  const hr2 = await tokenFor('hr2');
  const files = fx.pairs.file;
  const techFile = files.tenant_hr[0]; // OUT's photo, 科技
  const instFile = files.branch_hr[0]; // INP's photo, 研究院
  for (const suffix of ['', '/thumbnail']) {
    expectError(await api('GET', `/files/${techFile}${suffix}`, { token: hr2 }), 404, 'not_found');
    assert.equal((await api('GET', `/files/${instFile}${suffix}`, { token: hr2 })).status, 200);
    assert.equal((await api('GET', `/files/${techFile}${suffix}`, { token: fx.people.out.token })).status, 200, 'the author');
    expectError(await api('GET', `/files/${techFile}${suffix}`, { token: fx.people.emp.token }), 404, 'not_found');
  }
  // The instructor of the training reads the photo of a reflection handed in to them.
  const empFile = files.employee[0];
  assert.equal((await api('GET', `/files/${empFile}`, { token: fx.people.ins.token })).status, 200);
  // An upload attached to nothing is its owner's alone (not even tenant HR's).
  const { makePng, uploadFile } = await import('./lib.mjs');
  const up = await uploadFile(fx.people.emp.token, makePng(4, 4, 9), '草稿.png', 'image/png');
  assert.equal(up.status, 201, show(up));
  expectError(await api('GET', `/files/${up.json.id}`, { token: await tokenFor('hr') }), 404, 'not_found');
  assert.equal((await api('GET', `/files/${up.json.id}`, { token: fx.people.emp.token })).status, 200);
});

test('leaderboards: with the privacy option on, a branch HR sees the company board as employees do; tenant HR sees it all', async () => {
  const fx = await fixture();
  const hr = await tokenFor('hr');
  const before = (await api('GET', '/leaderboards/settings', { token: hr })).json;
  const set = await api('PUT', '/leaderboards/settings', { token: hr, body: { mode: 'top_n_neighbours', top_n: 1, neighbours: 0 } });
  assert.equal(set.status, 200, show(set));
  try {
    const hr2 = await api('GET', '/leaderboards/points?scope=company&period=all', { token: await tokenFor('hr2') });
    assert.equal(hr2.status, 200, show(hr2));
    assert.ok(hr2.json.items.length <= 2, `privacy view expected for a branch HR, got ${hr2.json.items.length} rows`);
    const full = await api('GET', '/leaderboards/points?scope=company&period=all', { token: hr });
    assert.ok(full.json.items.length > 2, 'tenant HR sees the full board');
    const own = await api('GET', `/leaderboards/points?scope=department&department_id=${fx.departments.deptInst.id}&period=all`, { token: await tokenFor('hr2') });
    assert.equal(own.status, 200, show(own));
  } finally {
    await api('PUT', '/leaderboards/settings', { token: hr, body: { mode: before.mode, top_n: before.top_n, neighbours: before.neighbours } });
  }
});
