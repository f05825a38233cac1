// The world the authorization matrix runs in: fresh people with fresh logins in
// known places of the demo tenant, objects that belong to each place, and the
// same kinds of objects in a second tenant (created by `luodi tenant create`
// before the server starts, admin login `t2admin`).
//
// Places (who owns an object):
//   self    the matrix employee EMP (a fresh department M in 科技, under 销售部)
//   team    a colleague COL in the same department M; MGR heads M
//   taught  objects of trainings taught by the fresh instructor INS
//   tech    OUT, a person of 科技 outside M (fresh department under 公司总部)
//   inst    INP, a person of 研究院 (fresh department under 院本部)
//   foreign objects of the second tenant
// For each kind of object and each role, `pairs` names the object that is in
// the role's scope and one that is out of it (same tenant); `other` is always
// the second tenant's object (for the second tenant's HR: a first-tenant one).
import assert from 'node:assert/strict';
import { api, show, login, tokenFor, uid, randomHan, strongPassword, makePng, uploadFile, dept, branch, BRANCH_TECH, BRANCH_INST, DEMO_PASSWORD } from './lib.mjs';

export const T2_ADMIN = process.env.LUODI_T2_LOGIN || 't2admin';
export const T2_PASSWORD = process.env.LUODI_T2_PASSWORD || DEMO_PASSWORD;

