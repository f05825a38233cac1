// HR console, desktop: log in as hr, open 员工, search 王小雨, see her row.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BASE_URL, DESKTOP, withPage } from './browser.mjs';

test('console: hr logs in and finds 王小雨 (E0005) on the employees page', { timeout: 120_000 }, async () => {
  await withPage('console-employee-search', DESKTOP, async (page) => {
    await page.goto(`${BASE_URL}/`);
    await page.waitForURL(/\/login(\?|$)/); // not logged in → login page

    await page.getByPlaceholder('请输入用户名或工号').fill('hr');
    await page.getByPlaceholder('请输入密码').fill('demo1234');
    await page.getByRole('button', { name: '登录' }).click();

    // Logged in: the header shows hr's name, then open 组织架构 → 员工.
    await page.getByTestId('current-user').filter({ hasText: '陈静' }).waitFor();
    await page.getByRole('menuitem', { name: '员工', exact: true }).click();
    await page.waitForURL(/\/org\/employees$/);

    const searched = page.waitForResponse(
      (r) => r.url().includes('/api/v1/employees?') && new URL(r.url()).searchParams.get('q') === '王小雨',
    );
    const search = page.getByPlaceholder('姓名或工号');
    await search.fill('王小雨');
    await search.press('Enter');
    assert.equal((await searched).status(), 200);

    const rows = page.locator('.el-table__body tr.el-table__row');
    // Only matching rows remain, and 王小雨's row carries 工号 E0005.
    await rows.filter({ hasNotText: '王小雨' }).first().waitFor({ state: 'detached' });
    const row = rows.filter({ hasText: '王小雨' }).filter({ hasText: 'E0005' });
    await row.first().waitFor();
    const cells = (await row.first().locator('td').allInnerTexts()).map((s) => s.trim());
    assert.ok(cells.includes('E0005'), `cells: ${cells.join(' | ')}`);
    assert.ok(cells.includes('王小雨'), `cells: ${cells.join(' | ')}`);
  });
});
