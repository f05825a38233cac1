// Rubric rows of an assignment: optional, but when present their max scores add up to 100.
import type { RubricItem } from '../api/types';

export const RUBRIC_TOTAL = 100;

export function rubricTotal(rows: readonly RubricItem[]): number {
  // Sum in hundredths so 33.33 + 33.33 + 33.34 is exactly 100.
  return Math.round(rows.reduce((sum, r) => sum + (Number.isFinite(r.max_score) ? r.max_score : 0) * 100, 0)) / 100;
}

export type RubricProblem = 'sum' | 'name' | 'duplicate' | 'score';

/** null when the rows are fine (none at all is fine). */
export function rubricProblem(rows: readonly RubricItem[]): RubricProblem | null {
  if (rows.length === 0) return null;
  const names = rows.map((r) => r.name.trim());
  if (names.some((n) => n === '')) return 'name';
  if (new Set(names).size !== names.length) return 'duplicate';
  if (rows.some((r) => !Number.isFinite(r.max_score) || r.max_score <= 0)) return 'score';
  if (rubricTotal(rows) !== RUBRIC_TOTAL) return 'sum';
  return null;
}

/** Total of per-rubric scores given by a reviewer (each clamped to its row's max). */
export function rubricScore(rows: readonly RubricItem[], scores: Readonly<Record<string, number | undefined>>): number {
  return rubricTotal(rows.map((r) => ({ name: r.name, max_score: Math.min(Math.max(scores[r.name] ?? 0, 0), r.max_score) })));
}
