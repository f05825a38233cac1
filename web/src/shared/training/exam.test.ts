import { describe, expect, it } from 'vitest';
import type { ExamAttemptQuestion, Question } from '../api/types';
import {
  answersBody, attemptsInfo, blankQuestionForm, clockOffset, draftFromAnswer, emptyDraft, examOpen, formatCountdown,
  optionKey, questionFormOf, questionFormProblem, questionInputOf, remainingMs, toApiAnswer,
} from './exam';

const q = (kind: ExamAttemptQuestion['kind'], extra: Partial<ExamAttemptQuestion> = {}): ExamAttemptQuestion => ({
  id: 1, kind, stem: 's', points: 1, blanks: 0,
  options: kind === 'single' || kind === 'multiple' ? [{ key: 'A', text: 'a' }, { key: 'B', text: 'b' }, { key: 'C', text: 'c' }] : [],
  ...extra,
});

describe('countdown with the server clock', () => {
  it('takes the offset from the Date header when present', () => {
    expect(clockOffset({ serverDate: 1_000_000, receivedAt: 990_000, created: true, startedAt: '1970-01-01T00:00:00Z' })).toBe(10_000);
  });
  it('takes it from started_at of a just-created attempt otherwise', () => {
    const started = Date.parse('2026-01-01T08:00:00Z');
    // the phone is 2 minutes behind the server
    expect(clockOffset({ serverDate: null, receivedAt: started - 120_000, created: true, startedAt: '2026-01-01T08:00:00Z' })).toBe(120_000);
  });
  it('knows nothing for a resumed attempt without Date header', () => {
    expect(clockOffset({ serverDate: null, receivedAt: 5, created: false, startedAt: '2026-01-01T08:00:00Z' })).toBeNull();
  });
  it('counts down by the server clock, not the phone clock', () => {
    const deadline = '2026-01-01T08:10:00Z';
    const phoneNow = Date.parse('2026-01-01T08:00:00Z'); // the phone thinks 10 min are left
    expect(remainingMs(deadline, 0, phoneNow)).toBe(600_000);
    expect(remainingMs(deadline, 120_000, phoneNow)).toBe(480_000); // the server is 2 min ahead
    expect(remainingMs(deadline, -60_000, phoneNow)).toBe(660_000);
    expect(remainingMs(deadline, 3_600_000, phoneNow)).toBe(0); // never negative
    expect(remainingMs('garbage', 0, phoneNow)).toBe(0);
  });
  it('formats mm:ss and h:mm:ss, rounding up', () => {
    expect(formatCountdown(600_000)).toBe('10:00');
    expect(formatCountdown(65_001)).toBe('01:06');
    expect(formatCountdown(500)).toBe('00:01');
    expect(formatCountdown(0)).toBe('00:00');
    expect(formatCountdown(3_723_000)).toBe('1:02:03');
  });
});

describe('answer shape per kind', () => {
  it('single → "A"', () => {
    expect(toApiAnswer(q('single'), { ...emptyDraft(), choice: 'A' })).toBe('A');
    expect(toApiAnswer(q('single'), emptyDraft())).toBeNull();
  });
  it('multiple → ["A","C"] in option order', () => {
    expect(toApiAnswer(q('multiple'), { ...emptyDraft(), choices: ['C', 'A'] })).toEqual(['A', 'C']);
    expect(toApiAnswer(q('multiple'), emptyDraft())).toBeNull();
  });
  it('true_false → true / false', () => {
    expect(toApiAnswer(q('true_false'), { ...emptyDraft(), truth: true })).toBe(true);
    expect(toApiAnswer(q('true_false'), { ...emptyDraft(), truth: false })).toBe(false);
    expect(toApiAnswer(q('true_false'), emptyDraft())).toBeNull();
  });
  it('fill_blank → one string per blank', () => {
    const fq = q('fill_blank', { blanks: 2 });
    expect(toApiAnswer(fq, { ...emptyDraft(2), blanks: [' x ', 'y'] })).toEqual(['x', 'y']);
    expect(toApiAnswer(fq, { ...emptyDraft(2), blanks: ['x'] })).toEqual(['x', '']);
    expect(toApiAnswer(fq, emptyDraft(2))).toBeNull();
  });
  it('short_answer → the text', () => {
    expect(toApiAnswer(q('short_answer'), { ...emptyDraft(), text: 'text' })).toBe('text');
    expect(toApiAnswer(q('short_answer'), { ...emptyDraft(), text: '  ' })).toBeNull();
  });
  it('round-trips saved answers into the form', () => {
    expect(draftFromAnswer(q('single'), 'B').choice).toBe('B');
    expect(draftFromAnswer(q('multiple'), ['A', 'C']).choices).toEqual(['A', 'C']);
    expect(draftFromAnswer(q('true_false'), false).truth).toBe(false);
    expect(draftFromAnswer(q('fill_blank', { blanks: 3 }), ['x', 'y']).blanks).toEqual(['x', 'y', '']);
    expect(draftFromAnswer(q('short_answer'), null).text).toBe('');
  });
  it('builds the PUT body keyed by question id', () => {
    const qs = [q('single', { id: 7 }), q('true_false', { id: 8 })];
    expect(answersBody(qs, { 7: { ...emptyDraft(), choice: 'C' } })).toEqual({ '7': 'C', '8': null });
  });
});

