// Size limits answered before the body is read (default configuration: JSON 1 MiB, CSV import
// 20 MiB, upload 10 MiB, request line and header block 16 KiB each): 413 / 414 / 431 as JSON,
// received by a raw node:http client that would notice a reset, and the server healthy after.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { api, show, expectError, tokenFor, API } from './lib.mjs';

const MiB = 1024 * 1024;
const KiB = 1024;

/**
 * One request over a fresh connection with node:http. `body` is sent in pieces of 64 KiB;
 * with `partial`, only that many bytes of the declared Content-Length are sent and the
 * request is never finished. `chunked` sends the body with Transfer-Encoding: chunked.
 * Resolves with the whole answer; rejects if the connection fails before the answer is
 * complete (a reset), or after 30 s.
 */
function rawRequest(method, path, { headers = {}, body = Buffer.alloc(0), declared, partial, chunked = false } = {}) {
  return new Promise((resolve, reject) => {
    const url = new URL(API + path);
    const h = { ...headers, Connection: 'close' };
    if (!chunked) h['Content-Length'] = declared ?? body.length;
    const req = http.request({ method, hostname: url.hostname, port: url.port, path: url.pathname + url.search, headers: h, agent: false });
    let settled = false;
    const finish = (fn, v) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn(v);
    };
    const timer = setTimeout(() => {
      req.destroy();
      finish(reject, new Error(`no complete answer within 30 s to ${method} ${path}`));
    }, 30000);
    req.on('response', (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('error', (err) => finish(reject, new Error(`answer broken off: ${err.code || err.message}`)));
      res.on('end', () => {
        const buf = Buffer.concat(chunks);
        let json = null;
        try {
          json = JSON.parse(buf.toString('utf8'));
        } catch {
          json = null;
        }
        if (partial !== undefined) req.destroy();
        finish(resolve, { status: res.statusCode, json, headers: new Headers(res.headers), buf, text: buf.toString('utf8') });
      });
    });
    req.on('error', (err) => finish(reject, new Error(`connection failed before the answer: ${err.code || err.message}`)));
    if (partial !== undefined) req.flushHeaders(); // node holds the headers back until the first body byte
    const toSend = partial !== undefined ? body.subarray(0, partial) : body;
    let off = 0;
    const pump = () => {
      while (off < toSend.length) {
        const piece = toSend.subarray(off, off + 64 * KiB);
        off += piece.length;
        if (!req.write(piece)) return req.once('drain', pump);
      }
      if (partial === undefined) req.end();
    };
    req.on('error', () => {}); // a write after the answer may fail once the server stops reading; the answer counts
    pump();
  });
}

async function healthy() {
  const h = await api('GET', '/health');
  assert.equal(h.status, 200, `server unhealthy: ${show(h)}`);
}

function expectTooLarge(res, status, code, limitText) {
  const e = expectError(res, status, code);
  assert.ok(e.message.includes(limitText), `message should name the limit ${limitText}: ${show(res)}`);
  assert.equal(res.headers.get('connection'), 'close', 'the refused connection is closed after the answer');
  assert.match(res.headers.get('content-type') || '', /application\/json/);
}

test('JSON route: a body of 1 MiB + 1 → 413 payload_too_large naming 1 MiB', async () => {
  const token = await tokenFor('hr');
  const body = Buffer.alloc(MiB + 1, 0x20);
  const res = await rawRequest('POST', '/branches', {
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body,
  });
  expectTooLarge(res, 413, 'payload_too_large', '1 MiB');
  // In English on request.
  const en = await rawRequest('POST', '/auth/login', {
    headers: { 'Content-Type': 'application/json', 'Accept-Language': 'en' },
    body,
  });
  expectTooLarge(en, 413, 'payload_too_large', 'limit 1 MiB');
  // Exactly 1 MiB is read and parsed (400: spaces are not a JSON object), not refused.
  const at = await rawRequest('POST', '/branches', {
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: Buffer.alloc(MiB, 0x20),
  });
  expectError(at, 400, 'invalid_json');
  await healthy();
});

