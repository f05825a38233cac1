// The HR / manager side of the incentive engine (docs/api-incentives.md):
// performance cycles, templates, manual KPI values and their CSV import, the
// stored scores (the payroll API) and their workbook, bonus tiers and team
// bonus pools, points rules and adjustments, the rewards catalogue and the
// leaderboard privacy setting. Calls both sides make (GET /points/rules,
// GET /rewards, pending redemptions and their approve/reject, the leaderboards)
// and the shared wire types live in incentives.ts; this module adds the rest.
import { collectAll } from '../pagination/collectAll';
import { ApiError, type ApiClient } from './client';
import type {
  CyclePeriod, IndicatorKind, IndicatorScore, LeaderboardSettings, PerformanceCycle, PointsAccount, PointsEntry, Reward,
} from './incentives';
import type { Id, Page, PageParams } from './types';

export type {
  CyclePeriod, CycleStatus, DepartmentLeaderboard, DepartmentLeaderboardEntry, Entitlement, EntitlementPage,
  IndicatorKind, IndicatorScore, LeaderboardMode, LeaderboardPeriod, LeaderboardScope, LeaderboardSettings,
  LimitPeriod, PerformanceCycle, PointsAccount, PointsEntry, PointsLeaderboard, PointsLeaderboardEntry, Redemption,
  RedemptionStatus, Reward, RewardApprover, RewardEligibility,
} from './incentives';

// ---- performance cycles ----
export interface CycleInput {
  branch_id: Id;
  name: string;
  period: CyclePeriod;
  start_date: string;
  end_date: string;
}

export interface RecomputeResult {
  employees: number;
  millis: number;
}

// ---- templates ----
export const INDICATOR_KINDS: readonly IndicatorKind[] = [
  'manual',
  'training_participation',
  'assignment_submission',
  'assignment_quality',
  'exam_score',
];

export interface Indicator {
  kind: IndicatorKind;
  name: string;
  weight: number;
}

export interface Population {
  /** Department ids; each includes its sub-departments. Empty = the whole branch. */
  departments: Id[];
  job_levels: string[];
  min_tenure_years: number;
}

export interface PerformanceTemplate {
  id: Id;
  cycle_id: Id;
  name: string;
  population: Population;
  indicators: Indicator[];
}

export interface TemplateInput {
  cycle_id: Id;
  name: string;
  population: Population;
  indicators: Indicator[];
}

// ---- manual KPI ----
export interface ManualValue {
  employee_id: Id;
  employee_no: string;
  name: string;
  indicator: string;
  value: number;
  updated_at: string;
}

export interface ManualInput {
  employee_id: Id;
  indicator: string;
  value: number;
}

export interface ManualImportError {
  line: number;
  field?: string;
  message: string;
  message_en?: string;
}

export interface ManualImportResult {
  dry_run: boolean;
  imported: number;
  errors: ManualImportError[];
}

// ---- stored scores ----
export interface ScoreRow {
  employee_id: Id;
  employee_no: string;
  name: string;
  department_id: Id;
  department_name: string;
  template_id: Id;
  template_name: string;
  total: number;
  indicators: IndicatorScore[];
  computed_at: string;
}

export interface ScoresPage extends Page<ScoreRow> {
  cycle: PerformanceCycle;
  frozen: boolean;
}

export interface ScoresFilter extends PageParams {
  department_id?: Id;
}

// ---- bonus ----
export interface BonusTier {
  /** 0..1 on-time submission rate from which the multiplier applies. */
  min_rate: number;
  multiplier: number;
}

export interface MissingReflection {
  employee_id: Id;
  employee_no: string;
  name: string;
  training_id: Id;
  title: string;
  status: 'missing' | 'late';
}

export interface BonusPool {
  department_id: Id;
  department_name: string;
  cycle_id: Id;
  base_amount: number;
  required: number;
  on_time: number;
  rate: number;
  tier: BonusTier;
  amount: number;
  /** True while the cycle is closed: the figures are the snapshot taken at close and no longer move. */
  frozen: boolean;
  /** When that snapshot was taken (the close); null for live figures. */
  frozen_at: string | null;
  /** Only on GET /departments/{id}/bonus-pool. */
  missing?: MissingReflection[];
}

// ---- points ----
/** GET/PUT /points/rules as HR edits them (every rule present). */
export interface PointsRulesAdmin {
  on_time_submission: number;
  excellent: number;
  checkin: number;
  exam_passed: number;
  like_received: number;
  like_daily_cap: number;
  /** 0 = points never expire. */
  expiry_days: number;
}

