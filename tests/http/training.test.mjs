// Training loop, part 1: courses, trainings with sessions, publishing, enrolments, audience changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  api,
  show,
  expectError,
  expectList,
  tokenFor,
  listAll,
  dept,
  login,
  createEmployee,
  createLoginUser,
} from './lib.mjs';
import {
  DAY,
  HOUR,
  at,
  shanghai,
  sameInstant,
  near,
  people,
  uniqueTitle,
  createCourse,
  createTraining,
  publish,
  publishedTraining,
  enrollments,
} from './training_lib.mjs';

const EMPTY_AUDIENCE = { departments: [], employees: [], roles: [], job_levels: [] };

// ---------------------------------------------------------------- courses

test('courses: create 201 round-trips every field; GET, PATCH, list filters, DELETE', async () => {
  const token = await tokenFor('hr');
  const { liu } = await people();
  const title = uniqueTitle('课程');
  const body = {
    title,
    description: '面向销售人员的沟通技巧课程',
    category: 'professional',
    tags: ['销售', '沟通'],
    credit_hours: 4.5,
    instructors: [liu.id],
    materials: [{ title: '讲义', url: 'https://example.com/handout.pdf' }],
  };
  const res = await api('POST', '/courses', { token, body });
  assert.equal(res.status, 201, show(res));
  const c = res.json;
  assert.ok(Number.isInteger(c.id) && c.id > 0, show(res));
  assert.equal(c.title, title);
  assert.equal(c.description, body.description);
  assert.equal(c.category, 'professional');
  assert.deepEqual(c.tags, ['销售', '沟通']);
  near(c.credit_hours, 4.5, 'credit_hours');
  assert.deepEqual(c.instructors, [liu.id]);
  assert.equal(c.materials.length, 1);
  assert.equal(c.materials[0].title, '讲义');
  assert.equal(c.materials[0].url, 'https://example.com/handout.pdf');
  assert.ok(!Number.isNaN(Date.parse(c.created_at)) && !Number.isNaN(Date.parse(c.updated_at)));

  const got = await api('GET', `/courses/${c.id}`, { token });
  assert.equal(got.status, 200, show(got));
  assert.equal(got.json.title, title);
  assert.equal(got.json.category, 'professional');

  // Any logged-in user may read courses.
  const asEmp = await api('GET', `/courses/${c.id}`, { token: await tokenFor('employee') });
  assert.equal(asEmp.status, 200, show(asEmp));

  const p = await api('PATCH', `/courses/${c.id}`, { token, body: { title: `${title}改`, credit_hours: 6 } });
  assert.equal(p.status, 200, show(p));
  assert.equal(p.json.title, `${title}改`);
  near(p.json.credit_hours, 6, 'patched credit_hours');
  assert.equal(p.json.category, 'professional', 'PATCH changed an absent field');
  assert.deepEqual(p.json.tags, ['销售', '沟通'], 'PATCH changed an absent field');

  // List: filter by category and q.
  const q = encodeURIComponent(title);
  const prof = expectList(await api('GET', `/courses?category=professional&q=${q}`, { token }));
  assert.ok(prof.items.some((x) => x.id === c.id), `category=professional lacks the course: ${JSON.stringify(prof)}`);
  const pub = expectList(await api('GET', `/courses?category=public&q=${q}`, { token }));
  assert.ok(!pub.items.some((x) => x.id === c.id), 'category=public holds a professional course');
  const allProf = expectList(await api('GET', '/courses?category=professional&limit=200', { token }));
  for (const x of allProf.items) assert.equal(x.category, 'professional', `filter leak: ${JSON.stringify(x)}`);
  const byEmp = expectList(await api('GET', `/courses?q=${q}`, { token: await tokenFor('employee') }));
  assert.ok(byEmp.items.some((x) => x.id === c.id), 'an employee cannot list courses');
  expectError(await api('GET', '/courses?category=secret', { token }), [400, 422], ['invalid_parameter', 'validation_failed'], [
    'category',
  ]);

  const del = await api('DELETE', `/courses/${c.id}`, { token });
  assert.equal(del.status, 204, show(del));
  expectError(await api('GET', `/courses/${c.id}`, { token }), 404, 'not_found');
});

