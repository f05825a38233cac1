import { describe, expect, it } from 'vitest';
import type { Reward } from '@shared/api/incentivesAdmin';
import { emptyRewardForm, rewardFormOf, rewardFormProblem, rewardInputOf } from './rewardForm';

const remote: Reward = {
  id: 1,
  name: '每周一天远程办公',
  description: '一个月内每周可选一天远程办公',
  cost: 300,
  stock: null,
  per_person_limit: 1,
  limit_period: 'month',
  eligibility: {},
  requires_approval: true,
  approver: 'direct_manager',
  validity_days: 30,
  active: true,
};

describe('reward form', () => {
  it('round-trips a reward; empty stock means unlimited', () => {
    const form = rewardFormOf(remote);
    expect(form.stock).toBeUndefined();
    expect(rewardInputOf(form)).toEqual({
      name: '每周一天远程办公',
      description: '一个月内每周可选一天远程办公',
      cost: 300,
      stock: null,
      per_person_limit: 1,
      limit_period: 'month',
      eligibility: { roles: [], job_levels: [] },
      requires_approval: true,
      approver: 'direct_manager',
      validity_days: 30,
      active: true,
    });
  });

  it('drops the limit period without a limit and cleans job levels', () => {
    const form = { ...emptyRewardForm(), name: ' 咖啡券 ', stock: 0, limit_period: 'month' as const, job_levels: [' P5 ', 'P5', ''] };
    const input = rewardInputOf(form);
    expect(input.name).toBe('咖啡券');
    expect(input.stock).toBe(0);
    expect(input.per_person_limit).toBeNull();
    expect(input.limit_period).toBe('none');
    expect(input.eligibility).toEqual({ roles: [], job_levels: ['P5'] });
  });

  it('checks the required fields', () => {
    expect(rewardFormProblem(emptyRewardForm())).toBe('name');
    expect(rewardFormProblem({ ...emptyRewardForm(), name: 'x', cost: 0 })).toBe('cost');
    expect(rewardFormProblem({ ...emptyRewardForm(), name: 'x', validity_days: undefined })).toBe('validity');
    expect(rewardFormProblem({ ...emptyRewardForm(), name: 'x' })).toBeNull();
  });
});
