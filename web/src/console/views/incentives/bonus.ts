// Bonus tiers (on-time submission rate → multiplier) and the numbers of a team
// bonus pool: tier lookup, the percent-based tier editor, and formatting.
import type { BonusTier } from '@shared/api/incentivesAdmin';

const EPS = 1e-9;

/** Tiers sorted by min_rate, highest first (as the server stores them). */
export function sortTiers(tiers: readonly BonusTier[]): BonusTier[] {
  return [...tiers].sort((a, b) => b.min_rate - a.min_rate);
}

/** The tier a rate falls in: the one with the highest min_rate not above the rate. */
export function tierFor(rate: number, tiers: readonly BonusTier[]): BonusTier | null {
  for (const t of sortTiers(tiers)) if (rate + EPS >= t.min_rate) return t;
  return null;
}

/** The pool amount: base × multiplier of the rate's tier, to the cent. */
export function poolAmount(base: number, rate: number, tiers: readonly BonusTier[]): number {
  const tier = tierFor(rate, tiers);
  return tier ? Math.round(base * tier.multiplier * 100) / 100 : 0;
}

/** A 0..1 rate as a percent text: 0.875 → "87.5%", 1 → "100%". */
export function formatRate(rate: number | null | undefined, digits = 1): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  const p = rate * 100;
  const f = 10 ** digits;
  return `${Math.round(p * f) / f}%`;
}

/** 0.9 → "×0.9", 1 → "×1.0". */
export function formatMultiplier(m: number | null | undefined): string {
  if (m === null || m === undefined || !Number.isFinite(m)) return '—';
  const rounded = Math.round(m * 100) / 100;
  return `×${Number.isInteger(rounded) ? rounded.toFixed(1) : String(rounded)}`;
}

/** Money in yuan: "¥12,345.60". */
export function formatAmount(amount: number | null | undefined, locale: string): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return '—';
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY', minimumFractionDigits: 2 }).format(amount);
}

/** One row of the tier editor: the rate in percent (0..100). */
export interface TierRow {
  minRatePercent: number | null | undefined;
  multiplier: number | null | undefined;
}

export const MAX_MULTIPLIER = 10;

export function tierRowsOf(tiers: readonly BonusTier[]): TierRow[] {
  return sortTiers(tiers).map((t) => ({ minRatePercent: Math.round(t.min_rate * 10000) / 100, multiplier: t.multiplier }));
}

export type TierProblem = 'empty' | 'rate' | 'multiplier' | 'duplicate' | 'noZero';

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** The first problem of the editor rows, or null when they can be saved. */
export function tierProblem(rows: readonly TierRow[]): TierProblem | null {
  if (rows.length === 0) return 'empty';
  if (rows.some((r) => !finite(r.minRatePercent) || r.minRatePercent < 0 || r.minRatePercent > 100)) return 'rate';
  if (rows.some((r) => !finite(r.multiplier) || r.multiplier < 0 || r.multiplier > MAX_MULTIPLIER)) return 'multiplier';
  const rates = rows.map((r) => Math.round((r.minRatePercent as number) * 100));
  if (new Set(rates).size !== rates.length) return 'duplicate';
  if (!rates.includes(0)) return 'noZero';
  return null;
}

/** The tiers to PUT (rates 0..1, highest first). Call after tierProblem() is null. */
export function toTiers(rows: readonly TierRow[]): BonusTier[] {
  return sortTiers(
    rows.map((r) => ({
      min_rate: Math.round((r.minRatePercent as number) * 100) / 10000,
      multiplier: Math.round((r.multiplier as number) * 1000) / 1000,
    })),
  );
}

/** The rate band of each tier, for a readable summary: [from, to) in 0..1 (to null for the top tier). */
export function tierBands(tiers: readonly BonusTier[]): { tier: BonusTier; upTo: number | null }[] {
  const sorted = sortTiers(tiers);
  return sorted.map((tier, i) => ({ tier, upTo: i === 0 ? null : sorted[i - 1]!.min_rate }));
}
