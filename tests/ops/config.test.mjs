// `luodi serve` configuration: a --config TOML file, LUODI_* environment variables and flags,
// strongest first flag > environment > file > default, each seen taking effect on a server this
// test starts itself; and bad values refused with exit 2, naming the setting.
//
//   LUODI_OPS_PORT  port for the test's own server (default 18081)
//   LUODI_BIN       the luodi binary (default build/luodi)
//   LUODI_OPS_DB    database URL (default: a fresh SQLite file); it is seeded with the demo
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import http from 'node:http';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = resolve(ROOT, process.env.LUODI_BIN || 'build/luodi');
const PORT = Number(process.env.LUODI_OPS_PORT || 18081);
const DIR = mkdtempSync(join(tmpdir(), 'luodi-config-'));
const DB = process.env.LUODI_OPS_DB || `sqlite:${join(DIR, 'ops.db')}`;
const KiB = 1024;

// The helpers read LUODI_BASE_URL when loaded, so they are imported once it is set.
process.env.LUODI_BASE_URL = `http://127.0.0.1:${PORT}`;
process.env.LUODI_DB_KIND = DB.startsWith('sqlite:') ? 'sqlite' : 'postgresql';
const lib = await import('../http/lib.mjs');
const tlib = await import('../http/training_lib.mjs');
const { api, show, expectError, tokenFor, uid, makePng, uploadFile } = lib;
const { at, MINUTE, people, publishedTraining } = tlib;

// Without the environment and flags below, these would be in force.
const FILE = `# written by tests/ops/config.test.mjs
port = 1                        # the flag wins
db = "sqlite:/nonexistent/dir/never.db"   # the flag wins
json_body_limit = "2KiB"        # LUODI_JSON_BODY_LIMIT=4KiB wins
upload_limit = '1KiB'           # LUODI_UPLOAD_LIMIT=2KiB loses to --upload-limit 3KiB
checkin_opens_before = "10m"    # LUODI_CHECKIN_OPENS_BEFORE=2h wins
qr_rotation = "20s"             # only here: in force
token_lifetime = "1h"           # only here: in force
login_max_failures = 5          # --login-max-failures 2 wins
`;

const ENV = {
  LUODI_JSON_BODY_LIMIT: '4KiB',
  LUODI_UPLOAD_LIMIT: '2KiB',
  LUODI_CHECKIN_OPENS_BEFORE: '2h',
  LUODI_PORT: '1', // loses to the flag
};

let server = null;
let serverLog = '';

function run(args, env = {}) {
  return spawnSync(BIN, args, { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60000 });
}

/** Starts `luodi serve` with args and env; resolves when /health answers. */
async function startServer(args, env) {
  server = spawn(BIN, ['serve', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout.on('data', (d) => (serverLog += d));
  server.stderr.on('data', (d) => (serverLog += d));
  for (let i = 0; i < 200; i++) {
    if (server.exitCode !== null) break;
    const up = await fetch(`http://127.0.0.1:${PORT}/api/v1/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start:\n${serverLog}`);
}

before(async () => {
  const seeded = run(['seed', '--demo', '--db', DB]);
  assert.equal(seeded.status, 0, seeded.stderr);
  const file = join(DIR, 'luodi.toml');
  writeFileSync(file, FILE);
  await startServer(
    ['--config', file, '--port', String(PORT), '--db', DB, '--data-dir', join(DIR, 'data'), '--web-dir', join(ROOT, 'web/dist'),
      '--upload-limit', '3KiB', '--login-max-failures', '2'],
    ENV,
  );
});

after(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
  rmSync(DIR, { recursive: true, force: true });
});

/** POST a raw body of n bytes with node:http (so a refusal mid-body would show as a reset). */
function postBytes(path, n, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ method: 'POST', host: '127.0.0.1', port: PORT, path: `/api/v1${path}`, agent: false,
      headers: { 'Content-Type': 'application/json', 'Content-Length': n, ...headers } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json = null;
        try {
          json = JSON.parse(text);
        } catch {
          json = null;
        }
        resolve({ status: res.statusCode, json, text, headers: new Headers(res.headers) });
      });
    });
    let answered = false;
    req.on('response', () => (answered = true));
    req.on('error', (e) => !answered && reject(e));
    req.end(Buffer.alloc(n, 0x20));
  });
}

test('the server listens where the flags say, not where the file and environment say', async () => {
  const h = await api('GET', '/health');
  assert.equal(h.status, 200, show(h));
  assert.match(serverLog, /limits: JSON body 4 KiB, import 20 MiB, upload 3 KiB, header 16 KiB; check-in opens 2 hours before; tokens live 1 hour/);
});

test('json_body_limit from the environment beats the file: 4 KiB', async () => {
  expectError(await postBytes('/auth/login', 4 * KiB + 1), 413, 'payload_too_large');
  const refused = await postBytes('/auth/login', 4 * KiB + 1, { 'Accept-Language': 'en' });
  assert.match(refused.json.error.message, /limit 4 KiB/, show(refused));
  // 3 KiB is over the file's 2 KiB but within the environment's 4 KiB: read and parsed.
  expectError(await postBytes('/auth/login', 3 * KiB), 400, 'invalid_json');
});

