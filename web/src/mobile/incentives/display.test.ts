import { describe, expect, it } from 'vitest';
import {
  badgeCount,
  canLike,
  dateOnly,
  formatPoints,
  formatRate,
  formatScore,
  formatSigned,
  gapBefore,
  isIncentiveErrorCode,
  medalOf,
  mobileRouteOf,
  notificationRoute,
  optimisticLike,
  pinnedMe,
  rankRowClass,
  redeemBlock,
  redemptionStatusTag,
  scoreLevel,
  showApprovalsEntry,
  warningText,
} from './display';

describe('score formatting', () => {
  it('keeps at most two decimals and drops trailing zeros', () => {
    expect(formatScore(64)).toBe('64');
    expect(formatScore(69.5)).toBe('69.5');
    expect(formatScore(66.6666)).toBe('66.67');
    expect(formatScore(0.1 + 0.2)).toBe('0.3');
    expect(formatScore(100)).toBe('100');
    expect(formatScore(0)).toBe('0');
    expect(formatScore(-0.001)).toBe('0');
  });
  it('shows a dash for missing numbers', () => {
    expect(formatScore(null)).toBe('–');
    expect(formatScore(undefined)).toBe('–');
    expect(formatScore(Number.NaN)).toBe('–');
  });
  it('signs ledger amounts and impacts', () => {
    expect(formatSigned(10)).toBe('+10');
    expect(formatSigned(-50)).toBe('-50');
    expect(formatSigned(0)).toBe('0');
    expect(formatSigned(4.999)).toBe('+5');
    expect(formatSigned(0.001)).toBe('0');
  });
  it('writes rates as percent with one decimal', () => {
    expect(formatRate(1)).toBe('100%');
    expect(formatRate(0.956)).toBe('95.6%');
    expect(formatRate(2 / 3)).toBe('66.7%');
    expect(formatRate(0)).toBe('0%');
    expect(formatRate(null)).toBe('–');
  });
  it('groups thousands', () => {
    expect(formatPoints(12345)).toBe('12,345');
    expect(formatPoints(800)).toBe('800');
  });
  it('bands totals', () => {
    expect(scoreLevel(95)).toBe('excellent');
    expect(scoreLevel(90)).toBe('excellent');
    expect(scoreLevel(75)).toBe('good');
    expect(scoreLevel(60)).toBe('pass');
    expect(scoreLevel(59.99)).toBe('low');
  });
  it('picks the warning text of the UI language', () => {
    const w = { training_id: 1, kind: 'assignment' as const, impact: 5, message: '《安全》心得未提交将影响绩效 -5 分', message_en: 'Reflection missing' };
    expect(warningText(w, 'zh-CN')).toBe(w.message);
    expect(warningText(w, 'en')).toBe('Reflection missing');
    expect(warningText({ ...w, message_en: undefined }, 'en')).toBe(w.message);
  });
});

describe('redemptions', () => {
  it('colours statuses', () => {
    expect(redemptionStatusTag('approved')).toBe('success');
    expect(redemptionStatusTag('requested')).toBe('warning');
    expect(redemptionStatusTag('rejected')).toBe('danger');
    expect(redemptionStatusTag('cancelled')).toBe('default');
  });
  it('knows the codes with their own message', () => {
    for (const c of ['insufficient_points', 'out_of_stock', 'limit_reached', 'not_eligible', 'already_decided', 'cannot_like_own'])
      expect(isIncentiveErrorCode(c)).toBe(true);
    expect(isIncentiveErrorCode('forbidden')).toBe(false);
  });
  it('blocks redeeming when out of stock or short of points', () => {
    expect(redeemBlock({ cost: 300, stock: 0 }, 1000)).toEqual({ kind: 'out_of_stock' });
    expect(redeemBlock({ cost: 300, stock: null }, 120)).toEqual({ kind: 'insufficient', missing: 180 });
    expect(redeemBlock({ cost: 300, stock: 5 }, 300)).toBeNull();
    expect(redeemBlock({ cost: 300, stock: null }, null)).toBeNull();
  });
  it('shows 审批 to managers and HR, or to anyone with something pending', () => {
    expect(showApprovalsEntry(['employee'], 0)).toBe(false);
    expect(showApprovalsEntry(['employee'], 2)).toBe(true);
    expect(showApprovalsEntry(['employee', 'manager'], 0)).toBe(true);
    expect(showApprovalsEntry(['hr_admin'], 0)).toBe(true);
    expect(showApprovalsEntry(['instructor'], 0)).toBe(false);
  });
});

