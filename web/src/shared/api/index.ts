// The typed API of Luodi v1, one module per resource over one ApiClient.
import type { ApiClient } from './client';
import { createAuditApi, type AuditApi } from './audit';
import { createAuthApi, type AuthApi } from './auth';
import { createBranchesApi, type BranchesApi } from './branches';
import { createCheckinApi, type CheckinApi } from './checkin';
import { createCoursesApi, type CoursesApi } from './courses';
import { createDepartmentsApi, type DepartmentsApi } from './departments';
import { createEmployeesApi, type EmployeesApi } from './employees';
import { createExamsApi, type ExamsApi } from './exams';
import { createFeedbackApi, type FeedbackApi } from './feedback';
import { createFilesApi, type FilesApi } from './files';
import { createIncentivesAdminApi, type IncentivesAdminApi } from './incentivesAdmin';
import { createIncentivesApi, type IncentivesApi } from './incentives';
import { createQuestionsApi, type QuestionsApi } from './questions';
import { createSubmissionsApi, type SubmissionsApi } from './submissions';
import { createTrainingsApi, type TrainingsApi } from './trainings';

export interface LuodiApi {
  auth: AuthApi;
  branches: BranchesApi;
  departments: DepartmentsApi;
  employees: EmployeesApi;
  audit: AuditApi;
  courses: CoursesApi;
  trainings: TrainingsApi;
  checkin: CheckinApi;
  files: FilesApi;
  submissions: SubmissionsApi;
  questions: QuestionsApi;
  exams: ExamsApi;
  feedback: FeedbackApi;
  incentives: IncentivesApi;
  incentivesAdmin: IncentivesAdminApi;
}

export function createLuodiApi(client: ApiClient): LuodiApi {
  return {
    auth: createAuthApi(client),
    branches: createBranchesApi(client),
    departments: createDepartmentsApi(client),
    employees: createEmployeesApi(client),
    audit: createAuditApi(client),
    courses: createCoursesApi(client),
    trainings: createTrainingsApi(client),
    checkin: createCheckinApi(client),
    files: createFilesApi(client),
    submissions: createSubmissionsApi(client),
    questions: createQuestionsApi(client),
    exams: createExamsApi(client),
    feedback: createFeedbackApi(client),
    incentives: createIncentivesApi(client),
    incentivesAdmin: createIncentivesAdminApi(client),
  };
}

export * from './client';
export type * from './types';
