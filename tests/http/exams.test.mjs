// Training loop, part 4: the question bank, exams, attempts, grading.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, show, expectError, expectList, detailFields, tokenFor, login, listAll, createLoginUser, uid } from './lib.mjs';
import { MINUTE, DAY, at, near, people, uniqueTitle, createCourse, publishedTraining } from './training_lib.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Assert an error whose details name `field` itself or a sub-field of it (`field.x`, `field[0]`). */
function expectFieldError(res, status, code, field) {
  expectError(res, status, code);
  const got = detailFields(res);
  assert.ok(
    got.some((f) => f === field || f.startsWith(`${field}.`) || f.startsWith(`${field}[`)),
    `expected details to name field "${field}", got ${show(res)}`,
  );
}

/** A key absent or null. */
function absentOrNull(obj, key, what) {
  assert.ok(obj[key] === undefined || obj[key] === null, `${what}: ${key} must not be shown: ${JSON.stringify(obj)}`);
}

const sorted = (a) => [...a].sort();

/** POST /questions (hr unless token given) → the created Question. */
async function createQuestion(body, token) {
  const res = await api('POST', '/questions', { token: token || (await tokenFor('hr')), body: { points: 1, ...body } });
  assert.equal(res.status, 201, `create question: ${show(res)}`);
  return res.json;
}

const OPTS3 = [
  { key: 'A', text: '红色' },
  { key: 'B', text: '蓝色' },
  { key: 'C', text: '绿色' },
];
const OPTS4 = [
  { key: 'A', text: '安全帽' },
  { key: 'B', text: '拖鞋' },
  { key: 'C', text: '防护眼镜' },
  { key: 'D', text: '短裤' },
];

/**
 * One question of each kind (points 2, 3, 1, 4, 10 → total 20), linked to course `courseId`.
 * Returns {single, multiple, tf, fill, short, ref} (ref = the short answer's reference text).
 */
async function fiveQuestions(courseId) {
  const tag = uid(6);
  const ref = `参考要点${uid(8)}`;
  const single = await createQuestion({ kind: 'single', stem: `${tag} 天空是什么颜色？`, options: OPTS3, answer: 'B', points: 2, course_id: courseId });
  const multiple = await createQuestion({
    kind: 'multiple',
    stem: `${tag} 进入车间必须佩戴哪些防护用品？`,
    options: OPTS4,
    answer: ['A', 'C'],
    points: 3,
    course_id: courseId,
  });
  const tf = await createQuestion({ kind: 'true_false', stem: `${tag} 灭火器可以不定期检查。`, answer: false, points: 1, course_id: courseId });
  const fill = await createQuestion({
    kind: 'fill_blank',
    stem: `${tag} 中华人民共和国的首都是____。`,
    answer: ['北京|Beijing'],
    points: 4,
    course_id: courseId,
  });
  const short = await createQuestion({ kind: 'short_answer', stem: `${tag} 简述安全生产的意义。`, answer: ref, points: 10, course_id: courseId });
  return { single, multiple, tf, fill, short, ref };
}

/** PUT /trainings/{id}/exam as hr. */
async function putExam(trainingId, body, token) {
  return api('PUT', `/trainings/${trainingId}/exam`, { token: token || (await tokenFor('hr')), body });
}

/**
 * A published training for 王小雨 (+ extra employee ids) with an exam over the five questions:
 * 30 minutes, 2 attempts, pass 60, open now until 30 days from now.
 */
async function examFixture({ extra = [], exam = {} } = {}) {
  const { wang } = await people();
  const course = await createCourse();
  const q = await fiveQuestions(course.id);
  const training = await publishedTraining({
    course_id: course.id,
    audience: { departments: [], employees: [wang.id, ...extra], roles: [], job_levels: [] },
  });
  const body = {
    title: uniqueTitle('结业考试'),
    time_limit_minutes: 30,
    attempts_allowed: 2,
    pass_score: 60,
    question_ids: [q.single.id, q.multiple.id, q.tf.id, q.fill.id, q.short.id],
    opens_at: at(-DAY),
    closes_at: at(30 * DAY),
    ...exam,
  };
  const res = await putExam(training.id, body);
  assert.equal(res.status, 200, `put exam: ${show(res)}`);
  return { training, q, exam: res.json, body };
}

function startAttempt(token, trainingId) {
  return api('POST', `/trainings/${trainingId}/exam/attempts`, { token });
}

function saveAnswers(token, attemptId, answers) {
  return api('PUT', `/exam-attempts/${attemptId}/answers`, { token, body: { answers } });
}

function submitAttempt(token, attemptId) {
  return api('POST', `/exam-attempts/${attemptId}/submit`, { token });
}

/** The attempt's question with this id (asserts it is there). */
function qOf(attempt, id) {
  assert.ok(Array.isArray(attempt.questions), `attempt without questions: ${JSON.stringify(attempt)}`);
  const q = attempt.questions.find((x) => x.id === id);
  assert.ok(q, `attempt lacks question ${id}: ${JSON.stringify(attempt)}`);
  return q;
}

