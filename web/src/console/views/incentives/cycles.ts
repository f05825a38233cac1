// Date helpers of performance cycles, on plain YYYY-MM-DD strings (no time
// zones involved): the period containing a date and a suggested name.
import type { CyclePeriod, CycleStatus, PerformanceCycle } from '@shared/api/incentivesAdmin';

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function parts(date: string): { y: number; m: number; d: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return null;
  return { y, m, d };
}

/** First and last day of the month / quarter / year containing `date`; null for a bad date. */
export function periodRange(period: CyclePeriod, date: string): { start: string; end: string } | null {
  const p = parts(date);
  if (!p) return null;
  if (period === 'month') return { start: ymd(p.y, p.m, 1), end: ymd(p.y, p.m, daysIn(p.y, p.m)) };
  if (period === 'quarter') {
    const first = Math.floor((p.m - 1) / 3) * 3 + 1;
    return { start: ymd(p.y, first, 1), end: ymd(p.y, first + 2, daysIn(p.y, first + 2)) };
  }
  return { start: ymd(p.y, 1, 1), end: ymd(p.y, 12, 31) };
}

/** Year, month and quarter of a date, for the name suggestion ("2026年第4季度"). */
export function periodParts(date: string): { year: number; month: number; quarter: number } | null {
  const p = parts(date);
  return p ? { year: p.y, month: p.m, quarter: Math.floor((p.m - 1) / 3) + 1 } : null;
}

/** Today as YYYY-MM-DD in the browser's time zone. */
export function todayYmd(now: Date = new Date()): string {
  return ymd(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** A cycle's status; servers of the first slice may leave it out (then open). */
export function cycleStatusOf(c: Pick<PerformanceCycle, 'status'> | null | undefined): CycleStatus {
  return c?.status === 'closed' ? 'closed' : 'open';
}
