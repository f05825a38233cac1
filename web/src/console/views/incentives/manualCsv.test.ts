import { describe, expect, it } from 'vitest';
import { csvCell, MANUAL_CSV_HEADER, manualCsvTemplate, manualKey, parseManualValue } from './manualCsv';

describe('manual KPI CSV template', () => {
  it('has the header the import expects, a BOM and CRLF lines', () => {
    const text = manualCsvTemplate([]);
    expect(text).toBe('\uFEFF工号,指标,数值\r\n');
    expect(MANUAL_CSV_HEADER.join(',')).toBe('工号,指标,数值');
  });

  it('lists each employee × manual indicator by 工号 with known values', () => {
    const values = new Map([[manualKey(7, 'KPI'), 85]]);
    const text = manualCsvTemplate(
      [
        { employee_id: 9, employee_no: 'E0009', indicators: ['KPI'] },
        { employee_id: 7, employee_no: 'E0005', indicators: ['KPI', '客户满意度'] },
      ],
      values,
    );
    expect(text.slice(1).split('\r\n')).toEqual(['工号,指标,数值', 'E0005,KPI,85', 'E0005,客户满意度,', 'E0009,KPI,', '']);
  });

  it('quotes cells that need it', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell(' pad')).toBe('" pad"');
    expect(csvCell('KPI')).toBe('KPI');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(null)).toBe('');
  });

  it('reads a typed value 0..100', () => {
    expect(parseManualValue('85')).toBe(85);
    expect(parseManualValue(' 99.5 ')).toBe(99.5);
    expect(parseManualValue('100')).toBe(100);
    expect(parseManualValue('0')).toBe(0);
    expect(parseManualValue('100.01')).toBeNull();
    expect(parseManualValue('-1')).toBeNull();
    expect(parseManualValue('1.234')).toBeNull();
    expect(parseManualValue('abc')).toBeNull();
    expect(parseManualValue('')).toBeNull();
  });
});
