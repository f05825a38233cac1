// The HR incentive API over a fake fetch: paths, queries, bodies, and the two
// shapes a manual import may answer its row errors in.
import { describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient, createMemoryTokenStore } from './client';
import { createIncentivesAdminApi } from './incentivesAdmin';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function setup(...responses: Response[]) {
  const calls: { url: string; method: string; headers: Record<string, string>; body: unknown }[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), method: init?.method ?? 'GET', headers: { ...(init?.headers as Record<string, string>) }, body: init?.body });
    const next = responses.shift();
    if (!next) throw new Error('unexpected fetch');
    return next;
  });
  const onError = vi.fn();
  const client = createApiClient({
    tokens: createMemoryTokenStore('t'),
    language: () => 'zh-CN',
    fetch: fetch as unknown as typeof globalThis.fetch,
    onError,
  });
  return { api: createIncentivesAdminApi(client), calls, onError };
}

describe('incentivesAdmin api', () => {
  it('lists cycles of a branch and pages scores by cursor', async () => {
    const { api, calls } = setup(
      json(200, { items: [{ id: 1 }], next_cursor: null }),
      json(200, { cycle: {}, frozen: false, items: [], next_cursor: 'c2' }),
    );
    expect(await api.cycles.list(3)).toEqual([{ id: 1 }]);
    const page = await api.scores.page(1, { department_id: 5, limit: 50, cursor: 'c1' });
    expect(page.next_cursor).toBe('c2');
    expect(calls.map((c) => c.url)).toEqual([
      '/api/v1/performance/cycles?branch_id=3',
      '/api/v1/performance/cycles/1/scores?department_id=5&limit=50&cursor=c1',
    ]);
  });

  it('reopens with the reason and puts a manual value', async () => {
    const { api, calls } = setup(json(200, { id: 1, status: 'open' }), new Response(null, { status: 204 }));
    await api.cycles.reopen(1, '补录KPI');
    await api.manual.put(1, { employee_id: 5, indicator: 'KPI', value: 88 });
    expect(calls[0]).toMatchObject({ url: '/api/v1/performance/cycles/1/reopen', method: 'POST', body: '{"reason":"补录KPI"}' });
    expect(calls[1]).toMatchObject({ url: '/api/v1/performance/cycles/1/manual', method: 'PUT' });
    expect(JSON.parse(calls[1]!.body as string)).toEqual({ employee_id: 5, indicator: 'KPI', value: 88 });
  });

  it('updates a template with PUT and leaves a 409 to the caller', async () => {
    const input = {
      cycle_id: 1,
      name: '销售考核',
      population: { departments: [2], job_levels: ['P5'], min_tenure_years: 1 },
      indicators: [{ kind: 'manual' as const, name: 'KPI', weight: 100 }],
    };
    const { api, calls, onError } = setup(
      json(200, { id: 7, ...input }),
      json(409, { error: { code: 'cycle_closed', message: 'closed', details: [] } }),
    );
    expect((await api.templates.update(7, input)).id).toBe(7);
    expect(calls[0]).toMatchObject({ url: '/api/v1/performance/templates/7', method: 'PUT' });
    expect(JSON.parse(calls[0]!.body as string)).toEqual(input);
    const err = await api.templates.update(7, input).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('cycle_closed');
    expect(onError).not.toHaveBeenCalled();
  });

  it('sends the CSV as text/csv with dry_run and reads row errors from a 200', async () => {
    const errors = [{ line: 3, field: 'value', message: '数值应在0到100之间：120', message_en: 'value must be between 0 and 100: 120' }];
    const { api, calls, onError } = setup(json(200, { dry_run: true, imported: 0, errors }));
    const r = await api.manual.importCsv(7, new Blob(['工号,指标,数值\n']), true);
    expect(r).toEqual({ dry_run: true, imported: 0, errors });
    expect(calls[0]!.url).toBe('/api/v1/performance/cycles/7/manual/import?dry_run=true');
    expect(calls[0]!.headers['Content-Type']).toBe('text/csv');
    expect(onError).not.toHaveBeenCalled();
  });

  it('also reads row errors from a 422 envelope, and rethrows a file-level one', async () => {
    const { api, onError } = setup(
      json(422, { error: { code: 'validation_failed', message: '填写有误', details: [{ line: 2, field: 'employee_no', message: '工号不存在' }] } }),
      json(422, { error: { code: 'validation_failed', message: '填写有误', details: [{ field: 'file', message: '表头应为：工号,指标,数值' }] } }),
    );
    const r = await api.manual.importCsv(7, new Blob(['x']), false);
    expect(r.errors).toEqual([{ line: 2, field: 'employee_no', message: '工号不存在', message_en: undefined }]);
    await expect(api.manual.importCsv(7, new Blob(['x']), true)).rejects.toBeInstanceOf(ApiError);
    expect(onError).not.toHaveBeenCalled();
  });

  it('reads and writes bonus tiers and pools', async () => {
    const tiers = [{ min_rate: 0.95, multiplier: 1 }, { min_rate: 0, multiplier: 0.7 }];
    const { api, calls } = setup(
      json(200, { tiers }),
      json(200, {}),
      json(200, { department_id: 4, base_amount: 10000 }),
      json(200, { items: [] }),
      new Response(new Uint8Array([80, 75]), { status: 200, headers: { 'Content-Type': 'application/octet-stream' } }),
    );
    expect(await api.bonus.tiers()).toEqual(tiers);
    expect(await api.bonus.putTiers(tiers)).toEqual(tiers); // an answer without tiers keeps what was sent
    await api.bonus.putPool(4, 9, 10000);
    await api.bonus.pool(4, 9);
    expect(JSON.parse(calls[1]!.body as string)).toEqual({ tiers });
    expect(calls[2]).toMatchObject({ url: '/api/v1/departments/4/bonus-pool', method: 'PUT', body: '{"cycle_id":9,"base_amount":10000}' });
    expect(calls[3]!.url).toBe('/api/v1/departments/4/bonus-pool?cycle=9');
    const xlsx = await api.bonus.xlsx(9);
    expect(new Uint8Array(await xlsx.arrayBuffer())).toEqual(new Uint8Array([80, 75]));
    expect(calls[4]!.url).toBe('/api/v1/performance/cycles/9/bonus-pools.xlsx');
  });
});
