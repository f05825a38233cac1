// Shared helpers for the black-box HTTP tests (Node >= 18, no npm dependencies).
//
// Environment:
//   LUODI_BASE_URL       server root, default http://127.0.0.1:18080
//   LUODI_DB_KIND        "sqlite" | "postgresql" — what /health must report (default sqlite)
//   LUODI_DEMO_PASSWORD  password of the demo logins (default demo1234)
//
// The server must have been seeded with `luodi seed --demo`. Tests create their own
// objects with unique names, so the suite can run more than once on the same database.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { inflateRawSync, deflateSync } from 'node:zlib';

export const BASE_URL = (process.env.LUODI_BASE_URL || 'http://127.0.0.1:18080').replace(/\/+$/, '');
export const API = `${BASE_URL}/api/v1`;
export const DB_KIND = process.env.LUODI_DB_KIND || 'sqlite';
export const DEMO_PASSWORD = process.env.LUODI_DEMO_PASSWORD || 'demo1234';

export const BRANCH_TECH = '示例科技有限公司';
export const BRANCH_INST = '示例市技术研究院';

/** A short random lower-case suffix for unique names. */
export function uid(n = 8) {
  return randomBytes(16).toString('hex').slice(0, n);
}

const HAN = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥春夏秋冬梅兰竹菊松柏桃李杏桂山川河海江湖云雨霜雪风雷星辰日月金木水火土石玉珠琳琅瑜瑾璇玑岚峰岳嵩泰华衡恒翠碧青紫朱丹彤';
/** n random Chinese characters (for unique Chinese names). */
export function randomHan(n = 3) {
  const b = randomBytes(n);
  let s = '';
  for (let i = 0; i < n; i++) s += HAN[b[i] % HAN.length];
  return s;
}

/** A strong password for created logins. */
export function strongPassword() {
  return `Pw${uid(6)}9z`;
}

/**
 * One HTTP call against /api/v1.
 * path: "/employees?limit=5" (relative to /api/v1) or an absolute URL.
 * opts.token: bearer token; opts.body: object → JSON; opts.raw: string/Buffer sent as is
 * (set the Content-Type in opts.headers); opts.headers: extra headers.
 * Returns {status, json, headers, buf, text}; json is null when the body is not JSON.
 */
export async function api(method, path, opts = {}) {
  const { token, body, headers = {}, raw } = opts;
  const url = /^https?:/.test(path) ? path : API + path;
  const h = { ...headers };
  let payload;
  if (raw !== undefined) {
    payload = raw;
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['Content-Type'] = 'application/json';
  }
  if (token) h.Authorization = `Bearer ${token}`;
  const res = await fetch(url, {
    method,
    headers: h,
    body: payload,
    redirect: 'manual',
    signal: AbortSignal.timeout(opts.timeoutMs || 30000),
  });
  const buf = Buffer.from(await res.arrayBuffer());
  const text = buf.toString('utf8');
  let json = null;
  if ((res.headers.get('content-type') || '').includes('json') && buf.length) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  return { status: res.status, json, headers: res.headers, buf, text };
}

/** Short description of a response for assertion messages. */
export function show(res) {
  const t = res.json ? JSON.stringify(res.json) : res.text;
  return `HTTP ${res.status} ${t.length > 600 ? t.slice(0, 600) + '…' : t}`;
}

/** Log in; returns the token (throws with the response on failure). */
export async function login(loginName, password = DEMO_PASSWORD) {
  const res = await api('POST', '/auth/login', { body: { login: loginName, password } });
  assert.equal(res.status, 200, `login ${loginName}: ${show(res)}`);
  assert.equal(typeof res.json?.token, 'string', `login ${loginName}: no token: ${show(res)}`);
  return res.json.token;
}

/** Log in and return the whole answer {token, expires_at, user}. */
export async function loginFull(loginName, password = DEMO_PASSWORD) {
  const res = await api('POST', '/auth/login', { body: { login: loginName, password } });
  assert.equal(res.status, 200, `login ${loginName}: ${show(res)}`);
  return res.json;
}

const tokenCache = new Map();
/** Cached demo token per login (never log these out). */
export async function tokenFor(loginName) {
  if (!tokenCache.has(loginName)) tokenCache.set(loginName, await login(loginName));
  return tokenCache.get(loginName);
}

/**
 * Assert an error answer: status (number or list), error.code (string or list),
 * the envelope shape, and optionally that details name each of `fields`.
 */
export function expectError(res, status, code, fields = []) {
  const statuses = Array.isArray(status) ? status : [status];
  assert.ok(statuses.includes(res.status), `expected HTTP ${statuses.join('|')}, got ${show(res)}`);
  assert.ok(res.json && typeof res.json === 'object', `error body is not JSON: ${show(res)}`);
  const e = res.json.error;
  assert.ok(e && typeof e === 'object', `no error envelope: ${show(res)}`);
  assert.equal(typeof e.code, 'string', `error.code missing: ${show(res)}`);
  assert.match(e.code, /^[a-z][a-z0-9_]*$/, `error.code not snake_case: ${show(res)}`);
  assert.equal(typeof e.message, 'string', `error.message missing: ${show(res)}`);
  assert.ok(e.message.length > 0, `error.message empty: ${show(res)}`);
  assert.ok(Array.isArray(e.details), `error.details not an array: ${show(res)}`);
  if (code !== undefined && code !== null) {
    const codes = Array.isArray(code) ? code : [code];
    assert.ok(codes.includes(e.code), `expected error.code ${codes.join('|')}, got ${show(res)}`);
  }
  const got = detailFields(res);
  for (const f of fields) assert.ok(got.includes(f), `expected details to name field "${f}", got ${show(res)}`);
  return e;
}

