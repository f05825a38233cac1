// Composition root of the mobile app (/m/): i18n, API client, session, router, Vant.
import 'vant/lib/index.css';
import './styles.css';
import { createPinia } from 'pinia';
import { showFailToast, showToast } from 'vant';
import { createApp } from 'vue';
import { createLuodiApi } from '@shared/api';
import { createApiClient, createStorageTokenStore, isApiError } from '@shared/api/client';
import { API_KEY, TOKENS_KEY } from '@shared/app/context';
import { createLuodiI18n, loadLocale } from '@shared/i18n';
import { describeError, translatorOf } from '@shared/i18n/errors';
import { useSessionStore } from '@shared/session/store';
import App from './App.vue';
import { createMobileRouter, LOGIN_ROUTE } from './router';

const i18n = createLuodiI18n(loadLocale(localStorage));
document.documentElement.lang = i18n.global.locale.value;
const tr = translatorOf(i18n.global as unknown as Parameters<typeof translatorOf>[0]);
const tokens = createStorageTokenStore(localStorage);
const pinia = createPinia();
const router = createMobileRouter(pinia);

const client = createApiClient({
  tokens,
  language: () => i18n.global.locale.value,
  onError: (error) => {
    showFailToast(describeError(error, tr));
  },
  onUnauthorized: () => {
    useSessionStore(pinia).clear();
    const current = router.currentRoute.value;
    if (current.name === LOGIN_ROUTE) return;
    showToast(tr.t('auth.sessionExpired'));
    void router.push({ name: LOGIN_ROUTE, query: { redirect: current.fullPath } });
  },
});

const app = createApp(App);
app.provide(API_KEY, createLuodiApi(client));
app.provide(TOKENS_KEY, tokens);
app.use(i18n);
app.use(pinia);
app.use(router);

app.config.errorHandler = (err, _instance, info) => {
  if (isApiError(err) && err.displayed) return;
  console.error(err, info);
  showFailToast(isApiError(err) ? describeError(err, tr) : tr.t('errors.unknown'));
};

app.mount('#app');
