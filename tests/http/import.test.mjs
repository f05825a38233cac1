// CSV import: encodings, headers, all-or-nothing validation, quoting, dry run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { api, show, expectError, tokenFor, dept, branch, uid, randomHan, employeeByNo, BRANCH_TECH, BRANCH_INST } from './lib.mjs';

const BOM = '\ufeff';
const CSV = { 'Content-Type': 'text/csv; charset=utf-8' };

function cell(v) {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
function csv(rows, eol = '\r\n') {
  return rows.map((r) => r.map(cell).join(',')).join(eol) + eol;
}

async function importCsv(body, { token, query = '', headers = CSV } = {}) {
  return api('POST', `/employees/import${query}`, { token: token || (await tokenFor('hr')), raw: body, headers });
}

/** Map Chinese column names to the English codes, to accept either in details[].field. */
const FIELD_ALIASES = {
  name: ['name', '姓名'],
  hire_date: ['hire_date', '入职日期'],
  department: ['department', 'department_id', '部门'],
  employee_no: ['employee_no', '工号'],
};

const ZH_HEADER = ['工号', '姓名', '性别', '手机', '邮箱', '入职日期', '部门', '岗位', '职级', '用工类型', '职称系列', '职称等级', '状态'];

test('import: UTF-8 with BOM, Chinese headers → created, then the same rows → updated', async () => {
  const tag = uid(6).toUpperCase();
  const n = [`I${tag}1`, `I${tag}2`, `I${tag}3`];
  const names = [`导入${randomHan(3)}`, `导入${randomHan(3)}`, `导入${randomHan(3)}`];
  const rows = [
    ZH_HEADER,
    [n[0], names[0], '男', '13800000001', `a${tag.toLowerCase()}@example.com`, '2024/3/5', '研发部', '工程师', 'P4', '全职', '工程技术', '初级', '在职'],
    [n[1], names[1], '女', '', '', '2022-12-01', '科研处', '研究员', '', '合同', '自然科学研究', '副高级', '在职'],
    [n[2], names[2], '', '', '', '', `${BRANCH_TECH}/销售二部`, '', '', '实习', '', '', '离职'],
  ];
  const res = await importCsv(BOM + csv(rows));
  assert.equal(res.status, 200, show(res));
  assert.deepEqual({ created: res.json.created, updated: res.json.updated }, { created: 3, updated: 0 });

  const e0 = await employeeByNo(n[0]);
  assert.ok(e0, 'row 2 not imported');
  assert.equal(e0.name, names[0]);
  assert.equal(e0.gender, 'male');
  assert.equal(e0.phone, '13800000001');
  assert.equal(e0.hire_date, '2024-03-05');
  assert.equal(e0.department_id, (await dept('研发部')).id);
  assert.equal(e0.branch_id, (await branch(BRANCH_TECH)).id);
  assert.equal(e0.position, '工程师');
  assert.equal(e0.job_level, 'P4');
  assert.equal(e0.employment_type, 'full_time');
  assert.equal(e0.title_series, '工程技术');
  assert.equal(e0.title_level, '初级');
  assert.equal(e0.status, 'active');
  const e1 = await employeeByNo(n[1]);
  assert.equal(e1.gender, 'female');
  assert.equal(e1.employment_type, 'contract');
  assert.equal(e1.branch_id, (await branch(BRANCH_INST)).id);
  assert.equal(e1.phone, null);
  assert.equal(e1.title_level, '副高级');
  const e2 = await employeeByNo(n[2]);
  assert.equal(e2.department_id, (await dept('销售二部')).id);
  assert.equal(e2.employment_type, 'intern');
  assert.equal(e2.status, 'left');
  assert.equal(e2.hire_date, null);

  rows[1][1] = `${names[0]}改`;
  const again = await importCsv(BOM + csv(rows));
  assert.equal(again.status, 200, show(again));
  assert.deepEqual({ created: again.json.created, updated: again.json.updated }, { created: 0, updated: 3 });
  const e0b = await employeeByNo(n[0]);
  assert.equal(e0b.id, e0.id);
  assert.equal(e0b.name, `${names[0]}改`);
});

test('import: English headers and codes, no BOM, LF line ends', async () => {
  const tag = uid(6).toUpperCase();
  const rows = [
    ['employee_no', 'name', 'department', 'gender', 'hire_date', 'employment_type', 'status', 'email'],
    [`EN${tag}1`, `英文${randomHan(2)}`, '财务部', 'female', '2021-07-15', 'part_time', 'active', `x${tag.toLowerCase()}@example.com`],
    [`EN${tag}2`, `英文${randomHan(2)}`, '办公室', 'male', '2020/1/9', 'dispatched', 'left', ''],
  ];
  const res = await importCsv(csv(rows, '\n'));
  assert.equal(res.status, 200, show(res));
  assert.equal(res.json.created, 2);
  assert.equal(res.json.updated, 0);
  const a = await employeeByNo(`EN${tag}1`);
  assert.equal(a.name, rows[1][1]);
  assert.equal(a.employment_type, 'part_time');
  assert.equal(a.department_id, (await dept('财务部')).id);
  const b = await employeeByNo(`EN${tag}2`);
  assert.equal(b.status, 'left');
  assert.equal(b.employment_type, 'dispatched');
  assert.equal(b.hire_date, '2020-01-09');
  assert.equal(b.department_id, (await dept('办公室')).id);
});

test('import: GBK-encoded CSV (as Excel saves it) keeps Chinese names right', async () => {
  const tag = uid(6).toUpperCase();
  const names = [`国标${randomHan(3)}`, `国标${randomHan(3)}`];
  const text = csv([
    ['工号', '姓名', '部门', '性别', '岗位', '用工类型'],
    [`G${tag}1`, names[0], '人力资源部', '女', '招聘专员', '全职'],
    [`G${tag}2`, names[1], '院本部', '男', '主任', '劳务派遣'],
  ]);
  let gbk;
  try {
    gbk = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: Buffer.from(text, 'utf8') });
  } catch (err) {
    assert.fail(`iconv is needed to build the GBK sample: ${err.message}`);
  }
  assert.notDeepEqual(gbk, Buffer.from(text, 'utf8'), 'iconv did not convert');
  const res = await importCsv(gbk, { headers: { 'Content-Type': 'text/csv' } });
  assert.equal(res.status, 200, show(res));
  assert.equal(res.json.created, 2);
  const a = await employeeByNo(`G${tag}1`);
  assert.ok(a, 'GBK row not imported');
  assert.equal(a.name, names[0]);
  assert.equal(a.position, '招聘专员');
  assert.equal(a.gender, 'female');
  assert.equal(a.department_id, (await dept('人力资源部')).id);
  const b = await employeeByNo(`G${tag}2`);
  assert.equal(b.name, names[1]);
  assert.equal(b.employment_type, 'dispatched');
});