/** The field names in error.details. */
export function detailFields(res) {
  return (res.json?.error?.details || []).map((d) => d.field);
}

/** Assert a status < 500 and, for an error status, the JSON error envelope. */
export function expectNo5xx(res, what = '') {
  assert.ok(res.status < 500, `${what}: server error ${show(res)}`);
  if (res.status >= 400) expectError(res, res.status);
}

/** Assert the list envelope and return it. */
export function expectList(res) {
  assert.equal(res.status, 200, show(res));
  assert.ok(Array.isArray(res.json?.items), `no items[]: ${show(res)}`);
  assert.ok('next_cursor' in res.json, `no next_cursor: ${show(res)}`);
  assert.ok(res.json.next_cursor === null || typeof res.json.next_cursor === 'string', show(res));
  return res.json;
}

/** Walk every page of a list; returns all items. `path` may carry a query already. */
export async function listAll(path, token, limit = 200) {
  const items = [];
  let cursor = null;
  for (let page = 0; page < 10000; page++) {
    const sep = path.includes('?') ? '&' : '?';
    const url = `${path}${sep}limit=${limit}` + (cursor ? `&cursor=${encodeURIComponent(cursor)}` : '');
    const body = expectList(await api('GET', url, { token }));
    assert.ok(body.items.length <= limit, `page larger than limit ${limit}`);
    items.push(...body.items);
    if (body.next_cursor === null) return items;
    cursor = body.next_cursor;
  }
  throw new Error(`listAll ${path}: too many pages`);
}

let orgCache = null;
/** {branches: Map name→Branch, departments: Map name→Department, deptList} as seen by hr. */
export async function org() {
  if (orgCache) return orgCache;
  const token = await tokenFor('hr');
  const bl = await listAll('/branches', token);
  const dl = await listAll('/departments', token, 1000);
  const branches = new Map(bl.map((b) => [b.name, b]));
  const departments = new Map();
  for (const d of dl) if (!departments.has(d.name)) departments.set(d.name, d);
  for (const n of [BRANCH_TECH, BRANCH_INST]) assert.ok(branches.has(n), `demo branch ${n} missing`);
  orgCache = { branches, departments, deptList: dl };
  return orgCache;
}

/** The demo department with this name (throws if missing). */
export async function dept(name) {
  const o = await org();
  const d = o.departments.get(name);
  assert.ok(d, `demo department ${name} missing`);
  return d;
}

/** The demo branch with this name. */
export async function branch(name) {
  return (await org()).branches.get(name);
}

/** Ids of department `rootId` and all its descendants within `deptList`. */
export function subtreeIds(deptList, rootId) {
  const ids = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of deptList) {
      if (d.parent_id !== null && ids.has(d.parent_id) && !ids.has(d.id)) {
        ids.add(d.id);
        grew = true;
      }
    }
  }
  return ids;
}

/** Find an employee by exact employee_no as hr. */
export async function employeeByNo(no, token) {
  const t = token || (await tokenFor('hr'));
  const items = await listAll(`/employees?q=${encodeURIComponent(no)}`, t);
  return items.find((e) => e.employee_no === no) || null;
}

/** Create an employee as hr (defaults: 财务部). Returns the created Employee. */
export async function createEmployee(fields = {}) {
  const token = await tokenFor('hr');
  const d = fields.department_id ? null : await dept('财务部');
  const body = {
    employee_no: `T${uid(10)}`,
    name: `测试${randomHan(3)}`,
    department_id: d?.id,
    ...fields,
  };
  const res = await api('POST', '/employees', { token, body });
  assert.equal(res.status, 201, `create employee: ${show(res)}`);
  return res.json;
}

/** Create an employee with a login; returns {employee, login, password}. */
export async function createLoginUser(extra = {}) {
  const loginName = `t_${uid(10)}`;
  const password = strongPassword();
  const employee = await createEmployee({ login: loginName, password, ...extra });
  return { employee, login: loginName, password };
}

/** Read every file of a .zip (stored or deflated) → Map name → Buffer. */
export function unzip(buf) {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  assert.ok(eocd >= 0, 'zip: no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const files = new Map();
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50, 'zip: bad central directory entry');
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const nlen = buf.readUInt16LE(p + 28);
    const elen = buf.readUInt16LE(p + 30);
    const clen = buf.readUInt16LE(p + 32);
    const off = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nlen);
    const lnlen = buf.readUInt16LE(off + 26);
    const lelen = buf.readUInt16LE(off + 28);
    const start = off + 30 + lnlen + lelen;
    const data = buf.subarray(start, start + csize);
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    p += 46 + nlen + elen + clen;
  }
  return files;
}

let crcTable = null;
function crc32(buf) {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** The 8-byte PNG signature. */
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A real w×h RGB PNG (a colour gradient; `seed` varies the colours so files differ). */
export function makePng(w = 1, h = 1, seed = 0) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type RGB
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    const row = y * (w * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < w; x++) {
      raw[row + 1 + x * 3] = (x * 7 + seed) & 0xff;
      raw[row + 2 + x * 3] = (y * 5 + seed * 3) & 0xff;
      raw[row + 3 + x * 3] = (x + y + seed * 11) & 0xff;
    }
  }
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * Upload bytes as multipart/form-data field `file` to POST /files.
 * Returns the api() result shape {status, json, headers, buf, text}.
 */
export async function uploadFile(token, bytes, name = 'photo.png', type = 'application/octet-stream') {
  const fd = new FormData();
  fd.append('file', new Blob([bytes], { type }), name);
  return api('POST', '/files', { token, raw: fd, timeoutMs: 60000 });
}
