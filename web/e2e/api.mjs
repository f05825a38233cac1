// HTTP helpers the browser tests share to set up data through the API.
import assert from 'node:assert/strict';
import { BASE_URL } from './browser.mjs';

export const PASSWORD = 'demo1234';

/** One API call; `json` is the parsed body (or the text if it is not JSON). */
export async function api(method, path, { token, body } = {}) {
  const res = await fetch(`${BASE_URL}/api/v1${path}`, {
    method,
    headers: {
      Accept: 'application/json',
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: res.status, json };
}

/** Awaits a call, asserts its status, returns its JSON. */
export async function expectOk(promise, what, status = 200) {
  const res = await promise;
  assert.equal(res.status, status, `${what}: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json;
}

export async function tokenFor(login, password = PASSWORD) {
  return (await expectOk(api('POST', '/auth/login', { body: { login, password } }), `login ${login}`)).token;
}
