// /trainings: 培训班 (a course offering with sessions, audience and assignment),
// its enrolments, and the employee's own list GET /me/trainings.
import { collectAll } from '../pagination/collectAll';
import type { ApiClient } from './client';
import type {
  AudienceDiff,
  Enrollment,
  EnrollmentChange,
  EnrollmentChangeResult,
  EnrollmentFilter,
  Id,
  MyTraining,
  Page,
  PublishResult,
  Training,
  TrainingFilter,
  TrainingInput,
  TrainingPatch,
} from './types';

export interface TrainingsApi {
  list(filter?: TrainingFilter): Promise<Page<Training>>;
  get(id: Id): Promise<Training>;
  /** 422 validation_failed naming fields like sessions[0].end_at. */
  create(input: TrainingInput): Promise<Training>;
  /** `sessions` replaces the list; 409 if a removed session has attendance. */
  update(id: Id, patch: TrainingPatch): Promise<Training>;
  /** Enrols the audience; 409 when already published. */
  publish(id: Id): Promise<PublishResult>;
  /** All enrolments of a training (following next_cursor). */
  enrollments(id: Id, filter?: Omit<EnrollmentFilter, 'limit' | 'cursor'>): Promise<Enrollment[]>;
  audienceDiff(id: Id): Promise<AudienceDiff>;
  changeEnrollments(id: Id, change: EnrollmentChange): Promise<EnrollmentChangeResult>;
  /** Self-enrolment: 403 when not enabled, 409 training_full. */
  enroll(id: Id): Promise<Enrollment>;
  /** The caller's trainings, ordered by due date. */
  mine(): Promise<MyTraining[]>;
}

export function createTrainingsApi(client: ApiClient): TrainingsApi {
  return {
    list: (filter = {}) => client.json<Page<Training>>('/trainings', { query: { ...filter, q: filter.q?.trim() } }),
    get: (id) => client.json<Training>(`/trainings/${id}`),
    create: (input) => client.json<Training>('/trainings', { method: 'POST', json: input, showError: false }),
    update: (id, patch) => client.json<Training>(`/trainings/${id}`, { method: 'PATCH', json: patch, showError: false }),
    publish: (id) => client.json<PublishResult>(`/trainings/${id}/publish`, { method: 'POST' }),
    enrollments: (id, filter = {}) =>
      collectAll((cursor) =>
        client.json<Page<Enrollment>>(`/trainings/${id}/enrollments`, {
          query: { missing: filter.missing ? true : undefined, limit: 200, cursor },
        }),
      ),
    audienceDiff: (id) => client.json<AudienceDiff>(`/trainings/${id}/audience-diff`),
    changeEnrollments: (id, change) =>
      client.json<EnrollmentChangeResult>(`/trainings/${id}/enrollments`, { method: 'POST', json: change }),
    enroll: (id) => client.json<Enrollment>(`/trainings/${id}/enroll`, { method: 'POST' }),
    mine: () =>
      collectAll((cursor) => client.json<Page<MyTraining>>('/me/trainings', { query: { cursor } })),
  };
}