test('courses: defaults — credit_hours 0, tags/instructors/materials empty', async () => {
  const token = await tokenFor('hr');
  const res = await api('POST', '/courses', { token, body: { title: uniqueTitle('课程'), category: 'general' } });
  assert.equal(res.status, 201, show(res));
  assert.equal(res.json.credit_hours, 0);
  assert.deepEqual(res.json.tags, []);
  assert.deepEqual(res.json.instructors, []);
  assert.deepEqual(res.json.materials, []);
  assert.equal(res.json.category, 'general');
});

test('courses: 422 for missing title, bad category, negative or huge credit_hours, long title', async () => {
  const token = await tokenFor('hr');
  const ok = { title: uniqueTitle('课程'), category: 'public', credit_hours: 2 };
  for (const [body, field] of [
    [{ category: 'public' }, 'title'],
    [{ ...ok, title: '' }, 'title'],
    [{ ...ok, title: '长'.repeat(201) }, 'title'],
    [{ title: ok.title }, 'category'],
    [{ ...ok, category: 'secret' }, 'category'],
    [{ ...ok, credit_hours: -1 }, 'credit_hours'],
    [{ ...ok, credit_hours: 1001 }, 'credit_hours'],
    [{ ...ok, credit_hours: 'many' }, 'credit_hours'],
  ]) {
    expectError(await api('POST', '/courses', { token, body }), 422, 'validation_failed', [field]);
  }
  // Title of exactly 200 characters (Chinese) is fine.
  const edge = await api('POST', '/courses', { token, body: { ...ok, title: '长'.repeat(199) + 'x' } });
  assert.equal(edge.status, 201, show(edge));
  // Several faults at once name each field.
  expectError(
    await api('POST', '/courses', { token, body: { category: 'x', credit_hours: -5 } }),
    422,
    'validation_failed',
    ['title', 'category', 'credit_hours'],
  );
  const c = await createCourse();
  expectError(await api('PATCH', `/courses/${c.id}`, { token, body: { credit_hours: -2 } }), 422, 'validation_failed', [
    'credit_hours',
  ]);
  expectError(await api('PATCH', `/courses/${c.id}`, { token, body: { category: 'x' } }), 422, 'validation_failed', ['category']);
  expectError(await api('GET', '/courses/987654321', { token }), 404, 'not_found');
});

test('courses: only HR writes — employee and instructor POST/PATCH/DELETE → 403', async () => {
  const c = await createCourse();
  for (const who of ['employee', 'instructor', 'manager']) {
    const token = await tokenFor(who);
    expectError(
      await api('POST', '/courses', { token, body: { title: uniqueTitle('课程'), category: 'public' } }),
      403,
      'forbidden',
    );
    expectError(await api('PATCH', `/courses/${c.id}`, { token, body: { title: '改名' } }), 403, 'forbidden');
    expectError(await api('DELETE', `/courses/${c.id}`, { token }), 403, 'forbidden');
  }
  expectError(await api('POST', '/courses', { body: { title: 'x', category: 'public' } }), 401, 'unauthorized');
  const still = await api('GET', `/courses/${c.id}`, { token: await tokenFor('hr') });
  assert.equal(still.status, 200, show(still));
  assert.equal(still.json.title, c.title);
});

test('courses: DELETE of a course with trainings → 409 conflict', async () => {
  const token = await tokenFor('hr');
  const c = await createCourse();
  await createTraining({ course_id: c.id });
  expectError(await api('DELETE', `/courses/${c.id}`, { token }), 409, 'conflict');
  assert.equal((await api('GET', `/courses/${c.id}`, { token })).status, 200);
});

// ---------------------------------------------------------------- trainings

