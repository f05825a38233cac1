// The audit page offers exactly what the API can log, labelled in both languages.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import en from '@shared/locales/en';
import zhCN from '@shared/locales/zh-CN';
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from './vocabulary';

const here = dirname(fileURLToPath(import.meta.url));
const spec = parse(readFileSync(join(here, '../../../../../api/openapi.yaml'), 'utf8')) as {
  components: { schemas: Record<string, { enum?: string[] }> };
};

describe('audit vocabulary', () => {
  it('matches the API contract', () => {
    expect([...AUDIT_ENTITIES].sort()).toEqual([...(spec.components.schemas.AuditEntity?.enum ?? [])].sort());
    expect([...AUDIT_ACTIONS].sort()).toEqual([...(spec.components.schemas.AuditAction?.enum ?? [])].sort());
  });

  it.each([['zh-CN', zhCN], ['en', en]] as const)('%s labels every entity, action and column', (_name, messages) => {
    for (const e of AUDIT_ENTITIES) expect(typeof messages.audit.entities[e], e).toBe('string');
    for (const a of AUDIT_ACTIONS) expect(typeof messages.audit.actions[a], a).toBe('string');
    expect(messages.audit.ip).toBeTruthy();
    expect(messages.audit.userAgent).toBeTruthy();
  });

  it('calls the client column 终端 in Chinese', () => {
    expect(zhCN.audit.userAgent).toBe('终端');
  });
});
