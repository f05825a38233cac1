// Wire types of the Luodi HTTP API v1, as written in docs/api-contract.md
// (binding source: api/openapi.yaml). Ids are numbers; timestamps are RFC 3339
// strings; dates are YYYY-MM-DD. Keep field names exactly as on the wire.

export type Id = number;

export type Role = 'employee' | 'manager' | 'instructor' | 'hr_admin' | 'sys_admin';

/** One entry of `error.details`; import errors add `line` (1 = header row). */
export interface ErrorDetail {
  field?: string;
  message: string;
  line?: number;
}

/** The error envelope every non-2xx answer carries. */
export interface ErrorBody {
  error: { code: string; message: string; details?: ErrorDetail[] };
}

/** `?limit=&cursor=` lists answer this shape. */
export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface PageParams {
  limit?: number;
  cursor?: string | null;
}

// ---- auth ----
export interface User {
  id: Id;
  login: string;
  name: string;
  roles: Role[];
  /** Only on GET /me: a branch-limited hr_admin's branch. */
  hr_branch_id?: Id | null;
}

export interface LoginRequest {
  login: string;
  password: string;
}

export interface LoginResponse {
  token: string;
  expires_at: string;
  user: User;
}

export interface MeEmployee extends Employee {
  branch_name: string;
  department_name: string;
}

export interface Me {
  user: User;
  roles: Role[];
  employee: MeEmployee | null;
}

export interface ChangePasswordRequest {
  old_password: string;
  new_password: string;
}

// ---- branches ----
export type BranchKind = 'enterprise' | 'public_institution';

export interface Branch {
  id: Id;
  name: string;
  kind: BranchKind;
  time_zone: string;
  created_at: string;
  updated_at: string;
}

export interface BranchInput {
  name: string;
  kind: BranchKind;
  time_zone?: string;
}

export interface BranchFilter extends PageParams {
  kind?: BranchKind;
  q?: string;
}

// ---- departments ----
export interface Department {
  id: Id;
  name: string;
  branch_id: Id;
  parent_id: Id | null;
  manager_id: Id | null;
  manager_name: string | null;
  employee_count: number;
  created_at: string;
  updated_at: string;
}

export interface DepartmentTreeNode extends Department {
  children: DepartmentTreeNode[];
}

export interface DepartmentCreate {
  name: string;
  branch_id: Id;
  parent_id?: Id | null;
  manager_id?: Id | null;
}

export type DepartmentPatch = Partial<Pick<Department, 'name' | 'parent_id' | 'manager_id'>>;

export interface DepartmentFilter extends PageParams {
  branch_id?: Id;
  parent_id?: Id;
  q?: string;
}

// ---- employees ----
export type Gender = 'male' | 'female';
export type EmploymentType = 'full_time' | 'part_time' | 'contract' | 'intern' | 'dispatched';
export type EmployeeStatus = 'active' | 'left';

export interface Employee {
  id: Id;
  employee_no: string;
  name: string;
  gender: Gender | null;
  phone: string | null;
  email: string | null;
  hire_date: string | null;
  branch_id: Id;
  department_id: Id;
  position: string | null;
  job_level: string | null;
  employment_type: EmploymentType;
  title_series: string | null;
  title_level: string | null;
  status: EmployeeStatus;
  manager_id: Id | null;
  login: string | null;
  roles: Role[];
  created_at: string;
  updated_at: string;
}

/** Writable employee fields (POST requires employee_no, name, department_id). */
export interface EmployeeInput {
  employee_no: string;
  name: string;
  department_id: Id;
  gender?: Gender | null;
  phone?: string | null;
  email?: string | null;
  hire_date?: string | null;
  position?: string | null;
  job_level?: string | null;
  employment_type?: EmploymentType;
  title_series?: string | null;
  title_level?: string | null;
  status?: EmployeeStatus;
  manager_id?: Id | null;
  /** Creates a login for the employee (with password). */
  login?: string | null;
  password?: string;
  roles?: Role[];
}

export type EmployeePatch = Partial<EmployeeInput>;

/** Filters shared by GET /employees and GET /employees/export.xlsx. */
export interface EmployeeFilter {
  q?: string;
  department_id?: Id;
  include_subtree?: boolean;
  branch_id?: Id;
  status?: EmployeeStatus;
}

export interface ImportResult {
  created: number;
  updated: number;
}

// ---- audit ----
export type AuditEntity = 'branch' | 'department' | 'employee' | 'user';
export type AuditAction = 'create' | 'update' | 'delete' | 'import' | 'login' | 'password';

export interface AuditEntry {
  id: Id;
  at: string;
  actor_id: Id | null;
  actor_name: string | null;
  action: AuditAction;
  entity: AuditEntity;
  entity_id: Id | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface AuditFilter extends PageParams {
  entity?: AuditEntity;
  entity_id?: Id;
  actor_id?: Id;
  action?: AuditAction;
  from?: string;
  to?: string;
}
