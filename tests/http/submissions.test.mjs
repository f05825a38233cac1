// Training loop, part 3: files, reflections (心得), review, events.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, show, expectError, tokenFor, login, listAll, createLoginUser, makePng, uploadFile, uid, PNG_SIGNATURE } from './lib.mjs';
import { DAY, HOUR, sameInstant, people, reflectionTraining, myTraining, putSubmission, han } from './training_lib.mjs';

async function uploadPng(token, seed = 1) {
  const bytes = makePng(24, 16, seed);
  const res = await uploadFile(token, bytes, `笔记${seed}.png`, 'image/png');
  assert.equal(res.status, 201, `upload: ${show(res)}`);
  return { file: res.json, bytes };
}

// ---------------------------------------------------------------- files

test('files: upload a PNG → 201 with content_type and thumbnail; the uploader downloads the same bytes; anyone else (HR too, until it is attached) 404', async () => {
  const emp = await tokenFor('employee');
  const bytes = makePng(48, 32, 7);
  const res = await uploadFile(emp, bytes, '手写笔记.png', 'image/png');
  assert.equal(res.status, 201, show(res));
  const f = res.json;
  assert.ok(Number.isInteger(f.id) && f.id > 0, show(res));
  assert.equal(f.name, '手写笔记.png');
  assert.equal(f.content_type, 'image/png');
  assert.equal(f.size, bytes.length);
  assert.equal(typeof f.url, 'string');
  assert.ok(f.url.includes(`/files/${f.id}`), `url ${f.url}`);
  assert.equal(typeof f.thumbnail_url, 'string', `an image gets a thumbnail: ${show(res)}`);

  const dl = await api('GET', `/files/${f.id}`, { token: emp });
  assert.equal(dl.status, 200, show(dl));
  assert.match(dl.headers.get('content-type') || '', /^image\/png/);
  assert.ok(dl.buf.equals(bytes), 'downloaded bytes differ from the upload');

  const th = await api('GET', `/files/${f.id}/thumbnail`, { token: emp });
  assert.equal(th.status, 200, show(th));
  assert.match(th.headers.get('content-type') || '', /^image\//);
  assert.ok(th.buf.length > 20, 'empty thumbnail');
  assert.ok(f.thumbnail_url.includes(`/files/${f.id}/thumbnail`), `thumbnail_url ${f.thumbnail_url}`);

  // An upload attached to nothing yet belongs to no record: its uploader's alone, even for HR.
  expectError(await api('GET', `/files/${f.id}`, { token: await tokenFor('hr') }), 404, 'not_found');

  const other = await createLoginUser();
  const ot = await login(other.login, other.password);
  expectError(await api('GET', `/files/${f.id}`, { token: ot }), 404, 'not_found');
  expectError(await api('GET', `/files/${f.id}/thumbnail`, { token: ot }), 404, 'not_found');
  expectError(await api('GET', `/files/${f.id}`, { token: await tokenFor('instructor') }), 404, 'not_found');
  expectError(await api('GET', `/files/${f.id}`), 401, 'unauthorized');
});

test('files: type by content — text named photo.jpg → 415; PDF accepted; over 10 MB → 413; no file → 4xx', async () => {
  const emp = await tokenFor('employee');
  const fake = await uploadFile(emp, Buffer.from('这不是图片，只是一段文字。\n'.repeat(20)), 'photo.jpg', 'image/jpeg');
  expectError(fake, 415, 'unsupported_file_type');

  const exe = await uploadFile(emp, Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), 'notes.png', 'image/png');
  expectError(exe, 415, 'unsupported_file_type');

  const pdfBytes = Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    'latin1',
  );
  const pdf = await uploadFile(emp, pdfBytes, 'slides.bin', 'application/octet-stream');
  assert.equal(pdf.status, 201, show(pdf));
  assert.equal(pdf.json.content_type, 'application/pdf');
  assert.equal(pdf.json.size, pdfBytes.length);

  // A PNG named .jpg is still a PNG.
  const png = await uploadFile(emp, makePng(4, 4, 3), 'IMG_0001.jpg', 'image/jpeg');
  assert.equal(png.status, 201, show(png));
  assert.equal(png.json.content_type, 'image/png');

  const big = Buffer.alloc(11 * 1024 * 1024, 0x41);
  PNG_SIGNATURE.copy(big, 0);
  const tooBig = await uploadFile(emp, big, 'big.png', 'image/png');
  expectError(tooBig, 413, 'payload_too_large');

  // No `file` field.
  const fd = new FormData();
  fd.append('other', 'x');
  const none = await api('POST', '/files', { token: emp, raw: fd });
  expectError(none, [400, 422], ['validation_failed', 'invalid_parameter', 'invalid_json'], ['file']);
  // Not multipart.
  expectError(await api('POST', '/files', { token: emp, body: { file: 'x' } }), [400, 415, 422]);
  expectError(await uploadFile(undefined, makePng(), 'a.png', 'image/png'), 401, 'unauthorized');
});

