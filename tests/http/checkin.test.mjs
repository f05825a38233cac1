// Training loop, part 2: QR check-in, attendance, the hours ledger.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, show, expectError, expectList, tokenFor, login, listAll, createLoginUser, BASE_URL, PNG_SIGNATURE } from './lib.mjs';
import { DAY, MINUTE, HOUR, at, near, people, thisYear, createCourse, publishedTraining, myTraining, myHours } from './training_lib.mjs';

/**
 * A published training (category professional) for 王小雨 (+ extra employee ids) with
 * session 0 running now (started 10 min ago, 1.5 h credit) and session 1 in two days.
 */
async function checkinTraining(extra = []) {
  const { wang, liu } = await people();
  const course = await createCourse({ category: 'professional', credit_hours: 2.5 });
  const t = await publishedTraining({
    course_id: course.id,
    instructors: [liu.id],
    sessions: [
      { start_at: at(-10 * MINUTE), end_at: at(50 * MINUTE), place: '报告厅', credit_hours: 1.5 },
      { start_at: at(2 * DAY), end_at: at(2 * DAY + HOUR), place: '报告厅', credit_hours: 1 },
    ],
    audience: { departments: [], employees: [wang.id, ...extra], roles: [], job_levels: [] },
  });
  assert.equal(t.sessions.length, 2);
  const byStart = [...t.sessions].sort((a, b) => Date.parse(a.start_at) - Date.parse(b.start_at));
  return { training: t, now: byStart[0], future: byStart[1] };
}

async function qr(sessionId, token) {
  const res = await api('GET', `/sessions/${sessionId}/qr`, { token });
  assert.equal(res.status, 200, `qr: ${show(res)}`);
  return res.json;
}

test('check-in: instructor and HR get the QR token and URL; qr.png is a PNG; others refused', async () => {
  const { now } = await checkinTraining();
  const instr = await tokenFor('instructor');
  const q = await qr(now.id, instr);
  assert.equal(typeof q.token, 'string');
  assert.ok(q.token.length >= 8, `token too short: ${q.token}`);
  assert.equal(typeof q.url, 'string');
  assert.ok(q.url.includes(`/m/checkin/${now.id}?t=`), `url ${q.url}`);
  const u = new URL(q.url);
  assert.equal(u.pathname, `/m/checkin/${now.id}`);
  assert.equal(u.searchParams.get('t'), q.token, 'url does not carry the token');
  assert.equal(u.host, new URL(BASE_URL).host, 'url origin not taken from the Host header');
  assert.ok(Date.parse(q.expires_at) > Date.now() - 5000, `expires_at ${q.expires_at} in the past`);
  assert.ok(Date.parse(q.expires_at) <= Date.now() + 120 * 1000, `expires_at ${q.expires_at} too far ahead`);
  assert.equal(q.rotates_every, 30);

  // HR too.
  const h = await qr(now.id, await tokenFor('hr'));
  assert.ok(h.url.includes(`/m/checkin/${now.id}?t=`));

  const png = await api('GET', `/sessions/${now.id}/qr.png`, { token: instr });
  assert.equal(png.status, 200, show(png));
  assert.match(png.headers.get('content-type') || '', /^image\/png/);
  assert.ok(png.buf.length > 100, 'PNG too small');
  assert.deepEqual(png.buf.subarray(0, 8), PNG_SIGNATURE, 'not a PNG');

  // The enrolled employee and a manager may not display the code.
  for (const who of ['employee', 'manager']) {
    const tk = await tokenFor(who);
    expectError(await api('GET', `/sessions/${now.id}/qr`, { token: tk }), [403, 404], ['forbidden', 'not_found']);
    expectError(await api('GET', `/sessions/${now.id}/qr.png`, { token: tk }), [403, 404], ['forbidden', 'not_found']);
  }
  expectError(await api('GET', `/sessions/${now.id}/qr`), 401, 'unauthorized');
  expectError(await api('GET', '/sessions/987654321/qr', { token: instr }), 404, 'not_found');
});

