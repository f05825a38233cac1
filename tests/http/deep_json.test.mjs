// A JSON value nested tens of thousands of levels deep once ended the server
// (a stack overflow in the serializer, reached through exam answers and
// question answers). Every operation of the contract that takes a JSON body is
// sent one, nested 66,000 levels deep inside an otherwise normal object and well
// under the 1 MiB limit: each must answer 400 invalid_json, and the server must
// still be healthy afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, show, expectError, tokenFor } from './lib.mjs';

// 66,000 levels (132 KB) as reported, and 30,000 (60 KB) to fit under the 64 KB limit of small routes.
const DEPTHS = [66000, 30000];

function deepBody(depth, open, close) {
  return `{"answers":{"1":${open.repeat(depth)}${close.repeat(depth)}},"name":"x"}`;
}

async function healthy(after) {
  const h = await api('GET', '/health');
  assert.equal(h.status, 200, `server unhealthy after ${after}: ${show(h)}`);
}

test('every JSON route refuses a 66,000-level body with 400 invalid_json and the server stays up', { timeout: 300000 }, async () => {
  const spec = (await api('GET', '/openapi.json')).json;
  const token = await tokenFor('hr');
  const employee = await tokenFor('employee');
  let checked = 0;
  let parsedRefusals = 0;
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of ['post', 'put', 'patch']) {
      const op = item[method];
      if (!op?.requestBody?.content?.['application/json']) continue;
      const url = path.replace(/\{[a-z_]+\}/g, '1');
      for (const depth of DEPTHS) {
        for (const [open, close] of [['[', ']'], ['{"a":', '}']]) {
          const raw = deepBody(depth, open, close);
          for (const who of [token, employee, undefined]) {
            const res = await api(method.toUpperCase(), url, { token: who, raw, headers: { 'Content-Type': 'application/json' } });
            const what = `${method.toUpperCase()} ${path} (${raw.length} bytes)`;
            assert.ok(res.status < 500, `${what}: ${show(res)}`);
            // A body over the route's limit is refused unread (413); without a token the route may
            // refuse first (401); otherwise the body is judged before anything else.
            if (res.status === 413) expectError(res, 413, 'payload_too_large');
            else if (who) expectError(res, 400, 'invalid_json');
            else assert.ok([400, 401].includes(res.status), `${what} (no token): ${show(res)}`);
            if (res.status === 400) parsedRefusals++;
            checked++;
          }
        }
      }
      await healthy(`${method.toUpperCase()} ${path}`);
    }
  }
  assert.ok(checked > 100, `only ${checked} requests: the contract lost its JSON bodies?`);
  assert.ok(parsedRefusals > checked / 3, `only ${parsedRefusals} of ${checked} reached the JSON depth check`);
  console.log(`# deep JSON: ${checked} requests (${parsedRefusals} refused as invalid_json), server healthy`);
});

test('the two reported paths: an employee\'s own exam answers and a question\'s answer, 66,000 levels deep → 400, server up', async () => {
  const { fixture } = await import('./authz_fixture.mjs');
  const fx = await fixture();
  const attempt = fx.pairs.attempt.employee[0];
  const deep = `${'['.repeat(66000)}${']'.repeat(66000)}`;
  const res = await api('PUT', `/exam-attempts/${attempt}/answers`, {
    token: fx.people.emp.token,
    raw: `{"answers":{"${fx.pairs.question.employee[0]}":${deep}}}`,
    headers: { 'Content-Type': 'application/json' },
  });
  expectError(res, 400, 'invalid_json');
  await healthy('exam answers');
  const q = await api('POST', '/questions', { token: await tokenFor('hr'), raw: `{"kind":"fill_blank","stem":"深","answer":${deep}}`, headers: { 'Content-Type': 'application/json' } });
  expectError(q, 400, 'invalid_json');
  await healthy('question answer');
  // 64 levels are fine; the depth limit is not a size limit.
  const ok = await api('PUT', `/exam-attempts/${attempt}/answers`, {
    token: fx.people.emp.token,
    raw: `{"answers":{"${fx.pairs.question.employee[0]}":${'['.repeat(60)}true${']'.repeat(60)}}}`,
    headers: { 'Content-Type': 'application/json' },
  });
  assert.ok(ok.status < 500 && ok.status !== 400, show(ok));
});
