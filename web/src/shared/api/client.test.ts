import { describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient, createMemoryTokenStore, type ApiClientOptions } from './client';
import { createLuodiApi } from './index';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A fetch that records calls and answers from a queue. */
function fakeFetch(...responses: (Response | Error)[]) {
  const calls: Call[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({
      url: String(input),
      method: init?.method ?? 'GET',
      headers: { ...(init?.headers as Record<string, string>) },
      body: init?.body,
    });
    const next = responses.shift();
    if (!next) throw new Error('unexpected fetch');
    if (next instanceof Error) throw next;
    return next;
  });
  return { fn, calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function setup(responses: (Response | Error)[], over: Partial<ApiClientOptions> = {}) {
  const { fn, calls } = fakeFetch(...responses);
  const tokens = createMemoryTokenStore('tok-1');
  const onError = vi.fn();
  const onUnauthorized = vi.fn();
  let language = 'zh-CN';
  const client = createApiClient({
    tokens,
    language: () => language,
    fetch: fn as unknown as typeof fetch,
    onError,
    onUnauthorized,
    ...over,
  });
  return { client, api: createLuodiApi(client), calls, tokens, onError, onUnauthorized, setLanguage: (l: string) => (language = l) };
}

describe('request client', () => {
  it('sends the bearer token, Accept-Language and the query, and returns the typed body', async () => {
    const page = { items: [{ id: 1, name: '示例科技有限公司' }], next_cursor: null };
    const { api, calls, setLanguage } = setup([json(200, page), json(200, page)]);

    await expect(api.branches.list({ q: '科技', kind: 'enterprise' })).resolves.toEqual(page);
    setLanguage('en');
    await api.branches.list();

    expect(calls).toEqual([
      {
        url: '/api/v1/branches?q=%E7%A7%91%E6%8A%80&kind=enterprise',
        method: 'GET',
        headers: { Accept: 'application/json', 'Accept-Language': 'zh-CN', Authorization: 'Bearer tok-1' },
        body: undefined,
      },
      {
        url: '/api/v1/branches',
        method: 'GET',
        headers: { Accept: 'application/json', 'Accept-Language': 'en', Authorization: 'Bearer tok-1' },
        body: undefined,
      },
    ]);
  });

  it('sends JSON bodies and no token on login', async () => {
    const res = { token: 't2', expires_at: '2030-01-01T00:00:00Z', user: { id: 7, login: 'hr', name: '陈静', roles: ['hr_admin'] } };
    const { api, calls } = setup([json(200, res)]);
    await expect(api.auth.login({ login: 'hr', password: 'demo1234' })).resolves.toEqual(res);
    expect(calls[0]).toEqual({
      url: '/api/v1/auth/login',
      method: 'POST',
      headers: { Accept: 'application/json', 'Accept-Language': 'zh-CN', 'Content-Type': 'application/json' },
      body: JSON.stringify({ login: 'hr', password: 'demo1234' }),
    });
  });

  it('parses the error envelope into an ApiError and shows it once', async () => {
    const envelope = {
      error: { code: 'conflict', message: '工号已存在', details: [{ field: 'employee_no', message: '重复' }] },
    };
    const { api, onError, onUnauthorized, tokens } = setup([json(409, envelope)]);

    const error = await api.employees.create({ employee_no: 'E0005', name: '王小雨', department_id: 3 }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect({ ...(error as ApiError), message: (error as ApiError).message }).toEqual({
      name: 'ApiError',
      status: 409,
      code: 'conflict',
      message: '工号已存在',
      details: [{ field: 'employee_no', message: '重复' }],
      displayed: true,
    });
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith(error);
    expect(onUnauthorized).not.toHaveBeenCalled();
    expect(tokens.get()).toBe('tok-1');
  });

  it('leaves display to the caller when showError is false (import details)', async () => {
    const envelope = {
      error: {
        code: 'validation_failed',
        message: '校验失败',
        details: [{ line: 3, field: '部门', message: '部门不存在' }],
      },
    };
    const { api, calls, onError } = setup([json(422, envelope)]);
    const csv = new Blob(['工号,姓名,部门\nE1,张三,不存在\n'], { type: 'text/csv' });

    const error = (await api.employees.importCsv(csv, { dryRun: true }).catch((e: unknown) => e)) as ApiError;

    expect(calls[0]?.url).toBe('/api/v1/employees/import?dry_run=true');
    expect(calls[0]?.headers['Content-Type']).toBe('text/csv');
    expect(calls[0]?.body).toBe(csv);
    expect(error.code).toBe('validation_failed');
    expect(error.details).toEqual([{ line: 3, field: '部门', message: '部门不存在' }]);
    expect(error.displayed).toBe(false);
    expect(onError).not.toHaveBeenCalled();
  });

  it('turns a non-JSON error body into bad_response with the status', async () => {
    const { client } = setup([new Response('<html>502 Bad Gateway</html>', { status: 502 })]);
    const error = (await client.json('/health').catch((e: unknown) => e)) as ApiError;
    expect([error.status, error.code, error.details]).toEqual([502, 'bad_response', []]);
  });

  it('turns a failed fetch into network_error with status 0', async () => {
    const { client, onError } = setup([new TypeError('Failed to fetch')]);
    const error = (await client.json('/me').catch((e: unknown) => e)) as ApiError;
    expect([error.status, error.code]).toEqual([0, 'network_error']);
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('on 401 of an authenticated call clears the token and takes the 401 path instead of a toast', async () => {
    const { api, tokens, onError, onUnauthorized } = setup([json(401, { error: { code: 'unauthorized', message: '未登录' } })]);

    const error = (await api.auth.me().catch((e: unknown) => e)) as ApiError;

    expect(error.code).toBe('unauthorized');
    expect(tokens.get()).toBeNull();
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(onUnauthorized).toHaveBeenCalledWith(error);
    expect(onError).not.toHaveBeenCalled();
    expect(error.displayed).toBe(true);
  });

  it('treats 401 on login (no token sent) as a wrong password, not an expired session', async () => {
    const { api, tokens, onError, onUnauthorized } = setup([
      json(401, { error: { code: 'invalid_credentials', message: '用户名或密码错误' } }),
    ]);
    tokens.clear();

    const error = (await api.auth.login({ login: 'hr', password: 'x' }).catch((e: unknown) => e)) as ApiError;

    expect([error.status, error.code]).toEqual([401, 'invalid_credentials']);
    expect(onUnauthorized).not.toHaveBeenCalled();
    expect(onError).not.toHaveBeenCalled(); // the login form shows it
  });

  it('answers undefined for 204 and a Blob for files, with employee filters in the query', async () => {
    const xlsx = new Uint8Array([0x50, 0x4b, 3, 4]);
    const { api, calls } = setup([new Response(null, { status: 204 }), new Response(xlsx, { status: 200 })]);

    await expect(api.branches.remove(5)).resolves.toBeUndefined();
    const blob = await api.employees.exportXlsx({ q: ' 王 ', department_id: 4, include_subtree: true, status: 'active' });

    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(xlsx);
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'DELETE /api/v1/branches/5',
      'GET /api/v1/employees/export.xlsx?q=%E7%8E%8B&department_id=4&include_subtree=true&status=active',
    ]);
  });

  it('drops include_subtree without a department and follows next_cursor for all departments', async () => {
    const d = (id: number) => ({ id, name: `d${id}` });
    const { api, calls } = setup([
      json(200, { items: [], next_cursor: null }),
      json(200, { items: [d(1), d(2)], next_cursor: 'c2' }),
      json(200, { items: [d(3)], next_cursor: null }),
    ]);

    await api.employees.list({ include_subtree: true, limit: 20, cursor: null });
    const all = await api.departments.listAll({ branch_id: 1 });

    expect(all.map((x) => x.id)).toEqual([1, 2, 3]);
    expect(calls.map((c) => c.url)).toEqual([
      '/api/v1/employees?limit=20',
      '/api/v1/departments?branch_id=1&limit=1000',
      '/api/v1/departments?branch_id=1&limit=1000&cursor=c2',
    ]);
  });
});
