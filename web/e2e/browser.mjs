// Shared set-up of the browser tests: Debian's Chromium driven by
// playwright-core, one fresh profile per test, a screenshot on failure.
// No browser is ever downloaded.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const BASE_URL = (process.env.LUODI_BASE_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');
const CHROMIUM = process.env.LUODI_CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const DESKTOP = { viewport: { width: 1440, height: 900 } };

export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
  userAgent:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
};

/**
 * Runs `body(page)` in a fresh Chromium profile. If it throws, a full-page
 * screenshot goes to e2e/artifacts/<name>.png before the error is rethrown.
 */
export async function withPage(name, contextOptions, body) {
  const profile = mkdtempSync(join(tmpdir(), 'luodi-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    locale: 'zh-CN',
    ...contextOptions,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(20_000);
  const consoleErrors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  try {
    await body(page);
  } catch (error) {
    mkdirSync(ARTIFACTS, { recursive: true });
    const shot = join(ARTIFACTS, `${name}.png`);
    await page.screenshot({ path: shot, fullPage: true }).catch((e) => console.error(`screenshot failed: ${e}`));
    console.error(`[${name}] failed at ${page.url()}; screenshot: ${shot}`);
    if (consoleErrors.length) console.error(`[${name}] browser console errors:\n  ${consoleErrors.join('\n  ')}`);
    throw error;
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
