// /employees: 员工, with CSV import and Excel export.
import type { ApiClient, Query } from './client';
import type { Employee, EmployeeFilter, EmployeeInput, EmployeePatch, Id, ImportResult, Page, PageParams } from './types';

export interface ImportOptions {
  /** Validate only (?dry_run=true); the answer has the same counts. */
  dryRun?: boolean;
}

export interface EmployeesApi {
  list(filter?: EmployeeFilter & PageParams): Promise<Page<Employee>>;
  get(id: Id): Promise<Employee>;
  /** 409 conflict field employee_no on a duplicate. */
  create(input: EmployeeInput): Promise<Employee>;
  update(id: Id, patch: EmployeePatch): Promise<Employee>;
  remove(id: Id): Promise<void>;
  /** Sends the CSV bytes as text/csv. A bad file rejects with ApiError
   *  validation_failed whose details carry line/field/message; the caller
   *  renders them (showError is off). */
  importCsv(file: Blob, options?: ImportOptions): Promise<ImportResult>;
  /** The .xlsx of the employees matching the filter. */
  exportXlsx(filter?: EmployeeFilter): Promise<Blob>;
}

/** Query of the list and export endpoints (include_subtree only with a department). */
export function employeeQuery(filter: EmployeeFilter & PageParams = {}): Query {
  return {
    q: filter.q?.trim(),
    department_id: filter.department_id,
    include_subtree: filter.department_id !== undefined && filter.include_subtree ? true : undefined,
    branch_id: filter.branch_id,
    status: filter.status,
    limit: filter.limit,
    cursor: filter.cursor,
  };
}

export function createEmployeesApi(client: ApiClient): EmployeesApi {
  return {
    list: (filter = {}) => client.json<Page<Employee>>('/employees', { query: employeeQuery(filter) }),
    get: (id) => client.json<Employee>(`/employees/${id}`),
    create: (input) => client.json<Employee>('/employees', { method: 'POST', json: input }),
    update: (id, patch) => client.json<Employee>(`/employees/${id}`, { method: 'PATCH', json: patch }),
    remove: (id) => client.empty(`/employees/${id}`, { method: 'DELETE' }),
    importCsv: (file, options = {}) =>
      client.json<ImportResult>('/employees/import', {
        method: 'POST',
        body: file,
        contentType: 'text/csv',
        query: { dry_run: options.dryRun ? true : undefined },
        showError: false,
      }),
    exportXlsx: (filter = {}) => client.blob('/employees/export.xlsx', { query: employeeQuery(filter) }),
  };
}
