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
export type AuditEntity =
  | 'branch'
  | 'department'
  | 'employee'
  | 'user'
  | 'course'
  | 'training'
  | 'enrollment'
  | 'attendance'
  | 'submission'
  | 'file'
  | 'question'
  | 'exam'
  | 'exam_attempt'
  | 'feedback'
  | 'like'
  | 'points'
  | 'points_rules'
  | 'performance_cycle'
  | 'performance_template'
  | 'performance_manual'
  | 'reward'
  | 'redemption'
  | 'bonus_tiers'
  | 'bonus_pool'
  | 'leaderboard_settings';
export type AuditAction =
  | 'create'
  | 'update'
  | 'delete'
  | 'import'
  | 'password'
  | 'close'
  | 'reopen'
  | 'recompute'
  | 'submit'
  | 'checkin'
  | 'login'
  | 'login_failed'
  | 'logout';

export interface AuditEntry {
  id: Id;
  at: string;
  /** The user who acted; null for the system and for a failed login. */
  actor_id: Id | null;
  actor_employee_id: Id | null;
  /** For login_failed: the login name tried. */
  actor_name: string | null;
  action: AuditAction;
  entity: AuditEntity;
  entity_id: Id | null;
  branch_id: Id | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** Client address of the request; null for work not done over HTTP. */
  ip: string | null;
  user_agent: string | null;
}

export interface AuditFilter extends PageParams {
  entity?: AuditEntity;
  entity_id?: Id;
  actor_id?: Id;
  action?: AuditAction;
  from?: string;
  to?: string;
}

// ---- training loop (docs/api-training.md) ----
export type CourseCategory = 'public' | 'professional' | 'general';

export interface CourseMaterial {
  title: string;
  url?: string | null;
  file_id?: Id | null;
}

export interface Course {
  id: Id;
  title: string;
  description: string;
  category: CourseCategory;
  tags: string[];
  credit_hours: number;
  instructors: Id[];
  materials: CourseMaterial[];
  created_at: string;
  updated_at: string;
}

export interface CourseInput {
  title: string;
  category: CourseCategory;
  description?: string;
  tags?: string[];
  credit_hours?: number;
  instructors?: Id[];
  materials?: CourseMaterial[];
}

export type CoursePatch = Partial<CourseInput>;

export interface CourseFilter extends PageParams {
  q?: string;
  category?: CourseCategory;
}

export interface TrainingSession {
  id: Id;
  start_at: string;
  end_at: string;
  place: string;
  online_url: string;
  credit_hours: number;
}

/** A session in a create/update body: with `id` it is updated, without it is added. */
export interface TrainingSessionInput {
  id?: Id;
  start_at: string;
  end_at: string;
  place?: string;
  online_url?: string;
  credit_hours?: number;
}

export interface AudienceDepartment {
  id: Id;
  include_subtree: boolean;
}

export interface Audience {
  departments: AudienceDepartment[];
  employees: Id[];
  roles: Role[];
  job_levels: string[];
}

export interface RubricItem {
  name: string;
  max_score: number;
}

export interface Assignment {
  min_chars: number;
  /** Always present in answers (computed from due_days_after_end when that is set). */
  due_at: string | null;
  due_days_after_end: number | null;
  attachments_allowed: boolean;
  max_attachments: number;
  rubric: RubricItem[];
}

export interface SelfEnrollment {
  enabled: boolean;
  capacity: number | null;
}

export type TrainingStatus = 'draft' | 'published';

export interface Training {
  id: Id;
  course_id: Id;
  course_title?: string;
  category?: CourseCategory;
  title: string;
  description: string;
  branch_id: Id | null;
  instructors: Id[];
  sessions: TrainingSession[];
  audience: Audience;
  required: boolean;
  self_enrollment: SelfEnrollment;
  assignment: Assignment | null;
  feedback_enabled: boolean;
  status: TrainingStatus;
  enrolled_count: number;
  total_hours?: number;
  published_at?: string | null;
  created_at: string;
  updated_at: string;
}