// ---------------------------------------------------------------- submissions

test('submissions: 我的培训, draft, min_chars counted in characters, attachment, Idempotency-Key, resubmission', async () => {
  const { wang } = await people();
  const emp = await tokenFor('employee');
  const t = await reflectionTraining();
  const due = t.assignment.due_at;
  assert.ok(Date.parse(due) > Date.now(), 'due_at should be in the future here');

  let item = await myTraining(emp, t.id);
  assert.ok(item, '/me/trainings lacks the training');
  assert.equal(item.title, t.title);
  assert.equal(item.status, 'not_submitted');
  assert.equal(item.required, true);
  assert.equal(item.category, 'professional');
  assert.equal(item.submission_id, null);
  assert.equal(item.score, null);
  sameInstant(item.due_at, due, '/me/trainings due_at');
  assert.equal(item.assignment?.min_chars, 200);
  assert.equal(item.sessions.length, 1);
  expectError(await api('GET', `/trainings/${t.id}/submission`, { token: emp }), 404, 'not_found');

  // Draft: short text is fine.
  const draft = await putSubmission(emp, t.id, { text: '草稿：先记几句。', attachments: [], submit: false });
  assert.equal(draft.status, 200, show(draft));
  assert.equal(draft.json.status, 'draft');
  assert.equal(draft.json.training_id, t.id);
  assert.equal(draft.json.employee_id, wang.id);
  assert.equal(draft.json.text, '草稿：先记几句。');
  assert.equal(draft.json.submitted_at, null);
  item = await myTraining(emp, t.id);
  assert.equal(item.status, 'draft');
  assert.equal(item.submission_id, draft.json.id);
  const g = await api('GET', `/trainings/${t.id}/submission`, { token: emp });
  assert.equal(g.status, 200, show(g));
  assert.equal(g.json.text, '草稿：先记几句。');

  // Too short: 50 characters, and 199 Chinese characters (597 bytes) — counted in characters.
  expectError(await putSubmission(emp, t.id, { text: 'x'.repeat(50), submit: true }), 422, 'validation_failed', ['text']);
  const t199 = han(199);
  assert.equal(Buffer.byteLength(t199), 597);
  expectError(await putSubmission(emp, t.id, { text: t199, submit: true }), 422, 'validation_failed', ['text']);
  assert.equal((await myTraining(emp, t.id)).status, 'draft', 'a refused submit changed the status');

  // 200 Chinese characters with a photo: submitted.
  const { file } = await uploadPng(emp, 11);
  const text200 = han(200);
  const key = `k-${uid(16)}`;
  const body = { text: text200, attachments: [file.id], submit: true };
  const s1 = await putSubmission(emp, t.id, body, key);
  assert.equal(s1.status, 200, show(s1));
  assert.equal(s1.json.status, 'submitted');
  assert.equal(s1.json.late, false);
  assert.equal(s1.json.text, text200);
  assert.equal(s1.json.id, draft.json.id, 'submitting created a second submission');
  assert.ok(Number.isInteger(s1.json.version) && s1.json.version >= 1, show(s1));
  assert.ok(Math.abs(Date.parse(s1.json.submitted_at) - Date.now()) < 5 * 60 * 1000, show(s1));
  assert.equal(s1.json.attachments.length, 1);
  assert.equal(s1.json.attachments[0].id, file.id);
  assert.equal(s1.json.attachments[0].content_type, 'image/png');
  assert.equal(s1.json.score, null);
  assert.equal(s1.json.reviewed_at, null);

  // Retry with the same Idempotency-Key: the first answer, no new version.
  const s1b = await putSubmission(emp, t.id, body, key);
  assert.equal(s1b.status, 200, show(s1b));
  assert.equal(s1b.json.id, s1.json.id);
  assert.equal(s1b.json.version, s1.json.version, 'an idempotent retry wrote a new version');
  assert.equal(s1b.json.submitted_at, s1.json.submitted_at);
  const after = await api('GET', `/trainings/${t.id}/submission`, { token: emp });
  assert.equal(after.json.version, s1.json.version);

  // Resubmission with new text: version + 1, text replaced.
  const text2 = `修改后：${han(220)}`;
  const s2 = await putSubmission(emp, t.id, { text: text2, attachments: [file.id], submit: true }, `k-${uid(16)}`);
  assert.equal(s2.status, 200, show(s2));
  assert.equal(s2.json.id, s1.json.id);
  assert.equal(s2.json.version, s1.json.version + 1);
  assert.equal(s2.json.text, text2);
  assert.equal(s2.json.status, 'submitted');

  item = await myTraining(emp, t.id);
  assert.equal(item.status, 'submitted');
  assert.equal(item.submission_id, s1.json.id);
  const enr = await listAll(`/trainings/${t.id}/enrollments`, await tokenFor('hr'));
  assert.equal(enr.find((e) => e.employee_id === wang.id)?.submission_status, 'submitted');
  const missing = await listAll(`/trainings/${t.id}/enrollments?missing=true`, await tokenFor('hr'));
  assert.ok(!missing.some((e) => e.employee_id === wang.id), 'submitted employee listed as missing');

  const ev = await listAll('/events?kind=submission.submitted', await tokenFor('hr'));
  assert.ok(ev.some((e) => e.payload?.submission_id === s1.json.id), 'no submission.submitted event');
  // 我的培训 also tells whether the training itself is published.
  assert.equal(item.status_training, 'published', `status_training: ${JSON.stringify(item)}`);
});

