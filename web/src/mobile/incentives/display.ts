// Pure display rules of the incentive pages (绩效, 积分, 商城, 排行榜, 审批, 心得墙).
// No Vue, no i18n instance: easy to pin with unit tests (display.test.ts).
import type { TagType } from 'vant';
import type {
  LikeResult,
  NotificationItem,
  PeerReflection,
  PerformanceWarning,
  PointsLeaderboard,
  PointsLeaderboardEntry,
  RedemptionStatus,
  Reward,
} from '@shared/api/incentives';
import type { Role } from '@shared/api/types';

/** A score or points number with at most `digits` decimals, trailing zeros dropped: 64 → "64", 66.667 → "66.67". */
export function formatScore(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const factor = 10 ** digits;
  const rounded = Math.round(value * factor) / factor;
  // -0 reads badly.
  const fixed = (Object.is(rounded, -0) ? 0 : rounded).toFixed(digits);
  return digits > 0 ? fixed.replace(/\.?0+$/, '') : fixed;
}

/** "+10", "-50", "0": the sign always shown for ledger amounts and impacts. */
export function formatSigned(value: number, digits = 2): string {
  const text = formatScore(value, digits);
  return value > 0 && text !== '0' ? `+${text}` : text;
}

/** 0.956 → "95.6%", 1 → "100%" (rates are 0..1). */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '–';
  return `${formatScore(rate * 100, 1)}%`;
}

