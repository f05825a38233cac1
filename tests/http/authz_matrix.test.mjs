// The authorization matrix: every operation of api/openapi.yaml (read from the
// running server's /openapi.json, so a new route cannot be forgotten) × every
// role × {an object in the role's scope, one out of it, one in the other tenant},
// each answer compared with the expected outcome in authz_table.mjs. A route
// missing from the table fails the test. The report counts cells and leaks
// (a cell that should have been refused but was answered).
//
// Outcome letters: A answered (any status but 401/403/404/405/5xx: a 400/409/422
// means the request passed the access policy and was judged on its content),
// N 404, F 403, D 403 or 404, U 401, - not applicable (skipped).
//
// LUODI_AUTHZ_PRINT=1 prints the observed matrix in the table's format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, DB_KIND } from './lib.mjs';
import { fixture, ROLES } from './authz_fixture.mjs';
import { TABLE, QUERY, BODY, PERSON_IN_BODY } from './authz_table.mjs';

const KIND_OF = [
  [/^\/branches\/\{id\}/, 'branch'],
  [/^\/departments\/\{id\}/, 'department'],
  [/^\/employees\/\{id\}/, 'employee'],
  [/^\/courses\/\{id\}/, 'course'],
  [/^\/trainings\/\{id\}/, 'training'],
  [/^\/sessions\/\{id\}/, 'session'],
  [/^\/files\/\{id\}/, 'file'],
  [/^\/submissions\/\{id\}/, 'submission'],
  [/^\/questions\/\{id\}/, 'question'],
  [/^\/exam-attempts\/\{id\}/, 'attempt'],
  [/^\/instructors\/\{employee_id\}/, 'employee'],
  [/^\/performance\/cycles\/\{id\}/, 'cycle'],
  [/^\/performance\/templates\/\{id\}/, 'template'],
  [/^\/rewards\/\{id\}/, 'reward'],
  [/^\/redemptions\/\{id\}/, 'redemption'],
];
const COLUMNS = ['in', 'out', 'other'];

function letter(status) {
  if (status === 401) return 'U';
  if (status === 403) return 'F';
  if (status === 404) return 'N';
  if (status === 405) return 'M';
  if (status >= 500) return '5';
  return 'A';
}

function matches(expected, got) {
  if (expected === '-') return true;
  if (expected === 'D') return got === 'F' || got === 'N';
  return expected === got;
}

const REFUSALS = new Set(['U', 'F', 'N', 'D']);

async function operations() {
  const res = await api('GET', '/openapi.json');
  assert.equal(res.status, 200);
  const ops = [];
  for (const [path, item] of Object.entries(res.json.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      if (item[method]) ops.push({ key: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path, op: item[method] });
    }
  }
  return ops;
}

/** The object id for a kind in a column, for a role. */
function objectFor(fx, kind, role, column) {
  if (column === 'other') return role === 't2_hr' ? fx.firstTenant[kind] : fx.foreign[kind];
  const pair = fx.pairs[kind][role];
  return column === 'in' ? pair[0] : pair[1];
}

/** Session → the person enrolled in its training (for /sessions/{id}/attendance/{employee_id}). */
function attendeeOf(fx, sessionId) {
  const { tTaught, tTech, tInst, t2t } = fx.trainings;
  const { emp, out, inp, p2 } = fx.people;
  for (const [t, p] of [[tTaught, emp], [tTech, out], [tInst, inp], [t2t, p2]]) if (t.sessions[0].id === sessionId) return p.id;
  throw new Error(`no attendee for session ${sessionId}`);
}

async function urlFor(fx, op, role, column) {
  const m = KIND_OF.find(([re]) => re.test(op.path));
  let path = op.path;
  let id = null;
  if (m) {
    const kind = m[1];
    if (op.method === 'DELETE' && fx.fresh[kind]) {
      const places = fx.freshPlaces[role];
      const place = column === 'other' ? (role === 't2_hr' ? 'tech' : 'foreign') : places[column === 'in' ? 0 : 1];
      id = await fx.fresh[kind](place);
    } else {
      id = objectFor(fx, kind, role, column);
    }
    path = path.replace(/\{id\}|\{employee_id\}/, String(id));
    if (path.includes('{employee_id}')) path = path.replace('{employee_id}', String(attendeeOf(fx, id)));
  }
  const q = QUERY[op.key];
  if (q) path += `?${q(fx, id, role, column)}`;
  return { path, id };
}