/** The exam.graded events of this attempt. */
async function gradedEvents(attemptId) {
  const events = await listAll('/events?kind=exam.graded', await tokenFor('hr'));
  for (const e of events) assert.equal(e.kind, 'exam.graded', `kind filter leak: ${JSON.stringify(e)}`);
  return events.filter((e) => e.payload?.attempt_id === attemptId);
}

/** Name of the employee in an attempt list item (employee_name, or employee.name). */
function itemName(it) {
  return it.employee_name ?? it.employee?.name ?? it.name;
}

// ---------------------------------------------------------------- question bank

test('questions: create each kind → 201 round-trips; GET, PATCH, list filters q/kind/course_id, DELETE', async () => {
  const token = await tokenFor('hr');
  const course = await createCourse();
  const tag = `题${uid(8)}`;
  const s = await createQuestion({
    kind: 'single',
    stem: `${tag} 单选`,
    options: OPTS3,
    answer: 'C',
    points: 2.5,
    tags: ['安全', '基础'],
    course_id: course.id,
  });
  assert.ok(Number.isInteger(s.id) && s.id > 0, JSON.stringify(s));
  assert.equal(s.kind, 'single');
  assert.equal(s.stem, `${tag} 单选`);
  assert.deepEqual(s.options, OPTS3);
  assert.equal(s.answer, 'C');
  near(s.points, 2.5, 'points');
  assert.deepEqual(s.tags, ['安全', '基础']);
  assert.equal(s.course_id, course.id);
  assert.ok(!Number.isNaN(Date.parse(s.created_at)) && !Number.isNaN(Date.parse(s.updated_at)), JSON.stringify(s));

  const m = await createQuestion({ kind: 'multiple', stem: `${tag} 多选`, options: OPTS4, answer: ['C', 'A'], points: 3 });
  assert.equal(m.kind, 'multiple');
  assert.deepEqual(sorted(m.answer), ['A', 'C']);
  assert.equal(m.course_id, null);
  const tf = await createQuestion({ kind: 'true_false', stem: `${tag} 判断`, answer: false });
  assert.equal(tf.answer, false, `true_false answer false lost: ${JSON.stringify(tf)}`);
  const fb = await createQuestion({ kind: 'fill_blank', stem: `${tag} 填空 ____ 和 ____`, answer: ['北京|Beijing', '上海'] });
  assert.deepEqual(fb.answer, ['北京|Beijing', '上海']);
  const sa = await createQuestion({ kind: 'short_answer', stem: `${tag} 简答`, answer: null, points: 10 });
  assert.equal(sa.answer, null);
  near(sa.points, 10, 'short answer points');

  // Default points 1.
  const res = await api('POST', '/questions', { token, body: { kind: 'true_false', stem: `${tag} 默认分值`, answer: true } });
  assert.equal(res.status, 201, show(res));
  near(res.json.points, 1, 'default points');
  assert.equal(res.json.answer, true);
  assert.deepEqual(res.json.tags, []);

  const got = await api('GET', `/questions/${s.id}`, { token });
  assert.equal(got.status, 200, show(got));
  assert.equal(got.json.answer, 'C');
  assert.deepEqual(got.json.options, OPTS3);

  const p = await api('PATCH', `/questions/${s.id}`, { token, body: { stem: `${tag} 单选改`, points: 4 } });
  assert.equal(p.status, 200, show(p));
  assert.equal(p.json.stem, `${tag} 单选改`);
  near(p.json.points, 4, 'patched points');
  assert.equal(p.json.answer, 'C', 'PATCH changed an absent field');
  assert.deepEqual(p.json.options, OPTS3, 'PATCH changed an absent field');
  assert.equal(p.json.course_id, course.id, 'PATCH changed an absent field');
  expectFieldError(await api('PATCH', `/questions/${s.id}`, { token, body: { answer: 'Z' } }), 422, 'validation_failed', 'answer');
  expectFieldError(await api('PATCH', `/questions/${s.id}`, { token, body: { points: 0 } }), 422, 'validation_failed', 'points');

  // List filters.
  const q = encodeURIComponent(tag);
  const all = await listAll(`/questions?q=${q}`, token);
  assert.deepEqual(sorted(all.map((x) => x.id)), sorted([s.id, m.id, tf.id, fb.id, sa.id, res.json.id]), JSON.stringify(all));
  const singles = await listAll(`/questions?q=${q}&kind=single`, token);
  assert.deepEqual(singles.map((x) => x.id), [s.id]);
  const fills = await listAll(`/questions?kind=fill_blank&q=${q}`, token);
  assert.deepEqual(fills.map((x) => x.id), [fb.id]);
  const byCourse = await listAll(`/questions?course_id=${course.id}`, token);
  assert.deepEqual(byCourse.map((x) => x.id), [s.id], `course_id filter: ${JSON.stringify(byCourse)}`);
  const page = expectList(await api('GET', `/questions?q=${q}&limit=2`, { token }));
  assert.equal(page.items.length, 2);
  assert.equal(typeof page.next_cursor, 'string', 'six matches, limit 2: a next page expected');

  const del = await api('DELETE', `/questions/${m.id}`, { token });
  assert.equal(del.status, 204, show(del));
  expectError(await api('GET', `/questions/${m.id}`, { token }), 404, 'not_found');
  expectError(await api('GET', '/questions/987654321', { token }), 404, 'not_found');
  // A bad filter value is a bad query parameter (as for /courses?category=).
  expectError(await api('GET', '/questions?kind=essay', { token }), [400, 422], ['invalid_parameter', 'validation_failed'], ['kind']);
});

