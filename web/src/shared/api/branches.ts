// /branches: 分支机构.
import { collectAll } from '../pagination/collectAll';
import type { ApiClient } from './client';
import type { Branch, BranchFilter, BranchInput, Id, Page } from './types';

export interface BranchesApi {
  list(filter?: BranchFilter): Promise<Page<Branch>>;
  /** Every branch in the caller's scope, following next_cursor. */
  listAll(filter?: Omit<BranchFilter, 'limit' | 'cursor'>): Promise<Branch[]>;
  get(id: Id): Promise<Branch>;
  create(input: BranchInput): Promise<Branch>;
  update(id: Id, patch: Partial<BranchInput>): Promise<Branch>;
  /** 409 conflict while the branch still has departments or employees. */
  remove(id: Id): Promise<void>;
}

export function createBranchesApi(client: ApiClient): BranchesApi {
  const list = (filter: BranchFilter = {}) => client.json<Page<Branch>>('/branches', { query: { ...filter } });
  return {
    list,
    listAll: (filter = {}) => collectAll((cursor) => list({ ...filter, limit: 200, cursor })),
    get: (id) => client.json<Branch>(`/branches/${id}`),
    create: (input) => client.json<Branch>('/branches', { method: 'POST', json: input }),
    update: (id, patch) => client.json<Branch>(`/branches/${id}`, { method: 'PATCH', json: patch }),
    remove: (id) => client.empty(`/branches/${id}`, { method: 'DELETE' }),
  };
}
