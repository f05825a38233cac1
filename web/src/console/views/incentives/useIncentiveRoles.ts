// Who may do what on the incentive pages, mirroring the server's rules:
// tenant-wide settings (points rules, rewards, tiers, leaderboard privacy) need
// HR of the whole tenant (or a system admin); cycles need HR of their branch.
import { computed } from 'vue';
import type { Id } from '@shared/api/types';
import { useSessionStore } from '@shared/session/store';

export function useIncentiveRoles() {
  const session = useSessionStore();
  const isHr = computed(() => session.hasRole('hr_admin', 'sys_admin'));
  const hrBranchId = computed<Id | null>(() => session.me?.user.hr_branch_id ?? session.user?.hr_branch_id ?? null);
  const isTenantAdmin = computed(() => session.hasRole('sys_admin') || (session.hasRole('hr_admin') && hrBranchId.value === null));
  const isManager = computed(() => session.hasRole('manager'));
  const canAdminBranch = (branchId: Id | null | undefined) =>
    isTenantAdmin.value || (session.hasRole('hr_admin') && branchId != null && hrBranchId.value === branchId);
  return { isHr, isTenantAdmin, isManager, hrBranchId, canAdminBranch };
}
