// Console routes, lazily loaded per domain, and the login guard.
import type { Pinia } from 'pinia';
import { createRouter, createWebHistory, type Router, type RouteRecordRaw } from 'vue-router';
import type { Role } from '@shared/api/types';
import { isApiError } from '@shared/api/client';
import { useSessionStore } from '@shared/session/store';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a session. */
    public?: boolean;
    /** Any of these roles is needed (menu hides the entry otherwise). */
    roles?: Role[];
  }
}

export const LOGIN_ROUTE = 'login';
export const HOME_ROUTE = 'employees';

const routes: RouteRecordRaw[] = [
  { path: '/login', name: LOGIN_ROUTE, component: () => import('./views/LoginView.vue'), meta: { public: true } },
  {
    path: '/',
    component: () => import('./layouts/ConsoleLayout.vue'),
    redirect: { name: HOME_ROUTE },
    children: [
      { path: 'org/branches', name: 'branches', component: () => import('./views/org/BranchesView.vue') },
      { path: 'org/departments', name: 'departments', component: () => import('./views/org/DepartmentsView.vue') },
      { path: 'org/employees', name: 'employees', component: () => import('./views/org/EmployeesView.vue') },
      { path: 'training/courses', name: 'courses', component: () => import('./views/training/CoursesView.vue') },
      {
        path: 'training/questions',
        name: 'questions',
        component: () => import('./views/training/QuestionsView.vue'),
        meta: { roles: ['hr_admin', 'sys_admin', 'instructor'] },
      },
      {
        path: 'training/trainings',
        name: 'trainings',
        component: () => import('./views/training/TrainingsView.vue'),
        meta: { roles: ['hr_admin', 'sys_admin', 'instructor'] },
      },
      {
        path: 'training/trainings/new',
        name: 'training-new',
        component: () => import('./views/training/TrainingEditView.vue'),
        meta: { roles: ['hr_admin', 'sys_admin'] },
      },
      {
        path: 'training/trainings/:id(\\d+)/edit',
        name: 'training-edit',
        component: () => import('./views/training/TrainingEditView.vue'),
        meta: { roles: ['hr_admin', 'sys_admin'] },
      },
      {
        path: 'training/trainings/:id(\\d+)',
        name: 'training-detail',
        component: () => import('./views/training/TrainingDetailView.vue'),
        meta: { roles: ['hr_admin', 'sys_admin', 'instructor'] },
      },
      {
        path: 'incentives/cycles',
        name: 'perf-cycles',
        component: () => import('./views/incentives/CyclesView.vue'),
        meta: { roles: ['hr_admin', 'sys_admin', 'manager'] },
      },
      {
        path: 'incentives/cycles/:id(\\d+)',
        name: 'perf-cycle',
        component: () => import('./views/incentives/CycleDetailView.vue'),
        meta: { roles: ['hr_admin', 'sys_admin', 'manager'] },
      },
      {
        path: 'incentives/points',
        name: 'points-rules',
        component: () => import('./views/incentives/PointsView.vue'),
        meta: { roles: ['hr_admin', 'sys_admin'] },
      },
      {
        path: 'incentives/rewards',
        name: 'rewards',
        component: () => import('./views/incentives/RewardsView.vue'),
        meta: { roles: ['hr_admin', 'sys_admin'] },
      },
      {
        path: 'incentives/approvals',
        name: 'redemption-approvals',
        component: () => import('./views/incentives/ApprovalsView.vue'),
        meta: { roles: ['hr_admin', 'sys_admin', 'manager'] },
      },
      {
        path: 'incentives/leaderboards',
        name: 'leaderboards',
        component: () => import('./views/incentives/LeaderboardsView.vue'),
        meta: { roles: ['hr_admin', 'sys_admin', 'manager'] },
      },
      {
        path: 'audit',
        name: 'audit',
        component: () => import('./views/audit/AuditView.vue'),
        meta: { roles: ['hr_admin', 'sys_admin'] },
      },
    ],
  },
  // Full screen for the projector, outside the console frame.
  {
    path: '/sessions/:id(\\d+)/qr',
    name: 'session-qr',
    component: () => import('./views/training/SessionQrView.vue'),
    meta: { roles: ['hr_admin', 'sys_admin', 'instructor'] },
  },
  { path: '/:pathMatch(.*)*', redirect: { name: HOME_ROUTE } },
];

export function createConsoleRouter(pinia: Pinia): Router {
  const router = createRouter({ history: createWebHistory('/'), routes });

  router.beforeEach(async (to) => {
    const session = useSessionStore(pinia);
    if (to.meta.public) return true;
    const toLogin = { name: LOGIN_ROUTE, query: { redirect: to.fullPath } };
    if (!session.isLoggedIn) return toLogin;
    try {
      await session.ensureLoaded();
    } catch (e) {
      if (!isApiError(e)) throw e;
      // 401: the client already cleared the session. Other errors were shown; go on without /me.
      return session.isLoggedIn ? true : toLogin;
    }
    if (to.meta.roles && !session.hasRole(...to.meta.roles)) return { name: HOME_ROUTE };
    return true;
  });

  return router;
}
