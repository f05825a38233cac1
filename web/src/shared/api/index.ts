// The typed API of Luodi v1, one module per resource over one ApiClient.
import type { ApiClient } from './client';
import { createAuditApi, type AuditApi } from './audit';
import { createAuthApi, type AuthApi } from './auth';
import { createBranchesApi, type BranchesApi } from './branches';
import { createDepartmentsApi, type DepartmentsApi } from './departments';
import { createEmployeesApi, type EmployeesApi } from './employees';

export interface LuodiApi {
  auth: AuthApi;
  branches: BranchesApi;
  departments: DepartmentsApi;
  employees: EmployeesApi;
  audit: AuditApi;
}

export function createLuodiApi(client: ApiClient): LuodiApi {
  return {
    auth: createAuthApi(client),
    branches: createBranchesApi(client),
    departments: createDepartmentsApi(client),
    employees: createEmployeesApi(client),
    audit: createAuditApi(client),
  };
}

export * from './client';
export type * from './types';
