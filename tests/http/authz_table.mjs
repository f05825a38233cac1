// Expected outcomes of the authorization matrix (authz_matrix.test.mjs).
// One row per operation of api/openapi.yaml; per role three letters for an
// object in the role's scope, one out of it, and one in the other tenant (one
// letter for operations without an object). See the test for the letters.
//
// Roles: anon (no token), employee (EMP of department M), manager (MGR, heads M),
// instructor (INS, teaches the 科技 training), branch_hr (hr2, 研究院 only),
// tenant_hr (hr), sysadmin, t2_hr (administrator of the second tenant).

/** Query strings for operations that need one, given the object id of the cell. */
export const QUERY = {
  'GET /departments/{id}/bonus-pool': (fx, id) => `cycle=${fx.cycleOfDept(id)}`,
  'PUT /departments/{id}/bonus-pool': (fx, id) => `cycle=${fx.cycleOfDept(id)}`,
  'GET /reviews/queue': (fx, id, role) => `training_id=${fx.pairs.training[role][0]}`,
  'GET /leaderboards/departments': (fx, id, role) => `cycle=${fx.pairs.cycle[role][0]}`,
};

/** The person of a cell: in the role's scope, out of it, or in the other tenant. */
function person(fx, role, column) {
  if (column === 'other') return role === 't2_hr' ? fx.firstTenant.employee : fx.foreign.employee;
  return fx.pairs.employee[role][column === 'in' ? 0 : 1];
}

/** Operations without an object in the path whose body names a person: checked in all three columns. */
export const PERSON_IN_BODY = new Set(['POST /points/adjustments']);

const csv = (text) => ({ raw: text, headers: { 'Content-Type': 'text/csv; charset=utf-8' } });

/**
 * Bodies for writes; default {} (so an answered write is mostly refused on its
 * content, not performed). Writes that name a person name the cell's person, so
 * the same cell also checks "every person a write touches is in scope".
 */
export const BODY = {
  'POST /points/adjustments': (fx, role, column) => ({ employee_id: person(fx, role, column), amount: 1, reason: '矩阵测试' }),
  'PUT /performance/cycles/{id}/manual': (fx, role, column) => ({ employee_id: person(fx, role, column), indicator: '业务KPI', value: 50 }),
  'POST /trainings/{id}/enrollments': () => ({ add: [], remove: [] }),
  'POST /employees/import': () => csv('工号,姓名,部门\n'),
  'POST /performance/cycles/{id}/manual/import': () => csv('工号,指标,数值\n'),
};

