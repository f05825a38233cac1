// The employee-facing side of the incentive engine (docs/api-incentives.md):
// 我的绩效, 积分, 积分商城 and 兑换, 审批, 徽章, 通知, 排行榜, 心得墙 and 点赞.
// Types are exported by name for the console (incentivesAdmin.ts); keep them stable.
import type { ApiClient } from './client';
import type { Id, PageParams, Role } from './types';

// ---- performance ----
export type CyclePeriod = 'month' | 'quarter' | 'year';
export type CycleStatus = 'open' | 'closed';

export interface PerformanceCycle {
  id: Id;
  branch_id: Id;
  name: string;
  period: CyclePeriod;
  /** YYYY-MM-DD, inclusive. */
  start_date: string;
  end_date: string;
  /** Second slice; absent on servers of the first slice (then open). */
  status?: CycleStatus;
  closed_at?: string | null;
  reopen_reason?: string | null;
}

export type IndicatorKind =
  | 'training_participation'
  | 'assignment_submission'
  | 'assignment_quality'
  | 'exam_score'
  | 'manual';

/** One indicator of a score: `contribution = raw × weight / 100`. */
export interface IndicatorScore {
  kind: IndicatorKind;
  name: string;
  /** Percent, the template's weights add up to 100. */
  weight: number;
  /** 0..100. */
  raw: number;
  contribution: number;
}

export type PendingKind = 'assignment' | 'exam';

export interface PerformancePending {
  training_id: Id;
  title: string;
  kind: PendingKind;
  /** The total once this item is done (others unchanged). */
  score_if_done: number;
  /** score_if_done − total. */
  impact: number;
}

export interface PerformanceWarning {
  training_id: Id;
  kind: PendingKind;
  impact: number;
  /** 「《…》心得未提交将影响绩效 -5 分」 */
  message: string;
  message_en?: string;
}

export interface PerformanceTemplateRef {
  id: Id;
  name: string;
}

/** GET /me/performance and GET /employees/{id}/performance; cycle null = no cycle covers the employee. */
export interface PerformanceView {
  cycle: PerformanceCycle | null;
  template: PerformanceTemplateRef | null;
  total: number;
  indicators: IndicatorScore[];
  pending: PerformancePending[];
  warnings: PerformanceWarning[];
}

// ---- points ----
/** Ledger rules; unknown future rules still arrive as strings. */
export type PointsRuleCode =
  | 'checkin'
  | 'on_time_submission'
  | 'excellent'
  | 'exam_passed'
  | 'like_received'
  | 'adjustment'
  | 'redemption'
  | 'expiry';

export interface PointsEntry {
  id: Id;
  /** Positive = earned, negative = spent/deducted/expired. */
  amount: number;
  rule: PointsRuleCode | (string & {});
  source: string;
  reason: string;
  created_at: string;
  expires_at: string | null;
}

/** GET /me/points: balance = Σ entries; available = balance − held (held by requested redemptions). */
export interface PointsAccount {
  balance: number;
  held: number;
  available: number;
  entries: PointsEntry[];
  next_cursor: string | null;
}

/** GET /points/rules (points per event; like_daily_cap; expiry_days 0 = never). */
export interface PointsRules {
  on_time_submission: number;
  excellent: number;
  checkin: number;
  exam_passed: number;
  like_received?: number;
  like_daily_cap?: number;
  expiry_days?: number;
}

// ---- rewards store ----
export type LimitPeriod = 'none' | 'month' | 'quarter' | 'year';
export type RewardApprover = 'direct_manager' | 'hr';

export interface RewardEligibility {
  roles?: Role[];
  job_levels?: string[];
}

export interface Reward {
  id: Id;
  name: string;
  description: string;
  cost: number;
  /** null = unlimited. */
  stock: number | null;
  per_person_limit: number | null;
  limit_period: LimitPeriod;
  eligibility: RewardEligibility;
  requires_approval: boolean;
  approver: RewardApprover;
  validity_days: number;
  active: boolean;
}

export type RedemptionStatus = 'requested' | 'approved' | 'rejected' | 'cancelled';
export type RedemptionAction = 'approve' | 'reject' | 'cancel';

export interface Redemption {
  id: Id;
  reward_id: Id;
  reward_name: string;
  employee_id: Id;
  employee_name: string;
  cost: number;
  status: RedemptionStatus;
  /** The direct manager; null = HR approves (or no approval needed). */
  approver_employee_id: Id | null;
  created_at: string;
  decided_at: string | null;
  note: string;
  /** Entitlement end, once approved. */
  valid_until: string | null;
}

// ---- entitlements ----
/** A benefit granted by an approved redemption (GET /me/entitlements, GET /entitlements). */
export interface Entitlement {
  id: Id;
  employee_id: Id;
  employee_no: string;
  name: string;
  department_id: Id | null;
  department_name: string;
  redemption_id: Id;
  /** What was granted (the reward's name). */
  benefit: string;
  /** RFC 3339. */
  valid_from: string;
  valid_until: string;
  /** Valid now. */
  active: boolean;
}

