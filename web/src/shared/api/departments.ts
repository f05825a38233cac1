// /departments: 部门.
import { collectAll } from '../pagination/collectAll';
import type { ApiClient } from './client';
import type {
  Department,
  DepartmentCreate,
  DepartmentFilter,
  DepartmentPatch,
  DepartmentTreeNode,
  Id,
  Page,
} from './types';

/** The contract allows limit up to 1000 on this list only. */
export const DEPARTMENT_PAGE_LIMIT = 1000;

export interface DepartmentsApi {
  list(filter?: DepartmentFilter): Promise<Page<Department>>;
  /** Every department in the caller's scope, following next_cursor. */
  listAll(filter?: Omit<DepartmentFilter, 'limit' | 'cursor'>): Promise<Department[]>;
  get(id: Id): Promise<Department>;
  tree(id: Id): Promise<DepartmentTreeNode>;
  create(input: DepartmentCreate): Promise<Department>;
  /** 422 field parent_id when the move would make a cycle. */
  update(id: Id, patch: DepartmentPatch): Promise<Department>;
  /** 409 conflict while it has children or employees. */
  remove(id: Id): Promise<void>;
}

export function createDepartmentsApi(client: ApiClient): DepartmentsApi {
  const list = (filter: DepartmentFilter = {}) =>
    client.json<Page<Department>>('/departments', { query: { ...filter } });
  return {
    list,
    listAll: (filter = {}) => collectAll((cursor) => list({ ...filter, limit: DEPARTMENT_PAGE_LIMIT, cursor })),
    get: (id) => client.json<Department>(`/departments/${id}`),
    tree: (id) => client.json<DepartmentTreeNode>(`/departments/${id}/tree`),
    create: (input) => client.json<Department>('/departments', { method: 'POST', json: input }),
    update: (id, patch) => client.json<Department>(`/departments/${id}`, { method: 'PATCH', json: patch }),
    remove: (id) => client.empty(`/departments/${id}`, { method: 'DELETE' }),
  };
}
