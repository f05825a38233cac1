// scripts/check-deps: passes on the real scripts/setup, and fails naming the package when a
// package the build needs is taken out of setup's PACKAGES list. Needs a finished Ninja build.
//
//   LUODI_BUILD_DIR   the build directory to check (default: build)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BUILD = resolve(ROOT, process.env.LUODI_BUILD_DIR || 'build');
const CHECK = join(ROOT, 'scripts/check-deps');

function checkDeps(...args) {
  const r = spawnSync(CHECK, ['--build', BUILD, ...args], { encoding: 'utf8', timeout: 120000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** A copy of scripts/setup whose PACKAGES list lacks `pkg`. */
function setupWithout(pkg) {
  const text = readFileSync(join(ROOT, 'scripts/setup'), 'utf8');
  const pattern = new RegExp(`(?<=[ (])${pkg.replace(/[.+]/g, '\\$&')}(?=[ )\\n])`);
  assert.match(text, pattern, `${pkg} is in scripts/setup`);
  const dir = mkdtempSync(join(tmpdir(), 'check-deps-'));
  const file = join(dir, 'setup');
  writeFileSync(file, text.replace(pattern, ''));
  return { file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

test('passes on the real scripts/setup', () => {
  const r = checkDeps();
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /every package the build uses is installed/);
});

test('fails naming libsoci-dev when it is taken out of setup', () => {
  const s = setupWithout('libsoci-dev');
  try {
    const r = checkDeps('--setup', s.file);
    assert.equal(r.status, 1, r.out);
    assert.match(r.out, /^ {2}libsoci-dev +\(e\.g\. \/usr\/include\/soci\//m);
  } finally {
    s.cleanup();
  }
});

test('fails naming the Boost headers package when libboost-dev is taken out of setup', () => {
  // SOCI's headers include Boost, but libsoci-dev does not depend on it: only setup's own
  // libboost-dev brings the headers in (they belong to libboost1.NN-dev).
  const s = setupWithout('libboost-dev');
  try {
    const r = checkDeps('--setup', s.file);
    assert.equal(r.status, 1, r.out);
    assert.match(r.out, /^ {2}libboost[0-9.]*-dev +\(e\.g\. \/usr\/include\/boost\//m);
  } finally {
    s.cleanup();
  }
});

test('a missing build or setup file is an error of its own (exit 2), not a pass', () => {
  assert.equal(spawnSync(CHECK, ['--build', join(tmpdir(), 'no-such-build')], { encoding: 'utf8' }).status, 2);
  assert.equal(checkDeps('--setup', join(tmpdir(), 'no-such-setup')).status, 2);
});