test('check-in: enrolled employee checks in once (repeat → same answer), wrong token 422, hours credited', async () => {
  const { wang } = await people();
  const { training, now } = await checkinTraining();
  const emp = await tokenFor('employee');
  const year = thisYear();
  const h0 = await myHours(emp, year);

  // Wrong token first (before a successful check-in).
  expectError(
    await api('POST', `/sessions/${now.id}/checkin`, { token: emp, body: { token: 'not-the-token' } }),
    422,
    'checkin_token_invalid',
  );
  expectError(
    await api('POST', `/sessions/${now.id}/checkin`, { token: emp, body: {} }),
    422,
    ['validation_failed', 'checkin_token_invalid'],
  );

  const q = await qr(now.id, await tokenFor('instructor'));
  const r1 = await api('POST', `/sessions/${now.id}/checkin`, { token: emp, body: { token: q.token } });
  assert.equal(r1.status, 200, show(r1));
  assert.equal(r1.json.session_id, now.id);
  assert.equal(r1.json.employee_id, wang.id);
  assert.equal(r1.json.method, 'qr');
  near(r1.json.hours, 1.5, 'hours');
  const tIn = Date.parse(r1.json.checked_in_at);
  assert.ok(Math.abs(tIn - Date.now()) < 5 * MINUTE, `checked_in_at ${r1.json.checked_in_at}`);

  const r2 = await api('POST', `/sessions/${now.id}/checkin`, { token: emp, body: { token: q.token } });
  assert.equal(r2.status, 200, show(r2));
  assert.equal(r2.json.checked_in_at, r1.json.checked_in_at, 'second check-in changed checked_in_at');
  assert.deepEqual(r2.json, r1.json);

  // Credited exactly once.
  const h1 = await myHours(emp, year);
  near(h1.total, h0.total + 1.5, 'total after check-in');
  near(h1.by_category.professional, h0.by_category.professional + 1.5, 'by_category.professional');
  near(h1.by_category.public, h0.by_category.public, 'by_category.public');
  const mine = h1.entries.filter((e) => e.training_id === training.id);
  assert.equal(mine.length, 1, `entries for the training: ${JSON.stringify(mine)}`);
  near(mine[0].hours, 1.5, 'entry hours');
  assert.equal(mine[0].category, 'professional');
  assert.equal(mine[0].title, training.title);
  assert.match(mine[0].date, /^\d{4}-\d{2}-\d{2}$/);

  // The same ledger through /employees/{id}/hours: HR and the manager of 销售一部.
  for (const who of ['hr', 'manager']) {
    const r = await api('GET', `/employees/${wang.id}/hours?year=${year}`, { token: await tokenFor(who) });
    assert.equal(r.status, 200, `${who}: ${show(r)}`);
    near(r.json.total, h1.total, `${who} total`);
  }
  const other = await createLoginUser();
  expectError(
    await api('GET', `/employees/${wang.id}/hours?year=${year}`, { token: await login(other.login, other.password) }),
    [403, 404],
    ['forbidden', 'not_found'],
  );
  expectError(await api('GET', '/me/hours?year=abc', { token: emp }), [400, 422], ['invalid_parameter', 'validation_failed'], ['year']);

  // Attendance list and 我的培训 reflect it.
  const att = await api('GET', `/sessions/${now.id}/attendance`, { token: await tokenFor('instructor') });
  assert.equal(att.status, 200, show(att));
  const w = att.json.items.find((i) => i.employee_id === wang.id);
  assert.ok(w, show(att));
  assert.equal(w.present, true);
  assert.equal(w.method, 'qr');
  assert.equal(w.name, '王小雨');
  assert.equal(w.employee_no, 'E0005');
  assert.equal(w.checked_in_at, r1.json.checked_in_at);
  const item = await myTraining(emp, training.id);
  assert.ok(item, '/me/trainings lacks the training');
  assert.deepEqual(item.attendance, { attended: 1, total: 2 });
  assert.equal(item.sessions.find((s) => s.id === now.id)?.attended, true);
  near(item.hours, 1.5, '/me/trainings hours');
  const enr = await listAll(`/trainings/${training.id}/enrollments`, await tokenFor('hr'));
  assert.equal(enr.find((e) => e.employee_id === wang.id)?.attended_sessions, 1);

  // The event outbox has it.
  const ev = await listAll('/events?kind=attendance.recorded', await tokenFor('hr'));
  assert.ok(
    ev.some((e) => e.kind === 'attendance.recorded' && e.payload?.session_id === now.id && e.payload?.employee_id === wang.id),
    'no attendance.recorded event with session_id and employee_id',
  );
});