describe('attempts left', () => {
  it('counts every attempt against the allowance', () => {
    expect(attemptsInfo({ attempts_allowed: 2, my_attempts: [] })).toEqual({ used: 0, left: 2, inProgressId: null, canStart: true });
    const graded = { id: 1, status: 'graded' as const, started_at: '', deadline: '', score: 50, passed: false };
    expect(attemptsInfo({ attempts_allowed: 2, my_attempts: [graded] })).toMatchObject({ used: 1, left: 1, canStart: true });
    expect(attemptsInfo({ attempts_allowed: 1, my_attempts: [graded] })).toMatchObject({ left: 0, canStart: false });
  });
  it('lets an unfinished attempt be continued even with none left', () => {
    const open = { id: 9, status: 'in_progress' as const, started_at: '', deadline: '', score: null, passed: null };
    expect(attemptsInfo({ attempts_allowed: 1, my_attempts: [open] })).toEqual({ used: 1, left: 0, inProgressId: 9, canStart: true });
  });
  it('never goes below zero (allowance lowered later)', () => {
    const a = { id: 1, status: 'graded' as const, started_at: '', deadline: '', score: 0, passed: false };
    expect(attemptsInfo({ attempts_allowed: 1, my_attempts: [a, { ...a, id: 2 }] }).left).toBe(0);
  });
  it('knows the open window', () => {
    const now = Date.parse('2026-01-01T08:00:00Z');
    expect(examOpen({ opens_at: null, closes_at: null }, now)).toBe(true);
    expect(examOpen({ opens_at: '2026-01-01T09:00:00Z', closes_at: null }, now)).toBe(false);
    expect(examOpen({ opens_at: null, closes_at: '2026-01-01T08:00:00Z' }, now)).toBe(false);
  });
});

describe('question bank form', () => {
  it('keys options A, B, C…', () => {
    expect([0, 1, 2, 25, 26].map(optionKey)).toEqual(['A', 'B', 'C', 'Z', 'AA']);
  });
  it('builds the body per kind', () => {
    const f = { ...blankQuestionForm('multiple'), stem: ' 选出 ', options: ['a', 'b', 'c'], multiple: ['C', 'A'], points: 2, tags: [' t ', ''] };
    expect(questionInputOf(f)).toEqual({
      kind: 'multiple', stem: '选出', points: 2, tags: ['t'], course_id: null,
      options: [{ key: 'A', text: 'a' }, { key: 'B', text: 'b' }, { key: 'C', text: 'c' }], answer: ['A', 'C'],
    });
    expect(questionInputOf({ ...blankQuestionForm('fill_blank'), stem: 'x', blanks: ['北京 | 京', 'y'] }).answer).toEqual(['北京|京', 'y']);
    expect(questionInputOf({ ...blankQuestionForm('true_false'), stem: 'x', truth: false }).answer).toBe(false);
    expect(questionInputOf({ ...blankQuestionForm('short_answer'), stem: 'x' }).answer).toBeNull();
  });
  it('finds what is missing', () => {
    expect(questionFormProblem(blankQuestionForm('single'))).toBe('stem');
    expect(questionFormProblem({ ...blankQuestionForm('single'), stem: 'x', options: ['a', ''] })).toBe('options');
    expect(questionFormProblem({ ...blankQuestionForm('single'), stem: 'x', options: ['a', 'b'], single: 'C' })).toBe('answer');
    expect(questionFormProblem({ ...blankQuestionForm('fill_blank'), stem: 'x', blanks: [''] })).toBe('blanks');
    expect(questionFormProblem({ ...blankQuestionForm('true_false'), stem: 'x' })).toBeNull();
  });
  it('reads a question back into the form', () => {
    const question: Question = {
      id: 1, kind: 'single', stem: 's', options: [{ key: 'A', text: '1' }, { key: 'B', text: '2' }], answer: 'B', points: 5,
      tags: ['x'], course_id: 3, created_at: '', updated_at: '',
    };
    expect(questionFormOf(question)).toMatchObject({ kind: 'single', options: ['1', '2'], single: 'B', points: 5, course_id: 3 });
  });
});
