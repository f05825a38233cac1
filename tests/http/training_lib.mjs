// Helpers for the training-loop tests (courses, trainings, check-in, submissions).
// Not a test file itself; imported by training.test.mjs, checkin.test.mjs, submissions.test.mjs.
import assert from 'node:assert/strict';
import { api, show, tokenFor, listAll, employeeByNo, dept, uid, randomHan } from './lib.mjs';

export const MINUTE = 60 * 1000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** An RFC 3339 UTC time `ms` from now, rounded to whole seconds (no fraction). */
export function at(ms = 0) {
  return new Date(Math.floor((Date.now() + ms) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** The same instant written with a +08:00 offset (any offset is accepted on input). */
export function shanghai(iso) {
  const t = Date.parse(iso) + 8 * HOUR;
  return new Date(t).toISOString().replace(/(\.\d{3})?Z$/, '+08:00');
}

/** Assert two RFC 3339 strings denote the same instant. */
export function sameInstant(a, b, what = 'time') {
  assert.equal(typeof a, 'string', `${what}: not a string: ${a}`);
  assert.ok(!Number.isNaN(Date.parse(a)), `${what}: not a time: ${a}`);
  assert.equal(Date.parse(a), Date.parse(b), `${what}: ${a} is not ${b}`);
}

/** Assert two numbers are equal within floating-point noise. */
export function near(a, b, what = 'number') {
  assert.equal(typeof a, 'number', `${what}: not a number: ${a}`);
  assert.ok(Math.abs(a - b) < 1e-6, `${what}: ${a} != ${b}`);
}

/** The current year as the server's default time zone (Asia/Shanghai) counts it. */
export function thisYear() {
  return new Date(Date.now() + 8 * HOUR).getUTCFullYear();
}

let peopleCache = null;
/** Demo employees: wang (王小雨, employee), liu (刘洋, instructor), zhang (张伟, manager), hr (陈静). */
export async function people() {
  if (peopleCache) return peopleCache;
  const hr = await tokenFor('hr');
  const [wang, liu, zhang, chen] = await Promise.all(['E0005', 'E0004', 'E0003', 'E0002'].map((n) => employeeByNo(n, hr)));
  assert.ok(wang && liu && zhang && chen, 'demo employees E0002..E0005 missing');
  assert.equal(wang.name, '王小雨');
  assert.equal(liu.name, '刘洋');
  peopleCache = { wang, liu, zhang, chen };
  return peopleCache;
}

/** A unique Chinese title with a prefix. */
export function uniqueTitle(prefix = '培训') {
  return `${prefix}${randomHan(4)}${uid(6)}`;
}

/** Create a course as hr; returns it. */
export async function createCourse(fields = {}) {
  const token = await tokenFor('hr');
  const res = await api('POST', '/courses', {
    token,
    body: { title: uniqueTitle('课程'), category: 'professional', credit_hours: 3, ...fields },
  });
  assert.equal(res.status, 201, `create course: ${show(res)}`);
  return res.json;
}

/** Create a training as hr (a course is made unless course_id is given); returns it. */
export async function createTraining(fields = {}) {
  const token = await tokenFor('hr');
  const { liu } = await people();
  const course_id = fields.course_id ?? (await createCourse()).id;
  const body = {
    course_id,
    title: uniqueTitle('培训'),
    instructors: [liu.id],
    sessions: [{ start_at: at(2 * DAY), end_at: at(2 * DAY + 2 * HOUR), place: '一号会议室', credit_hours: 2 }],
    audience: { departments: [], employees: [], roles: [], job_levels: [] },
    required: true,
    ...fields,
  };
  const res = await api('POST', '/trainings', { token, body });
  assert.equal(res.status, 201, `create training: ${show(res)}`);
  return res.json;
}

/** Publish as hr; returns {training, enrolled}. */
export async function publish(trainingId) {
  const token = await tokenFor('hr');
  const res = await api('POST', `/trainings/${trainingId}/publish`, { token });
  assert.equal(res.status, 200, `publish: ${show(res)}`);
  return res.json;
}

/** Create and publish a training; returns the published Training. */
export async function publishedTraining(fields = {}) {
  const t = await createTraining(fields);
  return (await publish(t.id)).training;
}

/**
 * A published training with a reflection assignment for the given employee ids
 * (default 王小雨), its one session `endedAgo` ms in the past.
 */
export async function reflectionTraining({ employees, endedAgo = DAY, assignment = {}, ...rest } = {}) {
  const { wang } = await people();
  return publishedTraining({
    sessions: [{ start_at: at(-endedAgo - 2 * HOUR), end_at: at(-endedAgo), place: '二号会议室', credit_hours: 2 }],
    audience: { departments: [], employees: employees || [wang.id], roles: [], job_levels: [] },
    assignment: { min_chars: 200, due_days_after_end: 3, attachments_allowed: true, max_attachments: 3, ...assignment },
    ...rest,
  });
}

/** All enrolments of a training as hr. */
export async function enrollments(trainingId, token) {
  return listAll(`/trainings/${trainingId}/enrollments`, token || (await tokenFor('hr')));
}

/** The /me/trainings item for this training (asserts the list shape; null if absent). */
export async function myTraining(token, trainingId) {
  const res = await api('GET', '/me/trainings', { token });
  assert.equal(res.status, 200, `/me/trainings: ${show(res)}`);
  assert.ok(Array.isArray(res.json?.items), `/me/trainings: no items: ${show(res)}`);
  return res.json.items.find((i) => i.training_id === trainingId) || null;
}

/** GET /me/hours?year= (asserts shape). */
export async function myHours(token, year = thisYear()) {
  const res = await api('GET', `/me/hours?year=${year}`, { token });
  assert.equal(res.status, 200, `/me/hours: ${show(res)}`);
  const h = res.json;
  assert.equal(h.year, year);
  assert.equal(typeof h.total, 'number', show(res));
  for (const c of ['public', 'professional', 'general']) assert.equal(typeof h.by_category?.[c], 'number', `by_category.${c}: ${show(res)}`);
  assert.ok(Array.isArray(h.entries), show(res));
  return h;
}

/** PUT /trainings/{id}/submission. */
export function putSubmission(token, trainingId, body, idempotencyKey) {
  const headers = idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {};
  return api('PUT', `/trainings/${trainingId}/submission`, { token, body, headers });
}

/** n Chinese characters (3 UTF-8 bytes each). */
export function han(n) {
  return randomHan(n);
}

/** The demo department by name (re-export for convenience). */
export { dept };