test('CSV import: a body of 20 MiB + 1 → 413 naming 20 MiB', async () => {
  const token = await tokenFor('hr');
  const res = await rawRequest('POST', '/employees/import?dry_run=true', {
    headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${token}` },
    body: Buffer.alloc(20 * MiB + 1, 0x41),
  });
  expectTooLarge(res, 413, 'payload_too_large', '20 MiB');
  await healthy();
});

test('upload: a file of 10 MiB + 1 → 413 naming 10 MiB; a request over the limit is refused unread', async () => {
  const token = await tokenFor('employee');
  const boundary = `----luodi${Date.now()}`;
  const file = Buffer.alloc(10 * MiB + 1, 0x41);
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const headers = { 'Content-Type': `multipart/form-data; boundary=${boundary}`, Authorization: `Bearer ${token}` };
  const res = await rawRequest('POST', '/files', { headers, body });
  const e = expectError(res, 413, 'payload_too_large');
  assert.ok(e.message.includes('10 MiB'), show(res));
  // Past the file limit plus the 64 KiB allowed for multipart framing, the answer comes from
  // the headers alone: only 1 MiB of the declared 11 MiB is ever sent.
  const unread = await rawRequest('POST', '/files', {
    headers,
    body: Buffer.alloc(MiB, 0x41),
    declared: 11 * MiB,
    partial: MiB,
  });
  expectTooLarge(unread, 413, 'payload_too_large', '10 MiB');
  await healthy();
});

test('a declared Content-Length over the limit is answered 413 while the body is still unsent', async () => {
  const token = await tokenFor('hr');
  const res = await rawRequest('POST', '/branches', {
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: Buffer.alloc(64 * KiB, 0x20),
    declared: 5 * MiB,
    partial: 64 * KiB,
  });
  expectTooLarge(res, 413, 'payload_too_large', '1 MiB');
  // Headers only, no body byte at all.
  const none = await rawRequest('PUT', '/points/rules', {
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    declared: 2 * MiB,
    partial: 0,
  });
  expectTooLarge(none, 413, 'payload_too_large', '1 MiB');
  await healthy();
});

test('a chunked body growing past the limit → 413 as well', async () => {
  const token = await tokenFor('hr');
  const res = await rawRequest('POST', '/branches', {
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: Buffer.alloc(MiB + 64 * KiB, 0x20),
    chunked: true,
  });
  expectTooLarge(res, 413, 'payload_too_large', '1 MiB');
  // A small chunked body still works.
  const ok = await rawRequest('POST', '/auth/login', {
    headers: { 'Content-Type': 'application/json' },
    body: Buffer.from(JSON.stringify({ login: 'nobody-here', password: 'wrong-password' })),
    chunked: true,
  });
  expectError(ok, 401, 'invalid_credentials');
  await healthy();
});

test('a route without a body refuses one: 413', async () => {
  const token = await tokenFor('hr');
  const res = await rawRequest('GET', '/branches', { headers: { Authorization: `Bearer ${token}` }, body: Buffer.from('{}') });
  expectTooLarge(res, 413, 'payload_too_large', '');
  await healthy();
});

test('headers: 17 KiB → 431 naming 16 KiB; 15 KiB are fine; a 17 KiB request line → 414', async () => {
  const big = await rawRequest('GET', '/health', { headers: { 'X-Pad': 'p'.repeat(17 * KiB) } });
  expectTooLarge(big, 431, 'request_header_fields_too_large', '16 KiB');
  const many = await rawRequest('GET', '/health', {
    headers: Object.fromEntries(Array.from({ length: 24 }, (_, i) => [`X-Pad-${i}`, 'p'.repeat(730)])),
  });
  expectTooLarge(many, 431, 'request_header_fields_too_large', '16 KiB');
  const fine = await rawRequest('GET', '/health', { headers: { 'X-Pad': 'p'.repeat(15 * KiB) } });
  assert.equal(fine.status, 200, show(fine));
  const tooMany = await rawRequest('GET', '/health', {
    headers: Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`X-F${i}`, 'v'])),
  });
  expectTooLarge(tooMany, 431, 'request_header_fields_too_large', '100');
  const longUrl = await rawRequest('GET', `/health?pad=${'q'.repeat(17 * KiB)}`, { headers: { 'Accept-Language': 'en' } });
  expectTooLarge(longUrl, 414, 'uri_too_long', '16 KiB');
  await healthy();
});

test('after many refusals in a row the server still answers everything else', async () => {
  const token = await tokenFor('hr');
  const refusals = [];
  for (let i = 0; i < 20; i++)
    refusals.push(
      rawRequest('POST', '/branches', {
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: Buffer.alloc(256 * KiB, 0x20),
        declared: 2 * MiB,
        partial: 256 * KiB,
      }),
    );
  for (const res of await Promise.all(refusals)) expectTooLarge(res, 413, 'payload_too_large', '1 MiB');
  await healthy();
  const list = await api('GET', '/branches', { token });
  assert.equal(list.status, 200, show(list));
});
