// The console login form against a fake server: the error text comes from
// the i18n table by error.code, and a good login stores the token and leaves.
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { createLuodiApi } from '@shared/api';
import { createApiClient, createMemoryTokenStore } from '@shared/api/client';
import { API_KEY, TOKENS_KEY } from '@shared/app/context';
import { createLuodiI18n } from '@shared/i18n';
import LoginView from './LoginView.vue';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

async function mountLogin(responses: Response[]) {
  const fetch = vi.fn(async () => responses.shift() ?? json(500, { error: { code: 'internal', message: '' } }));
  const tokens = createMemoryTokenStore();
  const i18n = createLuodiI18n('zh-CN');
  const client = createApiClient({ tokens, language: () => i18n.global.locale.value, fetch: fetch as unknown as typeof globalThis.fetch });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', component: LoginView },
      { path: '/org/employees', component: { template: '<p>employees</p>' } },
    ],
  });
  await router.push('/login?redirect=/org/employees');
  const wrapper = mount(LoginView, {
    attachTo: document.body,
    global: {
      plugins: [createPinia(), i18n, router],
      provide: { [API_KEY as symbol]: createLuodiApi(client), [TOKENS_KEY as symbol]: tokens },
    },
  });
  const submit = async (login: string, password: string) => {
    await wrapper.get('input[name="login"]').setValue(login);
    await wrapper.get('input[name="password"]').setValue(password);
    await wrapper.get('form').trigger('submit');
    // validation, login, /me, navigation: several ticks
    for (let i = 0; i < 5; i++) await flushPromises();
  };
  return { wrapper, fetch, tokens, router, submit };
}

describe('console LoginView', () => {
  it('shows the Chinese text of invalid_credentials, not the raw server message', async () => {
    const { wrapper, tokens, submit } = await mountLogin([
      json(401, { error: { code: 'invalid_credentials', message: 'bad login' } }),
    ]);
    await submit('hr', 'wrong');
    expect(wrapper.get('[role="alert"]').text()).toBe('用户名或密码错误');
    expect(tokens.get()).toBeNull();
    wrapper.unmount();
  });

  it('shows the lock-out text on too_many_attempts', async () => {
    const { wrapper, submit } = await mountLogin([json(429, { error: { code: 'too_many_attempts', message: 'x' } })]);
    await submit('hr', 'demo1234');
    expect(wrapper.get('[role="alert"]').text()).toBe('登录失败次数过多，请15分钟后再试');
    wrapper.unmount();
  });

  it('stores the token, loads /me and follows the redirect on success', async () => {
    const user = { id: 2, login: 'hr', name: '陈静', roles: ['hr_admin'] };
    const { wrapper, tokens, router, fetch, submit } = await mountLogin([
      json(200, { token: 'tok-hr', expires_at: '2030-01-01T00:00:00Z', user }),
      json(200, { user, roles: ['hr_admin'], employee: null }),
    ]);
    await submit('hr', 'demo1234');
    expect(tokens.get()).toBe('tok-hr');
    expect(fetch.mock.calls.map((c) => String((c as unknown[])[0]))).toEqual(['/api/v1/auth/login', '/api/v1/me']);
    expect(router.currentRoute.value.fullPath).toBe('/org/employees');
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
    wrapper.unmount();
  });
});
