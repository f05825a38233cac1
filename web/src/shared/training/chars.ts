// Counting reflection characters the way the server does: Unicode code points
// of the trimmed text (so 汉字 and emoji count one each, surrogate pairs too).

export function countChars(text: string): number {
  let n = 0;
  // for..of iterates code points, not UTF-16 units.
  for (const _ of text.trim()) n++;
  return n;
}

export interface LengthCheck {
  count: number;
  min: number;
  ok: boolean;
  /** How many are still missing (0 when ok). */
  missing: number;
}

export function checkLength(text: string, minChars: number): LengthCheck {
  const count = countChars(text);
  const min = Math.max(0, minChars);
  return { count, min, ok: count >= min, missing: Math.max(0, min - count) };
}
