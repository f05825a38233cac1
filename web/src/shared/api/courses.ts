// /courses: 课程 (公需 / 专业 / 通用).
import { collectAll } from '../pagination/collectAll';
import type { ApiClient } from './client';
import type { Course, CourseFilter, CourseInput, CoursePatch, Id, Page } from './types';

export interface CoursesApi {
  list(filter?: CourseFilter): Promise<Page<Course>>;
  /** Every course matching the filter (course pickers). */
  listAll(filter?: Omit<CourseFilter, 'limit' | 'cursor'>): Promise<Course[]>;
  get(id: Id): Promise<Course>;
  create(input: CourseInput): Promise<Course>;
  update(id: Id, patch: CoursePatch): Promise<Course>;
  /** 409 conflict while trainings use it. */
  remove(id: Id): Promise<void>;
}

export function createCoursesApi(client: ApiClient): CoursesApi {
  const list = (filter: CourseFilter = {}) =>
    client.json<Page<Course>>('/courses', { query: { ...filter, q: filter.q?.trim() } });
  return {
    list,
    listAll: (filter = {}) => collectAll((cursor) => list({ ...filter, limit: 200, cursor })),
    get: (id) => client.json<Course>(`/courses/${id}`),
    create: (input) => client.json<Course>('/courses', { method: 'POST', json: input }),
    update: (id, patch) => client.json<Course>(`/courses/${id}`, { method: 'PATCH', json: patch }),
    remove: (id) => client.empty(`/courses/${id}`, { method: 'DELETE' }),
  };
}
