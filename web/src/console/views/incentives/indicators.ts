// The indicators table of a performance template: the live weight sum (must be
// exactly 100 before saving), row checks that mirror the server's, default
// names per kind, and the server's 422 field errors split per row.
import type { Indicator, IndicatorKind } from '@shared/api/incentivesAdmin';
import type { ErrorDetail } from '@shared/api/types';

export const WEIGHT_TOTAL = 100;
export const MAX_INDICATORS = 20;
export const MAX_INDICATOR_NAME = 50;

/** One editable row; weight is null while the input is empty. */
export interface IndicatorRow {
  kind: IndicatorKind;
  name: string;
  weight: number | null | undefined;
}

const weightOf = (w: number | null | undefined) => (typeof w === 'number' && Number.isFinite(w) ? w : 0);

/** Sum of the weights, in hundredths so 33.33 + 33.33 + 33.34 is exactly 100. */
export function weightSum(rows: readonly Pick<IndicatorRow, 'weight'>[]): number {
  return Math.round(rows.reduce((sum, r) => sum + weightOf(r.weight) * 100, 0)) / 100;
}

/** The live check of the weight sum: green only at exactly 100 (and with rows). */
export function isWeightSumValid(rows: readonly Pick<IndicatorRow, 'weight'>[]): boolean {
  return rows.length > 0 && weightSum(rows) === WEIGHT_TOTAL;
}

/** Points still to distribute (negative when over 100). */
export function weightRemaining(rows: readonly Pick<IndicatorRow, 'weight'>[]): number {
  return Math.round((WEIGHT_TOTAL - weightSum(rows)) * 100) / 100;
}

export type IndicatorProblem = 'empty' | 'tooMany' | 'name' | 'nameTooLong' | 'duplicate' | 'weight' | 'sum';

const length = (s: string) => [...s].length;

/** The first problem of the rows (as the server would see them), or null. */
export function indicatorProblem(rows: readonly IndicatorRow[]): IndicatorProblem | null {
  if (rows.length === 0) return 'empty';
  if (rows.length > MAX_INDICATORS) return 'tooMany';
  const names = rows.map((r) => r.name.trim());
  if (names.some((n) => n === '')) return 'name';
  if (names.some((n) => length(n) > MAX_INDICATOR_NAME)) return 'nameTooLong';
  if (new Set(names).size !== names.length) return 'duplicate';
  if (rows.some((r) => weightOf(r.weight) <= 0 || weightOf(r.weight) > WEIGHT_TOTAL)) return 'weight';
  if (weightSum(rows) !== WEIGHT_TOTAL) return 'sum';
  return null;
}

/** Indices of rows whose name appears more than once (to mark them red). */
export function duplicateNameRows(rows: readonly IndicatorRow[]): Set<number> {
  const seen = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const n = r.name.trim();
    if (!n) return;
    seen.set(n, [...(seen.get(n) ?? []), i]);
  });
  return new Set([...seen.values()].filter((ix) => ix.length > 1).flat());
}

/** The body's indicators (names trimmed). Call after indicatorProblem() is null. */
export function toIndicators(rows: readonly IndicatorRow[]): Indicator[] {
  return rows.map((r) => ({ kind: r.kind, name: r.name.trim(), weight: weightOf(r.weight) }));
}

/**
 * The name after the kind of a row changed: a name left empty or still the old
 * kind's default follows the new kind's default; a name the user typed stays.
 */
export function nameAfterKindChange(
  name: string,
  oldKind: IndicatorKind,
  newKind: IndicatorKind,
  defaultName: (kind: IndicatorKind) => string,
): string {
  const n = name.trim();
  return n === '' || n === defaultName(oldKind) ? defaultName(newKind) : name;
}

type RowField = 'kind' | 'name' | 'weight';

/** A 422 of POST /performance/templates, sorted to where each message belongs. */
export interface TemplateFieldErrors {
  name?: string;
  cycle?: string;
  population?: string;
  /** About the indicators as a whole (e.g. the weights do not add up to 100). */
  indicators?: string;
  rows: Record<number, Partial<Record<RowField, string>>>;
  /** Anything else, as "field: message". */
  other: string[];
}

const ROW_FIELD = /^indicators\[(\d+)\]\.(kind|name|weight)$/;
const ROW_ITSELF = /^indicators\[(\d+)\]$/;

export function templateFieldErrors(details: readonly ErrorDetail[]): TemplateFieldErrors {
  const out: TemplateFieldErrors = { rows: {}, other: [] };
  const join = (a: string | undefined, b: string) => (a ? `${a}; ${b}` : b);
  for (const d of details) {
    const field = d.field ?? '';
    const m = ROW_FIELD.exec(field);
    const whole = ROW_ITSELF.exec(field);
    if (m) {
      const i = Number(m[1]);
      const f = m[2] as RowField;
      const row = (out.rows[i] ??= {});
      row[f] = join(row[f], d.message);
    } else if (whole) {
      const row = (out.rows[Number(whole[1])] ??= {});
      row.name = join(row.name, d.message);
    } else if (field === 'name') out.name = join(out.name, d.message);
    else if (field === 'cycle_id') out.cycle = join(out.cycle, d.message);
    else if (field === 'population' || field.startsWith('population.')) out.population = join(out.population, d.message);
    else if (field === 'indicators') out.indicators = join(out.indicators, d.message);
    else out.other.push(field ? `${field}: ${d.message}` : d.message);
  }
  return out;
}

export function hasFieldErrors(e: TemplateFieldErrors): boolean {
  return Boolean(e.name || e.cycle || e.population || e.indicators || e.other.length || Object.keys(e.rows).length);
}