test('questions: 422 — single with one option, answer not among options, duplicate keys, bad kind, points ≤ 0, no stem', async () => {
  const token = await tokenFor('hr');
  const single = { kind: 'single', stem: `单选${uid(6)}`, options: OPTS3, answer: 'A', points: 1 };
  const multiple = { kind: 'multiple', stem: `多选${uid(6)}`, options: OPTS4, answer: ['A', 'B'], points: 2 };
  for (const [body, field] of [
    [{ ...single, options: [{ key: 'A', text: '唯一' }] }, 'options'],
    [{ ...single, options: [] }, 'options'],
    [{ ...multiple, options: [{ key: 'A', text: '唯一' }], answer: ['A'] }, 'options'],
    [{ ...single, options: [{ key: 'A', text: '甲' }, { key: 'A', text: '乙' }] }, 'options'],
    [{ ...single, answer: 'D' }, 'answer'],
    [{ ...single, answer: undefined }, 'answer'],
    [{ ...multiple, answer: ['A', 'Z'] }, 'answer'],
    [{ ...single, kind: 'essay' }, 'kind'],
    [{ ...single, kind: undefined }, 'kind'],
    [{ ...single, points: 0 }, 'points'],
    [{ ...single, points: -1 }, 'points'],
    [{ ...single, points: 'many' }, 'points'],
    [{ ...single, stem: '' }, 'stem'],
    [{ ...single, stem: undefined }, 'stem'],
    [{ kind: 'true_false', stem: '判断', answer: 'yes' }, 'answer'],
  ]) {
    expectFieldError(await api('POST', '/questions', { token, body }), 422, 'validation_failed', field);
  }
  expectError(await api('POST', '/questions', { token, raw: '{"kind":', headers: { 'Content-Type': 'application/json' } }), 400, 'invalid_json');
});

test('questions: employees → 403 on every route; instructors may write; no auth → 401', async () => {
  const q = await createQuestion({ kind: 'true_false', stem: `权限${uid(6)}`, answer: true });
  for (const who of ['employee', 'manager']) {
    const token = await tokenFor(who);
    expectError(await api('GET', '/questions', { token }), 403, 'forbidden');
    expectError(await api('POST', '/questions', { token, body: { kind: 'true_false', stem: '员工出题', answer: true } }), 403, 'forbidden');
    expectError(await api('GET', `/questions/${q.id}`, { token }), 403, 'forbidden');
    expectError(await api('PATCH', `/questions/${q.id}`, { token, body: { stem: '改' } }), 403, 'forbidden');
    expectError(await api('DELETE', `/questions/${q.id}`, { token }), 403, 'forbidden');
  }
  const instr = await tokenFor('instructor');
  const mine = await createQuestion({ kind: 'single', stem: `讲师出题${uid(6)}`, options: OPTS3, answer: 'A' }, instr);
  expectList(await api('GET', `/questions?q=${encodeURIComponent(mine.stem)}`, { token: instr }));
  const got = await api('GET', `/questions/${mine.id}`, { token: instr });
  assert.equal(got.status, 200, show(got));
  const p = await api('PATCH', `/questions/${mine.id}`, { token: instr, body: { points: 2 } });
  assert.equal(p.status, 200, show(p));
  expectError(await api('GET', '/questions'), 401, 'unauthorized');
  const still = await api('GET', `/questions/${q.id}`, { token: await tokenFor('hr') });
  assert.equal(still.status, 200, show(still));
  assert.equal(still.json.stem, q.stem);
});

test('questions: DELETE of a question an exam uses → 409 conflict', async () => {
  const f = await examFixture();
  const token = await tokenFor('hr');
  expectError(await api('DELETE', `/questions/${f.q.single.id}`, { token }), 409, 'conflict');
  assert.equal((await api('GET', `/questions/${f.q.single.id}`, { token })).status, 200);
});

// ---------------------------------------------------------------- exams

