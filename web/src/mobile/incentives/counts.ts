// The little numbers on the home page, the 我的 tab and the profile:
// unread notifications and redemptions waiting for my approval.
// Loaded quietly: a failure (or a server without these endpoints yet) leaves 0.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { useApi } from '@shared/app/context';
import { useSessionStore } from '@shared/session/store';
import { showApprovalsEntry } from './display';

export const useIncentiveCounts = defineStore('mobile-incentive-counts', () => {
  const api = useApi();
  const session = useSessionStore();
  const unread = ref(0);
  const pendingApprovals = ref(0);
  let inflight: Promise<void> | null = null;

  const approvalsVisible = computed(() => showApprovalsEntry(session.roles, pendingApprovals.value));

  async function load(): Promise<void> {
    const [n, p] = await Promise.allSettled([
      api.incentives.notifications({ limit: 1 }, { showError: false }),
      api.incentives.pendingRedemptions({ showError: false }),
    ]);
    if (n.status === 'fulfilled') unread.value = n.value.unread;
    if (p.status === 'fulfilled') pendingApprovals.value = p.value.length;
  }

  /** Refreshes both counts (concurrent callers share one round trip). */
  function refresh(): Promise<void> {
    if (!session.isLoggedIn) return Promise.resolve();
    inflight ??= load().finally(() => {
      inflight = null;
    });
    return inflight;
  }

  function setUnread(n: number) {
    unread.value = Math.max(0, n);
  }

  function setPendingApprovals(n: number) {
    pendingApprovals.value = Math.max(0, n);
  }

  return { unread, pendingApprovals, approvalsVisible, refresh, setUnread, setPendingApprovals };
});