test('import: bad rows → 422 with exactly those lines and fields, nothing written', async () => {
  const tag = uid(6).toUpperCase();
  const rows = [
    ['工号', '姓名', '部门', '入职日期'], // line 1
    [`B${tag}1`, '合法甲', '研发部', '2024-01-02'], // line 2 ok
    [`B${tag}2`, '', '研发部', '2024-01-02'], // line 3: no name
    [`B${tag}3`, '合法乙', '科研处', '2024/2/3'], // line 4 ok
    [`B${tag}4`, '坏日期', '研发部', '2024-02-30'], // line 5: bad date
    [`B${tag}5`, '无部门', `不存在的部门${tag}`, ''], // line 6: unknown department
    [`B${tag}6`, '合法丙', '财务部', ''], // line 7 ok
  ];
  const res = await importCsv(BOM + csv(rows));
  const e = expectError(res, 422, 'validation_failed');
  const got = e.details.map((d) => ({ line: d.line, field: d.field }));
  assert.equal(e.details.length, 3, `expected 3 details, got ${JSON.stringify(got)}`);
  const expect = [
    [3, 'name'],
    [5, 'hire_date'],
    [6, 'department'],
  ];
  for (const [line, field] of expect) {
    const d = e.details.find((x) => x.line === line);
    assert.ok(d, `no detail for line ${line}: ${JSON.stringify(got)}`);
    assert.ok(FIELD_ALIASES[field].includes(d.field), `line ${line}: field ${d.field}, want ${field}`);
    assert.equal(typeof d.message, 'string');
    assert.ok(d.message.length > 0);
  }
  for (const i of [1, 3, 6]) assert.equal(await employeeByNo(`B${tag}${i}`), null, `valid row B${tag}${i} was written`);
});

test('import: missing a required column → 422', async () => {
  const res = await importCsv(csv([['姓名', '部门'], [`无工号${uid()}`, '研发部']]));
  expectError(res, 422, 'validation_failed');
  assert.ok(
    res.json.error.details.some((d) => FIELD_ALIASES.employee_no.includes(d.field)),
    `details do not name 工号: ${show(res)}`,
  );
});