test('exam: PUT (HR) → 200 with total_points and question_count; GET by HR, instructor, enrolled employee; replace', async () => {
  const f = await examFixture();
  const e = f.exam;
  assert.ok(Number.isInteger(e.id) && e.id > 0, JSON.stringify(e));
  assert.equal(e.training_id, f.training.id);
  assert.equal(e.title, f.body.title);
  assert.equal(e.time_limit_minutes, 30);
  assert.equal(e.attempts_allowed, 2);
  near(e.pass_score, 60, 'pass_score');
  near(e.total_points, 20, 'total_points (2+3+1+4+10)');
  assert.equal(e.question_count, 5);
  assert.equal(Date.parse(e.opens_at), Date.parse(f.body.opens_at), `opens_at ${e.opens_at}`);
  assert.equal(Date.parse(e.closes_at), Date.parse(f.body.closes_at), `closes_at ${e.closes_at}`);

  for (const who of ['hr', 'instructor']) {
    const g = await api('GET', `/trainings/${f.training.id}/exam`, { token: await tokenFor(who) });
    assert.equal(g.status, 200, `${who}: ${show(g)}`);
    assert.equal(g.json.id, e.id);
    near(g.json.total_points, 20, 'total_points');
  }
  const ge = await api('GET', `/trainings/${f.training.id}/exam`, { token: await tokenFor('employee') });
  assert.equal(ge.status, 200, show(ge));
  assert.equal(ge.json.id, e.id);
  assert.equal(ge.json.question_count, 5);
  assert.deepEqual(ge.json.my_attempts, [], `an employee sees my_attempts (none yet): ${show(ge)}`);
  assert.ok(!ge.text.includes('Beijing') && !ge.text.includes(f.q.ref), `the exam leaks answers to an employee: ${show(ge)}`);

  // PUT again replaces the settings.
  const title2 = uniqueTitle('补考');
  const r = await putExam(f.training.id, { ...f.body, title: title2, pass_score: 80, question_ids: [f.q.single.id, f.q.tf.id] });
  assert.equal(r.status, 200, show(r));
  assert.equal(r.json.title, title2);
  near(r.json.pass_score, 80, 'pass_score');
  near(r.json.total_points, 3, 'total_points after replace (2+1)');
  assert.equal(r.json.question_count, 2);
  const g2 = await api('GET', `/trainings/${f.training.id}/exam`, { token: await tokenFor('hr') });
  assert.equal(g2.json.title, title2);
  assert.equal(g2.json.question_count, 2);
});

test('exam: PUT 422 — time_limit_minutes 0/601, attempts_allowed 0/11, pass_score 101, closes before opens, no or unknown questions; 403 for others', async () => {
  const f = await examFixture();
  const base = f.body;
  for (const [body, field] of [
    [{ ...base, time_limit_minutes: 0 }, 'time_limit_minutes'],
    [{ ...base, time_limit_minutes: 601 }, 'time_limit_minutes'],
    [{ ...base, attempts_allowed: 0 }, 'attempts_allowed'],
    [{ ...base, attempts_allowed: 11 }, 'attempts_allowed'],
    [{ ...base, pass_score: 101 }, 'pass_score'],
    [{ ...base, pass_score: -1 }, 'pass_score'],
    [{ ...base, opens_at: at(2 * DAY), closes_at: at(DAY) }, 'closes_at'],
    [{ ...base, question_ids: [] }, 'question_ids'],
    [{ ...base, question_ids: [f.q.single.id, 987654321] }, 'question_ids'],
  ]) {
    expectFieldError(await putExam(f.training.id, body), 422, 'validation_failed', field);
  }
  // Creating an exam needs the questions and the time limit.
  const fresh = await publishedTraining();
  expectFieldError(await putExam(fresh.id, { ...base, question_ids: undefined }), 422, 'validation_failed', 'question_ids');
  expectFieldError(await putExam(fresh.id, { ...base, time_limit_minutes: undefined }), 422, 'validation_failed', 'time_limit_minutes');
  expectError(await api('GET', `/trainings/${fresh.id}/exam`, { token: await tokenFor('hr') }), 404, 'not_found');
  // Nothing changed.
  const g = await api('GET', `/trainings/${f.training.id}/exam`, { token: await tokenFor('hr') });
  assert.equal(g.status, 200, show(g));
  assert.equal(g.json.time_limit_minutes, 30);
  assert.equal(g.json.question_count, 5);

  for (const who of ['employee', 'instructor', 'manager']) {
    expectError(await putExam(f.training.id, base, await tokenFor(who)), 403, 'forbidden');
  }
  expectError(await putExam(987654321, base), 404, 'not_found');
  // A training without an exam.
  const bare = await publishedTraining();
  expectError(await api('GET', `/trainings/${bare.id}/exam`, { token: await tokenFor('hr') }), 404, 'not_found');
});

test('exam: an employee who is not enrolled cannot see the exam or start an attempt (403/404)', async () => {
  const f = await examFixture();
  const other = await createLoginUser();
  const ot = await login(other.login, other.password);
  expectError(await api('GET', `/trainings/${f.training.id}/exam`, { token: ot }), [403, 404]);
  expectError(await startAttempt(ot, f.training.id), [403, 404]);
  // The list of attempts is for HR and instructors only.
  expectError(await api('GET', `/trainings/${f.training.id}/exam/attempts`, { token: await tokenFor('employee') }), 403, 'forbidden');
});