test(`authorization matrix on ${DB_KIND}: every operation × role × scope answers as the table says`, { timeout: 600000 }, async () => {
  const fx = await fixture();
  const ops = await operations();
  const missing = ops.filter((o) => !TABLE[o.key]).map((o) => o.key);
  const stale = Object.keys(TABLE).filter((k) => !ops.some((o) => o.key === k));
  const observed = {};
  const failures = [];
  let cells = 0;
  let leaks = 0;
  for (const op of ops) {
    const row = TABLE[op.key] || {};
    observed[op.key] = {};
    for (const role of ROLES) {
      const expected = row[role] || '';
      let got = '';
      for (let ci = 0; ci < COLUMNS.length; ci++) {
        const column = COLUMNS[ci];
        const hasObject = KIND_OF.some(([re]) => re.test(op.path)) || PERSON_IN_BODY.has(op.key);
        if (!hasObject && column !== 'in') break;
        const want = expected[ci] || '?';
        if (want === '-') {
          got += '-';
          continue;
        }
        const { path, id } = await urlFor(fx, op, role, column);
        let token = fx.tokens[role];
        if (op.key === 'POST /auth/logout' && token) token = await fx.freshToken(role);
        const opts = { token };
        if (['POST', 'PUT', 'PATCH'].includes(op.method)) {
          const b = BODY[op.key] ? BODY[op.key](fx, role, column, id) : {};
          if (b && b.raw !== undefined) Object.assign(opts, { raw: b.raw, headers: b.headers || {} });
          else opts.body = b;
        }
        const res = await api(op.method, path, opts);
        const l = letter(res.status);
        got += l;
        cells++;
        if (!matches(want, l)) {
          const leak = REFUSALS.has(want) && l === 'A';
          if (leak) leaks++;
          failures.push(`${leak ? 'LEAK ' : ''}${op.key} as ${role} on ${column} (${path}): expected ${want}, got ${res.status} ${res.text.slice(0, 160)}`);
        }
      }
      observed[op.key][role] = got;
    }
  }
  if (process.env.LUODI_AUTHZ_PRINT) {
    for (const [k, v] of Object.entries(observed)) {
      console.log(`  '${k}': { ${ROLES.map((r) => `${r}: '${v[r]}'`).join(', ')} },`);
    }
  }
  console.log(`# authorization matrix (${DB_KIND}): ${ops.length} operations, ${cells} cells checked, ${failures.length} mismatches, ${leaks} leaks`);
  assert.deepEqual(missing, [], `operations missing from tests/http/authz_table.mjs:\n${missing.join('\n')}`);
  assert.deepEqual(stale, [], `table rows for operations that no longer exist:\n${stale.join('\n')}`);
  assert.equal(failures.length, 0, `\n${failures.join('\n')}`);
});

// Lists answer through the same policy: no list shows a person (or a branch's
// object) outside the caller's scope. The fixture's people are known, so each
// list is checked for the ones a role must not see.
test(`lists are filtered by the same policy on ${DB_KIND}`, { timeout: 300000 }, async () => {
  const fx = await fixture();
  const { emp, col, mgr, ins, out, inp, p2 } = fx.people;
  const hidden = {
    employee: [col, mgr, ins, out, inp, p2],
    manager: [ins, out, inp, p2],
    instructor: [out, inp, p2], // an instructor sees the people of the trainings they teach
    branch_hr: [emp, col, mgr, ins, out, p2],
    tenant_hr: [p2],
    sysadmin: [p2],
    t2_hr: [emp, col, mgr, ins, out, inp],
  };
  const { tech, inst, t2branch } = fx.branches;
  const hiddenBranches = {
    branch_hr: [tech.id, t2branch.id],
    tenant_hr: [t2branch.id],
    sysadmin: [t2branch.id],
    t2_hr: [tech.id, inst.id],
  };
  const ids = (field) => (json) => (json.items || []).map((i) => i[field]);
  const lists = [
    ['/employees?limit=200', ids('id')],
    ['/redemptions', ids('employee_id')],
    ['/redemptions?pending_for=me', ids('employee_id')],
    ['/entitlements?limit=200', ids('employee_id')],
    // A leaderboard shows colleagues by design (with a privacy option); only the tenant wall is checked.
    ['/leaderboards/points?scope=company&period=all', ids('employee_id'), 'tenant'],
    [`/performance/cycles/${fx.cycles.cTech.cycle.id}/scores?limit=200`, ids('employee_id')],
    [`/performance/cycles/${fx.cycles.cInst.cycle.id}/scores?limit=200`, ids('employee_id')],
    [`/trainings/${fx.trainings.tTaught.id}/enrollments`, ids('employee_id')],
    [`/trainings/${fx.trainings.tTech.id}/enrollments`, ids('employee_id')],
    [`/reviews/queue?training_id=${fx.trainings.tTaught.id}`, ids('employee_id')],
    [`/reviews/queue?training_id=${fx.trainings.tInst.id}`, ids('employee_id')],
  ];
  const branchLists = [
    ['/branches', ids('id')],
    ['/departments?limit=1000', ids('branch_id')],
    ['/trainings?limit=200', ids('branch_id')],
    ['/performance/cycles', ids('branch_id')],
    ['/audit?limit=200', ids('branch_id')],
  ];
  const failures = [];
  let checked = 0;
  for (const [role, people] of Object.entries(hidden)) {
    const token = fx.tokens[role];
    const bad = new Set(people.map((p) => p.id));
    const otherTenant = new Set((role === 't2_hr' ? [emp, col, mgr, ins, out, inp] : [p2]).map((p) => p.id));
    for (const [path, extract, only] of lists) {
      const res = await api('GET', path, { token });
      if (res.status !== 200) continue;
      checked++;
      const seen = extract(res.json).filter((id) => (only === 'tenant' ? otherTenant : bad).has(id));
      if (seen.length) failures.push(`LEAK ${role} GET ${path} shows out-of-scope people ${seen.join(',')}`);
    }
    const badBranches = new Set(hiddenBranches[role] || []);
    for (const [path, extract] of branchLists) {
      if (!badBranches.size) break;
      const res = await api('GET', path, { token });
      if (res.status !== 200) continue;
      checked++;
      const seen = extract(res.json).filter((id) => badBranches.has(id));
      if (seen.length) failures.push(`LEAK ${role} GET ${path} shows objects of branches ${[...new Set(seen)].join(',')}`);
    }
  }
  console.log(`# list filtering (${DB_KIND}): ${checked} lists checked, ${failures.length} leaks`);
  assert.equal(failures.length, 0, `\n${failures.join('\n')}`);
});