test('trainings: create for 销售部 (subtree), two sessions, 刘洋, required, assignment → 201 with session ids and due_at', async () => {
  const token = await tokenFor('hr');
  const { liu } = await people();
  const sales = await dept('销售部');
  const course = await createCourse({ category: 'professional', credit_hours: 6 });
  const title = uniqueTitle('销售技巧培训');
  const s1 = { start_at: at(3 * DAY), end_at: at(3 * DAY + 3 * HOUR) };
  const s2 = { start_at: at(4 * DAY), end_at: at(4 * DAY + 3 * HOUR) };
  const body = {
    course_id: course.id,
    title,
    description: '两次课，第二次线上',
    instructors: [liu.id],
    sessions: [
      { ...s1, place: '一号会议室', credit_hours: 3 },
      // Written with a +08:00 offset: any offset is accepted on input.
      { start_at: shanghai(s2.start_at), end_at: shanghai(s2.end_at), online_url: 'https://meet.example.com/abc', credit_hours: 3 },
    ],
    audience: { departments: [{ id: sales.id, include_subtree: true }], employees: [], roles: [], job_levels: [] },
    required: true,
    assignment: { min_chars: 200, due_days_after_end: 3, attachments_allowed: true, max_attachments: 3 },
  };
  const res = await api('POST', '/trainings', { token, body });
  assert.equal(res.status, 201, show(res));
  const t = res.json;
  assert.ok(Number.isInteger(t.id) && t.id > 0, show(res));
  assert.equal(t.course_id, course.id);
  assert.equal(t.title, title);
  assert.equal(t.status, 'draft');
  assert.equal(t.enrolled_count, 0);
  assert.equal(t.required, true);
  assert.deepEqual(t.instructors, [liu.id]);
  assert.equal(t.sessions.length, 2, show(res));
  const ids = t.sessions.map((s) => s.id);
  for (const id of ids) assert.ok(Number.isInteger(id) && id > 0, `session id ${id}`);
  assert.notEqual(ids[0], ids[1], 'session ids not distinct');
  sameInstant(t.sessions[0].start_at, s1.start_at, 'sessions[0].start_at');
  sameInstant(t.sessions[0].end_at, s1.end_at, 'sessions[0].end_at');
  sameInstant(t.sessions[1].start_at, s2.start_at, 'sessions[1].start_at');
  sameInstant(t.sessions[1].end_at, s2.end_at, 'sessions[1].end_at');
  assert.match(t.sessions[1].start_at, /Z$/, 'times must be UTC on output');
  assert.equal(t.sessions[0].place, '一号会议室');
  assert.equal(t.sessions[1].online_url, 'https://meet.example.com/abc');
  near(t.sessions[0].credit_hours, 3, 'sessions[0].credit_hours');
  assert.deepEqual(t.audience.departments, [{ id: sales.id, include_subtree: true }]);
  assert.equal(t.assignment.min_chars, 200);
  assert.equal(t.assignment.attachments_allowed, true);
  assert.equal(t.assignment.max_attachments, 3);
  assert.equal(t.assignment.due_days_after_end, 3);
  sameInstant(t.assignment.due_at, new Date(Date.parse(s2.end_at) + 3 * DAY).toISOString(), 'assignment.due_at');
  assert.ok(!Number.isNaN(Date.parse(t.created_at)));

  const got = await api('GET', `/trainings/${t.id}`, { token });
  assert.equal(got.status, 200, show(got));
  assert.deepEqual(
    got.json.sessions.map((s) => s.id),
    ids,
  );
  sameInstant(got.json.assignment.due_at, t.assignment.due_at, 'GET assignment.due_at');
});

test('trainings: defaults — title from the course, hours split over sessions, due 3 days after the end', async () => {
  const token = await tokenFor('hr');
  const course = await createCourse({ credit_hours: 4 });
  const end2 = at(6 * DAY + 2 * HOUR);
  const res = await api('POST', '/trainings', {
    token,
    body: {
      course_id: course.id,
      sessions: [
        { start_at: at(5 * DAY), end_at: at(5 * DAY + 2 * HOUR) },
        { start_at: at(6 * DAY), end_at: end2 },
      ],
      assignment: { min_chars: 10 },
    },
  });
  assert.equal(res.status, 201, show(res));
  assert.equal(res.json.title, course.title, 'title does not default to the course title');
  near(res.json.sessions[0].credit_hours, 2, 'default credit_hours (4 / 2 sessions)');
  near(res.json.sessions[1].credit_hours, 2, 'default credit_hours (4 / 2 sessions)');
  sameInstant(res.json.assignment.due_at, new Date(Date.parse(end2) + 3 * DAY).toISOString(), 'default due_at');

  // A fixed due_at is kept as given.
  const due = at(20 * DAY);
  const fixed = await api('POST', '/trainings', {
    token,
    body: {
      course_id: course.id,
      sessions: [{ start_at: at(5 * DAY), end_at: at(5 * DAY + HOUR) }],
      assignment: { min_chars: 10, due_at: due, due_days_after_end: null },
    },
  });
  assert.equal(fixed.status, 201, show(fixed));
  sameInstant(fixed.json.assignment.due_at, due, 'fixed due_at');
  // No assignment → null.
  const none = await api('POST', '/trainings', {
    token,
    body: { course_id: course.id, sessions: [{ start_at: at(5 * DAY), end_at: at(5 * DAY + HOUR) }] },
  });
  assert.equal(none.status, 201, show(none));
  assert.equal(none.json.assignment, null);
  assert.equal(none.json.status, 'draft');
});

