// Text that is not text: min_chars counts only visible characters, and names and other text
// fields refuse control (and, on one line, invisible format) characters with a 422 naming the field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, show, expectError, tokenFor, createEmployee, branch, dept, uid, randomHan, BRANCH_TECH } from './lib.mjs';
import { reflectionTraining, putSubmission, myTraining, createCourse, createTraining, uniqueTitle } from './training_lib.mjs';

test('a reflection of 20 invisible characters does not meet min_chars 20 and is not submitted', async () => {
  const token = await tokenFor('employee');
  const t = await reflectionTraining({ assignment: { min_chars: 20 } });
  const cases = [
    ['20 NULs', '\u0000'.repeat(20)],
    ['20 zero-width spaces', '\u200B'.repeat(20)],
    ['20 ideographic spaces', '\u3000'.repeat(20)],
    ['20 no-break spaces and BOMs', '\u00A0\uFEFF'.repeat(10)],
    ['19 letters padded with joiners', 'a\u200D'.repeat(19) + '\u2060'],
    ['escape sequences', '\u001b[2J' + '字'.repeat(20)],
  ];
  for (const [what, text] of cases) {
    const res = await putSubmission(token, t.id, { text, submit: true });
    assert.equal(res.status, 422, `${what}: ${show(res)}`);
    expectError(res, 422, 'validation_failed', ['text']);
  }
  const item = await myTraining(token, t.id);
  assert.equal(item?.status, 'not_submitted', `an invisible reflection was taken: ${JSON.stringify(item)}`);

  // Visible characters among line breaks and tabs count, the breaks do not.
  const ok = await putSubmission(token, t.id, { text: '学习心得\n\t'.repeat(5), submit: true });
  assert.equal(ok.status, 200, show(ok));
  assert.ok(['submitted', 'late'].includes(ok.json.status), show(ok));
});

test('employee names and short fields refuse control and invisible characters, naming the field', async () => {
  const token = await tokenFor('hr');
  const d = await dept('财务部');
  const bad = [
    ['name', `张${'\u0000'}三`],
    ['name', `张\n三`],
    ['name', `张\t三`],
    ['name', `张\u200B三`],
    ['name', `abc\u202Egpj`],
    ['name', '\u3164\u3164'], // Hangul fillers: nothing visible
    ['position', `经理\u0007`],
    ['job_level', `P5\u2028`],
  ];
  for (const [field, value] of bad) {
    const body = { employee_no: `T${uid(10)}`, name: `测试${randomHan(2)}`, department_id: d.id, [field]: value };
    const res = await api('POST', '/employees', { token, body });
    expectError(res, 422, 'validation_failed', [field]);
  }
  // The same for a change.
  const e = await createEmployee();
  expectError(await api('PATCH', `/employees/${e.id}`, { token, body: { name: `李\u0085四` } }), 422, 'validation_failed', ['name']);
  // Ordinary names with spaces and punctuation still pass.
  const fine = await api('PATCH', `/employees/${e.id}`, { token, body: { name: 'Zhang San-Li (张)' } });
  assert.equal(fine.status, 200, show(fine));
});

test('org, course, training and reward names refuse control characters; descriptions keep line breaks', async () => {
  const token = await tokenFor('hr');
  const b = await branch(BRANCH_TECH);
  expectError(await api('POST', '/departments', { token, body: { name: `部门\u0000${uid(4)}`, branch_id: b.id } }), 422,
    'validation_failed', ['name']);
  expectError(await api('POST', '/departments', { token, body: { name: '\u200B\u200B', branch_id: b.id } }), 422,
    'validation_failed', ['name']);
  expectError(await api('PATCH', `/branches/${b.id}`, { token, body: { name: `分支\r\n机构` } }), 422, 'validation_failed', ['name']);

  expectError(await api('POST', '/courses', { token, body: { title: `课程\u001f${uid(4)}`, category: 'general' } }), 422,
    'validation_failed', ['title']);
  expectError(await api('POST', '/courses', { token, body: { title: uniqueTitle('课程'), category: 'general', description: 'x\u0000y' } }),
    422, 'validation_failed', ['description']);
  const course = await createCourse({ description: '第一行\n第二行\t缩进' });
  assert.equal(course.description, '第一行\n第二行\t缩进');
  expectError(await api('POST', '/courses', { token, body: { title: uniqueTitle('课程'), category: 'general', tags: ['标签\u200E'] } }),
    422, 'validation_failed', ['tags']);

  const t = await createTraining({ course_id: course.id });
  expectError(await api('PATCH', `/trainings/${t.id}`, { token, body: { title: `培训\u2066${uid(3)}` } }), 422, 'validation_failed', ['title']);

  expectError(await api('POST', '/rewards', { token, body: { name: `福利\u0000`, cost: 10 } }), 422,
    'validation_failed', ['name']);
});

test('a CSV import refuses a name with a control character, naming field and line', async () => {
  const token = await tokenFor('hr');
  const csv = `工号,姓名,部门\nT${uid(10)},正常${randomHan(2)},财务部\nT${uid(10)},坏\u0007名字,财务部\n`;
  const res = await api('POST', '/employees/import', { token, raw: csv, headers: { 'Content-Type': 'text/csv' } });
  const e = expectError(res, 422, 'validation_failed', ['name']);
  assert.ok(e.details.some((d) => d.field === 'name' && d.line === 3), show(res));
});