export const POINTS_RULE_KEYS: readonly (keyof PointsRulesAdmin)[] = [
  'on_time_submission',
  'excellent',
  'checkin',
  'exam_passed',
  'like_received',
  'like_daily_cap',
  'expiry_days',
];

export interface PointsAdjustmentInput {
  employee_id: Id;
  /** Positive awards, negative deducts (422 insufficient_points below zero). */
  amount: number;
  reason: string;
}

// ---- rewards store ----
export type RewardInput = Omit<Reward, 'id'>;

export interface IncentivesAdminApi {
  cycles: {
    list(branchId?: Id): Promise<PerformanceCycle[]>;
    get(id: Id): Promise<PerformanceCycle>;
    /** 422 validation_failed naming fields; the caller shows them. */
    create(input: CycleInput): Promise<PerformanceCycle>;
    /** 409 cycle_closed when already closed. */
    close(id: Id): Promise<PerformanceCycle>;
    /** 422 naming `reason` when empty; 409 cycle_open when open. */
    reopen(id: Id, reason: string): Promise<PerformanceCycle>;
    recompute(id: Id): Promise<RecomputeResult>;
  };
  templates: {
    list(cycleId: Id): Promise<PerformanceTemplate[]>;
    /** 422 naming `indicators` (weights not adding up to 100) or `indicators[i].field`; the caller shows them. */
    create(input: TemplateInput): Promise<PerformanceTemplate>;
    /** PUT with the same body as create (`cycle_id` is ignored); recomputes the cycle's scores.
     *  422 like create; 409 cycle_closed when the cycle is closed. Errors are left to the caller. */
    update(id: Id, input: TemplateInput): Promise<PerformanceTemplate>;
  };
  manual: {
    list(cycleId: Id, employeeId?: Id): Promise<ManualValue[]>;
    /** 409 cycle_closed; 422 for an unknown indicator or a value outside 0..100. Errors are left to the caller. */
    put(cycleId: Id, input: ManualInput): Promise<void>;
    /** CSV (UTF-8 or GBK) with header 工号,指标,数值. Row errors come back in `errors`
     *  (also when the server answers them as a 422); nothing is written when any row fails. */
    importCsv(cycleId: Id, file: Blob, dryRun: boolean): Promise<ManualImportResult>;
  };
  scores: {
    page(cycleId: Id, filter?: ScoresFilter): Promise<ScoresPage>;
    /** Every stored score of the cycle (following next_cursor). */
    all(cycleId: Id, filter?: Omit<ScoresFilter, 'limit' | 'cursor'>): Promise<ScoreRow[]>;
    xlsx(cycleId: Id): Promise<Blob>;
  };
  bonus: {
    tiers(): Promise<BonusTier[]>;
    putTiers(tiers: BonusTier[]): Promise<BonusTier[]>;
    pools(cycleId: Id): Promise<BonusPool[]>;
    pool(departmentId: Id, cycleId: Id): Promise<BonusPool>;
    putPool(departmentId: Id, cycleId: Id, baseAmount: number): Promise<BonusPool>;
    /** The pools as an Excel file (the snapshot while the cycle is closed). */
    xlsx(cycleId: Id): Promise<Blob>;
  };
  points: {
    putRules(rules: Partial<PointsRulesAdmin>): Promise<PointsRulesAdmin>;
    /** 422 insufficient_points for a deduction below zero; the caller shows it. */
    adjust(input: PointsAdjustmentInput): Promise<PointsEntry>;
    ofEmployee(employeeId: Id, page?: PageParams): Promise<PointsAccount>;
  };
  rewards: {
    /** 422 naming fields; the caller shows them. */
    create(input: Partial<RewardInput>): Promise<Reward>;
    update(id: Id, patch: Partial<RewardInput>): Promise<Reward>;
  };
  leaderboards: {
    settings(): Promise<LeaderboardSettings>;
    putSettings(settings: LeaderboardSettings): Promise<LeaderboardSettings>;
  };
}

/** Row errors of a manual import answered as an error envelope (422 with details). */
export function importErrorsOf(error: ApiError): ManualImportError[] {
  return error.details
    .filter((d) => typeof d.line === 'number')
    .map((d) => ({ line: d.line as number, field: d.field, message: d.message, message_en: (d as { message_en?: string }).message_en }));
}