test('submissions: attachments — too many, disallowed, someone else’s file → 422 attachments; not enrolled → 403/404', async () => {
  const emp = await tokenFor('employee');
  const t = await reflectionTraining({ assignment: { min_chars: 10, max_attachments: 2 } });
  const files = [];
  for (let i = 0; i < 3; i++) files.push((await uploadPng(emp, 20 + i)).file.id);
  expectError(
    await putSubmission(emp, t.id, { text: han(20), attachments: files, submit: true }),
    422,
    'validation_failed',
    ['attachments'],
  );
  const other = await createLoginUser();
  const ot = await login(other.login, other.password);
  const foreign = (await uploadPng(ot, 30)).file.id;
  const fr = await putSubmission(emp, t.id, { text: han(20), attachments: [foreign], submit: true });
  expectError(fr, [404, 422], ['validation_failed', 'not_found'], fr.status === 422 ? ['attachments'] : []);
  const ok = await putSubmission(emp, t.id, { text: han(20), attachments: files.slice(0, 2), submit: true });
  assert.equal(ok.status, 200, show(ok));
  assert.equal(ok.json.attachments.length, 2);

  const noPhotos = await reflectionTraining({ assignment: { min_chars: 10, attachments_allowed: false, max_attachments: 0 } });
  expectError(
    await putSubmission(emp, noPhotos.id, { text: han(20), attachments: [files[0]], submit: true }),
    422,
    'validation_failed',
    ['attachments'],
  );
  // The outsider is not enrolled.
  expectError(await putSubmission(ot, t.id, { text: han(20), submit: true }), [403, 404], ['not_enrolled', 'forbidden', 'not_found']);
});