export interface TrainingInput {
  course_id: Id;
  title?: string;
  description?: string;
  instructors?: Id[];
  sessions: TrainingSessionInput[];
  audience?: Audience;
  required?: boolean;
  self_enrollment?: SelfEnrollment;
  assignment?: Assignment | null;
  feedback_enabled?: boolean;
}

export type TrainingPatch = Partial<TrainingInput>;

export interface TrainingFilter extends PageParams {
  status?: TrainingStatus;
  q?: string;
  course_id?: Id;
}

export interface PublishResult {
  training: Training;
  enrolled: number;
}

export type EnrollmentSource = 'audience' | 'manual' | 'self';

export type SubmissionStatus = 'not_submitted' | 'draft' | 'submitted' | 'late' | 'returned' | 'reviewed';

export interface Enrollment {
  training_id?: Id;
  employee_id: Id;
  employee_no: string;
  name: string;
  department_name: string;
  source: EnrollmentSource;
  enrolled_at: string;
  attended_sessions: number;
  submission_status: SubmissionStatus;
}

export interface EnrollmentFilter extends PageParams {
  /** Only those without an on-time or late submitted reflection. */
  missing?: boolean;
}

export interface EmployeeSummary {
  id: Id;
  name: string;
  employee_no: string;
  department_name?: string;
}

export interface AudienceDiff {
  add: EmployeeSummary[];
  remove: EmployeeSummary[];
}

export interface EnrollmentChange {
  add: Id[];
  remove: Id[];
}

export interface EnrollmentChangeResult {
  added: number;
  removed: number;
}

// ---- check-in ----
export interface SessionQr {
  token: string;
  url: string;
  expires_at: string;
  rotates_every: number;
}

export interface CheckinResult {
  session_id: Id;
  employee_id: Id;
  checked_in_at: string;
  method: 'qr' | 'manual';
  hours: number;
}

export interface AttendanceRecord {
  employee_id: Id;
  name: string;
  employee_no: string;
  department_name?: string;
  present: boolean;
  checked_in_at: string | null;
  method: 'qr' | 'manual' | null;
}

export interface AttendanceUpdate {
  present: boolean;
  reason: string;
}

// ---- files ----
export interface StoredFile {
  id: Id;
  name: string;
  content_type: string;
  size: number;
  url: string;
  thumbnail_url: string | null;
}

// ---- reflections ----
export interface MyTrainingSession {
  id: Id;
  start_at: string;
  end_at: string;
  place: string;
  online_url?: string;
  credit_hours?: number;
  attended: boolean;
}

export interface MyTraining {
  training_id: Id;
  title: string;
  course_title: string;
  category: CourseCategory;
  required: boolean;
  status_training: TrainingStatus;
  sessions: MyTrainingSession[];
  attendance: { attended: number; total: number };
  assignment: Assignment | null;
  status: SubmissionStatus;
  due_at: string | null;
  submission_id: Id | null;
  score: number | null;
  excellent: boolean;
  comment?: string | null;
  hours: number;
  total_hours?: number;
}

export interface Submission {
  id: Id;
  training_id: Id;
  employee_id: Id;
  status: SubmissionStatus;
  text: string;
  attachments: StoredFile[];
  submitted_at: string | null;
  late: boolean;
  version: number;
  score: number | null;
  excellent: boolean;
  rubric_scores: Record<string, number> | null;
  comment: string | null;
  reviewed_at: string | null;
  reviewer_id: Id | null;
  updated_at?: string;
}

export interface SubmissionInput {
  text: string;
  attachments: Id[];
  submit: boolean;
}

export interface ReviewQueueItem {
  submission_id: Id;
  training_id: Id;
  employee: EmployeeSummary;
  text: string;
  attachments: StoredFile[];
  submitted_at: string | null;
  late: boolean;
  status: SubmissionStatus;
  version?: number;
}

