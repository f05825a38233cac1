// /audit: the audit log (hr_admin, sys_admin).
import type { ApiClient } from './client';
import type { AuditEntry, AuditFilter, Page } from './types';

export interface AuditApi {
  /** Newest first. */
  list(filter?: AuditFilter): Promise<Page<AuditEntry>>;
}

export function createAuditApi(client: ApiClient): AuditApi {
  return {
    list: (filter = {}) => client.json<Page<AuditEntry>>('/audit', { query: { ...filter } }),
  };
}