test('submissions: after due_at → accepted with status late', async () => {
  const emp = await tokenFor('employee');
  // Session ended 10 days ago, due 3 days after → 7 days overdue.
  const t = await reflectionTraining({ endedAgo: 10 * DAY, assignment: { min_chars: 10 } });
  assert.ok(Date.parse(t.assignment.due_at) < Date.now() - 6 * DAY, `due_at ${t.assignment.due_at}`);
  const s = await putSubmission(emp, t.id, { text: han(30), submit: true });
  assert.equal(s.status, 200, show(s));
  assert.equal(s.json.status, 'late');
  assert.equal(s.json.late, true);
  const item = await myTraining(emp, t.id);
  assert.equal(item.status, 'late');
  // Late ones are still not "missing".
  const missing = await listAll(`/trainings/${t.id}/enrollments?missing=true`, await tokenFor('hr'));
  assert.ok(!missing.some((e) => e.employee_id === s.json.employee_id), 'late submission listed as missing');
});

// ---------------------------------------------------------------- review

test('review: queue for instructors and HR; manager 403; score + excellent; already_reviewed; return for revision', async () => {
  const { wang } = await people();
  const b = await createLoginUser();
  const tb = await login(b.login, b.password);
  const emp = await tokenFor('employee');
  const instr = await tokenFor('instructor');
  const t = await reflectionTraining({ employees: [wang.id, b.employee.id], assignment: { min_chars: 20 } });

  const { file } = await uploadPng(emp, 41);
  const textW = `今天的培训让我收获很多。${han(40)}`;
  const sw = await putSubmission(emp, t.id, { text: textW, attachments: [file.id], submit: true });
  assert.equal(sw.status, 200, show(sw));
  const sb = await putSubmission(tb, t.id, { text: han(30), submit: true });
  assert.equal(sb.status, 200, show(sb));

  // The queue.
  const qres = await api('GET', `/reviews/queue?training_id=${t.id}`, { token: instr });
  assert.equal(qres.status, 200, show(qres));
  assert.ok(Array.isArray(qres.json.items), show(qres));
  assert.equal(qres.json.items.length, 2, show(qres));
  const qw = qres.json.items.find((i) => i.submission_id === sw.json.id);
  assert.ok(qw, `queue lacks 王小雨's submission: ${show(qres)}`);
  assert.equal(qw.training_id, t.id);
  assert.equal(qw.text, textW);
  assert.equal(qw.employee.id, wang.id);
  assert.equal(qw.employee.name, '王小雨');
  assert.equal(qw.employee.employee_no, 'E0005');
  assert.equal(qw.employee.department_name, '销售一部');
  assert.equal(qw.attachments.length, 1);
  assert.equal(qw.attachments[0].id, file.id);
  assert.equal(qw.status, 'submitted');
  assert.equal(qw.late, false);
  // The instructor may open the photo of a submission he reviews.
  const photo = await api('GET', `/files/${file.id}`, { token: instr });
  assert.equal(photo.status, 200, show(photo));

  const hrq = await api('GET', `/reviews/queue?training_id=${t.id}`, { token: await tokenFor('hr') });
  assert.equal(hrq.status, 200, show(hrq));
  assert.equal(hrq.json.items.length, 2);
  for (const who of ['manager', 'employee']) {
    expectError(await api('GET', `/reviews/queue?training_id=${t.id}`, { token: await tokenFor(who) }), 403, 'forbidden');
  }

  // Only instructors of the training and HR review.
  for (const who of ['manager', 'employee']) {
    expectError(
      await api('POST', `/submissions/${sw.json.id}/review`, { token: await tokenFor(who), body: { score: 100, excellent: true } }),
      403,
      'forbidden',
    );
  }
  expectError(
    await api('POST', `/submissions/${sw.json.id}/review`, { token: instr, body: { score: 101 } }),
    422,
    'validation_failed',
    ['score'],
  );
  expectError(
    await api('POST', `/submissions/${sw.json.id}/review`, { token: instr, body: { score: -1 } }),
    422,
    'validation_failed',
    ['score'],
  );

  const rv = await api('POST', `/submissions/${sw.json.id}/review`, {
    token: instr,
    body: { score: 92, excellent: true, comment: '写得好' },
  });
  assert.equal(rv.status, 200, show(rv));
  assert.equal(rv.json.id, sw.json.id);
  assert.equal(rv.json.status, 'reviewed');
  assert.equal(rv.json.score, 92);
  assert.equal(rv.json.excellent, true);
  assert.equal(rv.json.comment, '写得好');
  assert.ok(!Number.isNaN(Date.parse(rv.json.reviewed_at)), show(rv));
  assert.ok(rv.json.reviewer_id !== null, 'reviewer_id missing');

  const item = await myTraining(emp, t.id);
  assert.equal(item.status, 'reviewed');
  assert.equal(item.score, 92);
  assert.equal(item.excellent, true);
  const own = await api('GET', `/trainings/${t.id}/submission`, { token: emp });
  assert.equal(own.json.comment, '写得好');

  // The reviewed one left the queue.
  const q2 = await api('GET', `/reviews/queue?training_id=${t.id}`, { token: instr });
  assert.deepEqual(
    q2.json.items.map((i) => i.submission_id),
    [sb.json.id],
  );

  // No more changes after review.
  expectError(await putSubmission(emp, t.id, { text: han(50), submit: true }), 409, 'already_reviewed');
  expectError(await putSubmission(emp, t.id, { text: han(50), submit: false }), 409, 'already_reviewed');

  // Return the other one for revision; the employee may submit again.
  const ret = await api('POST', `/submissions/${sb.json.id}/review`, {
    token: instr,
    body: { return_for_revision: true, comment: '请补充具体案例' },
  });
  assert.equal(ret.status, 200, show(ret));
  assert.equal(ret.json.status, 'returned');
  const bItem = await myTraining(tb, t.id);
  assert.equal(bItem.status, 'returned');
  const q3 = await api('GET', `/reviews/queue?training_id=${t.id}`, { token: instr });
  assert.deepEqual(q3.json.items, [], 'a returned submission stays in the queue');
  const again = await putSubmission(tb, t.id, { text: `补充：${han(40)}`, submit: true });
  assert.equal(again.status, 200, show(again));
  assert.equal(again.json.status, 'submitted');
  assert.equal(again.json.version, sb.json.version + 1);
  assert.equal((await myTraining(tb, t.id)).status, 'submitted');
  const q4 = await api('GET', `/reviews/queue?training_id=${t.id}`, { token: instr });
  assert.deepEqual(
    q4.json.items.map((i) => i.submission_id),
    [sb.json.id],
  );
});

