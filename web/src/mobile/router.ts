// Mobile routes (under /m/) and the login guard.
import type { Pinia } from 'pinia';
import { createRouter, createWebHistory, type Router, type RouteRecordRaw } from 'vue-router';
import { isApiError } from '@shared/api/client';
import { useSessionStore } from '@shared/session/store';

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean;
  }
}

export const LOGIN_ROUTE = 'm-login';

const routes: RouteRecordRaw[] = [
  { path: '/login', name: LOGIN_ROUTE, component: () => import('./views/LoginView.vue'), meta: { public: true } },
  {
    path: '/',
    component: () => import('./views/TabLayout.vue'),
    children: [
      { path: '', name: 'm-home', component: () => import('./views/HomeView.vue') },
      { path: 'trainings', name: 'm-trainings', component: () => import('./views/training/MyTrainingsView.vue') },
      { path: 'me', name: 'm-me', component: () => import('./views/ProfileView.vue') },
    ],
  },
  { path: '/trainings/:id(\\d+)', name: 'm-training', component: () => import('./views/training/TrainingDetailView.vue') },
  {
    path: '/trainings/:id(\\d+)/reflection',
    name: 'm-reflection',
    component: () => import('./views/training/ReflectionView.vue'),
  },
  { path: '/trainings/:id(\\d+)/exam', name: 'm-exam', component: () => import('./views/training/ExamView.vue') },
  {
    path: '/trainings/:id(\\d+)/exam/result/:attemptId(\\d+)',
    name: 'm-exam-result',
    component: () => import('./views/training/ExamResultView.vue'),
  },
  // The URL the check-in QR code encodes: /m/checkin/<session id>?t=<token>.
  { path: '/checkin/:sessionId(\\d+)', name: 'm-checkin', component: () => import('./views/training/CheckinView.vue') },
  // Incentives (docs/api-incentives.md): pages opened from the home grid and the profile.
  { path: '/performance', name: 'm-performance', component: () => import('./views/incentives/PerformanceView.vue') },
  { path: '/points', name: 'm-points', component: () => import('./views/incentives/PointsView.vue') },
  { path: '/store', name: 'm-store', component: () => import('./views/incentives/StoreView.vue') },
  { path: '/leaderboard', name: 'm-leaderboard', component: () => import('./views/incentives/LeaderboardView.vue') },
  { path: '/notifications', name: 'm-notifications', component: () => import('./views/incentives/NotificationsView.vue') },
  { path: '/approvals', name: 'm-approvals', component: () => import('./views/incentives/ApprovalsView.vue') },
  { path: '/:pathMatch(.*)*', redirect: { name: 'm-home' } },
];

export function createMobileRouter(pinia: Pinia): Router {
  const router = createRouter({ history: createWebHistory('/m/'), routes });
  router.beforeEach(async (to) => {
    if (to.meta.public) return true;
    const session = useSessionStore(pinia);
    const toLogin = { name: LOGIN_ROUTE, query: { redirect: to.fullPath } };
    if (!session.isLoggedIn) return toLogin;
    try {
      await session.ensureLoaded();
    } catch (e) {
      if (!isApiError(e)) throw e;
      return session.isLoggedIn ? true : toLogin;
    }
    return true;
  });
  return router;
}