test('trainings: 422 names the fields (sessions, sessions[0].end_at, course_id, assignment.min_chars); employee → 403', async () => {
  const token = await tokenFor('hr');
  const course = await createCourse();
  const good = { start_at: at(2 * DAY), end_at: at(2 * DAY + HOUR) };
  const base = { course_id: course.id, title: uniqueTitle(), sessions: [good] };
  const { sessions: _omit, ...noSessions } = base;
  for (const [body, field] of [
    [noSessions, 'sessions'],
    [{ ...base, sessions: [] }, 'sessions'],
    [{ ...base, sessions: [{ start_at: good.end_at, end_at: good.start_at }] }, 'sessions[0].end_at'],
    [{ ...base, sessions: [{ start_at: good.start_at, end_at: good.start_at }] }, 'sessions[0].end_at'],
    [{ ...base, sessions: [good, { start_at: at(3 * DAY), end_at: at(3 * DAY - HOUR) }] }, 'sessions[1].end_at'],
    [{ ...base, sessions: [{ ...good, start_at: 'tomorrow' }] }, 'sessions[0].start_at'],
    [{ ...base, sessions: [{ ...good, credit_hours: -1 }] }, 'sessions[0].credit_hours'],
    [{ ...base, course_id: 987654321 }, 'course_id'],
    [{ ...base, course_id: undefined }, 'course_id'],
    [{ ...base, assignment: { min_chars: -1 } }, 'assignment.min_chars'],
  ]) {
    const res = await api('POST', '/trainings', { token, body });
    expectError(res, 422, 'validation_failed', [field]);
  }
  for (const who of ['employee', 'instructor', 'manager']) {
    expectError(await api('POST', '/trainings', { token: await tokenFor(who), body: base }), 403, 'forbidden');
  }
});