test('upload_limit from the flag beats environment and file: 3 KiB', async () => {
  const token = await tokenFor('employee');
  const png = makePng(8, 8, 1);
  const within = Buffer.concat([png, Buffer.alloc(2 * KiB + 512 - png.length, 0)]); // 2.5 KiB: over env's 2 KiB
  const ok = await uploadFile(token, within, 'notes.png', 'image/png');
  assert.notEqual(ok.status, 413, `2.5 KiB must be within the flag's 3 KiB: ${show(ok)}`);
  const big = Buffer.concat([png, Buffer.alloc(3 * KiB + 1 - png.length, 0)]);
  const tooBig = await uploadFile(token, big, 'notes.png', 'image/png');
  const e = expectError(tooBig, 413, 'payload_too_large');
  assert.match(e.message, /3 KiB/, show(tooBig));
});

test('token_lifetime from the file: a login lasts 1 hour', async () => {
  const res = await api('POST', '/auth/login', { body: { login: 'hr', password: lib.DEMO_PASSWORD } });
  assert.equal(res.status, 200, show(res));
  const left = (Date.parse(res.json.expires_at) - Date.now()) / 1000;
  assert.ok(left > 3500 && left <= 3605, `token lives ${left} s, expected about 3600`);
});

test('qr_rotation from the file: the check-in code changes every 20 s', async () => {
  const { wang } = await people();
  const t = await publishedTraining({
    sessions: [{ start_at: at(10 * MINUTE), end_at: at(70 * MINUTE), credit_hours: 1 }],
    audience: { departments: [], employees: [wang.id], roles: [], job_levels: [] },
  });
  const q = await api('GET', `/sessions/${t.sessions[0].id}/qr`, { token: await tokenFor('hr') });
  assert.equal(q.status, 200, show(q));
  assert.equal(q.json.rotates_every, 20, show(q));
});

test('checkin_opens_before from the environment beats the file: open 2 hours before the start', async () => {
  const { wang } = await people();
  const t = await publishedTraining({
    sessions: [
      { start_at: at(90 * MINUTE), end_at: at(150 * MINUTE), credit_hours: 1 },
      { start_at: at(150 * MINUTE), end_at: at(210 * MINUTE), credit_hours: 1 },
    ],
    audience: { departments: [], employees: [wang.id], roles: [], job_levels: [] },
  });
  const [soon, later] = [...t.sessions].sort((a, b) => Date.parse(a.start_at) - Date.parse(b.start_at));
  const hr = await tokenFor('hr');
  const emp = await tokenFor('employee');
  const qr = async (id) => (await api('GET', `/sessions/${id}/qr`, { token: hr })).json.token;
  const ok = await api('POST', `/sessions/${soon.id}/checkin`, { token: emp, body: { token: await qr(soon.id) } });
  assert.equal(ok.status, 200, `starts in 90 min, window 2 h: ${show(ok)}`);
  const closed = await api('POST', `/sessions/${later.id}/checkin`, { token: emp, body: { token: await qr(later.id) } });
  const e = expectError(closed, 422, 'checkin_window_closed');
  assert.match(e.message, /开课前2小时/, show(closed));
});

test('login_max_failures from the flag beats the file: the third failure within the window is 429', async () => {
  const name = `nobody-${uid()}`;
  for (let i = 0; i < 2; i++)
    expectError(await api('POST', '/auth/login', { body: { login: name, password: 'wrong-password' } }), 401, 'invalid_credentials');
  const third = await api('POST', '/auth/login', { body: { login: name, password: 'wrong-password' } });
  const e = expectError(third, 429, 'too_many_attempts');
  assert.match(e.message, /15分钟/, show(third));
});

test('bad settings stop serve with exit 2 and name the setting and its source', () => {
  const bad = join(DIR, 'bad.toml');
  const cases = [
    { args: ['--port', '0'], env: {}, says: /--port 0: port must be a whole number from 1 to 65535/ },
    { args: [], env: { LUODI_JSON_BODY_LIMIT: '1MB' }, says: /LUODI_JSON_BODY_LIMIT=1MB: json_body_limit must be a size/ },
    { args: ['--header-limit', '64KiB'], env: {}, says: /--header-limit 64KiB: header_limit must be from 1 KiB to 32 KiB/ },
    { args: ['--config', bad], env: {}, file: 'json_body_limt = "2KiB"\n', says: /bad\.toml: unknown setting "json_body_limt"/ },
    { args: ['--config', bad], env: {}, file: 'token_lifetime = "forever"\n', says: /token_lifetime = forever: token_lifetime must be a duration/ },
    { args: ['--config', bad], env: {}, file: '[limits]\njson_body_limit = 1\n', says: /sections are not used/ },
    { args: ['--config', join(DIR, 'missing.toml')], env: {}, says: /cannot read config file .*missing\.toml/ },
    { args: [], env: { LUODI_CONFIG: join(DIR, 'missing.toml') }, says: /cannot read config file .*missing\.toml/ },
  ];
  for (const c of cases) {
    if (c.file) writeFileSync(bad, c.file);
    // --db points nowhere usable: a refused setting must stop serve before the database is opened.
    const r = run(['serve', '--db', 'sqlite:/nonexistent/dir/x.db', ...c.args], c.env);
    assert.equal(r.status, 2, `${c.args.join(' ')} ${JSON.stringify(c.env)}: exit ${r.status}\n${r.stderr}`);
    assert.match(r.stderr, c.says);
    assert.equal(r.stderr.trim().split('\n').length, 1, `one line: ${r.stderr}`);
  }
});
