// Every static `incentivesAdmin.*` key the incentive pages use exists in both
// languages (vue-tsc does not check keys inside templates).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import en from '@shared/locales/en';
import zhCN from '@shared/locales/zh-CN';

const here = dirname(fileURLToPath(import.meta.url));
const sources = [
  ...readdirSync(here).filter((f) => f.endsWith('.vue') || (f.endsWith('.ts') && !f.endsWith('.test.ts'))).map((f) => join(here, f)),
  join(here, '../../layouts/ConsoleLayout.vue'),
];

function lookup(messages: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), messages);
}

describe('incentive console i18n keys', () => {
  const keys = new Set<string>();
  for (const file of sources) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/['"`](incentivesAdmin\.[A-Za-z0-9_.]+)['"`]/g)) keys.add(m[1]!);
  }

  it('finds the keys it checks', () => {
    expect(keys.size).toBeGreaterThan(100);
  });

  it.each([['zh-CN', zhCN], ['en', en]] as const)('%s has them all as strings', (_name, messages) => {
    const missing = [...keys].filter((k) => typeof lookup(messages, k) !== 'string');
    expect(missing).toEqual([]);
  });

  it('has the dynamic families for every value', () => {
    for (const messages of [zhCN, en]) {
      for (const k of ['manual', 'training_participation', 'assignment_submission', 'assignment_quality', 'exam_score']) {
        for (const family of ['kinds', 'kindDefaults', 'kindHints']) expect(typeof lookup(messages, `incentivesAdmin.${family}.${k}`)).toBe('string');
      }
      for (const p of ['month', 'quarter', 'year']) {
        expect(typeof lookup(messages, `incentivesAdmin.periods.${p}`)).toBe('string');
        expect(typeof lookup(messages, `incentivesAdmin.cycle.nameSuggest.${p}`)).toBe('string');
      }
      for (const p of ['empty', 'tooMany', 'name', 'nameTooLong', 'duplicate', 'weight', 'sum'])
        expect(typeof lookup(messages, `incentivesAdmin.template.problems.${p}`)).toBe('string');
      for (const p of ['empty', 'rate', 'multiplier', 'duplicate', 'noZero'])
        expect(typeof lookup(messages, `incentivesAdmin.tiers.problems.${p}`)).toBe('string');
      for (const k of ['on_time_submission', 'excellent', 'checkin', 'exam_passed', 'like_received', 'like_daily_cap', 'expiry_days']) {
        expect(typeof lookup(messages, `incentivesAdmin.points.rules.${k}`)).toBe('string');
        expect(typeof lookup(messages, `incentivesAdmin.points.ruleHints.${k}`)).toBe('string');
      }
    }
  });
});
