// 1,000 concurrent redemption requests from 1,000 people for one reward with
// stock 10 (bench/run-incentives). Checks that exactly 10 are pending, the
// stock is 0 and every person's points are right; prints one JSON line.
// Usage: node bench/redeem-race.mjs BASE_URL HR_TOKEN TOKENS_FILE
import { readFileSync } from 'node:fs';

const [base, hr, tokensFile] = process.argv.slice(2);
const tokens = readFileSync(tokensFile, 'utf8').trim().split('\n').map((l) => l.split(' '));  // token employee_id
async function call(method, path, token, body) {
  const res = await fetch(base + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}
const reward = await call('POST', '/rewards', hr, {
  name: `抢兑基准${Date.now()}`, description: 'bench', cost: 100, stock: 10, requires_approval: true, approver: 'hr', validity_days: 30,
});
if (reward.status !== 201) throw new Error(`reward: ${reward.status} ${JSON.stringify(reward.json)}`);
// Everyone gets 150 points: enough for one redemption.
for (let i = 0; i < tokens.length; i += 50)
  await Promise.all(tokens.slice(i, i + 50).map(([, id]) =>
    call('POST', '/points/adjustments', hr, { employee_id: Number(id), amount: 150, reason: '抢兑基准' })));
const before = new Map();
await Promise.all(tokens.map(async ([t, id]) => before.set(id, (await call('GET', '/me/points?limit=1', t)).json)));

const t0 = performance.now();
const answers = await Promise.all(tokens.map(([t]) => call('POST', '/redemptions', t, { reward_id: reward.json.id })));
const ms = performance.now() - t0;
const by = {};
for (const a of answers) by[a.status] = (by[a.status] || 0) + 1;

const after = await call('GET', '/rewards', hr);
const stock = after.json.items.find((r) => r.id === reward.json.id).stock;
let wrong = 0;
let negative = 0;
await Promise.all(tokens.map(async ([t, id], i) => {
  const p = (await call('GET', '/me/points?limit=1', t)).json;
  const won = answers[i].status === 201;
  const b = before.get(id);
  if (p.held !== b.held + (won ? 100 : 0) || p.balance !== b.balance) wrong++;
  if (p.available < 0) negative++;
}));
const ok = (by[201] || 0) === 10 && stock === 0 && wrong === 0 && negative === 0;
console.log(JSON.stringify({ requests: answers.length, statuses: by, stock_after: stock, wrong_balances: wrong, negative_available: negative, ms: Math.round(ms), ok }));
