// The audit trail covers every write: one walk through every write route of
// the contract (HR, instructor-side and an employee's own), then /audit must
// show an entry for each with the client address and the User-Agent the
// request came with. Plus logins (success, failure) and logouts, branch-limited
// visibility, and what employee entries keep (a summary, never a password).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, show, expectList, tokenFor, dept, branch, uid, randomHan, makePng, BRANCH_TECH, BRANCH_INST } from './lib.mjs';
import { MINUTE, DAY, at, people, uniqueTitle } from './training_lib.mjs';

const UA = `LuodiAuditWalk/1.0 (node; run ${uid(8)})`;
const LOOPBACK = /^(127\.0\.0\.1|::1)$/;

/** api() with this walk's User-Agent on every request. */
function call(method, path, opts = {}) {
  return api(method, path, { ...opts, headers: { 'User-Agent': UA, ...(opts.headers || {}) } });
}

/** call() and assert the status; returns the JSON answer. */
async function ok(method, path, opts, status = [200, 201, 204]) {
  const res = await call(method, path, opts);
  const want = Array.isArray(status) ? status : [status];
  assert.ok(want.includes(res.status), `${method} ${path}: ${show(res)}`);
  return res.json;
}

async function loginAs(loginName, password) {
  return ok('POST', '/auth/login', { body: { login: loginName, password } }, 200);
}

/** The audit entries made by this walk for (entity, entity_id, action), as the tenant HR sees them. */
async function walkEntries(hrToken, { entity, entityId, action }) {
  const q = new URLSearchParams({ entity, action, limit: '200' });
  if (entityId !== undefined) q.set('entity_id', String(entityId));
  const body = expectList(await api('GET', `/audit?${q}`, { token: hrToken }));
  return body.items.filter((a) => a.user_agent === UA);
}