test('exam attempt: start 201 without answers, deadline = started_at + limit, same attempt again; save; submit grades objective; instructor grades → graded + event', async () => {
  const { wang } = await people();
  const f = await examFixture();
  const emp = await tokenFor('employee');
  const hr = await tokenFor('hr');
  const instr = await tokenFor('instructor');
  const before = Date.now();

  const st = await startAttempt(emp, f.training.id);
  assert.equal(st.status, 201, show(st));
  const a = st.json;
  assert.ok(Number.isInteger(a.id) && a.id > 0, show(st));
  assert.equal(a.exam_id, f.exam.id);
  assert.equal(a.status, 'in_progress');
  const started = Date.parse(a.started_at);
  assert.ok(Math.abs(started - before) < 2 * MINUTE, `started_at ${a.started_at} is not now`);
  const dl = Date.parse(a.deadline);
  assert.ok(Math.abs(dl - (started + 30 * MINUTE)) <= 1000, `deadline ${a.deadline} is not started_at ${a.started_at} + 30 min`);
  assert.equal(a.questions.length, 5, show(st));
  assert.deepEqual(sorted(a.questions.map((x) => x.id)), sorted([f.q.single.id, f.q.multiple.id, f.q.tf.id, f.q.fill.id, f.q.short.id]));
  for (const [name, src] of Object.entries({ single: f.q.single, multiple: f.q.multiple, tf: f.q.tf, fill: f.q.fill, short: f.q.short })) {
    const x = qOf(a, src.id);
    assert.equal(x.kind, src.kind, name);
    assert.equal(x.stem, src.stem, name);
    near(x.points, src.points, `${name} points`);
    absentOrNull(x, 'correct_answer', `started attempt, ${name}`);
    absentOrNull(x, 'answer', `started attempt, ${name}`);
  }
  assert.deepEqual(sorted(qOf(a, f.q.single.id).options.map((o) => o.key)), ['A', 'B', 'C']);
  assert.deepEqual(sorted(qOf(a, f.q.multiple.id).options.map((o) => o.key)), ['A', 'B', 'C', 'D']);
  assert.equal(qOf(a, f.q.fill.id).blanks, 1, 'fill_blank blanks');
  assert.ok(!st.text.includes('Beijing') && !st.text.includes(f.q.ref), `the attempt leaks answers: ${show(st)}`);

  // Starting again gives the same unfinished attempt.
  const again = await startAttempt(emp, f.training.id);
  assert.equal(again.status, 200, show(again));
  assert.equal(again.json.id, a.id);
  assert.equal(Date.parse(again.json.deadline), dl);
  assert.equal(again.json.status, 'in_progress');

  // Save part, then all answers.
  const part = await saveAnswers(emp, a.id, { [f.q.single.id]: 'A' });
  assert.equal(part.status, 200, show(part));
  assert.equal(qOf(part.json, f.q.single.id).answer, 'A');
  const shortText = '安全生产关系到每个员工的生命安全，也关系到企业的长远发展。';
  const answers = {
    [f.q.single.id]: 'B',
    [f.q.multiple.id]: ['C', 'A'],
    [f.q.tf.id]: false,
    [f.q.fill.id]: ['  BEIJING '],
    [f.q.short.id]: shortText,
  };
  const saved = await saveAnswers(emp, a.id, answers);
  assert.equal(saved.status, 200, show(saved));
  assert.equal(saved.json.status, 'in_progress');
  const g = await api('GET', `/exam-attempts/${a.id}`, { token: emp });
  assert.equal(g.status, 200, show(g));
  assert.equal(qOf(g.json, f.q.single.id).answer, 'B');
  assert.deepEqual(sorted(qOf(g.json, f.q.multiple.id).answer), ['A', 'C']);
  assert.equal(qOf(g.json, f.q.tf.id).answer, false);
  assert.equal(qOf(g.json, f.q.fill.id).answer?.[0]?.trim().toLowerCase(), 'beijing', show(g));
  assert.equal(qOf(g.json, f.q.short.id).answer, shortText);
  for (const x of g.json.questions) absentOrNull(x, 'correct_answer', 'owner, in progress');

  // Someone else: no access.
  const other = await createLoginUser();
  const ot = await login(other.login, other.password);
  expectError(await api('GET', `/exam-attempts/${a.id}`, { token: ot }), [403, 404]);
  expectError(await saveAnswers(ot, a.id, { [f.q.single.id]: 'C' }), [403, 404]);
  expectError(await submitAttempt(ot, a.id), [403, 404]);
  expectError(await api('GET', '/exam-attempts/987654321', { token: hr }), 404, 'not_found');

  // Not yet submitted: nothing to grade; answers only for questions of the exam.
  expectError(await api('POST', `/exam-attempts/${a.id}/grade`, { token: instr, body: { scores: { [f.q.short.id]: 5 } } }), 409, 'not_submitted');
  const stranger = await createQuestion({ kind: 'true_false', stem: `别的题${uid(6)}`, answer: true });
  expectFieldError(await saveAnswers(emp, a.id, { [stranger.id]: true }), 422, 'validation_failed', 'answers');

  // Submit: 2 + 3 + 1 + 4 = 10 of 20 objective points → 50 %; the short answer waits.
  const sub = await submitAttempt(emp, a.id);
  assert.equal(sub.status, 200, show(sub));
  const s = sub.json;
  assert.equal(s.status, 'submitted', `with a short answer the status stays submitted: ${show(sub)}`);
  near(s.objective_score, 50, 'objective_score (10 of 20 points)');
  // score: null, or the points awarded so far (10 of 20) — final only once graded.
  assert.ok(s.score === null || s.score === undefined || Math.abs(s.score - 50) < 1e-6, `score before the short answer is graded: ${show(sub)}`);
  assert.ok(s.passed === null || s.passed === undefined, `passed before the short answer is graded: ${show(sub)}`);
  assert.ok(!Number.isNaN(Date.parse(s.submitted_at)), `submitted_at: ${show(sub)}`);
  for (const [src, pts] of [
    [f.q.single, 2],
    [f.q.multiple, 3],
    [f.q.tf, 1],
    [f.q.fill, 4],
  ]) {
    const x = qOf(s, src.id);
    assert.equal(x.correct, true, `${src.kind} graded correct: ${JSON.stringify(x)}`);
    near(x.points_awarded, pts, `${src.kind} points_awarded`);
  }
  const sq = qOf(s, f.q.short.id);
  assert.ok(sq.points_awarded === null || sq.points_awarded === undefined, `short answer graded by itself: ${JSON.stringify(sq)}`);

  // The exam is still open: the owner does not see the correct answers; HR and instructors do.
  const og = await api('GET', `/exam-attempts/${a.id}`, { token: emp });
  assert.equal(og.status, 200, show(og));
  for (const x of og.json.questions) absentOrNull(x, 'correct_answer', 'owner while the exam is open');
  assert.ok(!og.text.includes('Beijing') && !og.text.includes(f.q.ref), `correct answers leak to the owner: ${show(og)}`);
  for (const tok of [hr, instr]) {
    const hg = await api('GET', `/exam-attempts/${a.id}`, { token: tok });
    assert.equal(hg.status, 200, show(hg));
    assert.equal(qOf(hg.json, f.q.single.id).correct_answer, 'B');
    assert.deepEqual(sorted(qOf(hg.json, f.q.multiple.id).correct_answer), ['A', 'C']);
    assert.equal(qOf(hg.json, f.q.tf.id).correct_answer, false);
    assert.deepEqual(qOf(hg.json, f.q.fill.id).correct_answer, ['北京|Beijing']);
    assert.equal(qOf(hg.json, f.q.short.id).correct_answer, f.q.ref);
    assert.equal(qOf(hg.json, f.q.short.id).answer, shortText);
  }

  // A submitted attempt takes no more answers.
  expectError(await saveAnswers(emp, a.id, { [f.q.single.id]: 'C' }), 409);

  // HR and instructors list the attempts.
  for (const tok of [hr, instr]) {
    const list = await listAll(`/trainings/${f.training.id}/exam/attempts`, tok);
    const it = list.find((x) => x.id === a.id);
    assert.ok(it, `attempt list lacks the attempt: ${JSON.stringify(list)}`);
    assert.equal(itemName(it), wang.name, `attempt list: employee name: ${JSON.stringify(it)}`);
    assert.equal(it.status, 'submitted');
  }

  // Grading: employees 403; more than the question's points → 422.
  expectError(await api('POST', `/exam-attempts/${a.id}/grade`, { token: emp, body: { scores: { [f.q.short.id]: 10 } } }), 403, 'forbidden');
  expectError(await api('POST', `/exam-attempts/${a.id}/grade`, { token: instr, body: { scores: { [f.q.short.id]: 11 } } }), 422, 'validation_failed');
  expectError(await api('POST', `/exam-attempts/${a.id}/grade`, { token: instr, body: { scores: { [f.q.short.id]: -1 } } }), 422, 'validation_failed');
  // Objective questions are graded by the server, not by hand.
  expectFieldError(
    await api('POST', `/exam-attempts/${a.id}/grade`, { token: instr, body: { scores: { [f.q.single.id]: 0 } } }),
    422,
    'validation_failed',
    'scores',
  );
  assert.equal(await gradedEvents(a.id).then((e) => e.length), 0, 'exam.graded before grading');

  // The instructor gives 7 of 10: (10 + 7) / 20 = 85 % ≥ 60 → passed.
  const gr = await api('POST', `/exam-attempts/${a.id}/grade`, { token: instr, body: { scores: { [f.q.short.id]: 7 } } });
  assert.equal(gr.status, 200, show(gr));
  assert.equal(gr.json.status, 'graded');
  near(gr.json.score, 85, 'score');
  assert.equal(gr.json.passed, true);
  near(gr.json.objective_score, 50, 'objective_score after grading');
  near(qOf(gr.json, f.q.short.id).points_awarded, 7, 'short answer points_awarded');

  const mine = await api('GET', `/trainings/${f.training.id}/exam`, { token: emp });
  assert.equal(mine.status, 200, show(mine));
  const summary = (mine.json.my_attempts || []).find((x) => x.id === a.id);
  assert.ok(summary, `my_attempts lacks the attempt: ${show(mine)}`);
  assert.equal(summary.status, 'graded');
  near(summary.score, 85, 'my_attempts score');
  assert.equal(summary.passed, true);

  const ev = await gradedEvents(a.id);
  assert.equal(ev.length, 1, `exam.graded events: ${JSON.stringify(ev)}`);
  const p = ev[0].payload;
  assert.equal(p.exam_id, f.exam.id);
  assert.equal(p.training_id, f.training.id);
  assert.equal(p.employee_id, wang.id);
  near(p.score, 85, 'event score');
  assert.equal(p.passed, true);
});

