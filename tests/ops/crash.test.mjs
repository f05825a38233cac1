// "Nothing acknowledged is lost": 2,000 reflection submissions (then 2,000
// redemptions) are fired at once, the server is killed with SIGKILL part-way,
// restarted on the same database, and every request that got a 2xx must be
// there, unchanged. Runs against the database in LUODI_OPS_DB (see ops_lib.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { DB, DB_KIND, WORK, Server, luodiOk, burst, pool } from './ops_lib.mjs';

const { api, show, login, listAll, uid } = await import('../http/lib.mjs');

const SLOTS = 2000;
const KILL_AFTER_ACKS = 500;
const DAY = 86400e3;

const server = new Server(DB, path.join(WORK, 'crash-data'), 'crash-server');
let hr;
let people = []; // {employee, token}

function at(ms) {
  return new Date(Math.floor((Date.now() + ms) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

before(async () => {
  const t0 = Date.now();
  await luodiOk(['seed', '--demo', '--db', DB]);
  await server.start();
  hr = await login('hr');
  const employees = (await listAll('/employees', hr)).filter((e) => e.status === 'active' && e.login);
  assert.ok(employees.length >= 60, `demo employees: ${employees.length}`);
  // Logins are deliberately slow (argon2id), so each person logs in once.
  const tokens = await pool(employees, 4, (e) => login(e.login));
  people = employees.map((employee, i) => ({ employee, token: tokens[i] }));
  console.log(`crash ${DB_KIND}: seeded, started and logged ${people.length} people in, ${seconds(t0)}`);
});

function seconds(since) {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

after(async () => {
  await server.stop();
});

test(`${DB_KIND}: ${SLOTS} concurrent redemptions, SIGKILL part-way — every acknowledged one is there with its hold, no balance below zero`, { timeout: 180000 }, async () => {
  // A price above anyone's current points, and ten times the price for everyone: each person can
  // afford exactly ten (points that arrive meanwhile only add).
  const avail = await pool(people, 8, async (p) => {
    const pts = await api('GET', '/me/points', { token: p.token });
    assert.equal(pts.status, 200, show(pts));
    return pts.json.available;
  });
  const cost = Math.max(1, ...avail) + 1;
  const reward = await api('POST', '/rewards', {
    token: hr,
    body: { name: `崩溃测试福利${uid(6)}`, cost, requires_approval: true },
  });
  assert.equal(reward.status, 201, show(reward));
  await pool(people, 8, async (p) => {
    const adj = await api('POST', '/points/adjustments', {
      token: hr,
      body: { employee_id: p.employee.id, amount: 10 * cost, reason: '崩溃测试' },
    });
    assert.equal(adj.status, 201, show(adj));
  });

  // Each person asks ~33 times: most asks are refused once ten are held.
  // The kill comes after 1,000 answers, when nearly everyone has run out.
  const asks = Array.from({ length: SLOTS }, (_, k) => people[k % people.length]);
  let answered = 0;
  let killed = null;
  const fired = Date.now();
  const answers = await burst(
    asks.map((p) => ({ method: 'POST', path: '/redemptions', token: p.token, body: { reward_id: reward.json.id } })),
    {
      onAnswer: (i, res) => {
        if (res.status > 0 && ++answered === SLOTS / 2) killed = server.kill();
      },
    },
  );
  await killed;
  const burstTime = seconds(fired);
  assert.ok(killed, `the server was never killed (${answered} answers)`);
  const ackedByPerson = new Map();
  let acked = 0;
  let refused = 0;
  for (let i = 0; i < answers.length; i++) {
    const a = answers[i];
    if (a.status === 201) {
      acked++;
      const list = ackedByPerson.get(asks[i].employee.id) || [];
      list.push(a.json);
      ackedByPerson.set(asks[i].employee.id, list);
    } else if (a.status !== 0) {
      refused++;
      assert.equal(a.json?.error?.code, 'insufficient_points', `unexpected refusal: ${a.status} ${JSON.stringify(a.json)}`);
    }
  }
  assert.ok(acked > 0 && refused > 0, `acknowledged ${acked}, refused ${refused}`);

  await server.start();
  let survived = 0;
  const problems = [];
  await pool(people, 8, async (p) => {
    const mine = await api('GET', '/redemptions', { token: p.token });
    assert.equal(mine.status, 200, show(mine));
    const held = mine.json.items.filter((d) => d.reward_id === reward.json.id && d.status === 'requested');
    const ids = new Set(held.map((d) => d.id));
    for (const d of ackedByPerson.get(p.employee.id) || []) {
      if (ids.has(d.id)) survived++;
      else problems.push(`${p.employee.employee_no}: acknowledged redemption ${d.id} is gone`);
    }
    const pts = await api('GET', '/me/points', { token: p.token });
    assert.equal(pts.status, 200, show(pts));
    const pending = mine.json.items.filter((d) => d.status === 'requested').reduce((sum, d) => sum + d.cost, 0);
    if (pts.json.held !== pending) problems.push(`${p.employee.employee_no}: held ${pts.json.held}, pending requests cost ${pending}`);
    if (pts.json.balance < 0 || pts.json.available < 0)
      problems.push(`${p.employee.employee_no}: balance ${pts.json.balance}, available ${pts.json.available}: below zero`);
  });
  console.log(`crash ${DB_KIND} redemptions: ${SLOTS} sent, ${acked} acknowledged, ${refused} refused (insufficient points), ${survived} survived, ${SLOTS - acked - refused} cut off by the kill (burst until the kill: ${burstTime})`);
  assert.deepEqual(problems, []);
  assert.equal(survived, acked);
});

test(`${DB_KIND}: ${SLOTS} concurrent reflection submissions, SIGKILL after ${KILL_AFTER_ACKS} acknowledgements — every acknowledged one survives`, { timeout: 180000 }, async () => {
  // Enough trainings (whole demo company as audience, a reflection to hand in) for 2,000 distinct slots.
  const course = await api('POST', '/courses', { token: hr, body: { title: `崩溃测试课程${uid(6)}`, category: 'professional', credit_hours: 1 } });
  assert.equal(course.status, 201, show(course));
  const trainingCount = Math.ceil(SLOTS / people.length);
  const ids = people.map((p) => p.employee.id);
  const trainings = await pool(Array.from({ length: trainingCount }, (_, i) => i), 4, async (i) => {
    const t = await api('POST', '/trainings', {
      token: hr,
      body: {
        course_id: course.json.id,
        title: `崩溃测试培训${i}-${uid(6)}`,
        sessions: [{ start_at: at(-DAY - 7200e3), end_at: at(-DAY), place: '一号会议室', credit_hours: 1 }],
        audience: { departments: [], employees: ids, roles: [], job_levels: [] },
        required: true,
        assignment: { min_chars: 10, due_days_after_end: 3 },
      },
    });
    assert.equal(t.status, 201, show(t));
    const p = await api('POST', `/trainings/${t.json.id}/publish`, { token: hr });
    assert.equal(p.status, 200, show(p));
    assert.equal(p.json.enrolled, people.length, show(p));
    return t.json.id;
  });

  const slots = Array.from({ length: SLOTS }, (_, k) => {
    const who = people[k % people.length];
    const training = trainings[Math.floor(k / people.length)];
    const text = `第${k}份心得：培训之后我把学到的方法用到了工作中，记录在此。${uid(12)}`;
    return { who, training, text, key: `crash-${uid(16)}` };
  });
  let acks = 0;
  let killed = null;
  const fired = Date.now();
  const answers = await burst(
    slots.map((s) => ({
      method: 'PUT',
      path: `/trainings/${s.training}/submission`,
      token: s.who.token,
      headers: { 'Idempotency-Key': s.key },
      body: { text: s.text, attachments: [], submit: true },
    })),
    {
      onAnswer: (i, res) => {
        if (res.status >= 200 && res.status < 300 && ++acks === KILL_AFTER_ACKS) killed = server.kill();
      },
    },
  );
  await killed;
  const burstTime = seconds(fired);
  assert.ok(killed, `the server was never killed (${acks} acknowledgements)`);
  for (const a of answers) assert.ok(a.status === 0 || a.status === 200, `an answer other than 200 or a dead connection: ${a.status} ${JSON.stringify(a.json)}`);
  const acked = slots.map((s, i) => ({ ...s, answer: answers[i] })).filter((s) => s.answer.status === 200);
  const unanswered = slots.length - acked.length;
  assert.ok(unanswered > 0, 'the kill came after every answer; nothing was cut off');

  await server.start();
  let survived = 0;
  const lost = [];
  await pool(acked, 16, async (s) => {
    const g = await api('GET', `/trainings/${s.training}/submission`, { token: s.who.token });
    const ok = g.status === 200 && g.json.id === s.answer.json.id && g.json.text === s.text && g.json.status === 'submitted' &&
      g.json.version === s.answer.json.version;
    if (ok) survived++;
    else lost.push(`${s.who.employee.employee_no}@${s.training}: ${show(g)}`);
  });
  // The idempotency record committed with the submission: a retry replays the first answer.
  for (const s of acked.slice(0, 20)) {
    const again = await api('PUT', `/trainings/${s.training}/submission`, {
      token: s.who.token,
      headers: { 'Idempotency-Key': s.key },
      body: { text: s.text, attachments: [], submit: true },
    });
    assert.equal(again.status, 200, show(again));
    assert.equal(again.json.id, s.answer.json.id);
    assert.equal(again.json.version, s.answer.json.version, 'a retry after the crash wrote a new version');
  }
  console.log(`crash ${DB_KIND} submissions: ${slots.length} sent, ${acked.length} acknowledged, ${survived} survived, ${unanswered} cut off by the kill (burst until the kill: ${burstTime})`);
  assert.deepEqual(lost, [], `${lost.length} acknowledged submissions lost`);
  assert.equal(survived, acked.length);
});