export interface EntitlementPage {
  /** Newest first. */
  items: Entitlement[];
  next_cursor: string | null;
}

export interface MyEntitlementsQuery extends PageParams {
  /** true = valid now, false = expired; absent = all. */
  active?: boolean;
}

export interface EntitlementsQuery extends MyEntitlementsQuery {
  employee_id?: Id;
}

// ---- badges ----
export type BadgeCode = 'first_checkin' | 'first_reflection' | 'excellent_5' | 'likes_10' | 'points_1000' | 'quarter_on_time';

export interface Badge {
  code: BadgeCode | (string & {});
  name: string;
  name_en: string;
  description: string;
  description_en: string;
  earned: boolean;
  awarded_at: string | null;
}

// ---- notifications ----
export type NotificationKind =
  | 'points_awarded'
  | 'badge_awarded'
  | 'redemption_pending'
  | 'redemption_decided'
  | 'reflection_reviewed'
  | 'reflection_returned';

/** (Not named Notification: that is the DOM's.) */
export interface NotificationItem {
  id: Id;
  kind: NotificationKind | (string & {});
  title: string;
  title_en: string;
  body: string;
  /** An app path to open (e.g. /m/store), or ''. */
  link: string | null;
  created_at: string;
  read: boolean;
}

export interface NotificationPage {
  unread: number;
  items: NotificationItem[];
  next_cursor: string | null;
}

// ---- leaderboards ----
export type LeaderboardScope = 'company' | 'department';
export type LeaderboardPeriod = 'month' | 'quarter' | 'year' | 'all';
export type LeaderboardMode = 'full' | 'top_n_neighbours';

export interface LeaderboardPrivacy {
  mode: LeaderboardMode;
  top_n: number;
  neighbours: number;
}

export interface PointsLeaderboardEntry {
  /** Equal points share a rank. */
  rank: number;
  employee_id: Id;
  name: string;
  department_name: string;
  points: number;
  is_me: boolean;
}

export interface PointsLeaderboard {
  scope: LeaderboardScope;
  department_id: Id | null;
  period: LeaderboardPeriod;
  from: string | null;
  to: string | null;
  privacy: LeaderboardPrivacy;
  /** People ranked (the items may be fewer under top_n_neighbours). */
  total: number;
  items: PointsLeaderboardEntry[];
  me: { rank: number; points: number } | null;
}

export interface PointsLeaderboardQuery {
  scope?: LeaderboardScope;
  department_id?: Id;
  period?: LeaderboardPeriod;
}

export interface DepartmentLeaderboardEntry {
  rank: number;
  department_id: Id;
  name: string;
  required: number;
  on_time: number;
  /** 0..1 */
  rate: number;
}

export interface DepartmentLeaderboard {
  cycle: PerformanceCycle | null;
  items: DepartmentLeaderboardEntry[];
}

export type LeaderboardSettings = LeaderboardPrivacy;

// ---- reflections wall and likes ----
export interface PeerReflection {
  submission_id: Id;
  employee_id: Id;
  name: string;
  department_name: string;
  text: string;
  excellent: boolean;
  submitted_at: string | null;
  likes: number;
  liked_by_me: boolean;
  /** The viewer's own reflection (servers that send it; else compare employee_id). */
  mine?: boolean;
}

export interface ReflectionPage {
  items: PeerReflection[];
  next_cursor: string | null;
}

export interface LikeResult {
  likes: number;
  liked: boolean;
}

// ---- the API ----
/** Per-call options of the reads: `showError: false` for background loads
 *  (badge counts on the home page) whose failure must not toast. */
export interface CallOptions {
  showError?: boolean;
  signal?: AbortSignal;
}