test('audit trail: every write route leaves an entry with actor, ip and user agent', { timeout: 180000 }, async () => {
  const { liu } = await people();
  const expected = [];  // {op, entity, entityId, action, actor: {user, employee}, check?}
  const expect = (op, entity, entityId, action, actor, check) => expected.push({ op, entity, entityId, action, actor, check });

  // ---- HR logs in; org writes.
  const hrLogin = await loginAs('hr', process.env.LUODI_DEMO_PASSWORD || 'demo1234');
  const hr = hrLogin.token;
  const hrActor = { user: hrLogin.user.id, employee: hrLogin.user.employee_id };
  expect('login', 'user', hrLogin.user.id, 'login', hrActor);

  const b = await ok('POST', '/branches', { token: hr, body: { name: `审计分支${uid(6)}`, kind: 'enterprise' } });
  expect('createBranch', 'branch', b.id, 'create', hrActor);
  await ok('PATCH', `/branches/${b.id}`, { token: hr, body: { name: `${b.name}改` } });
  expect('updateBranch', 'branch', b.id, 'update', hrActor);
  const d = await ok('POST', '/departments', { token: hr, body: { name: `审计部${uid(6)}`, branch_id: b.id } });
  expect('createDepartment', 'department', d.id, 'create', hrActor);
  await ok('PATCH', `/departments/${d.id}`, { token: hr, body: { name: `${d.name}改` } });
  expect('updateDepartment', 'department', d.id, 'update', hrActor);
  await ok('DELETE', `/departments/${d.id}`, { token: hr });
  expect('deleteDepartment', 'department', d.id, 'delete', hrActor);
  await ok('DELETE', `/branches/${b.id}`, { token: hr });
  expect('deleteBranch', 'branch', b.id, 'delete', hrActor);

  // ---- Employees: A (institute, the walker) and B (company) with logins; C imported, D deleted.
  const inst = await branch(BRANCH_INST);
  const tech = await branch(BRANCH_TECH);
  const research = await dept('科研处');
  const finance = await dept('财务部');
  const pwA = `Pa${uid(8)}9z`;
  const pwB = `Pb${uid(8)}9z`;
  const A = await ok('POST', '/employees', {
    token: hr,
    body: { employee_no: `AU${uid(8)}`, name: `审计${randomHan(2)}`, department_id: research.id, login: `au_${uid(8)}`, password: pwA },
  });
  expect('createEmployee', 'employee', A.id, 'create', hrActor);
  assert.equal(A.branch_id, inst.id);
  const B = await ok('POST', '/employees', {
    token: hr,
    body: { employee_no: `AU${uid(8)}`, name: `审计${randomHan(2)}`, department_id: finance.id, login: `au_${uid(8)}`, password: pwB },
  });
  assert.equal(B.branch_id, tech.id);
  await ok('PATCH', `/employees/${B.id}`, { token: hr, body: { position: '审计联络员' } });
  expect('updateEmployee', 'employee', B.id, 'update', hrActor);
  const noC = `AU${uid(8)}`.toUpperCase();
  const imported = await ok('POST', '/employees/import', {
    token: hr,
    raw: `employee_no,name,department\n${noC},导入${randomHan(2)},财务部\n`,
    headers: { 'Content-Type': 'text/csv' },
  });
  assert.equal(imported.created, 1, JSON.stringify(imported));
  const C = (await ok('GET', `/employees?q=${noC}`, { token: hr })).items.find((e) => e.employee_no === noC);
  expect('importEmployees', 'employee', C.id, 'import', hrActor);
  await ok('DELETE', `/employees/${C.id}`, { token: hr });
  expect('deleteEmployee', 'employee', C.id, 'delete', hrActor);

  // ---- A and B log in; a failed attempt first; B changes the password.
  const failed = await call('POST', '/auth/login', { body: { login: A.login, password: 'not-the-password-1' } });
  assert.equal(failed.status, 401, show(failed));
  const aLogin = await loginAs(A.login, pwA);
  const a = aLogin.token;
  const aActor = { user: aLogin.user.id, employee: A.id };
  expect('login', 'user', aLogin.user.id, 'login', aActor);
  expect('login', 'user', aLogin.user.id, 'login_failed', { user: null, employee: null, name: A.login }, (e) => {
    assert.deepEqual(e.after, { login: A.login, reason: 'invalid_credentials' });
  });
  const bLogin = await loginAs(B.login, pwB);
  const bt = bLogin.token;
  const bActor = { user: bLogin.user.id, employee: B.id };
  const pwB2 = `Pn${uid(8)}7q`;
  await ok('POST', '/me/password', { token: bt, body: { old_password: pwB, new_password: pwB2 } }, 204);
  expect('changeMyPassword', 'user', bLogin.user.id, 'password', bActor);

  // ---- Courses and trainings.
  const course = await ok('POST', '/courses', { token: hr, body: { title: uniqueTitle('审计课程'), category: 'professional', credit_hours: 2 } });
  expect('createCourse', 'course', course.id, 'create', hrActor);
  await ok('PATCH', `/courses/${course.id}`, { token: hr, body: { description: '审计用课程' } });
  expect('updateCourse', 'course', course.id, 'update', hrActor);
  const spare = await ok('POST', '/courses', { token: hr, body: { title: uniqueTitle('审计删除'), category: 'general', credit_hours: 1 } });
  await ok('DELETE', `/courses/${spare.id}`, { token: hr });
  expect('deleteCourse', 'course', spare.id, 'delete', hrActor);

  const t1 = await ok('POST', '/trainings', {
    token: hr,
    body: {
      course_id: course.id,
      title: uniqueTitle('审计培训'),
      instructors: [liu.id],
      sessions: [{ start_at: at(-10 * MINUTE), end_at: at(50 * MINUTE), place: '审计室', credit_hours: 1 }],
      audience: { departments: [], employees: [A.id], roles: [], job_levels: [] },
      required: true,
      assignment: { min_chars: 5, due_days_after_end: 3, attachments_allowed: true, max_attachments: 2 },
      feedback_enabled: true,
    },
  });
  expect('createTraining', 'training', t1.id, 'create', hrActor);
  await ok('PATCH', `/trainings/${t1.id}`, { token: hr, body: { description: '审计培训说明' } });
  expect('updateTraining', 'training', t1.id, 'update', hrActor);
  await ok('POST', `/trainings/${t1.id}/publish`, { token: hr });
  expect('publishTraining', 'training', t1.id, 'update', hrActor);
  await ok('POST', `/trainings/${t1.id}/enrollments`, { token: hr, body: { add: [B.id] } });
  expect('changeEnrollments', 'enrollment', t1.id, 'update', hrActor);
  const t2 = await ok('POST', '/trainings', {
    token: hr,
    body: {
      course_id: course.id,
      title: uniqueTitle('审计自选'),
      instructors: [liu.id],
      sessions: [{ start_at: at(2 * DAY), end_at: at(2 * DAY + 60 * MINUTE), place: '审计室', credit_hours: 1 }],
      audience: { departments: [], employees: [], roles: [], job_levels: [] },
      self_enrollment: { enabled: true },
    },
  });
  await ok('POST', `/trainings/${t2.id}/publish`, { token: hr });
  await ok('POST', `/trainings/${t2.id}/enroll`, { token: a });
  expect('selfEnroll', 'enrollment', t2.id, 'create', aActor, (e) => {
    assert.equal(e.after.employee_id, A.id);
    assert.equal(e.branch_id, inst.id);
  });

  // ---- Check-in (A by QR) and attendance set by HR (B).
  const session = t1.sessions[0];
  const qr = await ok('GET', `/sessions/${session.id}/qr`, { token: hr });
  await ok('POST', `/sessions/${session.id}/checkin`, { token: a, body: { token: qr.token } });
  expect('checkIn', 'attendance', session.id, 'checkin', aActor, (e) => {
    assert.equal(e.after.employee_id, A.id);
    assert.equal(e.after.method, 'qr');
  });
  await ok('PUT', `/sessions/${session.id}/attendance/${B.id}`, { token: hr, body: { present: true, reason: '补签' } });
  expect('setAttendance', 'attendance', session.id, 'create', hrActor);

  // ---- Upload, reflection draft and submission, review; B submits too.
  const fd = new FormData();
  fd.append('file', new Blob([makePng(2, 2, 7)], { type: 'image/png' }), '笔记.png');
  const file = await ok('POST', '/files', { token: a, raw: fd }, 201);
  expect('uploadFile', 'file', file.id, 'create', aActor, (e) => {
    assert.equal(e.after.size, file.size);
    assert.equal(e.after.content_type, 'image/png');
  });
  const text = `审计心得${randomHan(20)}`;
  const draft = await ok('PUT', `/trainings/${t1.id}/submission`, { token: a, body: { text, attachments: [file.id], submit: false } }, 200);
  const sub = await ok('PUT', `/trainings/${t1.id}/submission`, { token: a, body: { text, attachments: [file.id], submit: true } }, 200);
  assert.equal(draft.id, sub.id);
  expect('putMySubmission', 'submission', sub.id, 'create', aActor, (e) => {
    assert.equal(e.after.status, 'draft');
  });
  expect('putMySubmission', 'submission', sub.id, 'submit', aActor, (e) => {
    // A summary of the effect, not the text.
    assert.deepEqual(e.before, { training_id: t1.id, status: 'draft', version: 0, chars: [...text].length, attachments: 1, late: false });
    assert.deepEqual(e.after, { training_id: t1.id, status: 'submitted', version: 1, chars: [...text].length, attachments: 1, late: false });
    assert.equal(e.branch_id, inst.id);
  });
  const subB = await ok('PUT', `/trainings/${t1.id}/submission`, { token: bt, body: { text: `同事心得${randomHan(10)}`, submit: true } }, 200);
  await ok('POST', `/submissions/${sub.id}/review`, { token: hr, body: { score: 90, comment: '很好' } });
  expect('reviewSubmission', 'submission', sub.id, 'update', hrActor);

  // ---- Likes.
  await ok('POST', `/submissions/${subB.id}/like`, { token: a });
  expect('likeSubmission', 'like', subB.id, 'create', aActor);
  await ok('DELETE', `/submissions/${subB.id}/like`, { token: a });
  expect('unlikeSubmission', 'like', subB.id, 'delete', aActor);

  // ---- Questions, exam, an attempt, grading, feedback.
  const single = await ok('POST', '/questions', {
    token: hr,
    body: { kind: 'single', stem: `审计${uid(6)} 1+1=?`, options: [{ key: 'A', text: '2' }, { key: 'B', text: '3' }], answer: 'A', points: 2, course_id: course.id },
  });
  expect('createQuestion', 'question', single.id, 'create', hrActor);
  await ok('PATCH', `/questions/${single.id}`, { token: hr, body: { stem: `${single.stem}（改）` } });
  expect('updateQuestion', 'question', single.id, 'update', hrActor);
  const short = await ok('POST', '/questions', {
    token: hr,
    body: { kind: 'short_answer', stem: `审计${uid(6)} 简述审计的意义。`, answer: '留痕', points: 8, course_id: course.id },
  });
  const gone = await ok('POST', '/questions', { token: hr, body: { kind: 'true_false', stem: `审计${uid(6)} 删除我`, answer: true, points: 1 } });
  await ok('DELETE', `/questions/${gone.id}`, { token: hr });
  expect('deleteQuestion', 'question', gone.id, 'delete', hrActor);
  const exam = await ok('PUT', `/trainings/${t1.id}/exam`, {
    token: hr,
    body: {
      title: uniqueTitle('审计考试'),
      time_limit_minutes: 30,
      attempts_allowed: 1,
      pass_score: 60,
      question_ids: [single.id, short.id],
      opens_at: at(-DAY),
      closes_at: at(30 * DAY),
    },
  });
  expect('putExam', 'exam', exam.id, 'create', hrActor);
  const attempt = await ok('POST', `/trainings/${t1.id}/exam/attempts`, { token: a }, [200, 201]);
  expect('startExamAttempt', 'exam_attempt', attempt.id, 'create', aActor);
  await ok('PUT', `/exam-attempts/${attempt.id}/answers`, { token: a, body: { answers: { [single.id]: 'A', [short.id]: '审计让每一步都可追溯。' } } });
  expect('saveExamAnswers', 'exam_attempt', attempt.id, 'update', aActor, (e) => {
    assert.deepEqual([...e.after.saved].sort(), [String(single.id), String(short.id)].sort());
    assert.equal(e.after.answered, 2);
  });
  await ok('POST', `/exam-attempts/${attempt.id}/submit`, { token: a });
  expect('submitExamAttempt', 'exam_attempt', attempt.id, 'submit', aActor, (e) => {
    assert.equal(e.before.status, 'in_progress');
    assert.equal(e.after.status, 'submitted');
  });
  await ok('POST', `/exam-attempts/${attempt.id}/grade`, { token: hr, body: { scores: { [short.id]: 6 } } });
  expect('gradeExamAttempt', 'exam_attempt', attempt.id, 'update', hrActor);
  await ok('POST', `/trainings/${t1.id}/feedback`, { token: a, body: { instructor_rating: 5, course_rating: 4, comment: '审计很有用' } });
  expect('submitFeedback', 'feedback', t1.id, 'create', aActor, (e) => {
    assert.deepEqual(e.after, { training_id: t1.id, instructor_rating: 5, course_rating: 4, comment_chars: 5 });
  });

  // ---- Points (rules put back as they were).
  await ok('POST', '/points/adjustments', { token: hr, body: { employee_id: A.id, amount: 100, reason: '审计测试' } });
  expect('adjustPoints', 'points', A.id, 'create', hrActor);
  const rules = await ok('GET', '/points/rules', { token: hr });
  await ok('PUT', '/points/rules', { token: hr, body: rules });
  expect('setPointsRules', 'points_rules', undefined, 'update', hrActor);

  // ---- Performance: a cycle of A's branch, ending closed so it is nobody's current cycle.
  const today = (days = 0) => new Date(Date.now() + 8 * 3600e3 + days * DAY).toISOString().slice(0, 10);
  const cycle = await ok('POST', '/performance/cycles', {
    token: hr,
    body: { branch_id: inst.id, name: `审计周期${uid(6)}`, period: 'quarter', start_date: today(-1), end_date: today(30) },
  });
  expect('createPerformanceCycle', 'performance_cycle', cycle.id, 'create', hrActor);
  const indicators = [{ kind: 'manual', name: '业务KPI', weight: 90 }, { kind: 'assignment_submission', name: '按时提交', weight: 10 }];
  const tmpl = await ok('POST', '/performance/templates', {
    token: hr,
    body: { cycle_id: cycle.id, name: '审计模板', population: { departments: [research.id] }, indicators },
  });
  expect('createPerformanceTemplate', 'performance_template', tmpl.id, 'create', hrActor);
  await ok('PUT', `/performance/templates/${tmpl.id}`, { token: hr, body: { name: '审计模板二', population: { departments: [research.id] }, indicators } });
  expect('updatePerformanceTemplate', 'performance_template', tmpl.id, 'update', hrActor);
  await ok('PUT', `/performance/cycles/${cycle.id}/manual`, { token: hr, body: { employee_id: A.id, indicator: '业务KPI', value: 80 } });
  expect('putManualKpi', 'performance_manual', A.id, 'update', hrActor);
  await ok('POST', `/performance/cycles/${cycle.id}/manual/import`, {
    token: hr,
    raw: `employee_no,indicator,value\n${A.employee_no},业务KPI,85\n`,
    headers: { 'Content-Type': 'text/csv' },
  });
  expect('importManualKpi', 'performance_manual', cycle.id, 'import', hrActor);
  await ok('POST', `/performance/cycles/${cycle.id}/recompute`, { token: hr });
  expect('recomputePerformanceCycle', 'performance_cycle', cycle.id, 'recompute', hrActor);
  const tiers = await ok('GET', '/performance/bonus-tiers', { token: hr });
  await ok('PUT', '/performance/bonus-tiers', { token: hr, body: tiers });
  expect('setBonusTiers', 'bonus_tiers', undefined, 'update', hrActor);
  await ok('PUT', `/departments/${research.id}/bonus-pool`, { token: hr, body: { cycle_id: cycle.id, base_amount: 1000 } });
  expect('setBonusPool', 'bonus_pool', research.id, 'update', hrActor);
  await ok('POST', `/performance/cycles/${cycle.id}/close`, { token: hr });
  expect('closePerformanceCycle', 'performance_cycle', cycle.id, 'close', hrActor);
  await ok('POST', `/performance/cycles/${cycle.id}/reopen`, { token: hr, body: { reason: '审计测试' } });
  expect('reopenPerformanceCycle', 'performance_cycle', cycle.id, 'reopen', hrActor);
  await ok('POST', `/performance/cycles/${cycle.id}/close`, { token: hr });

  // ---- Rewards: A redeems three times; HR approves one, rejects one; A cancels one.
  // The catalogue first: the default rewards are put in on the first read of an empty catalogue only.
  await ok('GET', '/rewards', { token: hr });
  const reward = await ok('POST', '/rewards', { token: hr, body: { name: `审计福利${uid(6)}`, cost: 10, requires_approval: true, approver: 'hr' } });
  expect('createReward', 'reward', reward.id, 'create', hrActor);
  await ok('PATCH', `/rewards/${reward.id}`, { token: hr, body: { description: '审计用' } });
  expect('updateReward', 'reward', reward.id, 'update', hrActor);
  const r1 = await ok('POST', '/redemptions', { token: a, body: { reward_id: reward.id } });
  const r2 = await ok('POST', '/redemptions', { token: a, body: { reward_id: reward.id } });
  const r3 = await ok('POST', '/redemptions', { token: a, body: { reward_id: reward.id } });
  expect('redeemReward', 'redemption', r1.id, 'create', aActor);
  await ok('POST', `/redemptions/${r1.id}/approve`, { token: hr, body: { note: '同意' } });
  expect('approveRedemption', 'redemption', r1.id, 'update', hrActor, (e) => assert.equal(e.after.status, 'approved'));
  await ok('POST', `/redemptions/${r2.id}/reject`, { token: hr, body: { note: '不同意' } });
  expect('rejectRedemption', 'redemption', r2.id, 'update', hrActor, (e) => {
    assert.equal(e.after.status, 'rejected');
    assert.equal(e.branch_id, inst.id, 'a decision belongs to the redeemer\'s branch');
  });
  await ok('POST', `/redemptions/${r3.id}/cancel`, { token: a });
  expect('cancelRedemption', 'redemption', r3.id, 'update', aActor, (e) => assert.equal(e.after.status, 'cancelled'));

  // ---- Leaderboard settings (put back as they were).
  const board = await ok('GET', '/leaderboards/settings', { token: hr });
  await ok('PUT', '/leaderboards/settings', { token: hr, body: board });
  expect('setLeaderboardSettings', 'leaderboard_settings', undefined, 'update', hrActor);

  // ---- Logout last.
  await ok('POST', '/auth/logout', { token: a }, 204);
  expect('logout', 'user', aLogin.user.id, 'logout', aActor);

  // ---- Every write route of the contract was walked (marking notifications read is the one
  // write that is not audited: the reader's own UI state).
  const spec = await api('GET', '/openapi.json');
  assert.equal(spec.status, 200, show(spec));
  const writes = [];
  for (const [path, item] of Object.entries(spec.json.paths))
    for (const m of ['post', 'put', 'patch', 'delete']) if (item[m]) writes.push(item[m].operationId || `${m} ${path}`);
  const walked = new Set(expected.map((x) => x.op));
  assert.deepEqual(writes.filter((op) => !walked.has(op) && op !== 'markNotificationsRead'), [], 'write routes not walked');

  // ---- And /audit shows each one.
  const mine = [];
  for (const x of expected) {
    const found = await walkEntries(hr, x);
    const what = `${x.op}: ${x.action} ${x.entity} ${x.entityId ?? ''}`;
    assert.ok(found.length >= 1, `${what}: no audit entry with this run's user agent`);
    // Newest first; one object may have entries by several actors (answers saved, then graded).
    const e = found.find((f) => f.actor_id === x.actor.user) ?? found[0];
    assert.match(e.ip ?? '', LOOPBACK, `${what}: ip ${e.ip}`);
    assert.equal(e.user_agent, UA, what);
    assert.equal(e.actor_id, x.actor.user, `${what}: actor_id`);
    assert.equal(e.actor_employee_id, x.actor.employee, `${what}: actor_employee_id`);
    if (x.actor.name) assert.equal(e.actor_name, x.actor.name, `${what}: actor_name`);
    assert.ok(Date.now() - Date.parse(e.at) < 10 * 60 * 1000, `${what}: at ${e.at}`);
    if (x.check) x.check(e);
    mine.push(...found);
  }
  // Never a password or a token in the trail.
  const all = JSON.stringify(mine);
  for (const secret of [pwA, pwB, pwB2, 'not-the-password-1', hr, a, bt]) assert.ok(!all.includes(secret), 'a secret reached the audit trail');
  assert.ok(!all.includes(text), 'the reflection text itself reached the audit trail');

  // ---- A branch-limited HR (hr2, the institute) sees A's own writes, not B's.
  const hr2 = await tokenFor('hr2');
  const instSubs = expectList(await api('GET', `/audit?entity=submission&action=submit&limit=200`, { token: hr2 })).items;
  assert.ok(instSubs.some((e) => e.entity_id === sub.id && e.user_agent === UA), 'hr2 does not see A\'s submission');
  assert.ok(!instSubs.some((e) => e.entity_id === subB.id), 'hr2 sees B\'s submission (another branch)');
  for (const e of instSubs) assert.equal(e.branch_id, inst.id);
});

test('audit trail: failed logins name the login tried, never the password; a login no tenant has leaves none', async () => {
  const hr = await tokenFor('hr');
  const unknown = `nobody_${uid(8)}`;
  const res = await call('POST', '/auth/login', { body: { login: unknown, password: 'whatever-1' } });
  assert.equal(res.status, 401, show(res));
  const failures = expectList(await api('GET', '/audit?action=login_failed&entity=user&limit=200', { token: hr })).items;
  assert.ok(!failures.some((e) => e.actor_name === unknown), 'a login no tenant has was attributed to this tenant');
  for (const e of failures) {
    assert.equal(e.actor_id, null);
    assert.equal(typeof e.after?.login, 'string');
    assert.ok(!('password' in (e.after || {})), JSON.stringify(e));
  }
  // Filters accept the new actions and entities; unknown ones are refused.
  for (const q of ['action=logout', 'action=checkin', 'action=submit', 'entity=like', 'entity=file', 'entity=feedback'])
    expectList(await api('GET', `/audit?${q}&limit=1`, { token: hr }));
  const bad = await api('GET', '/audit?action=erase', { token: hr });
  assert.equal(bad.status, 400, show(bad));
});
