// What each app's composition root (main.ts) provides to views and stores.
import { inject, type InjectionKey } from 'vue';
import type { LuodiApi } from '../api';
import type { TokenStore } from '../api/client';

export const API_KEY: InjectionKey<LuodiApi> = Symbol('luodi.api');
export const TOKENS_KEY: InjectionKey<TokenStore> = Symbol('luodi.tokens');

function required<T>(key: InjectionKey<T>, what: string): T {
  const value = inject(key);
  if (value === undefined) throw new Error(`${what} was not provided by the app (main.ts)`);
  return value;
}

/** The typed API; views and stores call it, never fetch. */
export function useApi(): LuodiApi {
  return required(API_KEY, 'API');
}

export function useTokens(): TokenStore {
  return required(TOKENS_KEY, 'TokenStore');
}
