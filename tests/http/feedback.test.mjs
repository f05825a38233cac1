// Training loop, part 5: the feedback survey (培训评价) and its summaries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, show, expectError, tokenFor, login, listAll, createLoginUser } from './lib.mjs';
import { DAY, HOUR, at, near, people, publishedTraining } from './training_lib.mjs';

/** A published training that ended a day ago, for these employee ids (default 王小雨), feedback on unless said otherwise. */
async function feedbackTraining({ employees, instructors, feedback_enabled = true } = {}) {
  const { wang, liu } = await people();
  return publishedTraining({
    instructors: instructors || [liu.id],
    sessions: [{ start_at: at(-DAY - 2 * HOUR), end_at: at(-DAY), place: '三号会议室', credit_hours: 2 }],
    audience: { departments: [], employees: employees || [wang.id], roles: [], job_levels: [] },
    feedback_enabled,
  });
}

function postFeedback(token, trainingId, body) {
  return api('POST', `/trainings/${trainingId}/feedback`, { token, body });
}

/** A new employee with a login; returns {employee, token}. */
async function newUser(extra = {}) {
  const u = await createLoginUser(extra);
  return { employee: u.employee, token: await login(u.login, u.password) };
}

test('feedback: enrolled employee → 201; a second one → 409 feedback_exists; feedback.submitted event', async () => {
  const { wang } = await people();
  const t = await feedbackTraining();
  assert.equal(t.feedback_enabled, true, `feedback_enabled not kept: ${JSON.stringify(t)}`);
  const emp = await tokenFor('employee');
  const res = await postFeedback(emp, t.id, { instructor_rating: 5, course_rating: 4, comment: '讲得很清楚，案例实用。' });
  assert.equal(res.status, 201, show(res));
  if (res.json && 'instructor_rating' in res.json) {
    assert.equal(res.json.instructor_rating, 5);
    assert.equal(res.json.course_rating, 4);
  }
  if (res.json && 'training_id' in res.json) assert.equal(res.json.training_id, t.id);

  expectError(await postFeedback(emp, t.id, { instructor_rating: 1, course_rating: 1, comment: '改主意了' }), 409, 'feedback_exists');

  const events = await listAll('/events?kind=feedback.submitted', await tokenFor('hr'));
  for (const e of events) assert.equal(e.kind, 'feedback.submitted', `kind filter leak: ${JSON.stringify(e)}`);
  const mine = events.filter((e) => e.payload?.training_id === t.id);
  assert.equal(mine.length, 1, `feedback.submitted events: ${JSON.stringify(mine)}`);
  assert.equal(mine[0].payload.employee_id, wang.id);
  assert.equal(mine[0].payload.instructor_rating, 5);
  assert.equal(mine[0].payload.course_rating, 4);

  // The second (refused) one changed nothing.
  const sum = await api('GET', `/trainings/${t.id}/feedback/summary`, { token: await tokenFor('hr') });
  assert.equal(sum.status, 200, show(sum));
  assert.equal(sum.json.count, 1);
  near(sum.json.instructor_avg, 5, 'instructor_avg');
  near(sum.json.course_avg, 4, 'course_avg');
});

test('feedback: ratings outside 1..5, missing or not numbers → 422 naming the field; nothing stored', async () => {
  const t = await feedbackTraining();
  const emp = await tokenFor('employee');
  const ok = { instructor_rating: 4, course_rating: 4, comment: '不错' };
  for (const [body, fields] of [
    [{ ...ok, instructor_rating: 0 }, ['instructor_rating']],
    [{ ...ok, instructor_rating: 6 }, ['instructor_rating']],
    [{ ...ok, instructor_rating: -3 }, ['instructor_rating']],
    [{ ...ok, instructor_rating: undefined }, ['instructor_rating']],
    [{ ...ok, instructor_rating: 'five' }, ['instructor_rating']],
    [{ ...ok, course_rating: 0 }, ['course_rating']],
    [{ ...ok, course_rating: 6 }, ['course_rating']],
    [{ ...ok, course_rating: undefined }, ['course_rating']],
    [{ comment: '只写评语' }, ['instructor_rating', 'course_rating']],
    [{ instructor_rating: 9, course_rating: 0 }, ['instructor_rating', 'course_rating']],
  ]) {
    expectError(await postFeedback(emp, t.id, body), 422, 'validation_failed', fields);
  }
  expectError(await api('POST', `/trainings/${t.id}/feedback`, { token: emp, raw: '[1,2]', headers: { 'Content-Type': 'application/json' } }), 400, 'invalid_json');
  // Boundaries 1 and 5 are fine, and none of the refused ones counted.
  const res = await postFeedback(emp, t.id, { instructor_rating: 1, course_rating: 5 });
  assert.equal(res.status, 201, show(res));
  const sum = await api('GET', `/trainings/${t.id}/feedback/summary`, { token: await tokenFor('hr') });
  assert.equal(sum.json.count, 1, show(sum));
  near(sum.json.instructor_avg, 1, 'instructor_avg');
  near(sum.json.course_avg, 5, 'course_avg');
});

