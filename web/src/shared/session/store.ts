// The signed-in session, shared by both apps: token, user and GET /me.
// The token itself lives in the TokenStore (localStorage) so the request
// client reads it; `token` here mirrors it for reactivity.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Me, Role, User } from '../api/types';
import { isApiError } from '../api/client';
import { useApi, useTokens } from '../app/context';

export const useSessionStore = defineStore('session', () => {
  const api = useApi();
  const tokens = useTokens();

  const token = ref<string | null>(tokens.get());
  const user = ref<User | null>(null);
  const me = ref<Me | null>(null);

  const isLoggedIn = computed(() => token.value !== null);
  const roles = computed<Role[]>(() => me.value?.roles ?? user.value?.roles ?? []);
  const hasRole = (...wanted: Role[]) => wanted.some((r) => roles.value.includes(r));

  /** Rejects with ApiError (invalid_credentials, too_many_attempts, ...). */
  async function login(loginName: string, password: string): Promise<void> {
    const res = await api.auth.login({ login: loginName, password });
    tokens.set(res.token);
    token.value = res.token;
    user.value = res.user;
    await loadMe();
  }

  async function loadMe(): Promise<Me> {
    const result = await api.auth.me();
    me.value = result;
    user.value = result.user;
    return result;
  }

  /** Loads /me once after a page load with a saved token. */
  async function ensureLoaded(): Promise<void> {
    if (token.value && !me.value) await loadMe();
  }

  /** Forget the session locally (also the 401 path). */
  function clear(): void {
    tokens.clear();
    token.value = null;
    user.value = null;
    me.value = null;
  }

  async function logout(): Promise<void> {
    try {
      await api.auth.logout();
    } catch (e) {
      // The token is dropped either way; a dead session cannot be logged out twice.
      if (!isApiError(e)) throw e;
    } finally {
      clear();
    }
  }

  return { token, user, me, isLoggedIn, roles, hasRole, login, loadMe, ensureLoaded, clear, logout };
});
