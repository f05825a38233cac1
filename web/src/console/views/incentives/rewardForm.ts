// The create/edit form of a reward (积分商城) ↔ the API body.
import type { LimitPeriod, Reward, RewardApprover, RewardInput } from '@shared/api/incentivesAdmin';
import type { Role } from '@shared/api/types';

export interface RewardForm {
  name: string;
  description: string;
  cost: number | undefined;
  /** Empty (undefined/null) = unlimited stock. */
  stock: number | null | undefined;
  /** Empty = no per-person limit. */
  per_person_limit: number | null | undefined;
  limit_period: LimitPeriod;
  roles: Role[];
  job_levels: string[];
  requires_approval: boolean;
  approver: RewardApprover;
  validity_days: number | undefined;
  active: boolean;
}

export function emptyRewardForm(): RewardForm {
  return {
    name: '',
    description: '',
    cost: 100,
    stock: undefined,
    per_person_limit: undefined,
    limit_period: 'none',
    roles: [],
    job_levels: [],
    requires_approval: true,
    approver: 'direct_manager',
    validity_days: 30,
    active: true,
  };
}

export function rewardFormOf(r: Reward): RewardForm {
  return {
    name: r.name,
    description: r.description,
    cost: r.cost,
    stock: r.stock ?? undefined,
    per_person_limit: r.per_person_limit ?? undefined,
    limit_period: r.limit_period,
    roles: [...(r.eligibility?.roles ?? [])],
    job_levels: [...(r.eligibility?.job_levels ?? [])],
    requires_approval: r.requires_approval,
    approver: r.approver,
    validity_days: r.validity_days,
    active: r.active,
  };
}

const orNull = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The body of POST /rewards and PATCH /rewards/{id} (the whole form either way). */
export function rewardInputOf(f: RewardForm): Partial<RewardInput> {
  const limit = orNull(f.per_person_limit);
  return {
    name: f.name.trim(),
    description: f.description.trim(),
    ...(typeof f.cost === 'number' ? { cost: f.cost } : {}),
    stock: orNull(f.stock),
    per_person_limit: limit,
    // A period only means something with a limit.
    limit_period: limit === null ? 'none' : f.limit_period,
    eligibility: {
      roles: [...f.roles],
      job_levels: [...new Set(f.job_levels.map((l) => l.trim()).filter(Boolean))],
    },
    requires_approval: f.requires_approval,
    approver: f.approver,
    ...(typeof f.validity_days === 'number' ? { validity_days: f.validity_days } : {}),
    active: f.active,
  };
}

export type RewardFormProblem = 'name' | 'cost' | 'validity';

export function rewardFormProblem(f: RewardForm): RewardFormProblem | null {
  if (!f.name.trim()) return 'name';
  if (typeof f.cost !== 'number' || f.cost < 1) return 'cost';
  if (typeof f.validity_days !== 'number' || f.validity_days < 1) return 'validity';
  return null;
}