describe('leaderboards', () => {
  it('gives the podium medals', () => {
    expect([1, 2, 3, 4].map((r) => medalOf(r))).toEqual(['gold', 'silver', 'bronze', null]);
    expect(medalOf(1, 560)).toBe('gold');
    expect(medalOf(3, 0)).toBeNull(); // nobody gets bronze for nothing
    expect(medalOf(1, 0)).toBeNull();
  });
  it('highlights my row', () => {
    expect(rankRowClass({ rank: 7, is_me: true })).toEqual(['rank-row', 'is-me']);
    expect(rankRowClass({ rank: 1, is_me: false })).toEqual(['rank-row', 'medal-gold']);
    expect(rankRowClass({ rank: 2, is_me: true })).toEqual(['rank-row', 'is-me', 'medal-silver']);
    expect(rankRowClass({ rank: 3, is_me: true }, 0)).toEqual(['rank-row', 'is-me']);
  });
  it('pins my rank below the list only when my row is not shown', () => {
    const me = { rank: 40, points: 12 };
    expect(pinnedMe({ items: [{ rank: 1, employee_id: 1, name: 'a', department_name: 'd', points: 9, is_me: false }], me })).toEqual(me);
    expect(pinnedMe({ items: [{ rank: 40, employee_id: 2, name: 'b', department_name: 'd', points: 12, is_me: true }], me })).toBeNull();
    expect(pinnedMe({ items: [], me: null })).toBeNull();
  });
  it('marks gaps of a top-N-and-neighbours board, not shared ranks', () => {
    const ranks = (r: number[]) => r.map((rank) => ({ rank }));
    const full = ranks([1, 2, 2, 4, 5]);
    expect(full.map((_, i) => gapBefore(full, i))).toEqual([false, false, false, false, false]);
    const cut = ranks([1, 2, 3, 8, 9, 10]);
    expect(cut.map((_, i) => gapBefore(cut, i))).toEqual([false, false, false, true, false, false]);
    const tiedEnd = ranks([1, 2, 2, 2, 5]);
    expect(gapBefore(tiedEnd, 4)).toBe(false);
    expect(gapBefore(ranks([1, 2, 2, 6]), 3)).toBe(true);
  });
});

describe('likes', () => {
  it('toggles optimistically', () => {
    expect(optimisticLike({ likes: 3, liked_by_me: false })).toEqual({ liked: true, likes: 4 });
    expect(optimisticLike({ likes: 4, liked_by_me: true })).toEqual({ liked: false, likes: 3 });
    expect(optimisticLike({ likes: 0, liked_by_me: true })).toEqual({ liked: false, likes: 0 });
  });
  it('does not let me like my own reflection', () => {
    expect(canLike({ employee_id: 5 }, 5)).toBe(false);
    expect(canLike({ employee_id: 5 }, 6)).toBe(true);
    expect(canLike({ employee_id: 5 }, null)).toBe(true);
    expect(canLike({ employee_id: 5, mine: true }, null)).toBe(false);
    expect(canLike({ employee_id: 5, mine: false }, 6)).toBe(true);
  });
});

describe('notifications', () => {
  it('turns app links into mobile routes', () => {
    expect(mobileRouteOf('/m/store')).toBe('/store');
    expect(mobileRouteOf('/m/approvals?x=1')).toBe('/approvals?x=1');
    expect(mobileRouteOf('/m/')).toBe('/');
    expect(mobileRouteOf('/redemptions')).toBeNull();
    expect(mobileRouteOf('https://example.com/m/x')).toBeNull();
    expect(mobileRouteOf('//evil.example/m/x')).toBeNull();
    expect(mobileRouteOf('')).toBeNull();
    expect(mobileRouteOf(null)).toBeNull();
  });
  it('falls back to a page by kind', () => {
    expect(notificationRoute({ kind: 'redemption_pending', link: '/m/approvals' })).toBe('/approvals');
    expect(notificationRoute({ kind: 'redemption_pending', link: null })).toBe('/approvals');
    expect(notificationRoute({ kind: 'redemption_decided', link: '/redemptions/3' })).toBe('/store?tab=mine');
    expect(notificationRoute({ kind: 'redemption_decided', link: '/m/store' })).toBe('/store?tab=mine');
    expect(notificationRoute({ kind: 'points_awarded', link: '/m/points' })).toBe('/points');
    expect(notificationRoute({ kind: 'points_awarded', link: '' })).toBe('/points');
    expect(notificationRoute({ kind: 'badge_awarded', link: '' })).toBe('/me');
    expect(notificationRoute({ kind: 'something_new', link: '' })).toBeNull();
  });
  it('caps badge counts', () => {
    expect(badgeCount(0)).toBeUndefined();
    expect(badgeCount(5)).toBe('5');
    expect(badgeCount(120)).toBe('99+');
  });
  it('keeps dates and shortens timestamps', () => {
    expect(dateOnly('2025-12-31')).toBe('2025-12-31');
    expect(dateOnly('')).toBe('');
    expect(dateOnly(null)).toBe('');
    expect(dateOnly('2025-06-01T12:00:00Z')).toMatch(/^2025-06-0[12]$/);
  });
});
