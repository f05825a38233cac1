// The CSV of manual KPI values (工号,指标,数值) that HR fills in and imports:
// one line per employee and manual indicator of their template, prefilled with
// the value already entered. UTF-8 with a BOM so Excel opens it in Chinese.
export const MANUAL_CSV_HEADER = ['工号', '指标', '数值'] as const;
export const MANUAL_CSV_FILE_NAME = '手工指标导入模板.csv';

/** A CSV cell, quoted when it holds a comma, quote, line break or edge spaces. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return cells.map(csvCell).join(',');
}

export interface ManualCsvEmployee {
  employee_id: number;
  employee_no: string;
  /** Manual indicators of the employee's template. */
  indicators: readonly string[];
}

/** Key of a manual value in the lookup below. */
export const manualKey = (employeeId: number, indicator: string) => `${employeeId}\u0000${indicator}`;

/**
 * The template text: header, then a line per employee × indicator (sorted by
 * 工号, indicators in template order), with the current value when known.
 */
export function manualCsvTemplate(
  employees: readonly ManualCsvEmployee[],
  values: ReadonlyMap<string, number> = new Map(),
): string {
  const lines = [csvLine(MANUAL_CSV_HEADER)];
  const sorted = [...employees].sort((a, b) => a.employee_no.localeCompare(b.employee_no));
  for (const e of sorted) {
    for (const indicator of e.indicators) lines.push(csvLine([e.employee_no, indicator, values.get(manualKey(e.employee_id, indicator))]));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** A manual value as typed: a number from 0 to 100 (at most two decimals), else null. */
export function parseManualValue(text: string): number | null {
  const s = text.trim();
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  const v = Number(s);
  return v >= 0 && v <= 100 ? v : null;
}