test('exam attempt: a second attempt with wrong answers scores exactly; the third → 409 attempts_exhausted', async () => {
  const f = await examFixture();
  const emp = await tokenFor('employee');
  const instr = await tokenFor('instructor');

  const a1 = await startAttempt(emp, f.training.id);
  assert.equal(a1.status, 201, show(a1));
  assert.equal((await saveAnswers(emp, a1.json.id, { [f.q.single.id]: 'B', [f.q.tf.id]: false })).status, 200);
  const s1 = await submitAttempt(emp, a1.json.id);
  assert.equal(s1.status, 200, show(s1));
  near(s1.json.objective_score, 15, 'attempt 1 objective_score (3 of 20 points)');
  // An unanswered question is wrong, not an error.
  assert.equal(qOf(s1.json, f.q.multiple.id).correct, false);
  near(qOf(s1.json, f.q.multiple.id).points_awarded, 0, 'unanswered multiple');

  // Second attempt: single wrong, multiple half right (all must match → 0), true_false wrong, fill right (4).
  const a2 = await startAttempt(emp, f.training.id);
  assert.equal(a2.status, 201, show(a2));
  assert.notEqual(a2.json.id, a1.json.id);
  const sv = await saveAnswers(emp, a2.json.id, {
    [f.q.single.id]: 'A',
    [f.q.multiple.id]: ['A'],
    [f.q.tf.id]: true,
    [f.q.fill.id]: ['北京'],
    [f.q.short.id]: '不太清楚。',
  });
  assert.equal(sv.status, 200, show(sv));
  const s2 = await submitAttempt(emp, a2.json.id);
  assert.equal(s2.status, 200, show(s2));
  assert.equal(s2.json.status, 'submitted');
  near(s2.json.objective_score, 20, 'attempt 2 objective_score (4 of 20 points)');
  for (const src of [f.q.single, f.q.multiple, f.q.tf]) {
    assert.equal(qOf(s2.json, src.id).correct, false, `${src.kind} must be wrong`);
    near(qOf(s2.json, src.id).points_awarded, 0, `${src.kind} points_awarded`);
  }
  assert.equal(qOf(s2.json, f.q.fill.id).correct, true);

  // (4 + 2) / 20 = 30 % < 60 → not passed.
  const gr = await api('POST', `/exam-attempts/${a2.json.id}/grade`, { token: instr, body: { scores: { [f.q.short.id]: 2 } } });
  assert.equal(gr.status, 200, show(gr));
  assert.equal(gr.json.status, 'graded');
  near(gr.json.score, 30, 'score');
  assert.equal(gr.json.passed, false);
  const ev = await gradedEvents(a2.json.id);
  assert.equal(ev.length, 1, JSON.stringify(ev));
  assert.equal(ev[0].payload.passed, false);
  near(ev[0].payload.score, 30, 'event score');

  expectError(await startAttempt(emp, f.training.id), 409, 'attempts_exhausted');
  const mine = await api('GET', `/trainings/${f.training.id}/exam`, { token: emp });
  assert.deepEqual(
    sorted((mine.json.my_attempts || []).map((x) => x.id)),
    sorted([a1.json.id, a2.json.id]),
    `my_attempts: ${show(mine)}`,
  );
});