test('trainings: publish enrols the active 销售部 subtree; publishing again → 409; enrolments; who may see it', async () => {
  const hr = await tokenFor('hr');
  const { wang, liu } = await people();
  const sales = await dept('销售部');
  const title = uniqueTitle('销售培训');
  const t = await createTraining({
    title,
    audience: { departments: [{ id: sales.id, include_subtree: true }], employees: [], roles: [], job_levels: [] },
  });
  const active = await listAll(`/employees?department_id=${sales.id}&include_subtree=true&status=active`, hr);
  assert.ok(active.length >= 3, 'demo 销售部 subtree too small');

  const pub = await api('POST', `/trainings/${t.id}/publish`, { token: hr });
  assert.equal(pub.status, 200, show(pub));
  assert.equal(pub.json.enrolled, active.length, `enrolled ${pub.json.enrolled}, active employees in 销售部 subtree ${active.length}`);
  assert.equal(pub.json.training.id, t.id);
  assert.equal(pub.json.training.status, 'published');
  assert.equal(pub.json.training.enrolled_count, active.length);

  expectError(await api('POST', `/trainings/${t.id}/publish`, { token: hr }), 409);

  const list = await enrollments(t.id, hr);
  assert.equal(list.length, active.length);
  assert.deepEqual(new Set(list.map((e) => e.employee_id)), new Set(active.map((e) => e.id)));
  const w = list.find((e) => e.employee_id === wang.id);
  assert.ok(w, '王小雨 not enrolled');
  assert.equal(w.name, '王小雨');
  assert.equal(w.employee_no, 'E0005');
  assert.equal(w.department_name, '销售一部');
  assert.equal(w.source, 'audience');
  assert.equal(w.attended_sessions, 0);
  assert.equal(w.submission_status, 'not_submitted');
  assert.ok(!Number.isNaN(Date.parse(w.enrolled_at)));
  assert.ok(!list.some((e) => e.employee_id === liu.id), '刘洋 (研发部) enrolled');

  // Employees may not list trainings; the enrolled one may read this one.
  expectError(await api('GET', '/trainings', { token: await tokenFor('employee') }), 403, 'forbidden');
  const asWang = await api('GET', `/trainings/${t.id}`, { token: await tokenFor('employee') });
  assert.equal(asWang.status, 200, show(asWang));
  assert.equal(asWang.json.title, title);
  expectError(await api('GET', `/trainings/${t.id}/enrollments`, { token: await tokenFor('employee') }), 403, 'forbidden');

  // The instructor sees it in his list and may read the enrolments.
  const instr = await tokenFor('instructor');
  const mine = await listAll(`/trainings?q=${encodeURIComponent(title)}`, instr);
  assert.ok(
    mine.some((x) => x.id === t.id),
    'instructor does not see his training',
  );
  assert.equal((await api('GET', `/trainings/${t.id}`, { token: instr })).status, 200);
  assert.equal((await api('GET', `/trainings/${t.id}/enrollments`, { token: instr })).status, 200);

  // An employee neither enrolled nor teaching: refused.
  const outsider = await createLoginUser();
  const ot = await login(outsider.login, outsider.password);
  expectError(await api('GET', `/trainings/${t.id}`, { token: ot }), [403, 404], ['forbidden', 'not_found']);

  // HR list filters.
  const q = encodeURIComponent(title);
  assert.ok((await listAll(`/trainings?status=published&q=${q}`, hr)).some((x) => x.id === t.id));
  assert.ok(!(await listAll(`/trainings?status=draft&q=${q}`, hr)).some((x) => x.id === t.id));
  assert.ok((await listAll(`/trainings?course_id=${t.course_id}`, hr)).some((x) => x.id === t.id));
  for (const x of await listAll(`/trainings?status=draft`, hr)) assert.equal(x.status, 'draft');

  // 王小雨 can read the training (in scope) but may not publish it: 403, not 404.
  expectError(await api('POST', `/trainings/${t.id}/publish`, { token: await tokenFor('employee') }), 403, 'forbidden');
});

test('trainings: an instructor does not see trainings he does not teach', async () => {
  const title = uniqueTitle('无讲师培训');
  const t = await createTraining({ title, instructors: [] });
  const instr = await tokenFor('instructor');
  const mine = await listAll(`/trainings?q=${encodeURIComponent(title)}`, instr);
  assert.ok(!mine.some((x) => x.id === t.id), 'instructor sees a training he does not teach');
  expectError(await api('GET', `/trainings/${t.id}`, { token: instr }), [403, 404], ['forbidden', 'not_found']);
  expectError(await api('GET', `/trainings/${t.id}/enrollments`, { token: instr }), [403, 404], ['forbidden', 'not_found']);
});

