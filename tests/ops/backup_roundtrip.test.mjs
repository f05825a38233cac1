// Backup and restore round trip: a backup taken while a server writes,
// restored into an empty database, holds exactly what the archive says
// (per-table row counts and content hashes, file hashes), and the restored
// system serves the same reflections and photos. Also across engines, and
// the refusals (non-empty target, damaged archive).
//
// Environment (see ops_lib.mjs): LUODI_OPS_DB (empty source),
// LUODI_OPS_RESTORE_DB (empty target, same engine), optionally
// LUODI_OPS_CROSS_DB (empty target of the other engine).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DB, DB_KIND, WORK, Server, luodi, luodiOk, sha256, sleep } from './ops_lib.mjs';

const { api, show, login, makePng, uploadFile, uid, employeeByNo } = await import('../http/lib.mjs');

const RESTORE_DB = process.env.LUODI_OPS_RESTORE_DB || `sqlite:${WORK}/restored.db`;
const CROSS_DB = process.env.LUODI_OPS_CROSS_DB || '';
const SRC_DATA = path.join(WORK, 'source-data');
const DST_DATA = path.join(WORK, 'restored-data');
const ARCHIVE = path.join(WORK, 'live.tar.gz');
const DAY = 86400e3;

const server = new Server(DB, SRC_DATA, 'backup-source-server');
let hr;
let emp;
let first; // what was written before the backup: {training, text, photos: [{id, bytes}]}

