import { describe, expect, it, vi } from 'vitest';
import type { Department, StoredFile } from '../api/types';
import { buildDepartmentForest } from '../org/departmentTree';
import { fromAudience, toAudience } from './audience';
import { checkLength, countChars } from './chars';
import { loadLocalDraft, pickDraft, saveLocalDraft } from './draft';
import { dueBadge } from './due';
import { createIdempotencyKeeper, randomKey, sendIdempotent } from './idempotency';
import { rubricProblem, rubricScore, rubricTotal } from './rubric';

describe('due badge', () => {
  const now = new Date(2026, 10, 27, 10, 0, 0); // local time
  const local = (d: number, h: number, m = 0) => new Date(2026, 10, d, h, m).toISOString();

  it('is overdue once the due instant has passed', () => {
    expect(dueBadge(local(27, 9, 59), 'not_submitted', now)).toEqual({ kind: 'overdue' });
    expect(dueBadge(local(20, 9), 'draft', now)).toEqual({ kind: 'overdue' });
  });
  it('says today for a due time later on the same local day', () => {
    expect(dueBadge(local(27, 10, 1), 'not_submitted', now)).toEqual({ kind: 'today' });
    expect(dueBadge(local(27, 23, 59), 'returned', now)).toEqual({ kind: 'today' });
  });
  it('counts calendar days, not 24-hour periods', () => {
    expect(dueBadge(local(28, 0, 5), 'not_submitted', now)).toEqual({ kind: 'days', days: 1 });
    expect(dueBadge(local(30, 18), 'not_submitted', now)).toEqual({ kind: 'days', days: 3 });
  });
  it('shows nothing once submitted or reviewed, or without a due time', () => {
    for (const s of ['submitted', 'late', 'reviewed'] as const) expect(dueBadge(local(20, 9), s, now)).toBeNull();
    expect(dueBadge(null, 'not_submitted', now)).toBeNull();
  });
});

describe('character count (as the server counts)', () => {
  it('counts code points of the trimmed text', () => {
    expect(countChars('  学习心得  \n')).toBe(4);
    expect(countChars('abc 中文')).toBe(6);
    expect(countChars('😀𠮷')).toBe(2); // surrogate pairs count once
    expect('😀𠮷'.length).toBe(4);
    expect(countChars('')).toBe(0);
  });
  it('names how many are missing', () => {
    expect(checkLength('一二三', 5)).toEqual({ count: 3, min: 5, ok: false, missing: 2 });
    expect(checkLength(' 一二三四五 ', 5)).toEqual({ count: 5, min: 5, ok: true, missing: 0 });
  });
});

describe('idempotency key per submit attempt', () => {
  const seq = () => {
    let n = 0;
    return () => `k${++n}`;
  };
  const statusOf = (e: unknown) => (e as { status?: number }).status ?? null;

  it('reuses the key when a network failure is retried with the same payload', async () => {
    const keeper = createIdempotencyKeeper(seq());
    const send = vi.fn().mockRejectedValueOnce({ status: 0 }).mockResolvedValueOnce('ok');
    await expect(sendIdempotent(keeper, 'p', send, statusOf)).rejects.toEqual({ status: 0 });
    await expect(sendIdempotent(keeper, 'p', send, statusOf)).resolves.toBe('ok');
    expect(send.mock.calls.map((c) => c[0])).toEqual(['k1', 'k1']);
    expect(keeper.pending).toBeNull();
  });
  it('also keeps it after a 5xx (outcome unknown)', async () => {
    const keeper = createIdempotencyKeeper(seq());
    const send = vi.fn().mockRejectedValueOnce({ status: 502 }).mockResolvedValueOnce('ok');
    await sendIdempotent(keeper, 'p', send, statusOf).catch(() => undefined);
    await sendIdempotent(keeper, 'p', send, statusOf);
    expect(send.mock.calls.map((c) => c[0])).toEqual(['k1', 'k1']);
  });
  it('starts a new attempt after success, a 4xx refusal or a changed payload', async () => {
    const keeper = createIdempotencyKeeper(seq());
    const send = vi.fn().mockResolvedValueOnce('ok').mockRejectedValueOnce({ status: 422 }).mockRejectedValueOnce({ status: 0 }).mockResolvedValue('ok');
    await sendIdempotent(keeper, 'p', send, statusOf);
    await sendIdempotent(keeper, 'p', send, statusOf).catch(() => undefined);
    await sendIdempotent(keeper, 'p', send, statusOf).catch(() => undefined);
    await sendIdempotent(keeper, 'p2', send, statusOf);
    expect(send.mock.calls.map((c) => c[0])).toEqual(['k1', 'k2', 'k3', 'k4']);
  });
  it('generates distinct UUID-shaped keys', () => {
    const a = randomKey();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(randomKey()).not.toBe(a);
  });
});

