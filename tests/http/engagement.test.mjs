// The rest of the incentive engine: stored scores equal to the live score,
// cycle close / reopen / payroll export / KPI import, the team bonus pool,
// likes (paid once, capped a day), notifications, badges and leaderboards.
import test from 'node:test';
import assert from 'node:assert/strict';
import { api, show, tokenFor, login, createLoginUser, expectError, dept, branch, uid, unzip, listAll } from './lib.mjs';
import { publishedTraining, createCourse, putSubmission, han, at, HOUR, DAY } from './training_lib.mjs';

function today(offsetDays = 0) {
  return new Date(Date.now() + 8 * HOUR + offsetDays * DAY).toISOString().slice(0, 10);
}

/** Polls fn() until check(value) holds (the event pump works within about a second). */
async function eventually(fn, check, what, timeoutMs = 8000) {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await fn();
    if (check(last)) return last;
    if (Date.now() > end) assert.fail(`${what}: not reached in ${timeoutMs} ms; last: ${JSON.stringify(last?.json ?? last).slice(0, 600)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** A fresh department under 销售一部 (tech branch) with `n` people with logins. */
async function team(n) {
  const hr = await tokenFor('hr');
  const tech = await branch('示例科技有限公司');
  const sales1 = await dept('销售一部');
  const d = await api('POST', '/departments', { token: hr, body: { name: `激励组${uid(6)}`, branch_id: tech.id, parent_id: sales1.id } });
  assert.equal(d.status, 201, show(d));
  const members = [];
  for (let i = 0; i < n; i++) {
    const u = await createLoginUser({ department_id: d.json.id });
    members.push({ ...u, token: await login(u.login, u.password) });
  }
  return { hr, tech, dept: d.json, members };
}

async function cycleFor(t, indicators) {
  const cycle = await api('POST', '/performance/cycles', {
    token: t.hr,
    body: { branch_id: t.tech.id, name: `激励周期${uid(6)}`, period: 'quarter', start_date: today(-1), end_date: today(30) },
  });
  assert.equal(cycle.status, 201, show(cycle));
  const tmpl = await api('POST', '/performance/templates', {
    token: t.hr,
    body: { cycle_id: cycle.json.id, name: '激励模板', population: { departments: [t.dept.id] }, indicators },
  });
  assert.equal(tmpl.status, 201, show(tmpl));
  return cycle.json;
}

async function reflectionFor(ids) {
  const course = await createCourse({ category: 'professional' });
  return publishedTraining({
    course_id: course.id,
    required: true,
    sessions: [{ start_at: at(-2 * HOUR), end_at: at(-HOUR), credit_hours: 1 }],
    audience: { departments: [], employees: ids, roles: [], job_levels: [] },
    assignment: { min_chars: 5, due_days_after_end: 3 },
  });
}

const INDICATORS = [
  { kind: 'manual', name: '业务KPI', weight: 85 },
  { kind: 'assignment_submission', name: '按时提交', weight: 10 },
  { kind: 'assignment_quality', name: '作业质量', weight: 5 },
];

test('stored scores follow events, equal the live score, freeze on close, reopen needs a reason, export and API for payroll', async () => {
  const t = await team(2);
  const [a, b] = t.members;
  const cycle = await cycleFor(t, INDICATORS);
  const tr = await reflectionFor([a.employee.id, b.employee.id]);
  for (const m of [a, b]) {
    const r = await api('PUT', `/performance/cycles/${cycle.id}/manual`, { token: t.hr, body: { employee_id: m.employee.id, indicator: '业务KPI', value: 90 } });
    assert.equal(r.status, 204, show(r));
  }
  const scoreOf = async (who) => {
    const r = await api('GET', `/performance/cycles/${cycle.id}/scores?department_id=${t.dept.id}`, { token: t.hr });
    assert.equal(r.status, 200, show(r));
    return r.json.items.find((i) => i.employee_id === who.employee.id);
  };
  // 90 × 85 % = 76.5 before any reflection.
  assert.equal((await scoreOf(a)).total, 76.5);

  assert.equal((await putSubmission(a.token, tr.id, { text: han(20), submit: true })).status, 200);
  // The score consumer stores the new score within about a second, equal to the live one.
  const live = await api('GET', '/me/performance', { token: a.token });
  assert.equal(live.json.cycle.id, cycle.id, show(live));
  assert.equal(live.json.total, 86.5);
  await eventually(() => scoreOf(a), (s) => s?.total === live.json.total, 'stored score after submission');
  const recompute = await api('POST', `/performance/cycles/${cycle.id}/recompute`, { token: t.hr });
  assert.equal(recompute.status, 200, show(recompute));
  assert.ok(recompute.json.employees >= 2, show(recompute));
  assert.equal((await scoreOf(a)).total, 86.5, 'a full recomputation gives the stored score');
  expectError(await api('POST', `/performance/cycles/${cycle.id}/close`, { token: a.token }), 403, 'forbidden');

  // Close: frozen; later work and KPI changes do not move it.
  const closed = await api('POST', `/performance/cycles/${cycle.id}/close`, { token: t.hr });
  assert.equal(closed.status, 200, show(closed));
  assert.equal(closed.json.status, 'closed');
  assert.ok(closed.json.closed_at);
  expectError(await api('POST', `/performance/cycles/${cycle.id}/close`, { token: t.hr }), 409, 'cycle_closed');
  expectError(await api('PUT', `/performance/cycles/${cycle.id}/manual`, { token: t.hr, body: { employee_id: b.employee.id, indicator: '业务KPI', value: 10 } }),
    409, 'cycle_closed');
  assert.equal((await putSubmission(b.token, tr.id, { text: han(20), submit: true })).status, 200);
  await new Promise((r) => setTimeout(r, 1200));
  const frozen = await api('GET', `/performance/cycles/${cycle.id}/scores?department_id=${t.dept.id}&limit=1`, { token: t.hr });
  assert.equal(frozen.json.frozen, true);
  assert.equal(frozen.json.items.length, 1);
  assert.ok(frozen.json.next_cursor, show(frozen));
  assert.equal((await scoreOf(b)).total, 76.5, 'the closed score of b stays');

  // Payroll export.
  const xlsx = await api('GET', `/performance/cycles/${cycle.id}/scores.xlsx`, { token: t.hr });
  assert.equal(xlsx.status, 200);
  const files = unzip(xlsx.buf);
  const strings = files.get('xl/sharedStrings.xml')?.toString('utf8') ?? '';
  const sheet = [...files.entries()].find(([n]) => n.startsWith('xl/worksheets/'))?.[1].toString('utf8') ?? '';
  assert.match(strings + sheet, /总分/);
  assert.match(strings + sheet, new RegExp(a.employee.employee_no));

  // Reopen: a reason is required; audited.
  expectError(await api('POST', `/performance/cycles/${cycle.id}/reopen`, { token: t.hr, body: {} }), 422, 'validation_failed', ['reason']);
  const reopened = await api('POST', `/performance/cycles/${cycle.id}/reopen`, { token: t.hr, body: { reason: '补录业务数据' } });
  assert.equal(reopened.status, 200, show(reopened));
  assert.equal(reopened.json.status, 'open');
  assert.equal(reopened.json.reopen_reason, '补录业务数据');
  expectError(await api('POST', `/performance/cycles/${cycle.id}/reopen`, { token: t.hr, body: { reason: 'x' } }), 409, 'cycle_open');
  assert.equal((await scoreOf(b)).total, 86.5, 'reopened scores are live again');
  const audit = await api('GET', `/audit?entity=performance_cycle&entity_id=${cycle.id}`, { token: t.hr });
  assert.equal(audit.status, 200, show(audit));
  const actions = audit.json.items.map((e) => e.action);
  assert.ok(actions.includes('close') && actions.includes('reopen'), show(audit));
});

test('manual KPI CSV import: dry run reports every bad line, nothing written until all are valid', async () => {
  const t = await team(2);
  const [a, b] = t.members;
  const cycle = await cycleFor(t, INDICATORS);
  const bad = `工号,指标,数值\n${a.employee.employee_no},业务KPI,88\nNOPE,业务KPI,70\n${b.employee.employee_no},不存在,70\n${b.employee.employee_no},业务KPI,130\n`;
  const r1 = await api('POST', `/performance/cycles/${cycle.id}/manual/import?dry_run=false`, { token: t.hr, raw: bad, headers: { 'Content-Type': 'text/csv' } });
  assert.equal(r1.status, 200, show(r1));
  assert.equal(r1.json.imported, 0);
  assert.deepEqual(r1.json.errors.map((e) => [e.line, e.field]), [[3, 'employee_no'], [4, 'indicator'], [5, 'value']]);
  const none = await api('GET', `/performance/cycles/${cycle.id}/manual?employee_id=${a.employee.id}`, { token: t.hr });
  assert.equal(none.json.items.length, 0, 'nothing written');
  const good = `employee_no,indicator,value\n${a.employee.employee_no},业务KPI,88\n${b.employee.employee_no},业务KPI,70.5\n`;
  const dry = await api('POST', `/performance/cycles/${cycle.id}/manual/import?dry_run=true`, { token: t.hr, raw: good, headers: { 'Content-Type': 'text/csv' } });
  assert.deepEqual([dry.json.dry_run, dry.json.imported, dry.json.errors.length], [true, 2, 0]);
  assert.equal((await api('GET', `/performance/cycles/${cycle.id}/manual`, { token: t.hr })).json.items.length, 0);
  const wet = await api('POST', `/performance/cycles/${cycle.id}/manual/import`, { token: t.hr, raw: good, headers: { 'Content-Type': 'text/csv' } });
  assert.deepEqual([wet.json.dry_run, wet.json.imported], [false, 2]);
  const list = await api('GET', `/performance/cycles/${cycle.id}/manual`, { token: t.hr });
  assert.deepEqual(list.json.items.map((i) => i.value).sort(), [70.5, 88]);
  const perf = await api('GET', '/me/performance', { token: b.token });
  // 70.5 × 85 % = 59.925 → 59.93, plus 10 for 按时提交 (nothing required yet counts as all on time).
  assert.equal(perf.json.total, 69.93, show(perf));
  expectError(await api('POST', `/performance/cycles/${cycle.id}/manual/import`, { token: t.hr, raw: good, headers: { 'Content-Type': 'application/json' } }),
    415, 'unsupported_media_type');
  expectError(await api('POST', `/performance/cycles/${cycle.id}/manual/import`, { token: a.token, raw: good, headers: { 'Content-Type': 'text/csv' } }),
    403, 'forbidden');
});

test('team bonus pool: rate, step tier, amount and who is missing; tiers are validated', async () => {
  const t = await team(3);
  const [a, b, c] = t.members;
  const cycle = await cycleFor(t, INDICATORS);
  const tr = await reflectionFor(t.members.map((m) => m.employee.id));
  const before = await api('GET', '/performance/bonus-tiers', { token: t.hr });
  assert.equal(before.status, 200, show(before));
  expectError(await api('PUT', '/performance/bonus-tiers', { token: t.hr, body: { tiers: [{ min_rate: 0.9, multiplier: 1 }] } }), 422, 'validation_failed', ['tiers']);
  expectError(await api('PUT', '/performance/bonus-tiers', { token: a.token, body: before.json }), 403, 'forbidden');
  const tiers = await api('PUT', '/performance/bonus-tiers', {
    token: t.hr, body: { tiers: [{ min_rate: 0, multiplier: 0.7 }, { min_rate: 0.95, multiplier: 1 }, { min_rate: 0.6, multiplier: 0.9 }] },
  });
  assert.equal(tiers.status, 200, show(tiers));
  assert.deepEqual(tiers.json.tiers.map((x) => x.min_rate), [0.95, 0.6, 0]);
  try {
    const set = await api('PUT', `/departments/${t.dept.id}/bonus-pool`, { token: t.hr, body: { cycle_id: cycle.id, base_amount: 10000 } });
    assert.equal(set.status, 200, show(set));
    assert.deepEqual([set.json.required, set.json.on_time, set.json.rate, set.json.tier.multiplier, set.json.amount], [3, 0, 0, 0.7, 7000]);
    assert.equal(set.json.missing.length, 3);

    assert.equal((await putSubmission(a.token, tr.id, { text: han(20), submit: true })).status, 200);
    assert.equal((await putSubmission(b.token, tr.id, { text: han(20), submit: true })).status, 200);
    const pool = await api('GET', `/departments/${t.dept.id}/bonus-pool?cycle=${cycle.id}`, { token: t.hr });
    assert.equal(pool.status, 200, show(pool));
    assert.deepEqual([pool.json.required, pool.json.on_time, pool.json.rate, pool.json.tier.min_rate, pool.json.amount], [3, 2, 0.6667, 0.6, 9000]);
    assert.deepEqual(pool.json.missing.map((m) => [m.employee_id, m.status]), [[c.employee.id, 'missing']]);
    expectError(await api('GET', `/departments/${t.dept.id}/bonus-pool?cycle=${cycle.id}`, { token: a.token }), 403, 'forbidden');
    expectError(await api('GET', `/departments/${t.dept.id}/bonus-pool`, { token: t.hr }), 400, 'invalid_parameter');

    // The parent (销售一部) counts its sub-departments; the branch list shows every department.
    const all = await api('GET', `/performance/cycles/${cycle.id}/bonus-pools`, { token: t.hr });
    assert.equal(all.status, 200, show(all));
    const mine = all.json.items.find((i) => i.department_id === t.dept.id);
    assert.equal(mine.base_amount, 10000);
    const parent = all.json.items.find((i) => i.department_id === t.dept.parent_id);
    assert.ok(parent.required >= 3, show(all));

    const ranking = await api('GET', `/leaderboards/departments?cycle=${cycle.id}`, { token: a.token });
    assert.equal(ranking.status, 200, show(ranking));
    assert.ok(ranking.json.items.some((i) => i.department_id === t.dept.id && i.rate === 0.6667), show(ranking));
  } finally {
    await api('PUT', '/performance/bonus-tiers', { token: t.hr, body: before.json });
  }
});

test('closing a cycle freezes its bonus pools: a submission after close changes nothing, reopen shows it, closing again re-freezes', async () => {
  const t = await team(2);
  const [a, b] = t.members;
  const cycle = await cycleFor(t, INDICATORS);
  const tr = await reflectionFor([a.employee.id, b.employee.id]);
  const set = await api('PUT', `/departments/${t.dept.id}/bonus-pool`, { token: t.hr, body: { cycle_id: cycle.id, base_amount: 10000 } });
  assert.equal(set.status, 200, show(set));
  assert.equal((await putSubmission(a.token, tr.id, { text: han(20), submit: true })).status, 200);
  const poolOf = async () => {
    const r = await api('GET', `/departments/${t.dept.id}/bonus-pool?cycle=${cycle.id}`, { token: t.hr });
    assert.equal(r.status, 200, show(r));
    return r.json;
  };
  const listed = async () => {
    const r = await api('GET', `/performance/cycles/${cycle.id}/bonus-pools`, { token: t.hr });
    assert.equal(r.status, 200, show(r));
    return r.json;
  };
  const figures = ({ frozen, frozen_at, ...rest }) => rest;
  const open = await poolOf();
  assert.deepEqual([open.frozen, open.frozen_at, open.required, open.on_time, open.rate], [false, null, 2, 1, 0.5]);
  assert.deepEqual(open.missing.map((m) => m.employee_id), [b.employee.id]);

  const closed = await api('POST', `/performance/cycles/${cycle.id}/close`, { token: t.hr });
  assert.equal(closed.status, 200, show(closed));
  const frozen = await poolOf();
  assert.equal(frozen.frozen, true);
  assert.equal(frozen.frozen_at, closed.json.closed_at);
  assert.deepEqual(figures(frozen), figures(open), 'the snapshot is what was live at close');
  const frozenList = await listed();
  assert.deepEqual([frozenList.frozen, frozenList.frozen_at], [true, closed.json.closed_at]);

  // b hands in after the close: the live count would move, the frozen pool does not.
  assert.equal((await putSubmission(b.token, tr.id, { text: han(20), submit: true })).status, 200);
  await new Promise((r) => setTimeout(r, 1200));  // the event pump's turn
  assert.deepEqual(await poolOf(), frozen);
  assert.deepEqual(await listed(), frozenList);
  const ranking = await api('GET', `/leaderboards/departments?cycle=${cycle.id}`, { token: t.hr });
  assert.equal(ranking.json.frozen, true, show(ranking));
  assert.ok(ranking.json.items.some((i) => i.department_id === t.dept.id && i.rate === 0.5), show(ranking));
  const xlsx = await api('GET', `/performance/cycles/${cycle.id}/bonus-pools.xlsx`, { token: t.hr });
  assert.equal(xlsx.status, 200, show(xlsx));
  const files = unzip(xlsx.buf);
  const text = (files.get('xl/sharedStrings.xml')?.toString('utf8') ?? '') +
    ([...files.entries()].find(([n]) => n.startsWith('xl/worksheets/'))?.[1].toString('utf8') ?? '');
  assert.match(text, /奖金池金额/);
  assert.ok(text.includes(t.dept.name), 'the department is a row');
  assert.ok(text.includes(`关闭时快照 ${closed.json.closed_at}`), 'the rows say they are the snapshot');
  expectError(await api('GET', `/performance/cycles/${cycle.id}/bonus-pools.xlsx`, { token: a.token }), 403, 'forbidden');

  // Reopen (reason required, audited with the dropped pools): live figures, b counted.
  const reopened = await api('POST', `/performance/cycles/${cycle.id}/reopen`, { token: t.hr, body: { reason: '补交心得后重算奖金池' } });
  assert.equal(reopened.status, 200, show(reopened));
  const live = await poolOf();
  assert.deepEqual([live.frozen, live.frozen_at, live.required, live.on_time, live.rate, live.missing.length], [false, null, 2, 2, 1, 0]);
  assert.ok(live.amount >= frozen.amount, show({ json: live }));
  const audit = await api('GET', `/audit?entity=performance_cycle&entity_id=${cycle.id}&action=reopen`, { token: t.hr });
  assert.equal(audit.status, 200, show(audit));
  const entry = audit.json.items.find((e) => e.action === 'reopen');
  assert.ok(entry, show(audit));
  const dropped = entry.before.bonus_pools.find((x) => x.department_id === t.dept.id);
  assert.deepEqual([dropped.on_time, dropped.amount], [1, frozen.amount], show(audit));

  // Closing again takes a new snapshot.
  const again = await api('POST', `/performance/cycles/${cycle.id}/close`, { token: t.hr });
  assert.equal(again.status, 200, show(again));
  const refrozen = await poolOf();
  assert.deepEqual([refrozen.frozen, refrozen.frozen_at, refrozen.on_time], [true, again.json.closed_at, 2]);
});

test('likes pay the author once per liker (unlike and like again pays nothing), capped per day; own likes and outsiders refused', async () => {
  const t = await team(4);
  const [author, l1, l2, l3] = t.members;
  const outsider = await createLoginUser();
  const outsiderToken = await login(outsider.login, outsider.password);
  const tr = await reflectionFor([author.employee.id, l1.employee.id, l2.employee.id, l3.employee.id]);
  const sub = await putSubmission(author.token, tr.id, { text: han(30), submit: true });
  assert.equal(sub.status, 200, show(sub));
  const sid = sub.json.id;

  const rules0 = (await api('GET', '/points/rules', { token: t.hr })).json;
  const set = await api('PUT', '/points/rules', { token: t.hr, body: { like_received: 5, like_daily_cap: 7 } });
  assert.equal(set.status, 200, show(set));
  try {
    const wall = await api('GET', `/trainings/${tr.id}/reflections`, { token: l1.token });
    assert.equal(wall.status, 200, show(wall));
    assert.equal(wall.json.items[0].submission_id, sid);
    assert.equal(wall.json.items[0].liked_by_me, false);
    expectError(await api('GET', `/trainings/${tr.id}/reflections`, { token: outsiderToken }), 404, 'not_found');
    expectError(await api('POST', `/submissions/${sid}/like`, { token: author.token }), 422, 'cannot_like_own');
    expectError(await api('POST', `/submissions/${sid}/like`, { token: outsiderToken }), 404, 'not_found');

    let r = await api('POST', `/submissions/${sid}/like`, { token: l1.token });
    assert.deepEqual([r.status, r.json.likes, r.json.liked], [200, 1, true], show(r));
    r = await api('POST', `/submissions/${sid}/like`, { token: l1.token });
    assert.equal(r.json.likes, 1, 'liking twice counts once');
    r = await api('DELETE', `/submissions/${sid}/like`, { token: l1.token });
    assert.deepEqual([r.json.likes, r.json.liked], [0, false]);
    r = await api('POST', `/submissions/${sid}/like`, { token: l1.token });
    assert.equal(r.json.likes, 1);
    await api('POST', `/submissions/${sid}/like`, { token: l2.token });
    await api('POST', `/submissions/${sid}/like`, { token: l3.token });
    const likePoints = async () => {
      const p = await api('GET', '/me/points?limit=100', { token: author.token });
      return p.json.entries.filter((e) => e.rule === 'like_received').reduce((s, e) => s + e.amount, 0);
    };
    // 5 (l1, once despite the relike) + 2 (l2, capped at 7 a day) + 0 (l3).
    await eventually(likePoints, (v) => v === 7, 'like points');
    await new Promise((res) => setTimeout(res, 1200));
    assert.equal(await likePoints(), 7, 'never more than the daily cap');
    // Other systems see the likes in the event feed.
    const liked = await listAll('/events?kind=submission.liked', t.hr, 1000);
    assert.ok(liked.some((e) => e.payload.submission_id === sid && e.payload.liker_id === l1.employee.id && e.payload.employee_id === author.employee.id),
      'submission.liked in /events');
    const wall2 = await api('GET', `/trainings/${tr.id}/reflections`, { token: l1.token });
    assert.deepEqual([wall2.json.items[0].likes, wall2.json.items[0].liked_by_me], [3, true]);

    // Notifications: points arrived; marking read.
    const notes = await eventually(() => api('GET', '/me/notifications', { token: author.token }),
      (n) => n.json.items.some((i) => i.kind === 'points_awarded'), 'points notification');
    assert.ok(notes.json.unread >= 1, show(notes));
    expectError(await api('POST', '/me/notifications/read', { token: author.token, body: {} }), 422, 'validation_failed', ['ids']);
    const read = await api('POST', '/me/notifications/read', { token: author.token, body: { ids: [notes.json.items[0].id] } });
    assert.equal(read.status, 204, show(read));
    const after = await api('GET', '/me/notifications', { token: author.token });
    assert.equal(after.json.unread, notes.json.unread - 1);
    assert.equal(after.json.items.find((i) => i.id === notes.json.items[0].id).read, true);
    await api('POST', '/me/notifications/read', { token: author.token, body: { all: true } });
    assert.equal((await api('GET', '/me/notifications', { token: author.token })).json.unread, 0);

    // Badges: the first reflection, once.
    const badges = await eventually(() => api('GET', '/me/badges', { token: author.token }),
      (b) => b.json.items.some((i) => i.code === 'first_reflection' && i.earned), 'first_reflection badge');
    assert.equal(badges.json.items[0].earned, true, 'earned badges first');
    assert.equal(badges.json.items.filter((i) => i.code === 'first_reflection').length, 1);
    const hrView = await api('GET', `/employees/${author.employee.id}/badges`, { token: t.hr });
    assert.ok(hrView.json.items.some((i) => i.code === 'first_reflection' && i.earned), show(hrView));
    expectError(await api('GET', `/employees/${author.employee.id}/badges`, { token: outsiderToken }), 404, 'not_found');
  } finally {
    await api('PUT', '/points/rules', { token: t.hr, body: { like_received: rules0.like_received, like_daily_cap: rules0.like_daily_cap } });
  }
});

test('leaderboards: company and department points for a period, equal points share a rank, privacy keeps top N plus neighbours', async () => {
  const t = await team(3);
  const [a, b, c] = t.members;
  const give = async (m, amount) => {
    const r = await api('POST', '/points/adjustments', { token: t.hr, body: { employee_id: m.employee.id, amount, reason: '排行榜测试' } });
    assert.equal(r.status, 201, show(r));
  };
  await give(a, 300);
  await give(b, 200);
  await give(c, 200);
  const board = await api('GET', `/leaderboards/points?scope=department&department_id=${t.dept.id}&period=month`, { token: b.token });
  assert.equal(board.status, 200, show(board));
  assert.deepEqual(board.json.items.map((i) => [i.employee_id, i.rank, i.points]),
    [[a.employee.id, 1, 300], [b.employee.id, 2, 200], [c.employee.id, 2, 200]]);
  assert.equal(board.json.items.find((i) => i.is_me).employee_id, b.employee.id);
  assert.deepEqual(board.json.me, { rank: 2, points: 200 });
  const mine = await api('GET', '/leaderboards/points?scope=department&period=month', { token: a.token });
  assert.equal(mine.json.department_id, t.dept.id, 'the viewer\'s own department by default');
  const company = await api('GET', '/leaderboards/points?scope=company&period=year', { token: a.token });
  assert.equal(company.status, 200, show(company));
  assert.ok(company.json.me.rank >= 1 && company.json.me.points >= 300, show(company));
  expectError(await api('GET', '/leaderboards/points?scope=galaxy', { token: a.token }), 422, 'validation_failed', ['scope']);

  const s0 = (await api('GET', '/leaderboards/settings', { token: t.hr })).json;
  expectError(await api('PUT', '/leaderboards/settings', { token: a.token, body: { mode: 'full' } }), 403, 'forbidden');
  expectError(await api('PUT', '/leaderboards/settings', { token: t.hr, body: { mode: 'secret', top_n: 0 } }), 422, 'validation_failed', ['mode', 'top_n']);
  const set = await api('PUT', '/leaderboards/settings', { token: t.hr, body: { mode: 'top_n_neighbours', top_n: 1, neighbours: 0 } });
  assert.equal(set.status, 200, show(set));
  try {
    const priv = await api('GET', `/leaderboards/points?scope=department&department_id=${t.dept.id}&period=month`, { token: c.token });
    assert.deepEqual(priv.json.items.map((i) => i.employee_id), [a.employee.id, c.employee.id], show(priv));
    assert.equal(priv.json.privacy.mode, 'top_n_neighbours');
    const hrSees = await api('GET', `/leaderboards/points?scope=department&department_id=${t.dept.id}&period=month`, { token: t.hr });
    assert.equal(hrSees.json.items.length, 3, 'HR sees everyone');
  } finally {
    await api('PUT', '/leaderboards/settings', { token: t.hr, body: s0 });
  }
});

test('refusals: who may read scores and pools, bad parameters and bodies', async () => {
  const t = await team(1);
  const [a] = t.members;
  const cycle = await cycleFor(t, INDICATORS);
  expectError(await api('GET', `/performance/cycles/${cycle.id}/scores`, { token: a.token }), 403, 'forbidden');
  expectError(await api('GET', `/performance/cycles/${cycle.id}/scores?limit=0`, { token: t.hr }), 400, 'invalid_parameter');
  expectError(await api('GET', `/performance/cycles/${cycle.id}/scores.xlsx`, { token: a.token }), 403, 'forbidden');
  expectError(await api('POST', `/performance/cycles/${cycle.id}/recompute`, { token: a.token }), 403, 'forbidden');
  expectError(await api('POST', `/performance/cycles/${cycle.id}/reopen`, { token: a.token, body: { reason: 'x' } }), 403, 'forbidden');
  expectError(await api('GET', '/performance/cycles/999999999', { token: t.hr }), 404, 'not_found');
  expectError(await api('PUT', `/departments/${t.dept.id}/bonus-pool`, { token: a.token, body: { cycle_id: cycle.id, base_amount: 1 } }), 403, 'forbidden');
  expectError(await api('PUT', `/departments/${t.dept.id}/bonus-pool`, { token: t.hr, body: { cycle_id: cycle.id, base_amount: -5 } }),
    422, 'validation_failed', ['base_amount']);
  const inst = await dept('科研处');
  expectError(await api('PUT', `/departments/${inst.id}/bonus-pool`, { token: t.hr, body: { cycle_id: cycle.id, base_amount: 5 } }),
    422, 'validation_failed', ['cycle_id']);
  expectError(await api('GET', `/performance/cycles/${cycle.id}/bonus-pools`, { token: a.token }), 403, 'forbidden');
  expectError(await api('GET', '/leaderboards/departments', { token: a.token }), 400, 'invalid_parameter');
  expectError(await api('GET', '/leaderboards/points?period=decade', { token: a.token }), 422, 'validation_failed', ['period']);
  expectError(await api('POST', '/submissions/999999999/like', { token: a.token }), 404, 'not_found');
  expectError(await api('POST', '/me/notifications/read', { token: a.token, body: { ids: ['x'] } }), 422, 'validation_failed', ['ids']);
  expectError(await api('POST', '/me/notifications/read', { token: a.token, body: [] }), 400);
  expectError(await api('GET', '/me/badges'), 401, 'unauthorized');
});

test('templates can be edited while the cycle is open: scores follow, same checks as create, closed cycles refuse', async () => {
  const t = await team(1);
  const [a] = t.members;
  const cycle = await cycleFor(t, INDICATORS);
  const list = await api('GET', `/performance/cycles/${cycle.id}/templates`, { token: t.hr });
  const tmpl = list.json.items[0];
  await api('PUT', `/performance/cycles/${cycle.id}/manual`, { token: t.hr, body: { employee_id: a.employee.id, indicator: '业务KPI', value: 80 } });
  // 80 × 85 % + 100 × 10 % (nothing required yet) = 78.
  assert.equal((await api('GET', '/me/performance', { token: a.token })).json.total, 78);
  const indicators = [
    { kind: 'manual', name: '业务KPI', weight: 50 },
    { kind: 'assignment_submission', name: '按时提交', weight: 50 },
  ];
  expectError(await api('PUT', `/performance/templates/${tmpl.id}`, { token: t.hr, body: { name: 'x', indicators: indicators.slice(0, 1) } }),
    422, 'validation_failed', ['indicators']);
  expectError(await api('PUT', `/performance/templates/${tmpl.id}`, { token: a.token, body: { name: 'x', indicators } }), 403, 'forbidden');
  expectError(await api('PUT', '/performance/templates/999999999', { token: t.hr, body: { name: 'x', indicators } }), 404, 'not_found');
  const upd = await api('PUT', `/performance/templates/${tmpl.id}`, {
    token: t.hr, body: { name: '改后模板', population: { departments: [t.dept.id] }, indicators },
  });
  assert.equal(upd.status, 200, show(upd));
  assert.equal(upd.json.name, '改后模板');
  assert.equal(upd.json.cycle_id, cycle.id);
  // 80 × 50 % + 100 × 50 % = 90, live and stored.
  assert.equal((await api('GET', '/me/performance', { token: a.token })).json.total, 90);
  const scores = await api('GET', `/performance/cycles/${cycle.id}/scores?department_id=${t.dept.id}`, { token: t.hr });
  assert.equal(scores.json.items.find((i) => i.employee_id === a.employee.id).total, 90);
  const audit = await api('GET', `/audit?entity=performance_template&entity_id=${tmpl.id}`, { token: t.hr });
  assert.ok(audit.json.items.some((e) => e.action === 'update'), show(audit));
  assert.equal((await api('POST', `/performance/cycles/${cycle.id}/close`, { token: t.hr })).status, 200);
  expectError(await api('PUT', `/performance/templates/${tmpl.id}`, { token: t.hr, body: { name: 'x', indicators } }), 409, 'cycle_closed');
});