export interface ReviewInput {
  score?: number;
  rubric_scores?: Record<string, number>;
  excellent: boolean;
  comment: string;
  return_for_revision: boolean;
}

// ---- question bank, exams (docs/api-training.md "Question bank", "Exams") ----
export type QuestionKind = 'single' | 'multiple' | 'true_false' | 'fill_blank' | 'short_answer';

export interface QuestionOption {
  key: string;
  text: string;
}

/** single "A"; multiple ["A","C"]; true_false true|false; fill_blank one string per blank
 *  (alternatives separated by |); short_answer a reference text or null. */
export type QuestionAnswer = string | boolean | string[] | null;

export interface Question {
  id: Id;
  kind: QuestionKind;
  stem: string;
  options: QuestionOption[];
  answer: QuestionAnswer;
  points: number;
  /** fill_blank: number of blanks; 0 otherwise. */
  blanks?: number;
  tags: string[];
  course_id: Id | null;
  created_at: string;
  updated_at: string;
}

export interface QuestionInput {
  kind: QuestionKind;
  stem: string;
  options?: QuestionOption[];
  answer?: QuestionAnswer;
  points?: number;
  tags?: string[];
  course_id?: Id | null;
}

export type QuestionPatch = Partial<QuestionInput>;

export interface QuestionFilter extends PageParams {
  q?: string;
  kind?: QuestionKind;
  course_id?: Id;
}

export type ExamAttemptStatus = 'in_progress' | 'submitted' | 'graded';

export interface ExamAttemptSummary {
  id: Id;
  status: ExamAttemptStatus;
  started_at: string;
  deadline: string;
  submitted_at?: string | null;
  score: number | null;
  passed: boolean | null;
}

export interface Exam {
  id: Id;
  training_id: Id;
  title: string;
  time_limit_minutes: number;
  attempts_allowed: number;
  pass_score: number;
  total_points: number;
  question_count: number;
  /** HR and instructors: the questions in exam order. */
  question_ids?: Id[];
  opens_at: string | null;
  closes_at: string | null;
  /** Employees only: their attempts, oldest first. */
  my_attempts?: ExamAttemptSummary[];
}

export interface ExamInput {
  title?: string;
  time_limit_minutes: number;
  attempts_allowed?: number;
  pass_score?: number;
  question_ids: Id[];
  opens_at?: string | null;
  closes_at?: string | null;
}

export interface ExamAttemptQuestion {
  id: Id;
  kind: QuestionKind;
  stem: string;
  options: QuestionOption[];
  points: number;
  blanks: number;
  /** The given answer (null if none). */
  answer?: QuestionAnswer;
  correct?: boolean | null;
  points_awarded?: number | null;
  /** HR/instructors always; the owner only after closes_at. */
  correct_answer?: QuestionAnswer;
}

export interface ExamAttempt {
  id: Id;
  exam_id: Id;
  training_id?: Id;
  employee_id: Id;
  started_at: string;
  deadline: string;
  submitted_at: string | null;
  status: ExamAttemptStatus;
  score: number | null;
  passed: boolean | null;
  objective_score: number | null;
  graded_at?: string | null;
  questions: ExamAttemptQuestion[];
}

export interface ExamAttemptListItem {
  id: Id;
  employee_id: Id;
  employee_no: string;
  name: string;
  status: ExamAttemptStatus;
  started_at: string;
  submitted_at: string | null;
  score: number | null;
  passed: boolean | null;
}

/** Question id → answer. */
export type ExamAnswers = Record<string, QuestionAnswer>;

// ---- feedback survey ----
export interface FeedbackInput {
  instructor_rating: number;
  course_rating: number;
  comment?: string | null;
}

export interface FeedbackReceipt {
  training_id: Id;
  status: 'received';
}

export interface TrainingFeedbackSummary {
  training_id?: Id;
  count: number;
  instructor_avg: number;
  course_avg: number;
  comments: { comment: string; created_at: string }[];
}