test('check-in: a future session → 422 checkin_window_closed; not enrolled → 403 not_enrolled', async () => {
  const { now, future } = await checkinTraining();
  const hr = await tokenFor('hr');
  const emp = await tokenFor('employee');
  const fq = await qr(future.id, hr);
  expectError(
    await api('POST', `/sessions/${future.id}/checkin`, { token: emp, body: { token: fq.token } }),
    422,
    'checkin_window_closed',
  );
  // A token of one session does not open another.
  const nq = await qr(now.id, hr);
  expectError(
    await api('POST', `/sessions/${future.id}/checkin`, { token: emp, body: { token: nq.token } }),
    422,
    ['checkin_window_closed', 'checkin_token_invalid'],
  );
  // Not enrolled.
  const outsider = await createLoginUser();
  const ot = await login(outsider.login, outsider.password);
  expectError(await api('POST', `/sessions/${now.id}/checkin`, { token: ot, body: { token: nq.token } }), 403, 'not_enrolled');
  expectError(await api('POST', '/sessions/987654321/checkin', { token: emp, body: { token: nq.token } }), 404, 'not_found');
  // Nothing was recorded for the future session.
  const att = await api('GET', `/sessions/${future.id}/attendance`, { token: hr });
  assert.equal(att.status, 200, show(att));
  assert.ok(att.json.items.every((i) => i.present === false), `future session has attendance: ${show(att)}`);
});

test('check-in: a session that ended is closed as well', async () => {
  const { wang } = await people();
  const t = await publishedTraining({
    sessions: [{ start_at: at(-3 * HOUR), end_at: at(-HOUR), credit_hours: 1 }],
    audience: { departments: [], employees: [wang.id], roles: [], job_levels: [] },
  });
  const s = t.sessions[0];
  const q = await qr(s.id, await tokenFor('hr'));
  expectError(
    await api('POST', `/sessions/${s.id}/checkin`, { token: await tokenFor('employee'), body: { token: q.token } }),
    422,
    'checkin_window_closed',
  );
});

