// The feedback survey (培训评价): one rating per participant, anonymous summaries.
import { isApiError, type ApiClient } from './client';
import type { FeedbackInput, Id, TrainingFeedbackSummary } from './types';

export interface FeedbackApi {
  /** 'sent' on 201; 'exists' when the caller had already rated it (409 feedback_exists).
   *  Other failures (feedback_disabled, 422) are thrown for the caller to show. */
  submit(trainingId: Id, input: FeedbackInput): Promise<'sent' | 'exists'>;
  /** Averages and anonymous comments (HR, instructors). */
  summary(trainingId: Id): Promise<TrainingFeedbackSummary>;
}

export function createFeedbackApi(client: ApiClient): FeedbackApi {
  return {
    submit: async (trainingId, input) => {
      try {
        await client.json<unknown>(`/trainings/${trainingId}/feedback`, { method: 'POST', json: input, showError: false });
        return 'sent';
      } catch (e) {
        if (isApiError(e) && e.code === 'feedback_exists') return 'exists';
        throw e;
      }
    },
    summary: (trainingId) => client.json<TrainingFeedbackSummary>(`/trainings/${trainingId}/feedback/summary`),
  };
}
