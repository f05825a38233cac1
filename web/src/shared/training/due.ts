// The due badge of a reflection in 我的培训: 逾期 / 今天截止 / 还剩N天.
// Pure; days are counted in local calendar days (what a person means by "还剩2天").
import type { SubmissionStatus } from '../api/types';

export type DueBadge = { kind: 'overdue' } | { kind: 'today' } | { kind: 'days'; days: number };

/** Statuses where the employee still owes a (re)submission. */
const OPEN: ReadonlySet<SubmissionStatus> = new Set(['not_submitted', 'draft', 'returned']);

export function isOpen(status: SubmissionStatus): boolean {
  return OPEN.has(status);
}

function startOfLocalDay(d: Date): number {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/**
 * null when there is nothing to show: no due time, or the reflection is in
 * (submitted, late, reviewed). Past the due instant → overdue; same local
 * calendar day → today; otherwise the number of calendar days left (≥ 1).
 */
export function dueBadge(dueAt: string | null, status: SubmissionStatus, now: Date = new Date()): DueBadge | null {
  if (!dueAt || !isOpen(status)) return null;
  const due = new Date(dueAt);
  if (Number.isNaN(due.getTime())) return null;
  if (due.getTime() < now.getTime()) return { kind: 'overdue' };
  // Math.round absorbs the 23/25-hour days of daylight-saving changes.
  const days = Math.round((startOfLocalDay(due) - startOfLocalDay(now)) / 86_400_000);
  return days <= 0 ? { kind: 'today' } : { kind: 'days', days };
}