test('import: quoted fields with commas, quotes and newlines', async () => {
  const tag = uid(6).toUpperCase();
  const pos = '大客户经理, 华东区';
  const lvl = 'P7, "高级"';
  const title = '他说"好"';
  // 备注 is no import column (ignored): its quoted newline must not split the row.
  const rows = [
    ['工号', '姓名', '部门', '岗位', '职级', '职称系列', '备注'],
    [`Q${tag}1`, `引号${randomHan(2)}`, '销售二部', pos, lvl, title, '第一行\n第二行'],
    [`Q${tag}2`, `引号${randomHan(2)}`, '销售二部', '普通', 'P1', '', ''],
  ];
  const res = await importCsv(BOM + csv(rows));
  assert.equal(res.status, 200, show(res));
  assert.equal(res.json.created, 2);
  const a = await employeeByNo(`Q${tag}1`);
  assert.equal(a.position, pos);
  assert.equal(a.job_level, lvl);
  assert.equal(a.title_series, title);
  const b = await employeeByNo(`Q${tag}2`);
  assert.equal(b.position, '普通');
  // A quoted newline stays in its cell; in a one-line field like 职级 it is refused, on that row.
  const multi = await importCsv(csv([['工号', '姓名', '部门', '职级'], [`Q${tag}3`, `引号${randomHan(2)}`, '销售二部', '第一行\n第二行']]));
  const e = expectError(multi, 422, 'validation_failed', ['job_level']);
  assert.deepEqual(e.details.map((d) => d.line), [2], show(multi));
});

test('import: lines are counted as a spreadsheet shows them (a quoted newline is one row)', async () => {
  const tag = uid(6).toUpperCase();
  const rows = [
    ['工号', '姓名', '部门', '备注'], // line 1 (备注 is ignored)
    [`L${tag}1`, '两行备注', '研发部', '甲\n乙'], // line 2 (two physical lines)
    [`L${tag}2`, '', '研发部', ''], // line 3: no name
  ];
  const res = await importCsv(csv(rows));
  const e = expectError(res, 422, 'validation_failed');
  assert.deepEqual(
    e.details.map((d) => d.line),
    [3],
    show(res),
  );
});

test('import: dry_run=true validates and counts but writes nothing', async () => {
  const tag = uid(6).toUpperCase();
  const rows = [
    ['工号', '姓名', '部门'],
    [`D${tag}1`, `演练${randomHan(2)}`, '研发部'],
    [`D${tag}2`, `演练${randomHan(2)}`, '研发部'],
    ['E0005', '王小雨', '销售一部'],
  ];
  const res = await importCsv(BOM + csv(rows), { query: '?dry_run=true' });
  assert.equal(res.status, 200, show(res));
  assert.equal(res.json.created, 2);
  assert.equal(res.json.updated, 1);
  assert.equal(await employeeByNo(`D${tag}1`), null, 'dry run wrote a row');
  assert.equal(await employeeByNo(`D${tag}2`), null, 'dry run wrote a row');
  // A bad file answers 422 in a dry run too.
  const bad = await importCsv(csv([['工号', '姓名', '部门'], [`D${tag}3`, '', '研发部']]), { query: '?dry_run=true' });
  expectError(bad, 422, 'validation_failed');
});

test('import: wrong Content-Type → 415 unsupported_media_type', async () => {
  const body = csv([['工号', '姓名', '部门'], [`W${uid()}`, '类型错', '研发部']]);
  expectError(
    await importCsv(body, { headers: { 'Content-Type': 'application/json' } }),
    415,
    'unsupported_media_type',
  );
  expectError(
    await importCsv(JSON.stringify([{ employee_no: 'x' }]), { headers: { 'Content-Type': 'application/json' } }),
    415,
    'unsupported_media_type',
  );
});

test('import as employee or manager → 403', async () => {
  const body = csv([['工号', '姓名', '部门'], [`P${uid()}`, '越权', '销售一部']]);
  expectError(await importCsv(body, { token: await tokenFor('employee') }), 403, 'forbidden');
  expectError(await importCsv(body, { token: await tokenFor('manager') }), 403, 'forbidden');
});

test('import by hr2: departments outside 研究院 are unknown', async () => {
  const tag = uid(6).toUpperCase();
  const res = await importCsv(csv([['工号', '姓名', '部门'], [`H${tag}1`, '越界', '研发部']]), {
    token: await tokenFor('hr2'),
  });
  const e = expectError(res, 422, 'validation_failed');
  assert.equal(e.details[0].line, 2);
  assert.equal(await employeeByNo(`H${tag}1`), null);
});
