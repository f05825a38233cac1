import { describe, expect, it } from 'vitest';
import type { IndicatorKind } from '@shared/api/incentivesAdmin';
import {
  duplicateNameRows, hasFieldErrors, indicatorProblem, isWeightSumValid, nameAfterKindChange, templateFieldErrors, toIndicators,
  weightRemaining, weightSum, type IndicatorRow,
} from './indicators';

const row = (name: string, weight: number | null, kind: IndicatorKind = 'manual'): IndicatorRow => ({ kind, name, weight });
const kpi = [row('KPI', 85), row('参训率', 10, 'training_participation'), row('作业质量', 5, 'assignment_quality')];

describe('weight sum', () => {
  it('is valid only at exactly 100', () => {
    expect(weightSum(kpi)).toBe(100);
    expect(isWeightSumValid(kpi)).toBe(true);
    expect(isWeightSumValid([row('KPI', 85), row('参训率', 10)])).toBe(false);
    expect(isWeightSumValid([row('KPI', 85), row('参训率', 20)])).toBe(false);
    expect(isWeightSumValid([])).toBe(false);
  });

  it('adds decimals exactly and treats empty inputs as 0', () => {
    expect(weightSum([row('a', 33.33), row('b', 33.33), row('c', 33.34)])).toBe(100);
    expect(weightSum([row('a', 0.1), row('b', 0.2)])).toBe(0.3);
    expect(weightSum([row('a', null), row('b', 40), { weight: undefined }])).toBe(40);
    expect(weightSum([row('a', Number.NaN), row('b', 60)])).toBe(60);
  });

  it('tells what is left to distribute', () => {
    expect(weightRemaining([row('a', 85)])).toBe(15);
    expect(weightRemaining([row('a', 85), row('b', 20)])).toBe(-5);
    expect(weightRemaining(kpi)).toBe(0);
  });
});

describe('indicator rows', () => {
  it('accepts the KPI 85 / 参训率 10 / 作业质量 5 template', () => {
    expect(indicatorProblem(kpi)).toBeNull();
    expect(toIndicators([row(' KPI ', 85), ...kpi.slice(1)])).toEqual([
      { kind: 'manual', name: 'KPI', weight: 85 },
      { kind: 'training_participation', name: '参训率', weight: 10 },
      { kind: 'assignment_quality', name: '作业质量', weight: 5 },
    ]);
  });

  it('names the first problem like the server would', () => {
    expect(indicatorProblem([])).toBe('empty');
    expect(indicatorProblem(Array.from({ length: 21 }, (_, i) => row(`k${i}`, 5)))).toBe('tooMany');
    expect(indicatorProblem([row(' ', 100)])).toBe('name');
    expect(indicatorProblem([row('长'.repeat(51), 100)])).toBe('nameTooLong');
    expect(indicatorProblem([row('长'.repeat(50), 100)])).toBeNull();
    expect(indicatorProblem([row('KPI', 50), row(' KPI', 50)])).toBe('duplicate');
    expect(indicatorProblem([row('a', 0), row('b', 100)])).toBe('weight');
    expect(indicatorProblem([row('a', null), row('b', 100)])).toBe('weight');
    expect(indicatorProblem([row('a', 101)])).toBe('weight');
    expect(indicatorProblem([row('a', 90)])).toBe('sum');
  });

  it('marks every row of a duplicated name', () => {
    expect([...duplicateNameRows([row('a', 1), row('b', 1), row('a ', 1), row('', 1), row('', 1)])]).toEqual([0, 2]);
  });

  it('follows the kind with the default name unless the user typed one', () => {
    const def = (k: IndicatorKind) => ({ manual: 'KPI', training_participation: '参训率' } as Record<string, string>)[k] ?? k;
    expect(nameAfterKindChange('', 'manual', 'training_participation', def)).toBe('参训率');
    expect(nameAfterKindChange('KPI', 'manual', 'training_participation', def)).toBe('参训率');
    expect(nameAfterKindChange('销售额', 'manual', 'training_participation', def)).toBe('销售额');
  });
});

describe('server field errors', () => {
  it('go to their row, the population, the sum or the rest', () => {
    const e = templateFieldErrors([
      { field: 'indicators[1].weight', message: '权重应在0到100之间' },
      { field: 'indicators[1].name', message: '指标名称重复' },
      { field: 'indicators[0].kind', message: '未知的指标类型' },
      { field: 'indicators', message: '各指标权重之和应为100%，当前为95%' },
      { field: 'population.min_tenure_years', message: '应为0到60之间的数' },
      { field: 'name', message: '请填写模板名称' },
      { field: 'something', message: 'x' },
      { message: 'y' },
    ]);
    expect(e.rows).toEqual({ 0: { kind: '未知的指标类型' }, 1: { weight: '权重应在0到100之间', name: '指标名称重复' } });
    expect(e.indicators).toBe('各指标权重之和应为100%，当前为95%');
    expect(e.population).toBe('应为0到60之间的数');
    expect(e.name).toBe('请填写模板名称');
    expect(e.other).toEqual(['something: x', 'y']);
    expect(hasFieldErrors(e)).toBe(true);
    expect(hasFieldErrors(templateFieldErrors([]))).toBe(false);
  });

  it('joins two messages for the same cell', () => {
    const e = templateFieldErrors([
      { field: 'indicators[2].name', message: 'a' },
      { field: 'indicators[2].name', message: 'b' },
      { field: 'indicators[3]', message: '应为对象' },
    ]);
    expect(e.rows[2]?.name).toBe('a; b');
    expect(e.rows[3]?.name).toBe('应为对象');
  });
});