test('review: an instructor of another training may not see the queue or review', async () => {
  const { wang } = await people();
  const t = await reflectionTraining({ employees: [wang.id], instructors: [], assignment: { min_chars: 5 } });
  const s = await putSubmission(await tokenFor('employee'), t.id, { text: han(10), submit: true });
  assert.equal(s.status, 200, show(s));
  const instr = await tokenFor('instructor');
  expectError(await api('GET', `/reviews/queue?training_id=${t.id}`, { token: instr }), [403, 404], ['forbidden', 'not_found']);
  expectError(
    await api('POST', `/submissions/${s.json.id}/review`, { token: instr, body: { score: 80 } }),
    [403, 404],
    ['forbidden', 'not_found'],
  );
  // HR may.
  const rv = await api('POST', `/submissions/${s.json.id}/review`, { token: await tokenFor('hr'), body: { score: 80, excellent: false } });
  assert.equal(rv.status, 200, show(rv));
  assert.equal(rv.json.excellent, false);
});

// ---------------------------------------------------------------- events

test('events: submission.reviewed carries submission_id and excellent; employees 403', async () => {
  const t = await reflectionTraining({ assignment: { min_chars: 5 } });
  const s = await putSubmission(await tokenFor('employee'), t.id, { text: han(10), submit: true });
  assert.equal(s.status, 200, show(s));
  const rv = await api('POST', `/submissions/${s.json.id}/review`, {
    token: await tokenFor('instructor'),
    body: { score: 95, excellent: true, comment: '优秀' },
  });
  assert.equal(rv.status, 200, show(rv));

  const hr = await tokenFor('hr');
  const events = await listAll('/events?kind=submission.reviewed', hr);
  for (const e of events) assert.equal(e.kind, 'submission.reviewed', `kind filter leak: ${JSON.stringify(e)}`);
  const mine = events.filter((e) => e.payload?.submission_id === s.json.id);
  assert.equal(mine.length, 1, `events for the submission: ${JSON.stringify(mine)}`);
  assert.equal(mine[0].payload.excellent, true);
  assert.ok(Number.isInteger(mine[0].id));
  assert.ok(!Number.isNaN(Date.parse(mine[0].created_at)));

  // after=<id> pages forward.
  const later = await listAll(`/events?kind=submission.reviewed&after=${mine[0].id}`, hr);
  assert.ok(!later.some((e) => e.id <= mine[0].id), 'after= returned older events');

  expectError(await api('GET', '/events', { token: await tokenFor('employee') }), 403, 'forbidden');
  expectError(await api('GET', '/events', { token: await tokenFor('instructor') }), 403, 'forbidden');
  expectError(await api('GET', '/events?kind=nonsense', { token: hr }), [400, 422], ['invalid_parameter', 'validation_failed'], [
    'kind',
  ]);
});