function at(ms) {
  return new Date(Math.floor((Date.now() + ms) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Content of a manifest: what a restore must reproduce (not where or when it was made). */
function content(m) {
  return {
    schema_version: m.schema_version,
    tables: m.tables.map((t) => [t.name, t.rows, t.sha256]),
    blobs: m.blobs.map((b) => [b.sha256, b.size]),
  };
}

async function manifestOf(db, dataDir) {
  return JSON.parse((await luodiOk(['backup', '--manifest-only', '--db', db, '--data-dir', dataDir])).stdout);
}

async function verify(file) {
  const r = await luodiOk(['backup', '--verify', file]);
  return JSON.parse(r.stdout);
}

/** A reflection training for `employeeId` with its session over. */
async function reflectionTraining(employeeId) {
  const course = await api('POST', '/courses', { token: hr, body: { title: `备份课程${uid(6)}`, category: 'professional', credit_hours: 1 } });
  assert.equal(course.status, 201, show(course));
  const t = await api('POST', '/trainings', {
    token: hr,
    body: {
      course_id: course.json.id,
      title: `备份培训${uid(6)}`,
      sessions: [{ start_at: at(-DAY - 7200e3), end_at: at(-DAY), place: '二号会议室', credit_hours: 1 }],
      audience: { departments: [], employees: [employeeId], roles: [], job_levels: [] },
      required: true,
      assignment: { min_chars: 10, due_days_after_end: 3, attachments_allowed: true, max_attachments: 3 },
    },
  });
  assert.equal(t.status, 201, show(t));
  const p = await api('POST', `/trainings/${t.json.id}/publish`, { token: hr });
  assert.equal(p.status, 200, show(p));
  return t.json.id;
}

before(async () => {
  rmSync(SRC_DATA, { recursive: true, force: true });
  rmSync(DST_DATA, { recursive: true, force: true });
  await luodiOk(['seed', '--demo', '--db', DB]);
  await server.start();
  hr = await login('hr');
  emp = await login('employee');
});

after(async () => {
  await server.stop();
});

test(`${DB_KIND}: a backup taken while the server writes restores into an empty database identically`, { timeout: 180000 }, async () => {
  // Activity with files: a reflection with three photos of notes.
  const wang = await employeeByNo('E0005', hr);
  const training = await reflectionTraining(wang.id);
  const photos = [];
  for (let i = 0; i < 3; i++) {
    const bytes = makePng(40 + i, 30, 100 + i);
    const up = await uploadFile(emp, bytes, `笔记${i}.png`, 'image/png');
    assert.equal(up.status, 201, show(up));
    photos.push({ id: up.json.id, bytes });
  }
  const text = `备份之前写下的心得：${uid(20)}，培训内容已经用在客户拜访中。`;
  const sub = await api('PUT', `/trainings/${training}/submission`, {
    token: emp,
    body: { text, attachments: photos.map((p) => p.id), submit: true },
  });
  assert.equal(sub.status, 200, show(sub));
  first = { training, text, photos, submission: sub.json };

  // A writer that keeps going while the backup runs: uploads, resubmissions, points.
  let writing = true;
  let writes = 0;
  let writerDone = false;
  const writer = (async () => {
    const t2 = await reflectionTraining(wang.id);
    for (let i = 0; writing; i++) {
      const up = await uploadFile(emp, makePng(8, 8, 1000 + i), `写入${i}.png`, 'image/png');
      assert.equal(up.status, 201, show(up));
      const s = await api('PUT', `/trainings/${t2}/submission`, {
        token: emp,
        body: { text: `第${i}次修改的心得，内容足够长。${uid(8)}`, attachments: [up.json.id], submit: true },
      });
      assert.equal(s.status, 200, show(s));
      const adj = await api('POST', '/points/adjustments', { token: hr, body: { employee_id: wang.id, amount: 1, reason: `备份期间${i}` } });
      assert.equal(adj.status, 201, show(adj));
      writes++;
    }
  })().finally(() => {
    writerDone = true;
  });
  while (writes < 3 && !writerDone) await sleep(10);
  const writesBefore = writes;
  const backup = await luodi(['backup', '--db', DB, '--data-dir', SRC_DATA, '--out', ARCHIVE]);
  const writesDuring = writes - writesBefore;
  while (writes < writesBefore + writesDuring + 3 && !writerDone) await sleep(10); // and on after it
  writing = false;
  await writer;
  assert.equal(backup.code, 0, backup.stderr);
  assert.match(backup.stdout, /^backup written to /);
  assert.match(backup.stderr, /backup: table \d+\/\d+ employees: 60 rows/, 'progress lines on stderr');
  assert.ok(!existsSync(`${ARCHIVE}.partial`));
  assert.equal(statSync(ARCHIVE).mode & 0o077, 0, 'the archive is readable by its owner only');

  const archived = await verify(ARCHIVE);
  assert.equal(archived.format, 'luodi-backup');
  assert.equal(archived.dialect, DB_KIND);
  for (const p of photos) assert.ok(archived.blobs.some((b) => b.sha256 === sha256(p.bytes)), 'a photo uploaded before the backup is missing');

  const restore = await luodi(['restore', '--db', RESTORE_DB, '--data-dir', DST_DATA, '--in', ARCHIVE]);
  assert.equal(restore.code, 0, restore.stderr);
  assert.match(restore.stdout, /^restored /);
  assert.match(restore.stderr, /restore: table \d+\/\d+ employees: 60 rows/);
  const restored = await manifestOf(RESTORE_DB, DST_DATA);
  assert.deepEqual(content(restored), content(archived));
  for (const b of archived.blobs) {
    const file = path.join(DST_DATA, 'blobs', b.sha256.slice(0, 2), b.sha256.slice(2));
    assert.equal(sha256(readFileSync(file)), b.sha256);
  }
  console.log(
    `backup ${DB_KIND}: ${archived.totals.tables} tables, ${archived.totals.rows} rows, ${archived.totals.blobs} files; ` +
      `${writesDuring} writer rounds finished during the backup; archive ${statSync(ARCHIVE).size} bytes`,
  );

  // The restored system serves what was written before the backup.
  await server.stop();
  const copy = new Server(RESTORE_DB, DST_DATA, 'backup-restored-server');
  await copy.start();
  try {
    const token = await login('employee');
    const g = await api('GET', `/trainings/${training}/submission`, { token });
    assert.equal(g.status, 200, show(g));
    assert.equal(g.json.text, text);
    assert.deepEqual(g.json.attachments.map((a) => a.id), photos.map((p) => p.id));
    for (const p of photos) {
      const dl = await api('GET', `/files/${p.id}`, { token });
      assert.equal(dl.status, 200, show(dl));
      assert.ok(dl.buf.equals(p.bytes), 'a restored photo differs');
    }
    // New rows get new ids.
    const more = await uploadFile(token, makePng(5, 5, 7), '恢复后.png', 'image/png');
    assert.equal(more.status, 201, show(more));
    assert.ok(more.json.id > Math.max(...photos.map((p) => p.id)), show(more));
  } finally {
    await copy.stop();
  }
});

test(`${DB_KIND}: a backup of a quiet database equals it exactly, also restored into the other engine and back`, { timeout: 180000 }, async () => {
  const source = await manifestOf(DB, SRC_DATA);
  const file = path.join(WORK, 'quiet.tar.gz');
  await luodiOk(['backup', '--db', DB, '--data-dir', SRC_DATA, '--out', file]);
  assert.deepEqual(content(await verify(file)), content(source));
  if (!CROSS_DB) {
    console.log('backup: LUODI_OPS_CROSS_DB not set; the cross-engine restore was skipped');
    return;
  }
  const crossData = path.join(WORK, 'cross-data');
  rmSync(crossData, { recursive: true, force: true });
  await luodiOk(['restore', '--db', CROSS_DB, '--data-dir', crossData, '--in', file]);
  assert.deepEqual(content(await manifestOf(CROSS_DB, crossData)), content(source), `${DB_KIND} → other engine`);
  if (DB_KIND === 'sqlite') {
    // ... and from PostgreSQL back into a new SQLite file.
    const back = path.join(WORK, 'back.tar.gz');
    await luodiOk(['backup', '--db', CROSS_DB, '--data-dir', crossData, '--out', back]);
    const backDb = `sqlite:${WORK}/back.db`;
    rmSync(`${WORK}/back.db`, { force: true });
    const backData = path.join(WORK, 'back-data');
    rmSync(backData, { recursive: true, force: true });
    await luodiOk(['restore', '--db', backDb, '--data-dir', backData, '--in', back]);
    assert.deepEqual(content(await manifestOf(backDb, backData)), content(source), 'back into SQLite');
  }
});

test(`${DB_KIND}: restore refuses a database that has rows, and leaves it as it was`, async () => {
  const beforeRestore = await manifestOf(RESTORE_DB, DST_DATA);
  const r = await luodi(['restore', '--db', RESTORE_DB, '--data-dir', DST_DATA, '--in', ARCHIVE]);
  assert.equal(r.code, 1, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stderr, /not empty/);
  assert.deepEqual(content(await manifestOf(RESTORE_DB, DST_DATA)), content(beforeRestore));
});

test(`${DB_KIND}: damaged or cut archives are refused by --verify and by restore`, async () => {
  const bytes = readFileSync(ARCHIVE);
  const flipped = Buffer.from(bytes);
  flipped[Math.floor(flipped.length / 2)] ^= 0x55;
  const cut = bytes.subarray(0, Math.floor(bytes.length * 0.7));
  for (const [name, buf] of [['flipped', flipped], ['cut', cut]]) {
    const file = path.join(WORK, `${name}.tar.gz`);
    writeFileSync(file, buf);
    const v = await luodi(['backup', '--verify', file]);
    assert.equal(v.code, 1, `${name}: ${v.stdout}\n${v.stderr}`);
    assert.match(v.stderr, /luodi: error: /);
    const target = `sqlite:${WORK}/${name}.db`;
    rmSync(`${WORK}/${name}.db`, { force: true });
    const r = await luodi(['restore', '--db', target, '--data-dir', path.join(WORK, `${name}-data`), '--in', file]);
    assert.equal(r.code, 1, `${name}: restore accepted a damaged archive`);
    const m = await manifestOf(target, path.join(WORK, `${name}-data`));
    assert.equal(m.totals.rows, 0, `${name}: a refused restore left rows behind`);
  }
  copyFileSync(ARCHIVE, path.join(WORK, 'intact.tar.gz'));
  assert.equal((await luodi(['backup', '--verify', path.join(WORK, 'intact.tar.gz')])).code, 0);
});

test('backup: usage errors exit 2, a missing database file exits 1', async () => {
  assert.equal((await luodi(['backup', '--db', DB])).code, 2);
  assert.equal((await luodi(['backup', '--out', 'x', '--manifest-only'])).code, 2);
  assert.equal((await luodi(['restore', '--db', RESTORE_DB])).code, 2);
  const missing = await luodi(['backup', '--db', `sqlite:${WORK}/no-such.db`, '--out', path.join(WORK, 'x.tar.gz')]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no database file/);
});
