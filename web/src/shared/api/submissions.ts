// Reflections (心得): the employee's own submission of a training, and review.
import { collectAll } from '../pagination/collectAll';
import { isApiError, type ApiClient } from './client';
import type { Id, Page, ReviewInput, ReviewQueueItem, Submission, SubmissionInput } from './types';

export interface SaveSubmissionOptions {
  /** Idempotency-Key: a retried request with the same key is not written twice. */
  idempotencyKey?: string;
  /** Autosave stays quiet; the editor shows its own state. */
  showError?: boolean;
}

export interface SubmissionsApi {
  /** The caller's submission, or null when there is none yet (404). */
  mine(trainingId: Id): Promise<Submission | null>;
  /** Draft (submit false) or submit. 422 field text / attachments, 409 already_reviewed. */
  save(trainingId: Id, input: SubmissionInput, options?: SaveSubmissionOptions): Promise<Submission>;
  /** Submitted, unreviewed reflections of a training. */
  queue(trainingId: Id): Promise<ReviewQueueItem[]>;
  review(submissionId: Id, input: ReviewInput): Promise<Submission>;
}

export function createSubmissionsApi(client: ApiClient): SubmissionsApi {
  return {
    mine: async (trainingId) => {
      try {
        return await client.json<Submission>(`/trainings/${trainingId}/submission`, { showError: false });
      } catch (e) {
        if (isApiError(e) && e.status === 404) return null;
        throw e;
      }
    },
    save: (trainingId, input, options = {}) =>
      client.json<Submission>(`/trainings/${trainingId}/submission`, {
        method: 'PUT',
        json: input,
        headers: options.idempotencyKey ? { 'Idempotency-Key': options.idempotencyKey } : undefined,
        showError: options.showError ?? false,
      }),
    queue: (trainingId) =>
      collectAll((cursor) =>
        client.json<Page<ReviewQueueItem>>('/reviews/queue', { query: { training_id: trainingId, limit: 200, cursor } }),
      ),
    review: (submissionId, input) =>
      client.json<Submission>(`/submissions/${submissionId}/review`, { method: 'POST', json: input }),
  };
}