test('submissions: parallel retries with one Idempotency-Key store one version', async () => {
  const emp = await tokenFor('employee');
  const t = await reflectionTraining({ assignment: { min_chars: 5 } });
  const key = `par-${uid(16)}`;
  const body = { text: han(30), submit: true };
  const answers = await Promise.all(Array.from({ length: 6 }, () => putSubmission(emp, t.id, body, key)));
  for (const a of answers) assert.equal(a.status, 200, show(a));
  const versions = new Set(answers.map((a) => a.json.version));
  assert.equal(versions.size, 1, `different versions for one key: ${[...versions]}`);
  assert.equal(new Set(answers.map((a) => a.json.id)).size, 1);
  const g = await api('GET', `/trainings/${t.id}/submission`, { token: emp });
  assert.equal(g.json.version, answers[0].json.version, 'retries wrote extra versions');
  // A different key is a new submit: version + 1.
  const next = await putSubmission(emp, t.id, body, `par-${uid(16)}`);
  assert.equal(next.json.version, answers[0].json.version + 1);
});

test('enrollments?missing=true lists those without a submitted reflection', async () => {
  const { wang } = await people();
  const b = await createLoginUser();
  const t = await reflectionTraining({ employees: [wang.id, b.employee.id], assignment: { min_chars: 5 } });
  const hr = await tokenFor('hr');
  let missing = await listAll(`/trainings/${t.id}/enrollments?missing=true`, hr);
  assert.deepEqual(new Set(missing.map((e) => e.employee_id)), new Set([wang.id, b.employee.id]));
  // A draft is still missing; a submitted one is not.
  const emp = await tokenFor('employee');
  assert.equal((await putSubmission(emp, t.id, { text: '草稿', submit: false })).status, 200);
  missing = await listAll(`/trainings/${t.id}/enrollments?missing=true`, hr);
  assert.ok(missing.some((e) => e.employee_id === wang.id), 'a draft counts as submitted');
  const tb = await login(b.login, b.password);
  assert.equal((await putSubmission(tb, t.id, { text: han(10), submit: true })).status, 200);
  missing = await listAll(`/trainings/${t.id}/enrollments?missing=true`, hr);
  assert.deepEqual(
    missing.map((e) => e.employee_id),
    [wang.id],
  );
  assert.equal(missing[0].submission_status, 'draft');
});

