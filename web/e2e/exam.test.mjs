// Exam and feedback on a phone. Set up through the HTTP API as hr: a course, a
// training for 销售一部 (王小雨) with feedback enabled, published; a bank of a
// single-choice and a true/false question; the exam (10 minutes). In the
// browser the employee opens the training, starts the exam, answers both
// correctly, hands in and sees 100 分 / 通过; then rates the training and sees
// 已评价. The API then shows one feedback.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { BASE_URL, PHONE, withPage } from './browser.mjs';
import { PASSWORD, api, expectOk, tokenFor } from './api.mjs';

const MINUTE = 60_000;

let fixture; // { hr, trainingId, title, singleId, tfId }

before(async () => {
  const hr = await tokenFor('hr');
  const employee = await tokenFor('employee');
  const wang = (await expectOk(api('GET', '/me', { token: employee }), 'me employee')).employee;
  assert.equal(wang.name, '王小雨');
  assert.equal(wang.department_name, '销售一部');

  const stamp = Date.now().toString(36);
  const course = await expectOk(
    api('POST', '/courses', { token: hr, body: { title: `合规基础${stamp}`, category: 'public', credit_hours: 1 } }),
    'create course',
    201,
  );
  const now = Date.now();
  const title = `合规考试培训${stamp}`;
  const training = await expectOk(
    api('POST', '/trainings', {
      token: hr,
      body: {
        course_id: course.id,
        title,
        sessions: [{ start_at: new Date(now - 30 * MINUTE).toISOString(), end_at: new Date(now + 30 * MINUTE).toISOString(), place: '二楼会议室' }],
        audience: { departments: [{ id: wang.department_id, include_subtree: false }], employees: [], roles: [], job_levels: [] },
        required: true,
        feedback_enabled: true,
      },
    }),
    'create training',
    201,
  );
  assert.equal(training.feedback_enabled, true);
  const published = await expectOk(api('POST', `/trainings/${training.id}/publish`, { token: hr }), 'publish');
  assert.ok(published.enrolled >= 1, `enrolled ${published.enrolled}`);

  const single = await expectOk(
    api('POST', '/questions', {
      token: hr,
      body: {
        kind: 'single',
        stem: `收到客户的贵重礼品应当怎么做？${stamp}`,
        options: [
          { key: 'A', text: '私下收下' },
          { key: 'B', text: '婉拒并报告合规部门' },
          { key: 'C', text: '转送同事' },
        ],
        answer: 'B',
        points: 5,
        course_id: course.id,
      },
    }),
    'create single',
    201,
  );
  const tf = await expectOk(
    api('POST', '/questions', {
      token: hr,
      body: { kind: 'true_false', stem: `客户资料可以发到个人邮箱。${stamp}`, answer: false, points: 5, course_id: course.id },
    }),
    'create true/false',
    201,
  );
  const exam = await expectOk(
    api('PUT', `/trainings/${training.id}/exam`, {
      token: hr,
      body: { title: `合规测验${stamp}`, time_limit_minutes: 10, attempts_allowed: 1, pass_score: 60, question_ids: [single.id, tf.id] },
    }),
    'put exam',
  );
  assert.equal(exam.total_points, 10);
  fixture = { hr, trainingId: training.id, title, singleId: single.id, tfId: tf.id };
});

test('phone: the employee takes the exam, passes, and rates the training', { timeout: 150_000 }, async () => {
  await withPage('exam-and-feedback', PHONE, async (page) => {
    await page.goto(`${BASE_URL}/m/trainings/${fixture.trainingId}`);
    await page.waitForURL(/\/m\/login\?redirect=/);
    await page.getByPlaceholder('请输入用户名或工号').fill('employee');
    await page.getByPlaceholder('请输入密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).tap();

    await page.waitForURL(new RegExp(`/m/trainings/${fixture.trainingId}$`));
    await page.getByTestId('training-title').filter({ hasText: fixture.title }).waitFor();
    const section = page.getByTestId('exam-section');
    await section.getByText('10 分钟').waitFor();
    await page.getByTestId('exam-attempts-left').filter({ hasText: '1 / 1' }).waitFor();
    await page.getByTestId('start-exam').filter({ hasText: '开始考试' }).tap();

    await page.waitForURL(new RegExp(`/m/trainings/${fixture.trainingId}/exam$`));
    await page.getByTestId('exam-countdown').filter({ hasText: /^(10:00|09:[0-5]\d)$/ }).waitFor();
    await page.getByTestId('exam-progress').filter({ hasText: '第 1 / 2 题' }).waitFor();
    await page.getByTestId(`question-${fixture.singleId}`).getByTestId('option-B').tap();
    await page.getByTestId('exam-save-state').filter({ hasText: '答案已保存' }).waitFor();
    await page.getByTestId('next-question').tap();

    await page.getByTestId('exam-progress').filter({ hasText: '第 2 / 2 题' }).waitFor();
    await page.getByTestId(`question-${fixture.tfId}`).getByTestId('option-false').tap();
    await page.getByTestId('submit-exam').tap();
    const dialog = page.locator('.van-dialog');
    await dialog.getByText('确定交卷吗').waitFor();
    await dialog.getByRole('button', { name: '交卷' }).tap();

    await page.waitForURL(new RegExp(`/m/trainings/${fixture.trainingId}/exam/result/\\d+$`));
    await page.getByTestId('exam-score').filter({ hasText: '100 分' }).waitFor();
    await page.getByTestId('exam-passed').filter({ hasText: '通过' }).waitFor();
    await page.getByTestId(`result-${fixture.singleId}`).filter({ hasText: '正确' }).waitFor();
    await page.getByTestId(`result-${fixture.tfId}`).filter({ hasText: '正确' }).waitFor();

    await page.getByTestId('back-to-training').tap();
    await page.waitForURL(new RegExp(`/m/trainings/${fixture.trainingId}$`));
    await page.getByTestId('my-attempt').filter({ hasText: '100 分' }).filter({ hasText: '通过' }).waitFor();
    await page.getByTestId('start-exam-disabled').filter({ hasText: '考试次数已用完' }).waitFor();

    const feedback = page.getByTestId('feedback-section');
    await feedback.scrollIntoViewIfNeeded();
    await feedback.getByTestId('rate-instructor').locator('.van-rate__item').nth(4).tap();
    await feedback.getByTestId('rate-course').locator('.van-rate__item').nth(3).tap();
    await feedback.getByTestId('feedback-comment').locator('textarea').fill('案例贴近实际工作，希望多安排练习。');
    await feedback.getByTestId('send-feedback').tap();
    await page.getByTestId('feedback-done').filter({ hasText: '已评价' }).waitFor();
  });

  const summary = await expectOk(api('GET', `/trainings/${fixture.trainingId}/feedback/summary`, { token: fixture.hr }), 'feedback summary');
  assert.equal(summary.count, 1);
  assert.equal(summary.instructor_avg, 5);
  assert.equal(summary.course_avg, 4);
  assert.deepEqual(summary.comments.map((c) => c.comment), ['案例贴近实际工作，希望多安排练习。']);

  const attempts = await expectOk(api('GET', `/trainings/${fixture.trainingId}/exam/attempts`, { token: fixture.hr }), 'attempts');
  assert.equal(attempts.items.length, 1);
  assert.equal(attempts.items[0].name, '王小雨');
  assert.equal(attempts.items[0].score, 100);
  assert.equal(attempts.items[0].passed, true);
});
