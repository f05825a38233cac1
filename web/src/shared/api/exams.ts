// Exams (考试) of trainings: the exam settings, attempts (答卷), answers, grading.
import { collectAll } from '../pagination/collectAll';
import { isApiError, type ApiClient } from './client';
import type { ExamAnswers, Exam, ExamAttempt, ExamAttemptListItem, ExamInput, Id, Page } from './types';

/** A started (or resumed) attempt with what the client needs to sync its clock. */
export interface StartedAttempt {
  attempt: ExamAttempt;
  /** true for 201 (a new attempt), false for 200 (the unfinished one again). */
  created: boolean;
  /** The response's Date header in ms, or null when the server sent none. */
  serverDate: number | null;
  /** Date.now() when the answer arrived. */
  receivedAt: number;
}

export interface ExamsApi {
  /** The exam of a training, or null when it has none (404). Employees get my_attempts. */
  get(trainingId: Id): Promise<Exam | null>;
  /** Create or replace (HR). 422 names fields like question_ids, closes_at. */
  put(trainingId: Id, input: ExamInput): Promise<Exam>;
  /** All attempts at a training's exam (HR, instructors). */
  attempts(trainingId: Id): Promise<ExamAttemptListItem[]>;
  /** Start or resume (employee). 409 attempts_exhausted / exam_closed; the caller shows it. */
  start(trainingId: Id): Promise<StartedAttempt>;
  attempt(attemptId: Id): Promise<ExamAttempt>;
  /** Autosave: quiet; 409 attempt_expired after the deadline. */
  saveAnswers(attemptId: Id, answers: ExamAnswers): Promise<ExamAttempt>;
  submit(attemptId: Id): Promise<ExamAttempt>;
  /** Short-answer question id → points (HR, instructors). */
  grade(attemptId: Id, scores: Record<string, number>): Promise<ExamAttempt>;
}

function parseDate(value: string | null): number | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

export function createExamsApi(client: ApiClient): ExamsApi {
  return {
    get: async (trainingId) => {
      try {
        return await client.json<Exam>(`/trainings/${trainingId}/exam`, { showError: false });
      } catch (e) {
        if (isApiError(e) && e.status === 404) return null;
        throw e;
      }
    },
    put: (trainingId, input) =>
      client.json<Exam>(`/trainings/${trainingId}/exam`, { method: 'PUT', json: input, showError: false }),
    attempts: (trainingId) =>
      collectAll((cursor) =>
        client.json<Page<ExamAttemptListItem>>(`/trainings/${trainingId}/exam/attempts`, { query: { limit: 200, cursor } }),
      ),
    start: async (trainingId) => {
      let created = false;
      let serverDate: number | null = null;
      let receivedAt = Date.now();
      const attempt = await client.json<ExamAttempt>(`/trainings/${trainingId}/exam/attempts`, {
        method: 'POST',
        showError: false,
        onResponse: (meta) => {
          created = meta.status === 201;
          serverDate = parseDate(meta.headers.get('Date'));
          receivedAt = meta.receivedAt;
        },
      });
      return { attempt, created, serverDate, receivedAt };
    },
    attempt: (attemptId) => client.json<ExamAttempt>(`/exam-attempts/${attemptId}`),
    saveAnswers: (attemptId, answers) =>
      client.json<ExamAttempt>(`/exam-attempts/${attemptId}/answers`, { method: 'PUT', json: { answers }, showError: false }),
    submit: (attemptId) => client.json<ExamAttempt>(`/exam-attempts/${attemptId}/submit`, { method: 'POST', showError: false }),
    grade: (attemptId, scores) =>
      client.json<ExamAttempt>(`/exam-attempts/${attemptId}/grade`, { method: 'POST', json: { scores } }),
  };
}