test('trainings: explicit enrolment changes and audience-diff — nothing changes silently', async () => {
  const hr = await tokenFor('hr');
  const sales = await dept('销售部');
  const sales1 = await dept('销售一部');
  const sales2 = await dept('销售二部');
  const rd = await dept('研发部');
  const t = await publishedTraining({
    audience: { departments: [{ id: sales.id, include_subtree: true }], employees: [], roles: [], job_levels: [] },
  });
  const before = await enrollments(t.id, hr);

  // Add an employee from 研发部 by hand.
  const dev = await createEmployee({ department_id: rd.id });
  const add = await api('POST', `/trainings/${t.id}/enrollments`, { token: hr, body: { add: [dev.id] } });
  assert.equal(add.status, 200, show(add));
  assert.deepEqual(add.json, { added: 1, removed: 0 });
  const after = await enrollments(t.id, hr);
  assert.equal(after.length, before.length + 1);
  const d = after.find((e) => e.employee_id === dev.id);
  assert.ok(d, 'added employee not enrolled');
  assert.equal(d.source, 'manual');
  // Adding again changes nothing.
  const again = await api('POST', `/trainings/${t.id}/enrollments`, { token: hr, body: { add: [dev.id] } });
  assert.equal(again.status, 200, show(again));
  assert.deepEqual(again.json, { added: 0, removed: 0 });

  // The diff: the 研发部 employee is enrolled but not in the audience → remove; nothing to add.
  let diff = await api('GET', `/trainings/${t.id}/audience-diff`, { token: hr });
  assert.equal(diff.status, 200, show(diff));
  assert.ok(Array.isArray(diff.json.add) && Array.isArray(diff.json.remove), show(diff));
  assert.deepEqual(
    diff.json.remove.map((e) => e.id),
    [dev.id],
    `remove: ${show(diff)}`,
  );
  assert.equal(diff.json.remove[0].name, dev.name);
  assert.equal(diff.json.remove[0].employee_no, dev.employee_no);
  assert.deepEqual(diff.json.add, [], `add: ${show(diff)}`);

  // A newcomer in 销售二部 is not enrolled by itself; the diff offers him.
  const newcomer = await createEmployee({ department_id: sales2.id });
  assert.ok(!(await enrollments(t.id, hr)).some((e) => e.employee_id === newcomer.id), 'newcomer enrolled silently');
  diff = await api('GET', `/trainings/${t.id}/audience-diff`, { token: hr });
  assert.equal(diff.status, 200, show(diff));
  assert.ok(diff.json.add.some((e) => e.id === newcomer.id), `newcomer not in add: ${show(diff)}`);

  // Narrowing the audience to 销售一部 drops nobody by itself; the diff lists the 销售二部 people.
  const patch = await api('PATCH', `/trainings/${t.id}`, {
    token: hr,
    body: { audience: { departments: [{ id: sales1.id, include_subtree: false }], employees: [], roles: [], job_levels: [] } },
  });
  assert.equal(patch.status, 200, show(patch));
  const afterPatch = await enrollments(t.id, hr);
  assert.equal(afterPatch.length, before.length + 1, 'audience PATCH changed the enrolments silently');
  diff = await api('GET', `/trainings/${t.id}/audience-diff`, { token: hr });
  const s2emp = afterPatch.filter((e) => e.department_name === '销售二部');
  assert.ok(s2emp.length > 0);
  for (const e of s2emp) assert.ok(diff.json.remove.some((r) => r.id === e.employee_id), `${e.name} (销售二部) not in remove`);
  assert.ok(!diff.json.add.some((e) => e.id === newcomer.id), 'newcomer of 销售二部 still offered after narrowing');

  // Apply explicitly: remove the 研发部 employee.
  const rm = await api('POST', `/trainings/${t.id}/enrollments`, { token: hr, body: { remove: [dev.id] } });
  assert.equal(rm.status, 200, show(rm));
  assert.deepEqual(rm.json, { added: 0, removed: 1 });
  assert.ok(!(await enrollments(t.id, hr)).some((e) => e.employee_id === dev.id));

  expectError(
    await api('POST', `/trainings/${t.id}/enrollments`, { token: hr, body: { add: [987654321] } }),
    [404, 422],
    ['not_found', 'validation_failed'],
  );

  // Only HR changes enrolments or reads the diff. Both may read the training (enrolled / teaching): 403.
  for (const who of ['employee', 'instructor']) {
    const tk = await tokenFor(who);
    expectError(await api('POST', `/trainings/${t.id}/enrollments`, { token: tk, body: { add: [dev.id] } }), 403, 'forbidden');
    expectError(await api('GET', `/trainings/${t.id}/audience-diff`, { token: tk }), [403, 404], ['forbidden', 'not_found']);
  }
});