export const ROLES = ['anon', 'employee', 'manager', 'instructor', 'branch_hr', 'tenant_hr', 'sysadmin', 't2_hr'];

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const at = (ms) => new Date(Math.floor((Date.now() + ms) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
const day = (d) => new Date(Date.now() + 8 * HOUR + d * DAY).toISOString().slice(0, 10);

async function ok(res, what, statuses = [200, 201]) {
  assert.ok(statuses.includes(res.status), `fixture: ${what}: ${show(res)}`);
  return res.json;
}

/** POST/PUT/PATCH as `token`, asserting success. */
async function call(token, method, path, body, what = `${method} ${path}`) {
  return ok(await api(method, path, { token, body }), what);
}

async function person(token, deptId, roles = ['employee'], extra = {}) {
  const loginName = `mx_${uid(10)}`;
  const password = strongPassword();
  const e = await call(token, 'POST', '/employees', {
    employee_no: `MX${uid(8)}`,
    name: `矩阵${randomHan(3)}`,
    department_id: deptId,
    login: loginName,
    password,
    roles,
    ...extra,
  });
  return { employee: e, id: e.id, login: loginName, password, token: await login(loginName, password) };
}

async function training(token, { branchId, instructors, audience, courseId }) {
  const t = await call(token, 'POST', '/trainings', {
    course_id: courseId,
    branch_id: branchId,
    title: `矩阵培训${uid(6)}`,
    instructors,
    sessions: [{ start_at: at(-2 * HOUR), end_at: at(2 * HOUR), place: '矩阵会议室', credit_hours: 1 }],
    audience: { departments: [], employees: audience, roles: [], job_levels: [] },
    required: true,
    assignment: { min_chars: 5, due_days_after_end: 3, attachments_allowed: true, max_attachments: 3 },
  });
  const pub = await call(token, 'POST', `/trainings/${t.id}/publish`);
  const full = await call(token, 'GET', `/trainings/${t.id}`);
  return { ...pub.training, sessions: full.sessions || pub.training.sessions };
}

/** A question, an exam over it and one started attempt by `who` for training `t`. */
async function exam(staffToken, t, who) {
  const q = await call(staffToken, 'POST', '/questions', { kind: 'true_false', stem: `矩阵题${uid(6)}`, answer: true, points: 1 });
  await call(staffToken, 'PUT', `/trainings/${t.id}/exam`, {
    title: `矩阵考试${uid(4)}`,
    time_limit_minutes: 30,
    attempts_allowed: 3,
    pass_score: 60,
    question_ids: [q.id],
    opens_at: at(-DAY),
    closes_at: at(30 * DAY),
  });
  const attempt = await call(who.token, 'POST', `/trainings/${t.id}/exam/attempts`);
  return { question: q, attempt };
}

/** A submitted reflection with one photo by `who` in training `t`. */
async function reflection(who, t, seed) {
  const up = await uploadFile(who.token, makePng(8, 8, seed), `矩阵${seed}.png`, 'image/png');
  const file = await ok(up, 'upload');
  const s = await call(who.token, 'PUT', `/trainings/${t.id}/submission`, { text: `矩阵心得${randomHan(10)}`, attachments: [file.id], submit: true });
  return { submission: s, file };
}

async function cycle(token, branchId, deptIds) {
  const c = await call(token, 'POST', '/performance/cycles', {
    branch_id: branchId,
    name: `矩阵周期${uid(6)}`,
    period: 'quarter',
    start_date: day(-1),
    end_date: day(30),
  });
  const tm = await call(token, 'POST', '/performance/templates', {
    cycle_id: c.id,
    name: '矩阵模板',
    population: { departments: deptIds },
    indicators: [
      { kind: 'manual', name: '业务KPI', weight: 90 },
      { kind: 'assignment_submission', name: '按时提交', weight: 10 },
    ],
  });
  return { cycle: c, template: tm };
}

/** A pending redemption of `reward` by `who` (HR gives the points first). */
async function redemption(hrToken, who, reward) {
  await call(hrToken, 'POST', '/points/adjustments', { employee_id: who.id, amount: reward.cost, reason: '矩阵测试' });
  return call(who.token, 'POST', '/redemptions', { reward_id: reward.id });
}

/** Builds the whole world once; every matrix test shares it. */
let built = null;
export async function fixture() {
  if (built) return built;
  const hr = await tokenFor('hr');
  const hr2 = await tokenFor('hr2');
  const sysadmin = await tokenFor('sysadmin');
  const tech = await branch(BRANCH_TECH);
  const inst = await branch(BRANCH_INST);
  const sales = await dept('销售部');
  const hq = await dept('公司总部');
  const instRoot = await dept('院本部');

  // First tenant: departments and people.
  const deptM = await call(hr, 'POST', '/departments', { name: `矩阵组${uid(6)}`, branch_id: tech.id, parent_id: sales.id });
  const deptOut = await call(hr, 'POST', '/departments', { name: `矩阵外组${uid(6)}`, branch_id: tech.id, parent_id: hq.id });
  const deptInst = await call(hr, 'POST', '/departments', { name: `矩阵院组${uid(6)}`, branch_id: inst.id, parent_id: instRoot.id });
  const mgr = await person(hr, deptM.id, ['employee', 'manager']);
  await call(hr, 'PATCH', `/departments/${deptM.id}`, { manager_id: mgr.id });
  const emp = await person(hr, deptM.id, ['employee'], { manager_id: mgr.id });
  const col = await person(hr, deptM.id, ['employee'], { manager_id: mgr.id });
  const ins = await person(hr, deptOut.id, ['employee', 'instructor']);
  const out = await person(hr, deptOut.id, ['employee']);
  const inp = await person(hr, deptInst.id, ['employee']);

  // Trainings: taught by INS in 科技 (EMP, COL, MGR enrolled), another in 科技 (OUT only), one in 研究院 (INP).
  const course = await call(hr, 'POST', '/courses', { title: `矩阵课程${uid(6)}`, category: 'professional', credit_hours: 1 });
  const tTaught = await training(hr, { branchId: tech.id, instructors: [ins.id], audience: [emp.id, col.id, mgr.id], courseId: course.id });
  const tTech = await training(hr, { branchId: tech.id, instructors: [], audience: [out.id], courseId: course.id });
  const tInst = await training(hr2, { branchId: inst.id, instructors: [], audience: [inp.id], courseId: course.id });

  const rEmp = await reflection(emp, tTaught, 1);
  const rCol = await reflection(col, tTaught, 2);
  const rOut = await reflection(out, tTech, 3);
  const rInp = await reflection(inp, tInst, 4);

  const xTaught = await exam(hr, tTaught, emp);
  const xCol = { attempt: await call(col.token, 'POST', `/trainings/${tTaught.id}/exam/attempts`) };
  const xTech = await exam(hr, tTech, out);
  const xInst = await exam(hr2, tInst, inp);
  const qIns = await call(ins.token, 'POST', '/questions', { kind: 'true_false', stem: `讲师矩阵题${uid(6)}`, answer: true, points: 1 });

  const cTech = await cycle(hr, tech.id, [deptM.id, deptOut.id]);
  const cInst = await cycle(hr2, inst.id, [deptInst.id]);

  const reward = await call(hr, 'POST', '/rewards', { name: `矩阵奖励${uid(6)}`, cost: 10, stock: 100, requires_approval: true });
  const redEmp = await redemption(hr, emp, reward);
  const redCol = await redemption(hr, col, reward);
  const redOut = await redemption(hr, out, reward);
  const redInp = await redemption(hr, inp, reward);

  // Second tenant, built by its own administrator through the API.
  const t2 = await login(T2_ADMIN, T2_PASSWORD);
  const t2me = await call(t2, 'GET', '/me');
  const t2branches = await call(t2, 'GET', '/branches');
  const t2branch = t2branches.items[0];
  const t2dept = await call(t2, 'POST', '/departments', { name: `二号组${uid(6)}`, branch_id: t2branch.id });
  const p2 = await person(t2, t2dept.id, ['employee'], { manager_id: t2me.employee.id });
  const t2course = await call(t2, 'POST', '/courses', { title: `二号课程${uid(6)}`, category: 'general', credit_hours: 1 });
  const t2t = await training(t2, { branchId: t2branch.id, instructors: [], audience: [p2.id], courseId: t2course.id });
  const r2 = await reflection(p2, t2t, 5);
  const x2 = await exam(t2, t2t, p2);
  const c2 = await cycle(t2, t2branch.id, [t2dept.id]);
  const reward2 = await call(t2, 'POST', '/rewards', { name: `二号奖励${uid(6)}`, cost: 10, stock: 100, requires_approval: true });
  const red2 = await redemption(t2, p2, reward2);

  const tokens = {
    anon: null,
    employee: emp.token,
    manager: mgr.token,
    instructor: ins.token,
    branch_hr: hr2,
    tenant_hr: hr,
    sysadmin,
    t2_hr: t2,
  };

  // pairs[kind][role] = [in scope, out of scope]; foreign[kind] = second tenant's object.
  const P = (e, m, i, b, t, x) => ({ employee: e, manager: m, instructor: i, branch_hr: b, tenant_hr: t, sysadmin: t, anon: t, t2_hr: x });
  const sessionOf = (t) => t.sessions[0].id;
  const pairs = {
    employee: P([emp.id, col.id], [col.id, out.id], [ins.id, col.id], [inp.id, out.id], [out.id, inp.id], [p2.id, p2.id]),
    department: P([deptM.id, deptOut.id], [deptM.id, deptOut.id], [deptOut.id, deptM.id], [deptInst.id, deptOut.id], [deptOut.id, deptInst.id], [t2dept.id, t2dept.id]),
    branch: P([tech.id, inst.id], [tech.id, inst.id], [tech.id, inst.id], [inst.id, tech.id], [tech.id, inst.id], [t2branch.id, t2branch.id]),
    course: P([course.id, course.id], [course.id, course.id], [course.id, course.id], [course.id, course.id], [course.id, course.id], [t2course.id, t2course.id]),
    training: P([tTaught.id, tTech.id], [tTaught.id, tTech.id], [tTaught.id, tTech.id], [tInst.id, tTech.id], [tTech.id, tInst.id], [t2t.id, t2t.id]),
    session: P([sessionOf(tTaught), sessionOf(tTech)], [sessionOf(tTaught), sessionOf(tTech)], [sessionOf(tTaught), sessionOf(tTech)],
      [sessionOf(tInst), sessionOf(tTech)], [sessionOf(tTech), sessionOf(tInst)], [sessionOf(t2t), sessionOf(t2t)]),
    submission: P([rEmp.submission.id, rCol.submission.id], [rCol.submission.id, rOut.submission.id], [rEmp.submission.id, rOut.submission.id],
      [rInp.submission.id, rOut.submission.id], [rOut.submission.id, rInp.submission.id], [r2.submission.id, r2.submission.id]),
    file: P([rEmp.file.id, rCol.file.id], [rCol.file.id, rOut.file.id], [rEmp.file.id, rOut.file.id],
      [rInp.file.id, rOut.file.id], [rOut.file.id, rInp.file.id], [r2.file.id, r2.file.id]),
    question: P([xTaught.question.id, xInst.question.id], [xTaught.question.id, xInst.question.id], [qIns.id, xInst.question.id],
      [xInst.question.id, xTech.question.id], [xTech.question.id, xInst.question.id], [x2.question.id, x2.question.id]),
    attempt: P([xTaught.attempt.id, xCol.attempt.id], [xCol.attempt.id, xTech.attempt.id], [xTaught.attempt.id, xTech.attempt.id],
      [xInst.attempt.id, xTech.attempt.id], [xTech.attempt.id, xInst.attempt.id], [x2.attempt.id, x2.attempt.id]),
    cycle: P([cTech.cycle.id, cInst.cycle.id], [cTech.cycle.id, cInst.cycle.id], [cTech.cycle.id, cInst.cycle.id],
      [cInst.cycle.id, cTech.cycle.id], [cTech.cycle.id, cInst.cycle.id], [c2.cycle.id, c2.cycle.id]),
    template: P([cTech.template.id, cInst.template.id], [cTech.template.id, cInst.template.id], [cTech.template.id, cInst.template.id],
      [cInst.template.id, cTech.template.id], [cTech.template.id, cInst.template.id], [c2.template.id, c2.template.id]),
    reward: P([reward.id, reward.id], [reward.id, reward.id], [reward.id, reward.id], [reward.id, reward.id], [reward.id, reward.id], [reward2.id, reward2.id]),
    redemption: P([redEmp.id, redCol.id], [redCol.id, redOut.id], [redEmp.id, redOut.id], [redInp.id, redOut.id], [redOut.id, redInp.id], [red2.id, red2.id]),
  };
  const foreign = {
    employee: p2.id, department: t2dept.id, branch: t2branch.id, course: t2course.id, training: t2t.id, session: sessionOf(t2t),
    submission: r2.submission.id, file: r2.file.id, question: x2.question.id, attempt: x2.attempt.id, cycle: c2.cycle.id,
    template: c2.template.id, reward: reward2.id, redemption: red2.id,
  };
  // What the second tenant's HR tries in the first tenant: the objects tenant HR sees.
  const firstTenant = Object.fromEntries(Object.entries(pairs).map(([k, v]) => [k, v.tenant_hr[0]]));

  // Who is in which place, for list checks (employee ids).
  const places = {
    self: [emp.id], team: [emp.id, col.id, mgr.id], tech: [out.id, ins.id], inst: [inp.id], foreign: [p2.id],
  };

  // Factories for DELETE cells: a fresh object in a place, so one cell's deletion cannot spoil another.
  const fresh = {
    async branch(place) {
      return (await call(place === 'foreign' ? t2 : hr, 'POST', '/branches', { name: `矩阵删${uid(8)}`, kind: 'enterprise' })).id;
    },
    async department(place) {
      if (place === 'foreign') return (await call(t2, 'POST', '/departments', { name: `二号删${uid(6)}`, branch_id: t2branch.id })).id;
      const [b, parent] = place === 'inst' ? [inst.id, deptInst.id] : place === 'tech' ? [tech.id, deptOut.id] : [tech.id, deptM.id];
      return (await call(place === 'inst' ? hr2 : hr, 'POST', '/departments', { name: `矩阵删${uid(6)}`, branch_id: b, parent_id: parent })).id;
    },
    async employee(place) {
      if (place === 'foreign') return (await call(t2, 'POST', '/employees', { employee_no: `D${uid(8)}`, name: `删除${randomHan(2)}`, department_id: t2dept.id })).id;
      const d = place === 'inst' ? deptInst.id : place === 'tech' ? deptOut.id : deptM.id;
      return (await call(hr, 'POST', '/employees', { employee_no: `D${uid(8)}`, name: `删除${randomHan(2)}`, department_id: d })).id;
    },
    async course(place) {
      const tok = place === 'foreign' ? t2 : hr;
      return (await call(tok, 'POST', '/courses', { title: `矩阵删${uid(6)}`, category: 'general', credit_hours: 1 })).id;
    },
    async question(place) {
      const tok = place === 'foreign' ? t2 : place === 'inst' ? hr2 : place === 'taught' ? ins.token : hr;
      return (await call(tok, 'POST', '/questions', { kind: 'true_false', stem: `矩阵删${uid(6)}`, answer: true, points: 1 })).id;
    },
  };
  // The place of each role's in/out object for the factories.
  const freshPlaces = {
    employee: ['self', 'team'], manager: ['team', 'tech'], instructor: ['taught', 'tech'], branch_hr: ['inst', 'tech'],
    tenant_hr: ['tech', 'inst'], sysadmin: ['tech', 'inst'], anon: ['tech', 'inst'], t2_hr: ['foreign', 'foreign'],
  };

  const credentials = {
    employee: emp, manager: mgr, instructor: ins, branch_hr: { login: 'hr2' }, tenant_hr: { login: 'hr' },
    sysadmin: { login: 'sysadmin' }, t2_hr: { login: T2_ADMIN, password: T2_PASSWORD },
  };
  /** A token of its own for a role (for logout cells, which end the token they use). */
  const freshToken = (role) => login(credentials[role].login, credentials[role].password || DEMO_PASSWORD);
  const cycleByDept = new Map([[deptM.id, cTech], [deptOut.id, cTech], [deptInst.id, cInst], [t2dept.id, c2]]);
  const cycleOfDept = (id) => (cycleByDept.get(id) || cTech).cycle.id;

  built = {
    tokens, freshToken, cycleOfDept, pairs, foreign, firstTenant, places, fresh, freshPlaces,
    people: { emp, col, mgr, ins, out, inp, p2 },
    trainings: { tTaught, tTech, tInst, t2t },
    cycles: { cTech, cInst, c2 },
    departments: { deptM, deptOut, deptInst, t2dept },
    branches: { tech, inst, t2branch },
    reward, reward2,
  };
  return built;
}