test('feedback: not enrolled → 403/404; training without feedback_enabled → 409 feedback_disabled; no auth → 401', async () => {
  const t = await feedbackTraining();
  const other = await newUser();
  expectError(await postFeedback(other.token, t.id, { instructor_rating: 3, course_rating: 3 }), [403, 404]);
  expectError(await postFeedback(undefined, t.id, { instructor_rating: 3, course_rating: 3 }), 401, 'unauthorized');
  expectError(await postFeedback(await tokenFor('employee'), 987654321, { instructor_rating: 3, course_rating: 3 }), 404, 'not_found');

  const off = await feedbackTraining({ feedback_enabled: false });
  assert.equal(off.feedback_enabled, false);
  expectError(await postFeedback(await tokenFor('employee'), off.id, { instructor_rating: 3, course_rating: 3 }), 409, 'feedback_disabled');

  const sum = await api('GET', `/trainings/${t.id}/feedback/summary`, { token: await tokenFor('hr') });
  assert.equal(sum.status, 200, show(sum));
  assert.equal(sum.json.count, 0, show(sum));
  assert.deepEqual(sum.json.comments, []);
});

test('feedback: training and instructor summaries — exact averages over several employees, anonymous comments, access', async () => {
  const instructor = await newUser({ roles: ['employee', 'instructor'] });
  const [u1, u2, u3] = await Promise.all([newUser(), newUser(), newUser()]);
  const iid = instructor.employee.id;
  const a = await feedbackTraining({ instructors: [iid], employees: [u1.employee.id, u2.employee.id, u3.employee.id] });
  const b = await feedbackTraining({ instructors: [iid], employees: [u1.employee.id, u2.employee.id] });

  const tag = a.id;
  for (const [u, t, ir, cr, comment] of [
    [u1, a, 5, 2, `评语一-${tag}`],
    [u2, a, 4, 3, `评语二-${tag}`],
    [u3, a, 3, 4, `评语三-${tag}`],
    [u1, b, 5, 5, null],
    [u2, b, 4, 4, `好-${tag}`],
  ]) {
    const body = { instructor_rating: ir, course_rating: cr };
    if (comment !== null) body.comment = comment;
    const res = await postFeedback(u.token, t.id, body);
    assert.equal(res.status, 201, show(res));
  }

  const hr = await tokenFor('hr');
  // Training A: instructor (5+4+3)/3 = 4, course (2+3+4)/3 = 3.
  for (const tok of [hr, instructor.token]) {
    const s = await api('GET', `/trainings/${a.id}/feedback/summary`, { token: tok });
    assert.equal(s.status, 200, show(s));
    assert.equal(s.json.count, 3);
    near(s.json.instructor_avg, 4, 'A instructor_avg');
    near(s.json.course_avg, 3, 'A course_avg');
    assert.ok(Array.isArray(s.json.comments), show(s));
    assert.deepEqual(
      s.json.comments.map((c) => c.comment).sort(),
      [`评语一-${tag}`, `评语二-${tag}`, `评语三-${tag}`].sort(),
    );
    for (const c of s.json.comments) {
      assert.ok(!Number.isNaN(Date.parse(c.created_at)), `comment created_at: ${JSON.stringify(c)}`);
      assert.ok(!('employee_id' in c) && !('name' in c) && !('employee_name' in c), `comment not anonymous: ${JSON.stringify(c)}`);
    }
    for (const u of [u1, u2, u3]) {
      assert.ok(!s.text.includes(u.employee.name) && !s.text.includes(u.employee.employee_no), `summary names an employee: ${show(s)}`);
    }
  }
  // Training B: (5+4)/2 = 4.5 both.
  const sb = await api('GET', `/trainings/${b.id}/feedback/summary`, { token: hr });
  assert.equal(sb.status, 200, show(sb));
  assert.equal(sb.json.count, 2);
  near(sb.json.instructor_avg, 4.5, 'B instructor_avg');
  near(sb.json.course_avg, 4.5, 'B course_avg');
  assert.ok(sb.json.comments.some((c) => c.comment === `好-${tag}`), show(sb));

  // Others may not read a training's summary.
  expectError(await api('GET', `/trainings/${a.id}/feedback/summary`, { token: u1.token }), 403, 'forbidden');
  expectError(await api('GET', `/trainings/${a.id}/feedback/summary`, { token: await tokenFor('employee') }), [403, 404]);
  expectError(await api('GET', `/trainings/${a.id}/feedback/summary`, { token: await tokenFor('instructor') }), [403, 404]);

  // Instructor summary: all 5 ratings (5+4+3+5+4)/5 = 4.2; per training 4 and 4.5.
  for (const tok of [hr, instructor.token]) {
    const s = await api('GET', `/instructors/${iid}/feedback-summary`, { token: tok });
    assert.equal(s.status, 200, show(s));
    assert.equal(s.json.count, 5);
    near(s.json.instructor_avg, 4.2, 'instructor_avg over all feedback');
    assert.ok(Array.isArray(s.json.trainings), show(s));
    const ta = s.json.trainings.find((x) => x.training_id === a.id);
    const tb = s.json.trainings.find((x) => x.training_id === b.id);
    assert.ok(ta && tb, `trainings lack A or B: ${show(s)}`);
    assert.equal(ta.title, a.title);
    assert.equal(ta.count, 3);
    near(ta.instructor_avg, 4, 'A in instructor summary');
    assert.equal(tb.count, 2);
    near(tb.instructor_avg, 4.5, 'B in instructor summary');
    assert.ok(!s.text.includes(u1.employee.name), `instructor summary names an employee: ${show(s)}`);
  }
  expectError(await api('GET', `/instructors/${iid}/feedback-summary`, { token: u1.token }), [403, 404]);
  expectError(await api('GET', `/instructors/${iid}/feedback-summary`, { token: await tokenFor('instructor') }), [403, 404]);
  expectError(await api('GET', `/instructors/${iid}/feedback-summary`, { token: await tokenFor('employee') }), [403, 404]);
});
