// The training loop on a phone: QR check-in through the URL the QR code
// encodes (log in when redirected), and writing a reflection with a photo.
// Data is set up through the HTTP API as hr: a course, a training whose first
// session started 10 minutes ago for 销售一部 (王小雨), reflection ≥ 20 chars,
// instructor 刘洋; published.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { BASE_URL, PHONE, withPage } from './browser.mjs';
import { PASSWORD, api, expectOk, tokenFor } from './api.mjs';

const MINUTE = 60_000;

/** A small real PNG (16×16, a blue square) built by hand: signature, IHDR, IDAT, IEND. */
function tinyPng() {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const size = 16;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const raw = Buffer.alloc(size * (1 + size * 3));
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 3);
    for (let x = 0; x < size; x++) raw.set([25, 137, 250], row + 1 + x * 3);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function loginOnPhone(page, login) {
  await page.getByPlaceholder('请输入用户名或工号').fill(login);
  await page.getByPlaceholder('请输入密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).tap();
}

let fixture; // { trainingId, sessionId, title }
let tmp;

before(async () => {
  const hr = await tokenFor('hr');
  const employee = await tokenFor('employee');
  const instructor = await tokenFor('instructor');
  const wang = (await expectOk(api('GET', '/me', { token: employee }), 'me employee')).employee;
  const liu = (await expectOk(api('GET', '/me', { token: instructor }), 'me instructor')).employee;
  assert.equal(wang.name, '王小雨');
  assert.equal(wang.department_name, '销售一部');
  assert.equal(liu.name, '刘洋');

  const stamp = Date.now().toString(36);
  const course = await expectOk(
    api('POST', '/courses', {
      token: hr,
      body: { title: `客户沟通技巧${stamp}`, category: 'professional', credit_hours: 2, instructors: [liu.id] },
    }),
    'create course',
    201,
  );
  const now = Date.now();
  const title = `销售沟通训练营${stamp}`;
  const training = await expectOk(
    api('POST', '/trainings', {
      token: hr,
      body: {
        course_id: course.id,
        title,
        instructors: [liu.id],
        sessions: [
          {
            start_at: new Date(now - 10 * MINUTE).toISOString(),
            end_at: new Date(now + 50 * MINUTE).toISOString(),
            place: '三楼培训室',
            credit_hours: 2,
          },
        ],
        audience: { departments: [{ id: wang.department_id, include_subtree: false }], employees: [], roles: [], job_levels: [] },
        required: true,
        assignment: { min_chars: 20, due_days_after_end: 3, attachments_allowed: true, max_attachments: 3, rubric: [] },
      },
    }),
    'create training',
    201,
  );
  const published = await expectOk(api('POST', `/trainings/${training.id}/publish`, { token: hr }), 'publish');
  assert.ok(published.enrolled >= 1, `enrolled ${published.enrolled}`);
  fixture = { trainingId: training.id, sessionId: training.sessions[0].id, title, employee, instructor };
  tmp = mkdtempSync(join(tmpdir(), 'luodi-e2e-png-'));
});

after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('phone: scanning the QR URL, logging in when asked, checks the employee in', { timeout: 120_000 }, async () => {
  const qr = await expectOk(api('GET', `/sessions/${fixture.sessionId}/qr`, { token: fixture.instructor }), 'qr as instructor');
  const scanned = new URL(qr.url);
  assert.equal(scanned.pathname, `/m/checkin/${fixture.sessionId}`);
  const url = `${BASE_URL}${scanned.pathname}${scanned.search}`;

  await withPage('training-qr-checkin', PHONE, async (page) => {
    await page.goto(url);
    await page.waitForURL(/\/m\/login\?redirect=/); // not logged in: login first, keeping where to come back
    await loginOnPhone(page, 'employee');

    await page.waitForURL((u) => u.pathname === `/m/checkin/${fixture.sessionId}` && u.searchParams.get('t') === scanned.searchParams.get('t'));
    await page.getByTestId('checkin-success').filter({ hasText: '签到成功' }).waitFor();
    await page.getByText('已计入 2 学时').waitFor();
  });

  const attendance = await expectOk(api('GET', `/sessions/${fixture.sessionId}/attendance`, { token: fixture.instructor }), 'attendance');
  const wang = attendance.items.find((r) => r.name === '王小雨');
  assert.equal(wang?.present, true, JSON.stringify(wang));
  assert.equal(wang?.method, 'qr');
});

test('phone: the employee writes a reflection with a photo and submits it', { timeout: 120_000 }, async () => {
  const photo = join(tmp, 'notes.png');
  writeFileSync(photo, tinyPng());
  const reflection =
    '这次沟通培训让我认识到倾听比表达更重要，先理解客户真正的需求，再给出方案，成交率自然会提高。我会在下周的拜访中实践这些方法。';
  assert.ok([...reflection].length >= 30);

  await withPage('training-reflection', PHONE, async (page) => {
    await page.goto(`${BASE_URL}/m/`);
    await page.waitForURL(/\/m\/login/);
    await loginOnPhone(page, 'employee');
    await page.getByTestId('profile-card').filter({ hasText: '王小雨' }).waitFor();

    await page.locator('.van-tabbar-item', { hasText: '我的培训' }).tap();
    await page.waitForURL(/\/m\/trainings$/);
    const card = page.getByTestId('training-card').filter({ hasText: fixture.title });
    await card.getByTestId('status-tag').filter({ hasText: '未提交' }).waitFor();
    await card.getByTestId('due-badge').filter({ hasText: /还剩\d+天/ }).waitFor();
    await card.tap();

    await page.waitForURL(new RegExp(`/m/trainings/${fixture.trainingId}$`));
    await page.getByTestId('training-title').filter({ hasText: fixture.title }).waitFor();
    await page.getByTestId(`session-${fixture.sessionId}`).filter({ hasText: '已签到' }).waitFor(); // from the first test
    await page.getByTestId('open-reflection').tap();

    await page.waitForURL(new RegExp(`/m/trainings/${fixture.trainingId}/reflection$`));
    const textarea = page.getByTestId('reflection-text').locator('textarea');
    await textarea.fill('太短了');
    await page.getByTestId('char-count').filter({ hasText: '3 / 至少 20 字' }).waitFor();
    await textarea.fill(reflection);
    await page.getByTestId('char-count').filter({ hasText: `${[...reflection].length} / 至少 20 字` }).waitFor();

    const uploaded = page.waitForResponse((r) => r.url().endsWith('/api/v1/files') && r.request().method() === 'POST');
    await page.locator('.van-uploader input[type=file]').setInputFiles(photo);
    assert.equal((await uploaded).status(), 201);
    await page.locator('.van-uploader__preview').first().waitFor();
    await page.locator('.van-uploader__mask').waitFor({ state: 'detached' }); // no "uploading" / "failed" overlay

    const submitted = page.waitForResponse(
      (r) => r.url().endsWith(`/api/v1/trainings/${fixture.trainingId}/submission`) && r.request().method() === 'PUT' && (r.request().postData() ?? '').includes('"submit":true'),
    );
    await page.getByTestId('submit-reflection').tap();
    const response = await submitted;
    assert.equal(response.status(), 200);
    assert.ok(response.request().headers()['idempotency-key'], 'submit carries an Idempotency-Key');

    await page.waitForURL(new RegExp(`/m/trainings/${fixture.trainingId}$`));
    await page.getByTestId('detail-status').filter({ hasText: '已提交' }).waitFor();
  });

  const stored = await expectOk(api('GET', `/trainings/${fixture.trainingId}/submission`, { token: fixture.employee }), 'own submission');
  assert.equal(stored.text, reflection);
  assert.equal(stored.status, 'submitted');
  assert.equal(stored.attachments.length, 1);
  assert.equal(stored.attachments[0].content_type, 'image/png');
});