test('attendance: HR marks absent → hours reversed by a negative entry, audited; marks present again → credited', async () => {
  const { wang } = await people();
  const { training, now } = await checkinTraining();
  const hr = await tokenFor('hr');
  const emp = await tokenFor('employee');
  const year = thisYear();
  const h0 = await myHours(emp, year);
  const q = await qr(now.id, hr);
  const ci = await api('POST', `/sessions/${now.id}/checkin`, { token: emp, body: { token: q.token } });
  assert.equal(ci.status, 200, show(ci));
  near((await myHours(emp, year)).total, h0.total + 1.5, 'total after check-in');

  // Only HR corrects attendance.
  expectError(
    await api('PUT', `/sessions/${now.id}/attendance/${wang.id}`, {
      token: await tokenFor('instructor'),
      body: { present: false, reason: '误签' },
    }),
    403,
    'forbidden',
  );

  const put = await api('PUT', `/sessions/${now.id}/attendance/${wang.id}`, { token: hr, body: { present: false, reason: '代签，实际缺席' } });
  assert.equal(put.status, 200, show(put));
  assert.equal(put.json.employee_id, wang.id);
  assert.equal(put.json.present, false);
  assert.equal(put.json.method, 'manual');

  const h2 = await myHours(emp, year);
  near(h2.total, h0.total, 'total after reversal');
  near(h2.by_category.professional, h0.by_category.professional, 'professional after reversal');
  const entries = h2.entries.filter((e) => e.training_id === training.id);
  assert.ok(
    entries.some((e) => Math.abs(e.hours - 1.5) < 1e-6),
    `the positive entry is gone (the ledger is append-only): ${JSON.stringify(entries)}`,
  );
  assert.ok(entries.some((e) => Math.abs(e.hours + 1.5) < 1e-6), `no negative entry: ${JSON.stringify(entries)}`);

  const att = await api('GET', `/sessions/${now.id}/attendance`, { token: hr });
  assert.equal(att.json.items.find((i) => i.employee_id === wang.id)?.present, false, show(att));

  // Present again by hand: credited again; marking present twice credits once.
  const p2 = await api('PUT', `/sessions/${now.id}/attendance/${wang.id}`, { token: hr, body: { present: true, reason: '补签' } });
  assert.equal(p2.status, 200, show(p2));
  assert.equal(p2.json.present, true);
  assert.equal(p2.json.method, 'manual');
  assert.ok(!Number.isNaN(Date.parse(p2.json.checked_in_at)));
  const p3 = await api('PUT', `/sessions/${now.id}/attendance/${wang.id}`, { token: hr, body: { present: true, reason: '补签' } });
  assert.equal(p3.status, 200, show(p3));
  near((await myHours(emp, year)).total, h0.total + 1.5, 'total after manual presence');

  // Validation and unknown ids.
  expectError(
    await api('PUT', `/sessions/${now.id}/attendance/${wang.id}`, { token: hr, body: { present: 'yes' } }),
    422,
    'validation_failed',
    ['present'],
  );
  expectError(
    await api('PUT', `/sessions/987654321/attendance/${wang.id}`, { token: hr, body: { present: true } }),
    404,
    'not_found',
  );

  // Audited (entity "attendance"), newest first.
  const audit = expectList(await api('GET', '/audit?entity=attendance&limit=20', { token: hr }));
  assert.ok(audit.items.length >= 1, 'no audit record for attendance');
  for (const a of audit.items) assert.equal(a.entity, 'attendance', `entity filter leak: ${JSON.stringify(a)}`);
  assert.ok(['create', 'update'].includes(audit.items[0].action), JSON.stringify(audit.items[0]));
  assert.ok(Date.now() - Date.parse(audit.items[0].at) < 5 * 60 * 1000, 'newest attendance audit record is old');

  // The PUT answers the attendance record as GET /sessions/{id}/attendance lists it.
  assert.equal(p2.json.name, '王小雨', `PUT answer lacks name: ${show(p2)}`);
  assert.equal(p2.json.employee_no, 'E0005', `PUT answer lacks employee_no: ${show(p2)}`);
});

test('check-in: the window opens 30 minutes before start_at', async () => {
  const { wang } = await people();
  const t = await publishedTraining({
    sessions: [
      { start_at: at(20 * MINUTE), end_at: at(80 * MINUTE), credit_hours: 1 },
      { start_at: at(45 * MINUTE), end_at: at(105 * MINUTE), credit_hours: 1 },
    ],
    audience: { departments: [], employees: [wang.id], roles: [], job_levels: [] },
  });
  const [soon, later] = [...t.sessions].sort((a, b) => Date.parse(a.start_at) - Date.parse(b.start_at));
  const hr = await tokenFor('hr');
  const emp = await tokenFor('employee');
  const ok = await api('POST', `/sessions/${soon.id}/checkin`, { token: emp, body: { token: (await qr(soon.id, hr)).token } });
  assert.equal(ok.status, 200, `starts in 20 min: ${show(ok)}`);
  expectError(
    await api('POST', `/sessions/${later.id}/checkin`, { token: emp, body: { token: (await qr(later.id, hr)).token } }),
    422,
    'checkin_window_closed',
  );
});