export interface IncentivesApi {
  /** The live score of the current cycle (cycle null when none covers the caller). */
  performance(options?: CallOptions): Promise<PerformanceView>;
  /** Balance, held, available and one page of the ledger (newest first). */
  points(page?: PageParams, options?: CallOptions): Promise<PointsAccount>;
  pointsRules(options?: CallOptions): Promise<PointsRules>;
  /** The catalogue the caller may redeem from. */
  rewards(options?: CallOptions): Promise<Reward[]>;
  /** 201 requested or approved. Errors are left to the caller (insufficient_points,
   *  out_of_stock, limit_reached, not_eligible). */
  redeem(rewardId: Id): Promise<Redemption>;
  /** The caller's own redemptions, newest first. */
  myRedemptions(options?: CallOptions): Promise<Redemption[]>;
  /** Waiting for the caller's approval (HR also sees the HR-approved ones). */
  pendingRedemptions(options?: CallOptions): Promise<Redemption[]>;
  /** approve | reject | cancel; 409 already_decided. Errors are left to the caller. */
  decide(id: Id, action: RedemptionAction, note?: string): Promise<Redemption>;
  approve(id: Id, note?: string): Promise<Redemption>;
  reject(id: Id, note: string): Promise<Redemption>;
  cancel(id: Id, note?: string): Promise<Redemption>;
  /** The caller's own entitlements, newest first. */
  myEntitlements(query?: MyEntitlementsQuery, options?: CallOptions): Promise<EntitlementPage>;
  /** Entitlements the caller may see (HR: tenant or branch; managers: the departments they head);
   *  others get 403 forbidden. */
  entitlements(query?: EntitlementsQuery, options?: CallOptions): Promise<EntitlementPage>;
  /** Every badge, earned ones first. */
  badges(options?: CallOptions): Promise<Badge[]>;
  notifications(page?: PageParams, options?: CallOptions): Promise<NotificationPage>;
  /** Marks the given notifications read, or all of them with 'all'. */
  markNotificationsRead(ids: Id[] | 'all'): Promise<void>;
  pointsLeaderboard(query?: PointsLeaderboardQuery, options?: CallOptions): Promise<PointsLeaderboard>;
  /** Departments of the caller's branch by on-time reflection rate in a cycle. */
  departmentLeaderboard(cycleId?: Id, options?: CallOptions): Promise<DepartmentLeaderboard>;
  /** Peers' submitted reflections of a training (excellent first, then newest). */
  reflections(trainingId: Id, page?: PageParams, options?: CallOptions): Promise<ReflectionPage>;
  /** Idempotent; 422 cannot_like_own is left to the caller. */
  like(submissionId: Id): Promise<LikeResult>;
  unlike(submissionId: Id): Promise<LikeResult>;
}

export function createIncentivesApi(client: ApiClient): IncentivesApi {
  const decide = (id: Id, action: RedemptionAction, note = '') =>
    client.json<Redemption>(`/redemptions/${id}/${action}`, { method: 'POST', json: { note }, showError: false });
  const page = (p: PageParams = {}) => ({ limit: p.limit, cursor: p.cursor });
  return {
    performance: (o = {}) => client.json<PerformanceView>('/me/performance', { ...o }),
    points: (p, o = {}) => client.json<PointsAccount>('/me/points', { query: page(p), ...o }),
    pointsRules: (o = {}) => client.json<PointsRules>('/points/rules', { ...o }),
    rewards: async (o = {}) => (await client.json<{ items: Reward[] }>('/rewards', { ...o })).items,
    redeem: (rewardId) =>
      client.json<Redemption>('/redemptions', { method: 'POST', json: { reward_id: rewardId }, showError: false }),
    myRedemptions: async (o = {}) => (await client.json<{ items: Redemption[] }>('/redemptions', { ...o })).items,
    pendingRedemptions: async (o = {}) =>
      (await client.json<{ items: Redemption[] }>('/redemptions', { query: { pending_for: 'me' }, ...o })).items,
    decide,
    approve: (id, note) => decide(id, 'approve', note),
    reject: (id, note) => decide(id, 'reject', note),
    cancel: (id, note) => decide(id, 'cancel', note),
    myEntitlements: (q = {}, o = {}) =>
      client.json<EntitlementPage>('/me/entitlements', { query: { active: q.active, ...page(q) }, ...o }),
    entitlements: (q = {}, o = {}) =>
      client.json<EntitlementPage>('/entitlements', {
        query: { active: q.active, employee_id: q.employee_id, ...page(q) },
        ...o,
      }),
    badges: async (o = {}) => (await client.json<{ items: Badge[] }>('/me/badges', { ...o })).items,
    notifications: (p, o = {}) => client.json<NotificationPage>('/me/notifications', { query: page(p), ...o }),
    markNotificationsRead: (ids) =>
      client.empty('/me/notifications/read', { method: 'POST', json: ids === 'all' ? { all: true } : { ids } }),
    pointsLeaderboard: (q = {}, o = {}) =>
      client.json<PointsLeaderboard>('/leaderboards/points', {
        query: { scope: q.scope, department_id: q.department_id, period: q.period },
        ...o,
      }),
    departmentLeaderboard: (cycleId, o = {}) =>
      client.json<DepartmentLeaderboard>('/leaderboards/departments', { query: { cycle: cycleId }, ...o }),
    reflections: (trainingId, p, o = {}) =>
      client.json<ReflectionPage>(`/trainings/${trainingId}/reflections`, { query: page(p), ...o }),
    like: (submissionId) => client.json<LikeResult>(`/submissions/${submissionId}/like`, { method: 'POST', showError: false }),
    unlike: (submissionId) =>
      client.json<LikeResult>(`/submissions/${submissionId}/like`, { method: 'DELETE', showError: false }),
  };
}