test('exam attempt: objective-only exam is graded on submit (score = pass_score passes); attempts_allowed 1 → 409 attempts_exhausted', async () => {
  const { wang } = await people();
  const course = await createCourse();
  const tag = uid(6);
  const tf = await createQuestion({ kind: 'true_false', stem: `${tag} 判断`, answer: true, points: 1 });
  const single = await createQuestion({ kind: 'single', stem: `${tag} 单选`, options: OPTS3, answer: 'C', points: 1 });
  const fill = await createQuestion({ kind: 'fill_blank', stem: `${tag} ____ 与 ____`, answer: ['红|red', '蓝|Blue'], points: 2 });
  const training = await publishedTraining({
    course_id: course.id,
    audience: { departments: [], employees: [wang.id], roles: [], job_levels: [] },
  });
  const ex = await putExam(training.id, {
    title: uniqueTitle('测验'),
    time_limit_minutes: 5,
    attempts_allowed: 1,
    pass_score: 75,
    question_ids: [tf.id, single.id, fill.id],
  });
  assert.equal(ex.status, 200, show(ex));
  near(ex.json.total_points, 4, 'total_points');
  const emp = await tokenFor('employee');
  const st = await startAttempt(emp, training.id);
  assert.equal(st.status, 201, show(st));
  assert.equal(qOf(st.json, fill.id).blanks, 2, 'two blanks');
  const dl = Date.parse(st.json.deadline) - Date.parse(st.json.started_at);
  assert.ok(Math.abs(dl - 5 * MINUTE) <= 1000, `deadline − started_at = ${dl} ms, not 5 min`);
  // tf right (1), single wrong (0), both blanks right with other case/spaces and alternatives (2) → 3 / 4 = 75 %.
  const sv = await saveAnswers(emp, st.json.id, { [tf.id]: true, [single.id]: 'A', [fill.id]: [' RED', 'blue '] });
  assert.equal(sv.status, 200, show(sv));
  const s = await submitAttempt(emp, st.json.id);
  assert.equal(s.status, 200, show(s));
  assert.equal(s.json.status, 'graded', `no short answers: graded at once: ${show(s)}`);
  near(s.json.score, 75, 'score');
  near(s.json.objective_score, 75, 'objective_score');
  assert.equal(s.json.passed, true, 'score equal to pass_score passes');
  assert.equal(qOf(s.json, fill.id).correct, true, `fill_blank alternatives/case/trim: ${JSON.stringify(qOf(s.json, fill.id))}`);
  assert.equal(qOf(s.json, single.id).correct, false);

  const ev = await gradedEvents(st.json.id);
  assert.equal(ev.length, 1, `exam.graded on submit of an objective exam: ${JSON.stringify(ev)}`);
  assert.equal(ev[0].payload.employee_id, wang.id);
  assert.equal(ev[0].payload.training_id, training.id);
  assert.equal(ev[0].payload.passed, true);

  expectError(await startAttempt(emp, training.id), 409, 'attempts_exhausted');
});