test('sessions: PATCH replaces the list — update by id, add without id, removing an attended one → 409', async () => {
  const hr = await tokenFor('hr');
  const { training, now, future } = await checkinTraining();
  const emp = await tokenFor('employee');
  const ci = await api('POST', `/sessions/${now.id}/checkin`, { token: emp, body: { token: (await qr(now.id, hr)).token } });
  assert.equal(ci.status, 200, show(ci));

  const keep = (s) => ({ id: s.id, start_at: s.start_at, end_at: s.end_at, place: s.place, credit_hours: s.credit_hours });
  // Removing the attended session is refused and changes nothing.
  expectError(
    await api('PATCH', `/trainings/${training.id}`, { token: hr, body: { sessions: [keep(future)] } }),
    409,
    'conflict',
  );
  const same = await api('GET', `/trainings/${training.id}`, { token: hr });
  assert.equal(same.json.sessions.length, 2, 'a refused PATCH removed a session');

  // Update one, drop the unattended one, add a new one.
  const add = { start_at: at(3 * DAY), end_at: at(3 * DAY + HOUR), place: '新增教室', credit_hours: 0.5 };
  const p = await api('PATCH', `/trainings/${training.id}`, {
    token: hr,
    body: { sessions: [{ ...keep(now), place: '改到二楼' }, add] },
  });
  assert.equal(p.status, 200, show(p));
  assert.equal(p.json.sessions.length, 2, show(p));
  const kept = p.json.sessions.find((s) => s.id === now.id);
  assert.ok(kept, 'the updated session lost its id');
  assert.equal(kept.place, '改到二楼');
  assert.ok(!p.json.sessions.some((s) => s.id === future.id), 'the missing session was not removed');
  const added = p.json.sessions.find((s) => s.id !== now.id);
  assert.ok(Number.isInteger(added.id) && added.id !== future.id, 'the new session has no fresh id');
  assert.equal(added.place, '新增教室');
  // The attendance survived the edit.
  const att = await api('GET', `/sessions/${now.id}/attendance`, { token: hr });
  assert.equal(att.status, 200, show(att));
  assert.ok(att.json.items.some((i) => i.present), 'attendance lost by the PATCH');
  expectError(await api('GET', `/sessions/${future.id}/qr`, { token: hr }), 404, 'not_found');
  // A bad session in a PATCH names the field.
  expectError(
    await api('PATCH', `/trainings/${training.id}`, {
      token: hr,
      body: { sessions: [keep(now), { start_at: at(3 * DAY), end_at: at(2 * DAY) }] },
    }),
    422,
    'validation_failed',
    ['sessions[1].end_at'],
  );
});

test('check-in: the token rotates; the previous token is still accepted (waits for one rotation, ≤ 31 s)', async () => {
  const { now } = await checkinTraining();
  const hr = await tokenFor('hr');
  const q1 = await qr(now.id, hr);
  const period = q1.rotates_every * 1000;
  // Sleep until just after the next rotation boundary (tokens rotate on multiples of the period).
  const wait = period - (Date.now() % period) + 1200;
  await new Promise((r) => setTimeout(r, wait));
  const q2 = await qr(now.id, hr);
  assert.notEqual(q2.token, q1.token, 'the token did not rotate');
  assert.ok(Date.parse(q2.expires_at) > Date.parse(q1.expires_at), 'expires_at did not move on');
  const ci = await api('POST', `/sessions/${now.id}/checkin`, { token: await tokenFor('employee'), body: { token: q1.token } });
  assert.equal(ci.status, 200, `previous token refused: ${show(ci)}`);
});

test('check-in: parallel check-ins of one employee record one attendance and one ledger entry', async () => {
  const { training, now } = await checkinTraining();
  const emp = await tokenFor('employee');
  const q = await qr(now.id, await tokenFor('hr'));
  const h0 = await myHours(emp);
  const answers = await Promise.all(
    Array.from({ length: 8 }, () => api('POST', `/sessions/${now.id}/checkin`, { token: emp, body: { token: q.token } })),
  );
  for (const a of answers) assert.equal(a.status, 200, show(a));
  assert.equal(new Set(answers.map((a) => a.json.checked_in_at)).size, 1, 'parallel check-ins answered different records');
  const h1 = await myHours(emp);
  near(h1.total, h0.total + 1.5, 'hours credited more than once');
  assert.equal(h1.entries.filter((e) => e.training_id === training.id).length, 1);
  // Last year's ledger is untouched.
  const prev = await myHours(emp, thisYear() - 1);
  assert.ok(!prev.entries.some((e) => e.training_id === training.id), 'entry booked in the wrong year');
});