/** Grouping for big point numbers: 12345 → "12,345". */
export function formatPoints(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export type ScoreLevel = 'excellent' | 'good' | 'pass' | 'low';

/** Colour band of a 0..100 total. */
export function scoreLevel(total: number): ScoreLevel {
  if (total >= 90) return 'excellent';
  if (total >= 75) return 'good';
  if (total >= 60) return 'pass';
  return 'low';
}

/** The warning in the UI language (the server sends both). */
export function warningText(w: PerformanceWarning, locale: string): string {
  return locale.startsWith('en') && w.message_en ? w.message_en : w.message;
}

// ---- rewards and redemptions ----

export function redemptionStatusTag(status: RedemptionStatus): TagType {
  switch (status) {
    case 'approved':
      return 'success';
    case 'requested':
      return 'warning';
    case 'rejected':
      return 'danger';
    default:
      return 'default';
  }
}

/** Redemption failures with their own message (incentives.errors.<code>). */
export const REDEEM_ERROR_CODES = [
  'insufficient_points',
  'out_of_stock',
  'limit_reached',
  'not_eligible',
  'already_decided',
  'cannot_like_own',
] as const;
export type IncentiveErrorCode = (typeof REDEEM_ERROR_CODES)[number];

export function isIncentiveErrorCode(code: string): code is IncentiveErrorCode {
  return (REDEEM_ERROR_CODES as readonly string[]).includes(code);
}

export type RedeemBlock = { kind: 'out_of_stock' } | { kind: 'insufficient'; missing: number } | null;

/** Why the 兑换 button is disabled before asking the server (the server still decides). */
export function redeemBlock(reward: Pick<Reward, 'cost' | 'stock'>, available: number | null): RedeemBlock {
  if (reward.stock !== null && reward.stock <= 0) return { kind: 'out_of_stock' };
  if (available !== null && available < reward.cost) return { kind: 'insufficient', missing: reward.cost - available };
  return null;
}

/** The 审批 entry: for managers and HR always, for anyone with something waiting. */
export function showApprovalsEntry(roles: readonly Role[], pendingCount: number): boolean {
  return pendingCount > 0 || roles.some((r) => r === 'manager' || r === 'hr_admin');
}

// ---- leaderboards ----

export type Medal = 'gold' | 'silver' | 'bronze';

/** The podium's medal; none for a zero score (a shared rank among people with nothing earns nothing). */
export function medalOf(rank: number, value?: number): Medal | null {
  if (value !== undefined && !(value > 0)) return null;
  if (rank === 1) return 'gold';
  if (rank === 2) return 'silver';
  if (rank === 3) return 'bronze';
  return null;
}

/** CSS classes of a leaderboard row: my own row highlighted, the podium marked. */
export function rankRowClass(entry: Pick<PointsLeaderboardEntry, 'rank' | 'is_me'>, value?: number): string[] {
  const classes = ['rank-row'];
  if (entry.is_me) classes.push('is-me');
  const medal = medalOf(entry.rank, value);
  if (medal) classes.push(`medal-${medal}`);
  return classes;
}

/** My rank when my row is not among the shown items (so it is pinned below the list), else null. */
export function pinnedMe(board: Pick<PointsLeaderboard, 'items' | 'me'>): { rank: number; points: number } | null {
  if (!board.me) return null;
  return board.items.some((i) => i.is_me) ? null : board.me;
}

/** Rows of a top_n_neighbours board are not contiguous: true where a gap (…) goes before row i. */
export function gapBefore(items: readonly Pick<PointsLeaderboardEntry, 'rank'>[], i: number): boolean {
  if (i === 0) return false;
  const prev = items[i - 1];
  const cur = items[i];
  if (!prev || !cur) return false;
  // Shared ranks skip numbers (1, 2, 2, 4): a row follows on when its rank is the
  // previous rank plus the size of the previous tie group.
  return cur.rank > prev.rank + countTies(items, i - 1);
}

function countTies(items: readonly Pick<PointsLeaderboardEntry, 'rank'>[], last: number): number {
  const rank = items[last]?.rank;
  let n = 0;
  for (let j = last; j >= 0 && items[j]?.rank === rank; j--) n++;
  return n;
}

// ---- likes ----

/** The optimistic state of a like toggle, before the server answers. */
export function optimisticLike(item: Pick<PeerReflection, 'likes' | 'liked_by_me'>): LikeResult {
  return item.liked_by_me
    ? { liked: false, likes: Math.max(0, item.likes - 1) }
    : { liked: true, likes: item.likes + 1 };
}

/** Whether the viewer may like a reflection (not their own). */
export function canLike(item: Pick<PeerReflection, 'employee_id' | 'mine'>, myEmployeeId: number | null | undefined): boolean {
  if (item.mine) return false;
  return myEmployeeId == null || item.employee_id !== myEmployeeId;
}

// ---- notifications ----

/** A notification's link as a path of the mobile router ('/m/store' → '/store'), or null when
 *  it is not a page of this app (console links, external URLs, empty). */
export function mobileRouteOf(link: string | null | undefined): string | null {
  if (!link) return null;
  if (/^[a-z]+:/i.test(link) || link.startsWith('//')) return null;
  if (link === '/m' || link === '/m/') return '/';
  if (link.startsWith('/m/')) return link.slice(2);
  return null;
}

/** Where tapping a notification goes: its link when it is a mobile page, else by kind. */
export function notificationRoute(n: Pick<NotificationItem, 'kind' | 'link'>): string | null {
  const own = mobileRouteOf(n.link);
  // A decided redemption is about 我的兑换, not the catalogue.
  if (own === '/store' && n.kind === 'redemption_decided') return '/store?tab=mine';
  if (own) return own;
  switch (n.kind) {
    case 'points_awarded':
      return '/points';
    case 'badge_awarded':
      return '/me';
    case 'redemption_pending':
      return '/approvals';
    case 'redemption_decided':
      return '/store?tab=mine';
    default:
      return null;
  }
}

/** Count for a Vant badge: hidden at 0, capped at 99+. */
export function badgeCount(n: number): string | undefined {
  if (!n || n < 0) return undefined;
  return n > 99 ? '99+' : String(n);
}

/** YYYY-MM-DD of a timestamp or date in the given locale style ("2025-11-27"). */
export function dateOnly(value: string | null | undefined): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  // Local calendar date of the phone.
  const pad = (x: number) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