test('trainings: self-enrolment — disabled → 403; capacity reached → 409 training_full', async () => {
  const closed = await publishedTraining({ audience: EMPTY_AUDIENCE });
  const a = await createLoginUser();
  const b = await createLoginUser();
  const ta = await login(a.login, a.password);
  const tb = await login(b.login, b.password);
  expectError(await api('POST', `/trainings/${closed.id}/enroll`, { token: ta }), 403);

  const open = await publishedTraining({ audience: EMPTY_AUDIENCE, self_enrollment: { enabled: true, capacity: 1 } });
  assert.deepEqual(open.self_enrollment, { enabled: true, capacity: 1 });
  const e1 = await api('POST', `/trainings/${open.id}/enroll`, { token: ta });
  assert.equal(e1.status, 200, show(e1));
  assert.equal(e1.json.employee_id, a.employee.id);
  assert.equal(e1.json.source, 'self');
  assert.equal(e1.json.name, a.employee.name);
  assert.equal(e1.json.employee_no, a.employee.employee_no);
  assert.equal(e1.json.department_name, '财务部');
  assert.equal(e1.json.attended_sessions, 0);
  assert.equal(e1.json.submission_status, 'not_submitted');
  // Enrolling again answers the same enrolment.
  const e1b = await api('POST', `/trainings/${open.id}/enroll`, { token: ta });
  assert.equal(e1b.status, 200, show(e1b));
  assert.equal(e1b.json.employee_id, a.employee.id);
  expectError(await api('POST', `/trainings/${open.id}/enroll`, { token: tb }), 409, 'training_full');
  const list = await enrollments(open.id);
  assert.deepEqual(
    list.map((e) => e.employee_id),
    [a.employee.id],
  );
});

test('openapi.json describes the training-loop routes', async () => {
  const res = await api('GET', '/openapi.json');
  assert.equal(res.status, 200, show(res));
  const paths = res.json.paths;
  for (const [p, methods] of Object.entries({
    '/courses': ['get', 'post'],
    '/courses/{id}': ['get', 'patch', 'delete'],
    '/trainings': ['get', 'post'],
    '/trainings/{id}': ['get', 'patch'],
    '/trainings/{id}/publish': ['post'],
    '/trainings/{id}/enrollments': ['get', 'post'],
    '/trainings/{id}/audience-diff': ['get'],
    '/trainings/{id}/enroll': ['post'],
    '/trainings/{id}/submission': ['get', 'put'],
    '/sessions/{id}/qr': ['get'],
    '/sessions/{id}/qr.png': ['get'],
    '/sessions/{id}/checkin': ['post'],
    '/sessions/{id}/attendance': ['get'],
    '/sessions/{id}/attendance/{employee_id}': ['put'],
    '/me/hours': ['get'],
    '/employees/{id}/hours': ['get'],
    '/files': ['post'],
    '/files/{id}': ['get'],
    '/files/{id}/thumbnail': ['get'],
    '/me/trainings': ['get'],
    '/reviews/queue': ['get'],
    '/submissions/{id}/review': ['post'],
    '/events': ['get'],
  })) {
    assert.ok(paths[p], `openapi.json lacks ${p}`);
    for (const m of methods) assert.ok(paths[p][m], `openapi.json lacks ${m.toUpperCase()} ${p}`);
  }
  for (const s of ['Course', 'Training', 'Session', 'Submission', 'File', 'Hours', 'Event']) {
    assert.ok(res.json.components.schemas[s], `no ${s} schema`);
  }
  const put = paths['/trainings/{id}/submission'].put;
  const params = (put.parameters || []).map((x) => (x.$ref ? res.json.components.parameters[x.$ref.split('/').pop()] : x));
  assert.ok(params.some((x) => x.in === 'header' && x.name === 'Idempotency-Key'), 'no Idempotency-Key header parameter');
});

test('trainings: the audience is the union of departments, employees, roles and job levels (active only)', async () => {
  const hr = await tokenFor('hr');
  const rd = await dept('研发部');
  const extra = await createEmployee();
  const gone = await createEmployee({ department_id: rd.id });
  const p = await api('PATCH', `/employees/${gone.id}`, { token: hr, body: { status: 'left' } });
  assert.equal(p.status, 200, show(p));
  const t = await createTraining({
    audience: {
      departments: [{ id: rd.id, include_subtree: false }],
      employees: [extra.id],
      roles: ['manager'],
      job_levels: ['P3'],
    },
  });
  const everyone = await listAll('/employees?status=active', hr);
  const expected = new Set(
    everyone
      .filter((e) => e.department_id === rd.id || e.id === extra.id || e.roles.includes('manager') || e.job_level === 'P3')
      .map((e) => e.id),
  );
  const pub = await publish(t.id);
  assert.equal(pub.enrolled, expected.size, `enrolled ${pub.enrolled}, expected ${expected.size}`);
  const got = new Set((await enrollments(t.id, hr)).map((e) => e.employee_id));
  assert.deepEqual(got, expected);
  assert.ok(!got.has(gone.id), 'an employee who left was enrolled');
});