export function createIncentivesAdminApi(client: ApiClient): IncentivesAdminApi {
  const P = '/performance';
  const scoresPage = (cycleId: Id, filter: ScoresFilter = {}) =>
    client.json<ScoresPage>(`${P}/cycles/${cycleId}/scores`, {
      query: { department_id: filter.department_id, limit: filter.limit, cursor: filter.cursor },
    });

  return {
    cycles: {
      list: async (branchId) =>
        collectAll((cursor) => client.json<Page<PerformanceCycle>>(`${P}/cycles`, { query: { branch_id: branchId, cursor } })),
      get: (id) => client.json<PerformanceCycle>(`${P}/cycles/${id}`),
      create: (input) => client.json<PerformanceCycle>(`${P}/cycles`, { method: 'POST', json: input, showError: false }),
      close: (id) => client.json<PerformanceCycle>(`${P}/cycles/${id}/close`, { method: 'POST' }),
      reopen: (id, reason) =>
        client.json<PerformanceCycle>(`${P}/cycles/${id}/reopen`, { method: 'POST', json: { reason }, showError: false }),
      recompute: (id) => client.json<RecomputeResult>(`${P}/cycles/${id}/recompute`, { method: 'POST' }),
    },
    templates: {
      list: async (cycleId) =>
        collectAll((cursor) => client.json<Page<PerformanceTemplate>>(`${P}/cycles/${cycleId}/templates`, { query: { cursor } })),
      create: (input) => client.json<PerformanceTemplate>(`${P}/templates`, { method: 'POST', json: input, showError: false }),
      update: (id, input) => client.json<PerformanceTemplate>(`${P}/templates/${id}`, { method: 'PUT', json: input, showError: false }),
    },
    manual: {
      list: async (cycleId, employeeId) =>
        (await client.json<{ items: ManualValue[] }>(`${P}/cycles/${cycleId}/manual`, { query: { employee_id: employeeId } })).items,
      put: (cycleId, input) => client.empty(`${P}/cycles/${cycleId}/manual`, { method: 'PUT', json: input, showError: false }),
      importCsv: async (cycleId, file, dryRun) => {
        try {
          const result = await client.json<ManualImportResult>(`${P}/cycles/${cycleId}/manual/import`, {
            method: 'POST',
            body: file,
            contentType: 'text/csv',
            query: { dry_run: dryRun },
            showError: false,
          });
          return { dry_run: result.dry_run ?? dryRun, imported: result.imported ?? 0, errors: result.errors ?? [] };
        } catch (e) {
          if (e instanceof ApiError && e.code === 'validation_failed') {
            const errors = importErrorsOf(e);
            if (errors.length > 0) return { dry_run: dryRun, imported: 0, errors };
          }
          throw e;
        }
      },
    },
    scores: {
      page: scoresPage,
      all: (cycleId, filter = {}) => collectAll((cursor) => scoresPage(cycleId, { ...filter, limit: 200, cursor })),
      xlsx: (cycleId) => client.blob(`${P}/cycles/${cycleId}/scores.xlsx`),
    },
    bonus: {
      tiers: async () => (await client.json<{ tiers: BonusTier[] }>(`${P}/bonus-tiers`)).tiers,
      putTiers: async (tiers) => {
        const saved = await client.json<{ tiers?: BonusTier[] } | null>(`${P}/bonus-tiers`, {
          method: 'PUT',
          json: { tiers },
          showError: false,
        });
        return saved?.tiers ?? tiers;
      },
      pools: async (cycleId) => (await client.json<{ items: BonusPool[] }>(`${P}/cycles/${cycleId}/bonus-pools`)).items,
      pool: (departmentId, cycleId) => client.json<BonusPool>(`/departments/${departmentId}/bonus-pool`, { query: { cycle: cycleId } }),
      putPool: (departmentId, cycleId, baseAmount) =>
        client.json<BonusPool>(`/departments/${departmentId}/bonus-pool`, {
          method: 'PUT',
          json: { cycle_id: cycleId, base_amount: baseAmount },
        }),
      xlsx: (cycleId) => client.blob(`${P}/cycles/${cycleId}/bonus-pools.xlsx`),
    },
    points: {
      putRules: (rules) => client.json<PointsRulesAdmin>('/points/rules', { method: 'PUT', json: rules, showError: false }),
      adjust: (input) => client.json<PointsEntry>('/points/adjustments', { method: 'POST', json: input, showError: false }),
      ofEmployee: (employeeId, page = {}) =>
        client.json<PointsAccount>(`/employees/${employeeId}/points`, { query: { limit: page.limit, cursor: page.cursor } }),
    },
    rewards: {
      create: (input) => client.json<Reward>('/rewards', { method: 'POST', json: input, showError: false }),
      update: (id, patch) => client.json<Reward>(`/rewards/${id}`, { method: 'PATCH', json: patch, showError: false }),
    },
    leaderboards: {
      settings: () => client.json<LeaderboardSettings>('/leaderboards/settings'),
      putSettings: (settings) =>
        client.json<LeaderboardSettings>('/leaderboards/settings', { method: 'PUT', json: settings, showError: false }),
    },
  };
}