describe('audience picker → API audience', () => {
  const dep = (id: number, parent_id: number | null, name: string): Department => ({
    id, name, parent_id, branch_id: 1, manager_id: null, manager_name: null, employee_count: 0, created_at: '', updated_at: '',
  });
  // 总部(1) ├ 销售部(2) ├ 销售一部(3), 销售二部(4) └ 研发部(5)
  const forest = buildDepartmentForest([dep(1, null, '总部'), dep(2, 1, '销售部'), dep(3, 2, '销售一部'), dep(4, 2, '销售二部'), dep(5, 1, '研发部')]);

  it('sends each checked department with its 含下级 flag, and the employees', () => {
    expect(toAudience({ departments: [3, 5], includeSubtree: [5], employees: [9, 7, 9] }, forest)).toEqual({
      departments: [{ id: 3, include_subtree: false }, { id: 5, include_subtree: true }],
      employees: [7, 9],
      roles: [],
      job_levels: [],
    });
  });
  it('drops departments already covered by a checked ancestor with 含下级', () => {
    const a = toAudience({ departments: [2, 3, 4, 5], includeSubtree: [2, 3], employees: [] }, forest);
    expect(a.departments).toEqual([{ id: 2, include_subtree: true }, { id: 5, include_subtree: false }]);
  });
  it('ignores a 含下级 flag of an unchecked department and keeps roles / job levels', () => {
    const a = toAudience({ departments: [3], includeSubtree: [2], employees: [] }, forest, { roles: ['manager'], job_levels: ['M3'] });
    expect(a).toEqual({ departments: [{ id: 3, include_subtree: false }], employees: [], roles: ['manager'], job_levels: ['M3'] });
  });
  it('round-trips through the picker state', () => {
    const a = { departments: [{ id: 2, include_subtree: true }, { id: 5, include_subtree: false }], employees: [4], roles: [], job_levels: [] };
    expect(toAudience(fromAudience(a), forest)).toEqual(a);
  });
});

describe('rubric', () => {
  it('sums max scores (no float noise) and must total 100', () => {
    expect(rubricTotal([{ name: 'a', max_score: 33.33 }, { name: 'b', max_score: 33.33 }, { name: 'c', max_score: 33.34 }])).toBe(100);
    expect(rubricProblem([])).toBeNull();
    expect(rubricProblem([{ name: '内容', max_score: 60 }, { name: '结构', max_score: 40 }])).toBeNull();
    expect(rubricProblem([{ name: '内容', max_score: 60 }, { name: '结构', max_score: 30 }])).toBe('sum');
    expect(rubricProblem([{ name: ' ', max_score: 100 }])).toBe('name');
    expect(rubricProblem([{ name: 'a', max_score: 50 }, { name: 'a', max_score: 50 }])).toBe('duplicate');
    expect(rubricProblem([{ name: 'a', max_score: 0 }, { name: 'b', max_score: 100 }])).toBe('score');
  });
  it('totals reviewer scores clamped to each row', () => {
    const rows = [{ name: '内容', max_score: 60 }, { name: '结构', max_score: 40 }];
    expect(rubricScore(rows, { 内容: 55, 结构: 50 })).toBe(95);
    expect(rubricScore(rows, { 内容: 30 })).toBe(30);
  });
});

describe('local reflection draft', () => {
  const file: StoredFile = { id: 1, name: 'a.png', content_type: 'image/png', size: 1, url: '/api/v1/files/1', thumbnail_url: null };
  it('stores and reads back; a corrupt entry reads as none', () => {
    const mem = new Map<string, string>();
    const storage = { getItem: (k: string) => mem.get(k) ?? null, setItem: (k: string, v: string) => void mem.set(k, v) };
    saveLocalDraft(storage, 7, { text: '离线写的', attachments: [file], savedAt: 5 });
    expect(loadLocalDraft(storage, 7)).toEqual({ text: '离线写的', attachments: [file], savedAt: 5 });
    mem.set('luodi.reflection.8', '{oops');
    expect(loadLocalDraft(storage, 8)).toBeNull();
  });
  it('prefers the newer local copy when it differs from the server', () => {
    const server = { text: '服务器', attachments: [], updatedAt: 100 };
    expect(pickDraft(server, { text: '本地', attachments: [file], savedAt: 200 })).toEqual({ text: '本地', attachments: [file], fromLocal: true });
    expect(pickDraft(server, { text: '本地', attachments: [], savedAt: 50 }).fromLocal).toBe(false);
    expect(pickDraft(null, null)).toEqual({ text: '', attachments: [], fromLocal: false });
  });
});