test('review: rubric scores — each within its max_score; unknown item → 422', async () => {
  const rubric = [
    { name: '内容', max_score: 60 },
    { name: '表达', max_score: 40 },
  ];
  const t = await reflectionTraining({ assignment: { min_chars: 5, rubric } });
  assert.deepEqual(t.assignment.rubric, rubric);
  const s = await putSubmission(await tokenFor('employee'), t.id, { text: han(10), submit: true });
  assert.equal(s.status, 200, show(s));
  const instr = await tokenFor('instructor');
  const over = await api('POST', `/submissions/${s.json.id}/review`, { token: instr, body: { rubric_scores: { 内容: 61, 表达: 10 } } });
  expectError(over, 422, 'validation_failed');
  assert.ok(over.json.error.details.some((d) => d.field.startsWith('rubric_scores')), show(over));
  const unknown = await api('POST', `/submissions/${s.json.id}/review`, { token: instr, body: { rubric_scores: { 态度: 10 } } });
  expectError(unknown, 422, 'validation_failed');
  assert.ok(unknown.json.error.details.some((d) => d.field.startsWith('rubric_scores')), show(unknown));
  const ok = await api('POST', `/submissions/${s.json.id}/review`, {
    token: instr,
    body: { rubric_scores: { 内容: 50, 表达: 35 }, excellent: false, comment: '内容扎实' },
  });
  assert.equal(ok.status, 200, show(ok));
  assert.equal(ok.json.status, 'reviewed');
  assert.deepEqual(ok.json.rubric_scores, { 内容: 50, 表达: 35 });
  assert.equal(ok.json.score, 85, 'score is not the sum of the rubric scores');
});

test('submissions: an Idempotency-Key is per user and per request — never another one’s answer', async () => {
  const { wang } = await people();
  const b = await createLoginUser();
  const tb = await login(b.login, b.password);
  const emp = await tokenFor('employee');
  const t = await reflectionTraining({ employees: [wang.id, b.employee.id], assignment: { min_chars: 5 } });
  const t2 = await reflectionTraining({ employees: [wang.id], assignment: { min_chars: 5 } });
  const key = `shared-${uid(16)}`;
  const body = { text: han(12), submit: true };
  const a1 = await putSubmission(emp, t.id, body, key);
  assert.equal(a1.status, 200, show(a1));
  assert.equal(a1.json.employee_id, wang.id);
  // Another user with the same key and body gets his own submission.
  const b1 = await putSubmission(tb, t.id, body, key);
  assert.equal(b1.status, 200, show(b1));
  assert.equal(b1.json.employee_id, b.employee.id, 'another user got 王小雨’s answer for the same key');
  assert.notEqual(b1.json.id, a1.json.id);
  // The same key for a different request is not replayed: refused, nothing written.
  const other = await putSubmission(emp, t.id, { text: han(15), submit: true }, key);
  expectError(other, [409, 422], ['idempotency_key_reused', 'conflict', 'validation_failed']);
  const g = await api('GET', `/trainings/${t.id}/submission`, { token: emp });
  assert.equal(g.json.version, a1.json.version);
  assert.equal(g.json.text, body.text);
  const cross = await putSubmission(emp, t2.id, body, key);
  assert.ok(cross.status !== 200 || cross.json.training_id === t2.id, `key replayed another training’s answer: ${show(cross)}`);
  if (cross.status !== 200) expectError(cross, [409, 422]);
});

test('review: a draft cannot be reviewed (409 not_submitted)', async () => {
  const emp = await tokenFor('employee');
  const t = await reflectionTraining({ assignment: { min_chars: 5 } });
  const d = await putSubmission(emp, t.id, { text: '还没写完', submit: false });
  assert.equal(d.status, 200, show(d));
  expectError(
    await api('POST', `/submissions/${d.json.id}/review`, { token: await tokenFor('instructor'), body: { score: 50 } }),
    409,
    'not_submitted',
  );
  assert.equal((await myTraining(emp, t.id)).status, 'draft');
});
