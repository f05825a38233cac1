import { describe, expect, it } from 'vitest';
import {
  formatAmount, formatMultiplier, formatRate, poolAmount, sortTiers, tierBands, tierFor, tierProblem, tierRowsOf, toTiers,
} from './bonus';

const DEFAULT = [
  { min_rate: 0, multiplier: 0.7 },
  { min_rate: 0.95, multiplier: 1.0 },
  { min_rate: 0.8, multiplier: 0.9 },
];

describe('tier lookup', () => {
  it('finds the highest tier whose min_rate the rate reaches', () => {
    expect(tierFor(1, DEFAULT)).toEqual({ min_rate: 0.95, multiplier: 1 });
    expect(tierFor(0.95, DEFAULT)).toEqual({ min_rate: 0.95, multiplier: 1 });
    expect(tierFor(0.9499, DEFAULT)).toEqual({ min_rate: 0.8, multiplier: 0.9 });
    expect(tierFor(0.8, DEFAULT)).toEqual({ min_rate: 0.8, multiplier: 0.9 });
    expect(tierFor(0.5, DEFAULT)).toEqual({ min_rate: 0, multiplier: 0.7 });
    expect(tierFor(0, DEFAULT)).toEqual({ min_rate: 0, multiplier: 0.7 });
  });

  it('is exact at a boundary reached by division (19 of 20 = 0.95)', () => {
    expect(tierFor(19 / 20, DEFAULT)?.multiplier).toBe(1);
    expect(tierFor(4 / 5, DEFAULT)?.multiplier).toBe(0.9);
  });

  it('gives nothing without a tier at 0, and computes the pool', () => {
    expect(tierFor(0.5, [{ min_rate: 0.8, multiplier: 1 }])).toBeNull();
    expect(poolAmount(10000, 0.9, DEFAULT)).toBe(9000);
    expect(poolAmount(12345.67, 0.5, DEFAULT)).toBe(8641.97);
    expect(poolAmount(10000, 0.5, [])).toBe(0);
  });

  it('sorts descending without touching the input', () => {
    const input = [...DEFAULT];
    expect(sortTiers(input).map((t) => t.min_rate)).toEqual([0.95, 0.8, 0]);
    expect(input[0]?.min_rate).toBe(0);
    expect(tierBands(DEFAULT).map((b) => [b.tier.min_rate, b.upTo])).toEqual([[0.95, null], [0.8, 0.95], [0, 0.8]]);
  });
});

describe('formatting', () => {
  it('shows rates as percents', () => {
    expect(formatRate(0.875)).toBe('87.5%');
    expect(formatRate(1)).toBe('100%');
    expect(formatRate(0)).toBe('0%');
    expect(formatRate(2 / 3)).toBe('66.7%');
    expect(formatRate(2 / 3, 0)).toBe('67%');
    expect(formatRate(0.29)).toBe('29%');
    expect(formatRate(null)).toBe('—');
    expect(formatRate(Number.NaN)).toBe('—');
  });

  it('shows multipliers and money', () => {
    expect(formatMultiplier(1)).toBe('×1.0');
    expect(formatMultiplier(0.9)).toBe('×0.9');
    expect(formatMultiplier(1.25)).toBe('×1.25');
    expect(formatMultiplier(undefined)).toBe('—');
    expect(formatAmount(12345.6, 'zh-CN')).toBe('¥12,345.60');
    expect(formatAmount(0, 'zh-CN')).toBe('¥0.00');
    expect(formatAmount(null, 'en')).toBe('—');
  });
});

describe('tier editor rows', () => {
  it('round-trips percent rows and tiers', () => {
    const rows = tierRowsOf(DEFAULT);
    expect(rows).toEqual([
      { minRatePercent: 95, multiplier: 1 },
      { minRatePercent: 80, multiplier: 0.9 },
      { minRatePercent: 0, multiplier: 0.7 },
    ]);
    expect(tierProblem(rows)).toBeNull();
    expect(toTiers([rows[2]!, rows[0]!, rows[1]!])).toEqual(sortTiers(DEFAULT));
    expect(toTiers([{ minRatePercent: 87.5, multiplier: 0.95 }, { minRatePercent: 0, multiplier: 0.5 }])[0]).toEqual({
      min_rate: 0.875,
      multiplier: 0.95,
    });
  });

  it('names the first problem', () => {
    expect(tierProblem([])).toBe('empty');
    expect(tierProblem([{ minRatePercent: 101, multiplier: 1 }])).toBe('rate');
    expect(tierProblem([{ minRatePercent: null, multiplier: 1 }])).toBe('rate');
    expect(tierProblem([{ minRatePercent: 0, multiplier: undefined }])).toBe('multiplier');
    expect(tierProblem([{ minRatePercent: 0, multiplier: -1 }])).toBe('multiplier');
    expect(tierProblem([{ minRatePercent: 0, multiplier: 1 }, { minRatePercent: 0, multiplier: 2 }])).toBe('duplicate');
    expect(tierProblem([{ minRatePercent: 50, multiplier: 1 }])).toBe('noZero');
  });
});
