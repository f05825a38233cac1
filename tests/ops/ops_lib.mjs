// Helpers for the operations tests (tests/ops/*.test.mjs): start, kill and
// restart a real `luodi serve`, run `luodi` subcommands, and fire many HTTP
// requests at once. Not a test file itself.
//
// Environment (scripts/test sets these; see tests/ops/README.md):
//   LUODI_BIN        the binary, default build/luodi
//   LUODI_OPS_PORT   the port the tests' servers listen on (only this one), default 18090
//   LUODI_OPS_WORK   a scratch directory the tests may fill (data dirs, archives, logs)
//   LUODI_OPS_DB     URL of an EMPTY database the test may seed (sqlite:... or postgresql://...)
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, openSync, closeSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';

export const BIN = process.env.LUODI_BIN || 'build/luodi';
export const PORT = Number(process.env.LUODI_OPS_PORT || 18090);
export const WORK = process.env.LUODI_OPS_WORK || '/tmp/luodi-ops';
export const DB = process.env.LUODI_OPS_DB || `sqlite:${WORK}/ops.db`;
export const DB_KIND = DB.startsWith('postgres') ? 'postgresql' : 'sqlite';
export const BASE_URL = `http://127.0.0.1:${PORT}`;
mkdirSync(WORK, { recursive: true });

// tests/http/lib.mjs reads the server address when it is first imported.
process.env.LUODI_BASE_URL = BASE_URL;
process.env.LUODI_DB_KIND = DB_KIND;

/** Runs `luodi args...`; resolves {code, stdout, stderr} (never rejects on a non-zero exit). */
export function luodi(args, { timeoutMs = 120000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? `signal ${signal}`, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() });
    });
  });
}

/** Same, but fails with the output unless the exit code is 0; resolves stdout. */
export async function luodiOk(args, opts) {
  const r = await luodi(args, opts);
  if (r.code !== 0) throw new Error(`luodi ${args.join(' ')} exited ${r.code}:\n${r.stderr}\n${r.stdout}`);
  return r;
}

/** A `luodi serve` on PORT over `db`, its log in WORK/<name>.log. */
export class Server {
  constructor(db, dataDir, name = 'server') {
    this.db = db;
    this.dataDir = dataDir;
    this.log = path.join(WORK, `${name}.log`);
    this.child = null;
    this.starts = 0;
  }

  async start() {
    const fd = openSync(this.log, 'a');
    this.child = spawn(BIN, ['serve', '--db', this.db, '--port', String(PORT), '--data-dir', this.dataDir, '--web-dir', 'web/dist'], {
      stdio: ['ignore', fd, fd],
    });
    closeSync(fd);
    this.starts++;
    const exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve(`exited (${code ?? signal})`)));
    this.exited = exited;
    for (let i = 0; i < 200; i++) {
      const up = await Promise.race([health(), exited]);
      if (up === true) return;
      if (typeof up === 'string') throw new Error(`server ${up}; see ${this.log}`);
      await sleep(50);
    }
    throw new Error(`server did not answer /health; see ${this.log}`);
  }

  /** SIGKILL: no shutdown path runs. Resolves once the process is gone. */
  async kill() {
    if (!this.child) return;
    this.child.kill('SIGKILL');
    await this.exited;
    this.child = null;
  }

  /** A polite stop (SIGTERM), for the end of a test. */
  async stop() {
    if (!this.child) return;
    this.child.kill('SIGTERM');
    const gone = await Promise.race([this.exited, sleep(5000).then(() => false)]);
    if (gone === false) await this.kill();
    this.child = null;
  }
}

async function health() {
  try {
    const res = await fetch(`${BASE_URL}/api/v1/health`, { signal: AbortSignal.timeout(1000) });
    return res.ok;
  } catch {
    return false;
  }
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

export function sha256(buf) {
  return createHash('sha256').update(buf).digest('hex');
}

/**
 * Sends every request at once through a pool of `sockets` keep-alive
 * connections (the rest wait in the client's queue), so the server sees a
 * burst it must interleave. `onAnswer(i, res)` runs as each answer arrives;
 * a request whose connection dies settles as {status: 0, error}.
 * Resolves the answers in request order: {status, json, error}.
 */
export function burst(requests, { sockets = 200, onAnswer = () => {} } = {}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  const one = (req, i) =>
    new Promise((resolve) => {
      const body = req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body));
      const headers = { ...(req.headers || {}) };
      if (req.token) headers.Authorization = `Bearer ${req.token}`;
      if (body) {
        headers['Content-Type'] = 'application/json';
        headers['Content-Length'] = body.length;
      }
      const r = http.request(`${BASE_URL}/api/v1${req.path}`, { method: req.method, headers, agent }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('error', (error) => settle({ status: 0, json: null, error }));
        res.on('end', () => {
          let json = null;
          try {
            json = JSON.parse(Buffer.concat(chunks).toString());
          } catch {
            json = null;
          }
          // An answer cut off by the kill is not an acknowledgement.
          settle(res.complete ? { status: res.statusCode, json, error: null } : { status: 0, json: null, error: new Error('cut off') });
        });
      });
      let done = false;
      const settle = (answer) => {
        if (done) return;
        done = true;
        onAnswer(i, answer);
        resolve(answer);
      };
      r.on('error', (error) => settle({ status: 0, json: null, error }));
      r.setTimeout(60000, () => r.destroy(new Error('timeout')));
      if (body) r.write(body);
      r.end();
    });
  return Promise.all(requests.map(one)).finally(() => agent.destroy());
}

/** Runs `fn` over `items` with at most `n` at a time; resolves the results in order. */
export async function pool(items, n, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}
