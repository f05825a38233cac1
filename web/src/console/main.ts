// Composition root of the HR console: wires i18n, the API client, the
// session store, the router and Element Plus. Nothing else creates these.
import 'element-plus/dist/index.css';
import './styles.css';
import { ElLoading, ElMessage } from 'element-plus';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { createLuodiApi } from '@shared/api';
import { createApiClient, createStorageTokenStore, isApiError } from '@shared/api/client';
import { API_KEY, TOKENS_KEY } from '@shared/app/context';
import { createLuodiI18n, loadLocale } from '@shared/i18n';
import { describeError, translatorOf } from '@shared/i18n/errors';
import { useSessionStore } from '@shared/session/store';
import App from './App.vue';
import { createConsoleRouter, LOGIN_ROUTE } from './router';

const i18n = createLuodiI18n(loadLocale(localStorage));
document.documentElement.lang = i18n.global.locale.value;
const tr = translatorOf(i18n.global as unknown as Parameters<typeof translatorOf>[0]);
const tokens = createStorageTokenStore(localStorage);
const pinia = createPinia();
const router = createConsoleRouter(pinia);

const client = createApiClient({
  tokens,
  language: () => i18n.global.locale.value,
  onError: (error) => {
    ElMessage.error({ message: describeError(error, tr), grouping: true });
  },
  onUnauthorized: () => {
    useSessionStore(pinia).clear();
    const current = router.currentRoute.value;
    if (current.name === LOGIN_ROUTE) return;
    ElMessage.warning({ message: tr.t('auth.sessionExpired'), grouping: true });
    void router.push({ name: LOGIN_ROUTE, query: { redirect: current.fullPath } });
  },
});

const app = createApp(App);
app.provide(API_KEY, createLuodiApi(client));
app.provide(TOKENS_KEY, tokens);
app.use(i18n);
app.use(pinia);
app.use(router);
app.use(ElLoading); // the v-loading directive

// API errors were already shown by the client; anything else is a bug worth a toast.
app.config.errorHandler = (err, _instance, info) => {
  if (isApiError(err) && err.displayed) return;
  console.error(err, info);
  ElMessage.error({ message: isApiError(err) ? describeError(err, tr) : tr.t('errors.unknown'), grouping: true });
};

app.mount('#app');
