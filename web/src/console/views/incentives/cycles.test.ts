import { describe, expect, it } from 'vitest';
import { cycleStatusOf, periodParts, periodRange, todayYmd } from './cycles';

describe('cycle periods', () => {
  it('gives the month, quarter and year containing a date', () => {
    expect(periodRange('month', '2026-02-14')).toEqual({ start: '2026-02-01', end: '2026-02-28' });
    expect(periodRange('month', '2028-02-01')).toEqual({ start: '2028-02-01', end: '2028-02-29' });
    expect(periodRange('quarter', '2026-11-27')).toEqual({ start: '2026-10-01', end: '2026-12-31' });
    expect(periodRange('quarter', '2026-04-01')).toEqual({ start: '2026-04-01', end: '2026-06-30' });
    expect(periodRange('year', '2026-07-01')).toEqual({ start: '2026-01-01', end: '2026-12-31' });
  });

  it('refuses bad dates', () => {
    expect(periodRange('month', '2026-02-30')).toBeNull();
    expect(periodRange('month', '2026/02/01')).toBeNull();
    expect(periodParts('')).toBeNull();
  });

  it('names the parts of a date', () => {
    expect(periodParts('2026-11-27')).toEqual({ year: 2026, month: 11, quarter: 4 });
    expect(periodParts('2026-01-01')).toEqual({ year: 2026, month: 1, quarter: 1 });
    expect(todayYmd(new Date(2026, 0, 5))).toBe('2026-01-05');
  });
});

describe('cycle status', () => {
  it('treats a missing status as open', () => {
    expect(cycleStatusOf({ status: 'closed' })).toBe('closed');
    expect(cycleStatusOf({ status: 'open' })).toBe('open');
    expect(cycleStatusOf({})).toBe('open');
    expect(cycleStatusOf(null)).toBe('open');
  });
});