test('exam attempt: before opens_at → 409 exam_closed', async () => {
  const f = await examFixture({ exam: { opens_at: at(DAY), closes_at: at(2 * DAY) } });
  expectError(await startAttempt(await tokenFor('employee'), f.training.id), 409, 'exam_closed');
  const list = await listAll(`/trainings/${f.training.id}/exam/attempts`, await tokenFor('hr'));
  assert.equal(list.length, 0, 'a refused start created an attempt');
});

test('exam attempt: after closes_at the owner sees the correct answers and no new attempt starts (409 exam_closed)', async () => {
  const closesAt = at(9000);
  const f = await examFixture({ exam: { opens_at: at(-DAY), closes_at: closesAt, attempts_allowed: 3 } });
  const emp = await tokenFor('employee');
  const st = await startAttempt(emp, f.training.id);
  assert.equal(st.status, 201, show(st));
  assert.equal((await saveAnswers(emp, st.json.id, { [f.q.single.id]: 'B' })).status, 200);
  const sub = await submitAttempt(emp, st.json.id);
  assert.equal(sub.status, 200, show(sub));
  const open = await api('GET', `/exam-attempts/${st.json.id}`, { token: emp });
  assert.equal(open.status, 200, show(open));
  for (const x of open.json.questions) absentOrNull(x, 'correct_answer', 'owner while the exam is open');

  const wait = Date.parse(closesAt) + 1500 - Date.now();
  if (wait > 0) await sleep(wait);
  const closed = await api('GET', `/exam-attempts/${st.json.id}`, { token: emp });
  assert.equal(closed.status, 200, show(closed));
  assert.equal(qOf(closed.json, f.q.single.id).correct_answer, 'B', `after closes_at: ${show(closed)}`);
  assert.equal(qOf(closed.json, f.q.tf.id).correct_answer, false);
  assert.deepEqual(qOf(closed.json, f.q.fill.id).correct_answer, ['北京|Beijing']);
  expectError(await startAttempt(emp, f.training.id), 409, 'exam_closed');
});

test('exam attempt: the deadline never passes closes_at; after it answers → 409 attempt_expired, the saved ones count', async () => {
  const { wang } = await people();
  const tag = uid(6);
  const tf = await createQuestion({ kind: 'true_false', stem: `${tag} 判断`, answer: true, points: 1 });
  const single = await createQuestion({ kind: 'single', stem: `${tag} 单选`, options: OPTS3, answer: 'C', points: 3 });
  const training = await publishedTraining({ audience: { departments: [], employees: [wang.id], roles: [], job_levels: [] } });
  const closesAt = at(6000);
  const ex = await putExam(training.id, {
    title: uniqueTitle('限时测验'),
    time_limit_minutes: 60,
    attempts_allowed: 1,
    pass_score: 50,
    question_ids: [tf.id, single.id],
    closes_at: closesAt,
  });
  assert.equal(ex.status, 200, show(ex));
  const emp = await tokenFor('employee');
  const st = await startAttempt(emp, training.id);
  assert.equal(st.status, 201, show(st));
  assert.equal(Date.parse(st.json.deadline), Date.parse(closesAt), `deadline ${st.json.deadline} should be closes_at ${closesAt}`);
  const sv = await saveAnswers(emp, st.json.id, { [single.id]: 'C' });
  assert.equal(sv.status, 200, show(sv));

  const wait = Date.parse(closesAt) + 1500 - Date.now();
  if (wait > 0) await sleep(wait);
  expectError(await saveAnswers(emp, st.json.id, { [tf.id]: true }), 409, 'attempt_expired');
  // Submitting late is accepted; only what was saved in time counts: 3 of 4 points → 75 %.
  const sub = await submitAttempt(emp, st.json.id);
  assert.equal(sub.status, 200, show(sub));
  assert.equal(sub.json.status, 'graded', show(sub));
  near(sub.json.score, 75, 'score from the answers saved before the deadline');
  assert.equal(sub.json.passed, true);
});