export const TABLE = {
  'GET /health': { anon: 'A', employee: 'A', manager: 'A', instructor: 'A', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'GET /health/ready': { anon: 'A', employee: 'A', manager: 'A', instructor: 'A', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'GET /openapi.json': { anon: 'A', employee: 'A', manager: 'A', instructor: 'A', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'POST /auth/login': { anon: 'A', employee: 'A', manager: 'A', instructor: 'A', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'POST /auth/logout': { anon: 'U', employee: 'A', manager: 'A', instructor: 'A', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'GET /me': { anon: 'U', employee: 'A', manager: 'A', instructor: 'A', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'POST /me/password': { anon: 'U', employee: 'A', manager: 'A', instructor: 'A', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'GET /branches': { anon: 'U', employee: 'A', manager: 'A', instructor: 'A', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'POST /branches': { anon: 'U', employee: 'F', manager: 'F', instructor: 'F', branch_hr: 'F', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'GET /branches/{id}': { anon: 'UUU', employee: 'AAN', manager: 'AAN', instructor: 'AAN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'PATCH /branches/{id}': { anon: 'UUU', employee: 'FFN', manager: 'FFN', instructor: 'FFN', branch_hr: 'FNN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'DELETE /branches/{id}': { anon: 'UUU', employee: 'FFD', manager: 'FFD', instructor: 'FFD', branch_hr: 'NNN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'GET /departments': { anon: 'U', employee: 'A', manager: 'A', instructor: 'A', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'POST /departments': { anon: 'U', employee: 'F', manager: 'F', instructor: 'F', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'GET /departments/{id}': { anon: 'UUU', employee: 'AAN', manager: 'AAN', instructor: 'AAN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'PATCH /departments/{id}': { anon: 'UUU', employee: 'FFN', manager: 'FFN', instructor: 'FFN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'DELETE /departments/{id}': { anon: 'UUU', employee: 'FFN', manager: 'FFN', instructor: 'FFN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'GET /departments/{id}/tree': { anon: 'UUU', employee: 'AAN', manager: 'AAN', instructor: 'AAN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'GET /employees': { anon: 'U', employee: 'A', manager: 'A', instructor: 'A', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'POST /employees': { anon: 'U', employee: 'F', manager: 'F', instructor: 'F', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'POST /employees/import': { anon: 'U', employee: 'F', manager: 'F', instructor: 'F', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'GET /employees/export.xlsx': { anon: 'U', employee: 'A', manager: 'A', instructor: 'A', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'GET /employees/{id}': { anon: 'UUU', employee: 'ANN', manager: 'ANN', instructor: 'ANN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'PATCH /employees/{id}': { anon: 'UUU', employee: 'FNN', manager: 'FNN', instructor: 'FNN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'DELETE /employees/{id}': { anon: 'UUU', employee: 'NNN', manager: 'FNN', instructor: 'NNN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'GET /audit': { anon: 'U', employee: 'F', manager: 'F', instructor: 'F', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'GET /courses': { anon: 'U', employee: 'A', manager: 'A', instructor: 'A', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'POST /courses': { anon: 'U', employee: 'F', manager: 'F', instructor: 'F', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'GET /courses/{id}': { anon: 'UUU', employee: 'AAN', manager: 'AAN', instructor: 'AAN', branch_hr: 'AAN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'PATCH /courses/{id}': { anon: 'UUU', employee: 'FFN', manager: 'FFN', instructor: 'FFN', branch_hr: 'AAN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'DELETE /courses/{id}': { anon: 'UUU', employee: 'FFN', manager: 'FFN', instructor: 'FFN', branch_hr: 'AAN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'GET /trainings': { anon: 'U', employee: 'F', manager: 'F', instructor: 'A', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'POST /trainings': { anon: 'U', employee: 'F', manager: 'F', instructor: 'F', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'GET /trainings/{id}': { anon: 'UUU', employee: 'ANN', manager: 'ANN', instructor: 'ANN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'PATCH /trainings/{id}': { anon: 'UUU', employee: 'FFN', manager: 'FFN', instructor: 'FFN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'POST /trainings/{id}/publish': { anon: 'UUU', employee: 'FFN', manager: 'FFN', instructor: 'FFN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'GET /trainings/{id}/enrollments': { anon: 'UUU', employee: 'FFN', manager: 'FFN', instructor: 'AFN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'POST /trainings/{id}/enrollments': { anon: 'UUU', employee: 'FFN', manager: 'FFN', instructor: 'FFN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'GET /trainings/{id}/audience-diff': { anon: 'UUU', employee: 'FFN', manager: 'FFN', instructor: 'FFN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'POST /trainings/{id}/enroll': { anon: 'UUU', employee: 'AFN', manager: 'AFN', instructor: 'FFN', branch_hr: 'FFN', tenant_hr: 'FFN', sysadmin: 'FFN', t2_hr: 'FFN' },
  'GET /trainings/{id}/submission': { anon: 'UUU', employee: 'ANN', manager: 'NNN', instructor: 'NNN', branch_hr: 'NNN', tenant_hr: 'NNN', sysadmin: 'NNN', t2_hr: 'NNN' },
  'PUT /trainings/{id}/submission': { anon: 'UUU', employee: 'ANN', manager: 'ANN', instructor: 'NNN', branch_hr: 'NNN', tenant_hr: 'NNN', sysadmin: 'NNN', t2_hr: 'NNN' },
  'GET /sessions/{id}/qr': { anon: 'UUU', employee: 'FFN', manager: 'FFN', instructor: 'AFN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'GET /sessions/{id}/qr.png': { anon: 'UUU', employee: 'FFN', manager: 'FFN', instructor: 'AFN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'POST /sessions/{id}/checkin': { anon: 'UUU', employee: 'AFN', manager: 'AFN', instructor: 'FFN', branch_hr: 'FFN', tenant_hr: 'FFN', sysadmin: 'FFN', t2_hr: 'FFN' },
  'GET /sessions/{id}/attendance': { anon: 'UUU', employee: 'FFN', manager: 'FFN', instructor: 'AFN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'PUT /sessions/{id}/attendance/{employee_id}': { anon: 'UUU', employee: 'FFN', manager: 'FFN', instructor: 'FFN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'GET /me/hours': { anon: 'U', employee: 'A', manager: 'A', instructor: 'A', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'GET /employees/{id}/hours': { anon: 'UUU', employee: 'ANN', manager: 'ANN', instructor: 'ANN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'POST /files': { anon: 'U', employee: 'A', manager: 'A', instructor: 'A', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'GET /files/{id}': { anon: 'UUU', employee: 'ANN', manager: 'NNN', instructor: 'ANN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'GET /files/{id}/thumbnail': { anon: 'UUU', employee: 'ANN', manager: 'NNN', instructor: 'ANN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'GET /me/trainings': { anon: 'U', employee: 'A', manager: 'A', instructor: 'A', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'GET /reviews/queue': { anon: 'U', employee: 'F', manager: 'F', instructor: 'A', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'POST /submissions/{id}/review': { anon: 'UUU', employee: 'FFN', manager: 'FFN', instructor: 'AFN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'GET /events': { anon: 'U', employee: 'F', manager: 'F', instructor: 'F', branch_hr: 'F', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'GET /questions': { anon: 'U', employee: 'F', manager: 'F', instructor: 'A', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'POST /questions': { anon: 'U', employee: 'F', manager: 'F', instructor: 'A', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'GET /questions/{id}': { anon: 'UUU', employee: 'FFD', manager: 'FFD', instructor: 'AAN', branch_hr: 'AAN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'PATCH /questions/{id}': { anon: 'UUU', employee: 'FFD', manager: 'FFD', instructor: 'AAN', branch_hr: 'AAN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'DELETE /questions/{id}': { anon: 'UUU', employee: 'FFD', manager: 'FFD', instructor: 'AAN', branch_hr: 'AAN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'GET /trainings/{id}/exam': { anon: 'UUU', employee: 'ANN', manager: 'ANN', instructor: 'ANN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'PUT /trainings/{id}/exam': { anon: 'UUU', employee: 'FFN', manager: 'FFN', instructor: 'FFN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'GET /trainings/{id}/exam/attempts': { anon: 'UUU', employee: 'FFN', manager: 'FFN', instructor: 'AFN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'POST /trainings/{id}/exam/attempts': { anon: 'UUU', employee: 'ANN', manager: 'ANN', instructor: 'FNN', branch_hr: 'FNN', tenant_hr: 'FFN', sysadmin: 'FFN', t2_hr: 'FFN' },
  'GET /exam-attempts/{id}': { anon: 'UUU', employee: 'ANN', manager: 'NNN', instructor: 'ANN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'PUT /exam-attempts/{id}/answers': { anon: 'UUU', employee: 'ANN', manager: 'NNN', instructor: 'NNN', branch_hr: 'NNN', tenant_hr: 'NNN', sysadmin: 'NNN', t2_hr: 'NNN' },
  'POST /exam-attempts/{id}/submit': { anon: 'UUU', employee: 'ANN', manager: 'NNN', instructor: 'NNN', branch_hr: 'NNN', tenant_hr: 'NNN', sysadmin: 'NNN', t2_hr: 'NNN' },
  'POST /exam-attempts/{id}/grade': { anon: 'UUU', employee: 'FFN', manager: 'FFN', instructor: 'AFN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'POST /trainings/{id}/feedback': { anon: 'UUU', employee: 'ANN', manager: 'ANN', instructor: 'FNN', branch_hr: 'FNN', tenant_hr: 'FFN', sysadmin: 'FFN', t2_hr: 'FFN' },
  'GET /trainings/{id}/feedback/summary': { anon: 'UUU', employee: 'FFN', manager: 'FFN', instructor: 'AFN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'GET /instructors/{employee_id}/feedback-summary': { anon: 'UUU', employee: 'AFN', manager: 'FFN', instructor: 'AFN', branch_hr: 'AAN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'GET /me/points': { anon: 'U', employee: 'A', manager: 'A', instructor: 'A', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'GET /employees/{id}/points': { anon: 'UUU', employee: 'ANN', manager: 'ANN', instructor: 'ANN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'POST /points/adjustments': { anon: 'UUU', employee: 'FFD', manager: 'FFD', instructor: 'FFD', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'GET /points/rules': { anon: 'U', employee: 'A', manager: 'A', instructor: 'A', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'PUT /points/rules': { anon: 'U', employee: 'F', manager: 'F', instructor: 'F', branch_hr: 'F', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'GET /performance/cycles': { anon: 'U', employee: 'A', manager: 'A', instructor: 'A', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'POST /performance/cycles': { anon: 'U', employee: 'F', manager: 'F', instructor: 'F', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'GET /performance/cycles/{id}': { anon: 'UUU', employee: 'AAN', manager: 'AAN', instructor: 'AAN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'POST /performance/cycles/{id}/recompute': { anon: 'UUU', employee: 'FFD', manager: 'FFD', instructor: 'FFD', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'POST /performance/cycles/{id}/close': { anon: 'UUU', employee: 'FFD', manager: 'FFD', instructor: 'FFD', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'POST /performance/cycles/{id}/reopen': { anon: 'UUU', employee: 'FFD', manager: 'FFD', instructor: 'FFD', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'GET /performance/cycles/{id}/scores': { anon: 'UUU', employee: 'FFN', manager: 'AAN', instructor: 'FFN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'GET /performance/cycles/{id}/scores.xlsx': { anon: 'UUU', employee: 'FFN', manager: 'AAN', instructor: 'FFN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'GET /performance/cycles/{id}/templates': { anon: 'UUU', employee: 'AAN', manager: 'AAN', instructor: 'AAN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'POST /performance/templates': { anon: 'U', employee: 'F', manager: 'F', instructor: 'F', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'PUT /performance/templates/{id}': { anon: 'UUU', employee: 'FFD', manager: 'FFD', instructor: 'FFD', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'GET /performance/cycles/{id}/manual': { anon: 'UUU', employee: 'AAN', manager: 'AAN', instructor: 'AAN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'PUT /performance/cycles/{id}/manual': { anon: 'UUU', employee: 'FFN', manager: 'AAN', instructor: 'FFN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'POST /performance/cycles/{id}/manual/import': { anon: 'UUU', employee: 'FFD', manager: 'FFD', instructor: 'FFD', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'GET /performance/bonus-tiers': { anon: 'U', employee: 'A', manager: 'A', instructor: 'A', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'PUT /performance/bonus-tiers': { anon: 'U', employee: 'F', manager: 'F', instructor: 'F', branch_hr: 'F', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'GET /performance/cycles/{id}/bonus-pools': { anon: 'UUU', employee: 'FFN', manager: 'FFN', instructor: 'FFN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'GET /performance/cycles/{id}/bonus-pools.xlsx': { anon: 'UUU', employee: 'FFN', manager: 'FFN', instructor: 'FFN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'GET /departments/{id}/bonus-pool': { anon: 'UUU', employee: 'FFN', manager: 'AFN', instructor: 'FFN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'PUT /departments/{id}/bonus-pool': { anon: 'UUU', employee: 'FFD', manager: 'FFD', instructor: 'FFD', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'GET /me/performance': { anon: 'U', employee: 'A', manager: 'A', instructor: 'A', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'GET /employees/{id}/performance': { anon: 'UUU', employee: 'ANN', manager: 'ANN', instructor: 'ANN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'GET /rewards': { anon: 'U', employee: 'A', manager: 'A', instructor: 'A', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'POST /rewards': { anon: 'U', employee: 'F', manager: 'F', instructor: 'F', branch_hr: 'F', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'PATCH /rewards/{id}': { anon: 'UUU', employee: 'FFN', manager: 'FFN', instructor: 'FFN', branch_hr: 'FFN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'GET /me/entitlements': { anon: 'U', employee: 'A', manager: 'A', instructor: 'A', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'GET /entitlements': { anon: 'U', employee: 'F', manager: 'A', instructor: 'F', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'GET /redemptions': { anon: 'U', employee: 'A', manager: 'A', instructor: 'A', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'POST /redemptions': { anon: 'U', employee: 'A', manager: 'A', instructor: 'A', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'POST /redemptions/{id}/approve': { anon: 'UUU', employee: 'FNN', manager: 'ANN', instructor: 'NNN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'POST /redemptions/{id}/reject': { anon: 'UUU', employee: 'FNN', manager: 'ANN', instructor: 'NNN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'POST /redemptions/{id}/cancel': { anon: 'UUU', employee: 'ANN', manager: 'ANN', instructor: 'NNN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'GET /trainings/{id}/reflections': { anon: 'UUU', employee: 'ANN', manager: 'ANN', instructor: 'ANN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'POST /submissions/{id}/like': { anon: 'UUU', employee: 'AAN', manager: 'ANN', instructor: 'ANN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'DELETE /submissions/{id}/like': { anon: 'UUU', employee: 'AAN', manager: 'ANN', instructor: 'ANN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'GET /me/notifications': { anon: 'U', employee: 'A', manager: 'A', instructor: 'A', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'POST /me/notifications/read': { anon: 'U', employee: 'A', manager: 'A', instructor: 'A', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'GET /me/badges': { anon: 'U', employee: 'A', manager: 'A', instructor: 'A', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'GET /employees/{id}/badges': { anon: 'UUU', employee: 'ANN', manager: 'ANN', instructor: 'ANN', branch_hr: 'ANN', tenant_hr: 'AAN', sysadmin: 'AAN', t2_hr: 'AAN' },
  'GET /leaderboards/points': { anon: 'U', employee: 'A', manager: 'A', instructor: 'A', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'GET /leaderboards/departments': { anon: 'U', employee: 'A', manager: 'A', instructor: 'A', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'GET /leaderboards/settings': { anon: 'U', employee: 'A', manager: 'A', instructor: 'A', branch_hr: 'A', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
  'PUT /leaderboards/settings': { anon: 'U', employee: 'F', manager: 'F', instructor: 'F', branch_hr: 'F', tenant_hr: 'A', sysadmin: 'A', t2_hr: 'A' },
};