test('trainings: a branch-limited HR (hr2) sees only trainings of its branch', async () => {
  const hr = await tokenFor('hr');
  const hr2 = await tokenFor('hr2');
  const corp = (await api('GET', '/branches?limit=200', { token: hr })).json.items.find((b) => b.name === '示例科技有限公司');
  const inst = (await api('GET', '/branches?limit=200', { token: hr })).json.items.find((b) => b.name === '示例市技术研究院');
  const title = uniqueTitle('分支培训');
  const t = await createTraining({ title, branch_id: corp.id });
  assert.equal(t.branch_id, corp.id);
  expectError(await api('GET', `/trainings/${t.id}`, { token: hr2 }), 404, 'not_found');
  assert.ok(!(await listAll(`/trainings?q=${encodeURIComponent(title)}`, hr2)).some((x) => x.id === t.id), 'hr2 lists another branch’s training');
  expectError(await api('POST', `/trainings/${t.id}/publish`, { token: hr2 }), 404, 'not_found');
  // hr2 may create one for its own branch, not for another.
  const course = await createCourse();
  const own = await api('POST', '/trainings', {
    token: hr2,
    body: { course_id: course.id, branch_id: inst.id, sessions: [{ start_at: at(2 * DAY), end_at: at(2 * DAY + HOUR) }] },
  });
  assert.equal(own.status, 201, show(own));
  assert.equal(own.json.branch_id, inst.id);
  expectError(
    await api('POST', '/trainings', {
      token: hr2,
      body: { course_id: course.id, branch_id: corp.id, sessions: [{ start_at: at(2 * DAY), end_at: at(2 * DAY + HOUR) }] },
    }),
    [403, 422],
    ['forbidden', 'validation_failed'],
  );
});

test('trainings: races — parallel publish enrols once; parallel self-enrolment respects the capacity', async () => {
  const hr = await tokenFor('hr');
  const { wang } = await people();
  const t = await createTraining({ audience: { departments: [], employees: [wang.id], roles: [], job_levels: [] } });
  const pubs = await Promise.all(Array.from({ length: 6 }, () => api('POST', `/trainings/${t.id}/publish`, { token: hr })));
  assert.equal(pubs.filter((r) => r.status === 200).length, 1, pubs.map((r) => r.status).join(','));
  for (const r of pubs.filter((x) => x.status !== 200)) expectError(r, 409);
  assert.equal((await enrollments(t.id, hr)).length, 1);

  const open = await publishedTraining({ audience: EMPTY_AUDIENCE, self_enrollment: { enabled: true, capacity: 2 } });
  const tokens = [];
  for (let i = 0; i < 6; i++) {
    const u = await createLoginUser();
    tokens.push(await login(u.login, u.password));
  }
  const answers = await Promise.all(tokens.map((token) => api('POST', `/trainings/${open.id}/enroll`, { token })));
  assert.equal(answers.filter((r) => r.status === 200).length, 2, answers.map((r) => r.status).join(','));
  for (const r of answers.filter((x) => x.status !== 200)) expectError(r, 409, 'training_full');
  assert.equal((await enrollments(open.id, hr)).length, 2);
});

test('trainings: a draft is invisible to its audience (no enrolment before publishing)', async () => {
  const { wang } = await people();
  const emp = await tokenFor('employee');
  const t = await createTraining({ audience: { departments: [], employees: [wang.id], roles: [], job_levels: [] } });
  expectError(await api('GET', `/trainings/${t.id}`, { token: emp }), [403, 404], ['forbidden', 'not_found']);
  const mine = await api('GET', '/me/trainings', { token: emp });
  assert.equal(mine.status, 200, show(mine));
  assert.ok(!mine.json.items.some((i) => i.training_id === t.id), 'a draft training shows in 我的培训');
  assert.deepEqual(await enrollments(t.id), []);
});
