// HR console, desktop, 激励与绩效: hr creates an appraisal cycle, builds a
// template whose live weight sum turns valid only at 100 (KPI 85 / 参训率 10 /
// 作业质量 5), edits it (renamed, 80 / 15 / 5), enters a manual KPI value for
// 王小雨, closes the cycle and sees 已关闭; then finds 每周一天远程办公 in the
// rewards store. Names carry Date.now() so reruns against the same database work.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BASE_URL, DESKTOP, withPage } from './browser.mjs';
import { PASSWORD, api, expectOk, tokenFor } from './api.mjs';

const stamp = Date.now().toString(36);

async function login(page) {
  await page.goto(`${BASE_URL}/`);
  await page.waitForURL(/\/login(\?|$)/);
  await page.getByPlaceholder('请输入用户名或工号').fill('hr');
  await page.getByPlaceholder('请输入密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('current-user').filter({ hasText: '陈静' }).waitFor();
}

/** Picks an option of the Element Plus select dropdown that is open now. */
async function chooseOption(page, text) {
  await page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click();
}

/** The <input> of an ElInput (which puts data-testid on the input itself) or an
 *  ElInputNumber (which puts it on its wrapper). */
const field = (page, testId) => page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

/** Types into an ElInputNumber and leaves it. */
async function typeNumber(page, testId, value) {
  const input = field(page, testId);
  await input.fill(String(value));
  await input.press('Tab');
}

test('console: hr builds a cycle template, enters a KPI value and closes the cycle', { timeout: 180_000 }, async () => {
  await withPage('incentives-console-cycle', DESKTOP, async (page) => {
    await login(page);

    // 激励与绩效 → 考核周期 → 新建周期
    await page.getByRole('menuitem', { name: '考核周期', exact: true }).click();
    await page.waitForURL(/\/incentives\/cycles$/);
    await page.getByTestId('cycle-create').click();
    const dialog = page.getByTestId('cycle-dialog');
    await dialog.getByText('新建考核周期').waitFor();
    const cycleName = `季度考核${stamp}`;
    await field(page, 'cycle-name').fill(cycleName);
    const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/performance/cycles') && r.request().method() === 'POST');
    await page.getByTestId('cycle-save').click();
    assert.equal((await created).status(), 201);

    // The new cycle opens on 模板.
    await page.waitForURL(/\/incentives\/cycles\/\d+\?tab=templates$/);
    await page.getByTestId('cycle-title').filter({ hasText: cycleName }).waitFor();
    await page.getByTestId('cycle-status').filter({ hasText: '进行中' }).waitFor();

    await page.getByTestId('template-create').click();
    const editor = page.getByTestId('template-editor');
    await editor.waitFor();
    await field(page, 'template-name').fill(`销售考核${stamp}`);
    const sum = page.getByTestId('weight-sum');

    // Row 1: 手工指标 "KPI" (the default kind and name) at 85.
    assert.equal(await field(page, 'indicator-name-0').inputValue(), 'KPI');
    await typeNumber(page, 'indicator-weight-0', 85);
    await sum.filter({ hasText: '权重合计：85%（还差 15%）' }).waitFor();
    assert.equal(await sum.getAttribute('data-valid'), 'false');
    assert.match(await sum.getAttribute('class'), /\bbad\b/); // red
    assert.ok(await page.getByTestId('template-save').isDisabled(), 'save must be blocked while the sum is not 100');

    // Row 2: 参训率 10 (the next kind is suggested with its default name).
    await page.getByTestId('indicator-add').click();
    assert.equal(await field(page, 'indicator-name-1').inputValue(), '参训率');
    await typeNumber(page, 'indicator-weight-1', 10);
    await sum.filter({ hasText: '权重合计：95%（还差 5%）' }).waitFor();

    // Row 3: switch the suggested kind to 作业质量; the default name follows. 20 is too much...
    await page.getByTestId('indicator-add').click();
    await page.getByTestId('indicator-kind-2').click();
    await chooseOption(page, '作业质量');
    await field(page, 'indicator-name-2').waitFor();
    assert.equal(await field(page, 'indicator-name-2').inputValue(), '作业质量');
    await typeNumber(page, 'indicator-weight-2', 20);
    await sum.filter({ hasText: '权重合计：115%（超出 15%）' }).waitFor();
    assert.equal(await sum.getAttribute('data-valid'), 'false');
    assert.ok(await page.getByTestId('template-save').isDisabled());

    // ...5 makes exactly 100: the sum turns valid and saving is allowed.
    await typeNumber(page, 'indicator-weight-2', 5);
    await sum.filter({ hasText: '权重合计：100%' }).waitFor();
    assert.equal(await sum.getAttribute('data-valid'), 'true');
    // Green, not red, and the save button is enabled.
    assert.match(await sum.getAttribute('class'), /\bok\b/);
    assert.ok(await page.getByTestId('template-save').isEnabled());

    const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/performance/templates') && r.request().method() === 'POST');
    await page.getByTestId('template-save').click();
    const savedResponse = await saved;
    assert.equal(savedResponse.status(), 201, await savedResponse.text());
    const card = page.getByTestId('template-card').filter({ hasText: `销售考核${stamp}` });
    await card.waitFor();
    for (const text of ['KPI', '85%', '参训率', '10%', '作业质量', '5%']) await card.getByText(text, { exact: true }).first().waitFor();

    // 编辑: the saved template opens pre-filled; 85/10/5 → 80/15/5 and a new name.
    await card.getByTestId('template-edit').click();
    await editor.waitFor();
    await editor.getByText('编辑考核模板').waitFor();
    assert.equal(await field(page, 'template-name').inputValue(), `销售考核${stamp}`);
    assert.deepEqual(
      await Promise.all([0, 1, 2].map((i) => field(page, `indicator-name-${i}`).inputValue())),
      ['KPI', '参训率', '作业质量'],
    );
    assert.deepEqual(await Promise.all([0, 1, 2].map((i) => field(page, `indicator-weight-${i}`).inputValue())), ['85', '10', '5']);
    await sum.filter({ hasText: '权重合计：100%' }).waitFor();
    assert.equal(await page.getByTestId('template-edit').count(), 0, 'no other edit while the editor is open');
    await typeNumber(page, 'indicator-weight-0', 80);
    await sum.filter({ hasText: '权重合计：95%（还差 5%）' }).waitFor();
    assert.ok(await page.getByTestId('template-save').isDisabled());
    await typeNumber(page, 'indicator-weight-1', 15);
    await sum.filter({ hasText: '权重合计：100%' }).waitFor();
    const renamed = `销售考核${stamp}改`;
    await field(page, 'template-name').fill(renamed);
    const updated = page.waitForResponse((r) => /\/api\/v1\/performance\/templates\/\d+$/.test(r.url()) && r.request().method() === 'PUT');
    await page.getByTestId('template-save').click();
    const updatedResponse = await updated;
    assert.equal(updatedResponse.status(), 200, await updatedResponse.text());
    const updatedMessage = page.locator('.el-message--success').filter({ hasText: /^\s*已保存\s*$/ }).first();
    await updatedMessage.waitFor();
    await editor.waitFor({ state: 'detached' });
    const renamedCard = page.getByTestId('template-card').filter({ hasText: renamed });
    await renamedCard.waitFor();
    assert.equal(await page.getByTestId('template-card').count(), 1, 'edited in place, not added');
    for (const text of ['KPI', '80%', '参训率', '15%', '作业质量', '5%']) await renamedCard.getByText(text, { exact: true }).first().waitFor();
    assert.equal(await renamedCard.getByText('85%', { exact: true }).count(), 0);
    // Let the message go so the manual step below sees its own 已保存.
    await updatedMessage.waitFor({ state: 'detached' });

    // 手工指标: enter 王小雨's KPI.
    await page.getByRole('tab', { name: '手工指标' }).click();
    await page.getByTestId('manual-single').click();
    const single = page.getByTestId('manual-single-dialog');
    await single.getByText('录入手工指标').waitFor();
    const search = page.waitForResponse((r) => r.url().includes('/api/v1/employees?') && new URL(r.url()).searchParams.get('q') === '王小雨');
    await single.locator('.el-select').first().click();
    await page.keyboard.type('王小雨');
    await search;
    await chooseOption(page, '王小雨（E0005）');
    await typeNumber(page, 'manual-single-value', 88);
    const put = page.waitForResponse((r) => r.url().includes('/manual') && r.request().method() === 'PUT');
    await page.getByTestId('manual-single-save').click();
    assert.equal((await put).status(), 204);
    await page.locator('.el-message--success').filter({ hasText: /^\s*已保存\s*$/ }).first().waitFor();
    // The value shows in 王小雨's row of the manual table.
    const cell = field(page, 'manual-cell-E0005-KPI');
    await cell.waitFor();
    await page.waitForFunction(
      (el) => el.value === '88',
      await cell.elementHandle(),
    );

    // 成绩: close the cycle (confirm) and see 已关闭.
    await page.getByRole('tab', { name: '成绩' }).click();
    await page.getByTestId('cycle-close').click();
    const box = page.locator('.el-message-box');
    await box.getByText('关闭后将重新计算并冻结').waitFor();
    const closed = page.waitForResponse((r) => r.url().endsWith('/close') && r.request().method() === 'POST');
    await box.getByRole('button', { name: '关闭周期' }).click();
    assert.equal((await closed).status(), 200);
    await page.getByTestId('cycle-status').filter({ hasText: '已关闭' }).waitFor();
    await page.getByTestId('scores-status').filter({ hasText: '已关闭' }).waitFor();
    await page.getByTestId('cycle-reopen').waitFor();

    // Closed: manual values are read-only.
    await page.getByRole('tab', { name: '手工指标' }).click();
    await page.getByText('本周期已关闭，成绩已冻结').first().waitFor();
    assert.ok(await field(page, 'manual-cell-E0005-KPI').isDisabled());

    // Closed: templates cannot be edited.
    await page.getByRole('tab', { name: '模板' }).click();
    await page.getByTestId('template-hint').filter({ hasText: '本周期已关闭，模板不可修改' }).waitFor();
    await page.getByTestId('template-card').filter({ hasText: renamed }).waitFor();
    assert.equal(await page.getByTestId('template-edit').count(), 0);
  });
});

test('console: the rewards store lists 每周一天远程办公', { timeout: 120_000 }, async () => {
  await withPage('incentives-console-rewards', DESKTOP, async (page) => {
    await login(page);
    await page.getByRole('menuitem', { name: '积分商城', exact: true }).click();
    await page.waitForURL(/\/incentives\/rewards$/);
    const row = page.getByTestId('reward-table').locator('tr.el-table__row', { hasText: '每周一天远程办公' });
    await row.first().waitFor();
    const cells = (await row.first().locator('td').allInnerTexts()).map((s) => s.trim());
    assert.ok(cells.includes('300'), `cells: ${cells.join(' | ')}`);
    assert.ok(cells.includes('直属经理'), `cells: ${cells.join(' | ')}`);
  });
});

test('console: hr approves a redemption that waits for HR', { timeout: 120_000 }, async () => {
  // Set-up through the API: a reward HR approves, points for 王小雨, her request.
  const hr = await tokenFor('hr');
  const employee = await tokenFor('employee');
  const wang = (await expectOk(api('GET', '/me', { token: employee }), 'me employee')).employee;
  const rewardName = `审批测试奖励${stamp}`;
  const reward = await expectOk(
    api('POST', '/rewards', {
      token: hr,
      body: { name: rewardName, description: 'e2e', cost: 10, requires_approval: true, approver: 'hr', validity_days: 7 },
    }),
    'create reward',
    201,
  );
  await expectOk(
    api('POST', '/points/adjustments', { token: hr, body: { employee_id: wang.id, amount: 10, reason: `e2e ${stamp}` } }),
    'adjust points',
    201,
  );
  const request = await expectOk(api('POST', '/redemptions', { token: employee, body: { reward_id: reward.id } }), 'redeem', 201);
  assert.equal(request.status, 'requested');

  await withPage('incentives-console-approval', DESKTOP, async (page) => {
    await login(page);
    await page.getByRole('menuitem', { name: '兑换审批', exact: true }).click();
    await page.waitForURL(/\/incentives\/approvals$/);
    const row = page.getByTestId('approval-table').locator('tr.el-table__row', { hasText: rewardName });
    await row.first().waitFor();
    assert.ok((await row.first().innerText()).includes('王小雨'));
    await row.first().getByRole('button', { name: '同意' }).click();
    const box = page.locator('.el-message-box');
    await box.getByText(`同意 王小雨 兑换“${rewardName}”`).waitFor();
    await box.locator('input').fill('祝贺');
    const approved = page.waitForResponse((r) => r.url().endsWith(`/redemptions/${request.id}/approve`));
    await box.getByRole('button', { name: '同意' }).click();
    assert.equal((await approved).status(), 200);
    await page.locator('.el-message--success', { hasText: '已同意' }).first().waitFor();
    await row.first().waitFor({ state: 'detached' });
  });
  const mine = await expectOk(api('GET', '/redemptions', { token: employee }), 'my redemptions');
  const decided = mine.items.find((d) => d.id === request.id);
  assert.equal(decided?.status, 'approved');
  assert.equal(decided?.note, '祝贺');
});
