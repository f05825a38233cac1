// Excel export and the audit log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, show, expectError, expectList, tokenFor, loginFull, createEmployee, randomHan, unzip, DEMO_PASSWORD } from './lib.mjs';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** All text inside the workbook's XML parts. */
function workbookText(buf) {
  const files = unzip(buf);
  assert.ok(files.has('[Content_Types].xml'), `not an OOXML package: ${[...files.keys()]}`);
  assert.ok([...files.keys()].some((n) => n.startsWith('xl/worksheets/')), 'no worksheet');
  return [...files.entries()]
    .filter(([n]) => n.endsWith('.xml'))
    .map(([, b]) => b.toString('utf8'))
    .join('\n');
}

test('export.xlsx: 200, xlsx content type, a zip with Chinese headers and the employees', async () => {
  const token = await tokenFor('hr');
  const res = await api('GET', '/employees/export.xlsx', { token });
  assert.equal(res.status, 200, show(res));
  assert.ok((res.headers.get('content-type') || '').startsWith(XLSX), `content-type ${res.headers.get('content-type')}`);
  assert.equal(res.buf.subarray(0, 2).toString('latin1'), 'PK', 'body is not a zip');
  const text = workbookText(res.buf);
  for (const h of ['工号', '姓名', '部门']) assert.ok(text.includes(h), `no header ${h}`);
  assert.ok(text.includes('王小雨') && text.includes('E0005'), 'demo employee missing from the export');
});

test('export.xlsx with q filter holds only the matches', async () => {
  const token = await tokenFor('hr');
  const e = await createEmployee({ name: `导出${randomHan(4)}` });
  const res = await api('GET', `/employees/export.xlsx?q=${encodeURIComponent(e.name)}`, { token });
  assert.equal(res.status, 200, show(res));
  assert.ok((res.headers.get('content-type') || '').startsWith(XLSX));
  assert.equal(res.buf.subarray(0, 2).toString('latin1'), 'PK');
  const text = workbookText(res.buf);
  assert.ok(text.includes(e.name), 'filtered export lacks the match');
  assert.ok(text.includes(e.employee_no));
  assert.ok(!text.includes('王小雨'), 'filtered export holds others');
  expectError(await api('GET', '/employees/export.xlsx'), 401, 'unauthorized');
});

test('audit: an employee PATCH is recorded with before, after and the actor', async () => {
  const hr = await loginFull('hr', DEMO_PASSWORD);
  const token = hr.token;
  const e = await createEmployee({ name: `审计${randomHan(3)}` });
  const newName = `${e.name}改`;
  const p = await api('PATCH', `/employees/${e.id}`, { token, body: { name: newName } });
  assert.equal(p.status, 200, show(p));

  const res = await api('GET', `/audit?entity=employee&entity_id=${e.id}`, { token });
  const body = expectList(res);
  const upd = body.items.find((a) => a.action === 'update');
  assert.ok(upd, `no update record: ${show(res)}`);
  assert.equal(upd.entity, 'employee');
  assert.equal(upd.entity_id, e.id);
  assert.equal(upd.before?.name, e.name);
  assert.equal(upd.after?.name, newName);
  assert.equal(upd.actor_id, hr.user.id);
  assert.equal(upd.actor_name, '陈静');
  assert.ok(!Number.isNaN(Date.parse(upd.at)));
  const created = body.items.find((a) => a.action === 'create');
  assert.ok(created, 'no create record');
  assert.equal(created.before, null);
  assert.equal(created.after?.name, e.name);
  // Newest first.
  assert.ok(body.items.indexOf(upd) < body.items.indexOf(created), 'not newest first');
  for (let i = 1; i < body.items.length; i++) {
    assert.ok(Date.parse(body.items[i - 1].at) >= Date.parse(body.items[i].at), 'not ordered newest first');
  }
  // No password hash ever appears in an audit record.
  assert.doesNotMatch(JSON.stringify(body), /argon2|password_hash/i);
});

test('audit: filters by action and actor, and rejects bad filters', async () => {
  const hr = await loginFull('hr', DEMO_PASSWORD);
  const token = hr.token;
  await createEmployee();
  const creates = expectList(await api('GET', `/audit?action=create&actor_id=${hr.user.id}&limit=20`, { token }));
  assert.ok(creates.items.length > 0);
  for (const a of creates.items) {
    assert.equal(a.action, 'create');
    assert.equal(a.actor_id, hr.user.id);
  }
  const future = expectList(await api('GET', `/audit?from=${encodeURIComponent('2999-01-01T00:00:00Z')}`, { token }));
  assert.deepEqual(future.items, []);
  expectError(await api('GET', '/audit?entity=spaceship', { token }), [400, 422], ['invalid_parameter', 'validation_failed'], [
    'entity',
  ]);
  expectError(await api('GET', '/audit?from=yesterday', { token }), [400, 422], ['invalid_parameter', 'validation_failed'], [
    'from',
  ]);
});
