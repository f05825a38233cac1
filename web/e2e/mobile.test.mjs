// Mobile app on a phone: log in as employee, see the profile with 销售一部.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BASE_URL, PHONE, withPage } from './browser.mjs';

test('mobile: employee logs in on a phone and sees 销售一部 in 我的', { timeout: 120_000 }, async () => {
  await withPage('mobile-profile', PHONE, async (page) => {
    await page.goto(`${BASE_URL}/m/`);
    await page.waitForURL(/\/m\/login(\?|$)/);

    await page.getByPlaceholder('请输入用户名或工号').fill('employee');
    await page.getByPlaceholder('请输入密码').fill('demo1234');
    await page.getByRole('button', { name: '登录' }).tap();

    // Home: the profile summary card (the training list below it depends on
    // what other suites created on this server, so it is not asserted here).
    await page.getByTestId('profile-card').filter({ hasText: '王小雨' }).waitFor();
    await page.getByTestId('profile-card').filter({ hasText: '销售一部' }).waitFor();

    // The 我的 tab (it may carry a badge with unread notifications and waiting approvals).
    await page.getByTestId('tab-me').tap();
    await page.waitForURL(/\/m\/me$/);

    const department = page.getByTestId('profile-department').locator('.van-cell__value');
    await department.filter({ hasText: '销售一部' }).waitFor();
    assert.equal((await department.innerText()).trim(), '销售一部');
    assert.equal((await page.getByTestId('profile-employee-no').locator('.van-cell__value').innerText()).trim(), 'E0005');
  });
});
