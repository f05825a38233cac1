// /questions: the question bank (题库) of HR and instructors; employees get 403.
import { collectAll } from '../pagination/collectAll';
import type { ApiClient } from './client';
import type { Id, Page, Question, QuestionFilter, QuestionInput, QuestionPatch } from './types';

export interface QuestionsApi {
  list(filter?: QuestionFilter): Promise<Page<Question>>;
  /** Every question matching the filter (the bank table, the exam picker). */
  listAll(filter?: Omit<QuestionFilter, 'limit' | 'cursor'>): Promise<Question[]>;
  get(id: Id): Promise<Question>;
  /** 422 validation_failed naming options / answer / points / kind (the dialog shows it). */
  create(input: QuestionInput): Promise<Question>;
  update(id: Id, patch: QuestionPatch): Promise<Question>;
  /** 409 conflict while an exam uses it. */
  remove(id: Id): Promise<void>;
}

export function createQuestionsApi(client: ApiClient): QuestionsApi {
  const list = (filter: QuestionFilter = {}) =>
    client.json<Page<Question>>('/questions', { query: { ...filter, q: filter.q?.trim() } });
  return {
    list,
    listAll: (filter = {}) => collectAll((cursor) => list({ ...filter, limit: 200, cursor })),
    get: (id) => client.json<Question>(`/questions/${id}`),
    create: (input) => client.json<Question>('/questions', { method: 'POST', json: input, showError: false }),
    update: (id, patch) => client.json<Question>(`/questions/${id}`, { method: 'PATCH', json: patch, showError: false }),
    remove: (id) => client.empty(`/questions/${id}`, { method: 'DELETE' }),
  };
}
