// Performance: cycles, templates (weights must add up to 100), manual KPI,
// and the live score with its breakdown, pending work and warnings.
import test from 'node:test';
import assert from 'node:assert/strict';
import { api, show, tokenFor, login, createLoginUser, expectError, dept, branch } from './lib.mjs';
import { publishedTraining, createCourse, putSubmission, han, at, HOUR } from './training_lib.mjs';

function today(offsetDays = 0) {
  return new Date(Date.now() + 8 * HOUR + offsetDays * 24 * HOUR).toISOString().slice(0, 10);
}

test('performance: template weights, manual KPI, live score, warning that goes away on submission', async () => {
  const hr = await tokenFor('hr');
  const tech = await branch('示例科技有限公司');
  const sales1 = await dept('销售一部');
  const person = await createLoginUser({ department_id: sales1.id });
  const token = await login(person.login, person.password);

  const cycle = await api('POST', '/performance/cycles', {
    token: hr,
    body: { branch_id: tech.id, name: `测试周期${Date.now()}`, period: 'quarter', start_date: today(-1), end_date: today(30) },
  });
  assert.equal(cycle.status, 201, show(cycle));
  expectError(await api('POST', '/performance/cycles', { token: hr, body: { branch_id: tech.id, name: 'x', period: 'week', start_date: today(), end_date: today(-3) } }),
    422, 'validation_failed', ['period', 'end_date']);
  expectError(await api('POST', '/performance/cycles', { token, body: { branch_id: tech.id, name: 'x', period: 'month', start_date: today(), end_date: today() } }),
    403, 'forbidden');

  const indicators = [
    { kind: 'manual', name: '业务KPI', weight: 80 },
    { kind: 'training_participation', name: '培训参与', weight: 10 },
    { kind: 'assignment_submission', name: '按时提交', weight: 5 },
    { kind: 'assignment_quality', name: '作业质量', weight: 5 },
  ];
  expectError(await api('POST', '/performance/templates', {
    token: hr, body: { cycle_id: cycle.json.id, name: '销售', indicators: indicators.slice(0, 3) },
  }), 422, 'validation_failed', ['indicators']);
  // The employee's own department only, so other tests' people stay out of this template.
  const tmpl = await api('POST', '/performance/templates', {
    token: hr,
    body: { cycle_id: cycle.json.id, name: '销售一部模板', population: { departments: [sales1.id] }, indicators },
  });
  assert.equal(tmpl.status, 201, show(tmpl));

  const kpi = await api('PUT', `/performance/cycles/${cycle.json.id}/manual`, {
    token: hr, body: { employee_id: person.employee.id, indicator: '业务KPI', value: 80 },
  });
  assert.equal(kpi.status, 204, show(kpi));
  expectError(await api('PUT', `/performance/cycles/${cycle.json.id}/manual`, {
    token: hr, body: { employee_id: person.employee.id, indicator: '不存在', value: 80 },
  }), 422, 'validation_failed', ['indicator']);

  // A required training today with a reflection, not attended yet.
  const course = await createCourse({ category: 'professional' });
  const t = await publishedTraining({
    course_id: course.id,
    required: true,
    sessions: [{ start_at: at(-HOUR), end_at: at(-HOUR / 2), credit_hours: 1 }],
    audience: { departments: [], employees: [person.employee.id], roles: [], job_levels: [] },
    assignment: { min_chars: 5, due_days_after_end: 3 },
  });

  let perf = await api('GET', '/me/performance', { token });
  assert.equal(perf.status, 200, show(perf));
  assert.equal(perf.json.cycle.id, cycle.json.id);
  // 80 × 80 % + 0 + 0 + 0.
  assert.equal(perf.json.total, 64);
  const byName = Object.fromEntries(perf.json.indicators.map((i) => [i.name, i]));
  assert.equal(byName['业务KPI'].raw, 80);
  assert.equal(byName['业务KPI'].contribution, 64);
  assert.equal(byName['培训参与'].raw, 0);
  const pending = perf.json.pending.find((p) => p.training_id === t.id && p.kind === 'assignment');
  assert.ok(pending, show(perf));
  assert.equal(pending.score_if_done, 69);
  const warning = perf.json.warnings.find((w) => w.training_id === t.id);
  assert.ok(warning, show(perf));
  assert.match(warning.message, /未提交将影响绩效 -5 分/);

  // Submitting changes the score at once, and the warning goes away.
  const sub = await putSubmission(token, t.id, { text: han(10), submit: true });
  assert.equal(sub.status, 200, show(sub));
  perf = await api('GET', '/me/performance', { token });
  assert.equal(perf.json.total, 69, show(perf));
  assert.equal(perf.json.warnings.filter((w) => w.training_id === t.id).length, 0);

  // HR sees it too; another employee does not.
  const hrView = await api('GET', `/employees/${person.employee.id}/performance`, { token: hr });
  assert.equal(hrView.status, 200, show(hrView));
  assert.equal(hrView.json.total, 69);
  expectError(await api('GET', `/employees/${person.employee.id}/performance`, { token: await tokenFor('employee') }), 404, 'not_found');
});

test('performance: no cycle → an empty answer, not an error', async () => {
  const inst = await dept('科研处');
  const person = await createLoginUser({ department_id: inst.id });
  const perf = await api('GET', '/me/performance', { token: await login(person.login, person.password) });
  assert.equal(perf.status, 200, show(perf));
  assert.equal(perf.json.cycle, null);
  assert.deepEqual(perf.json.indicators, []);
});
