// The audience picker (department checkbox tree, an 含下级 toggle per checked
// department, plus individual employees) ↔ the API's audience object.
import type { Audience, AudienceDepartment, Id } from '../api/types';
import type { DepartmentNode } from '../org/departmentTree';

export interface AudienceSelection {
  /** Checked departments (tree checked independently of each other). */
  departments: Id[];
  /** Departments whose 含下级 toggle is on. */
  includeSubtree: Id[];
  employees: Id[];
}

export const emptySelection = (): AudienceSelection => ({ departments: [], includeSubtree: [], employees: [] });

function parentMap(forest: readonly DepartmentNode[]): Map<Id, Id | null> {
  const parents = new Map<Id, Id | null>();
  const walk = (nodes: readonly DepartmentNode[], parent: Id | null) => {
    for (const n of nodes) {
      parents.set(n.id, parent);
      walk(n.children, n.id);
    }
  };
  walk(forest, null);
  return parents;
}

/**
 * The audience to send. Duplicates are dropped, ids sorted, and a checked
 * department that already lies under a checked ancestor with 含下级 is left
 * out (it adds nobody). Roles and job levels are kept from `base` (the picker
 * does not edit them).
 */
export function toAudience(
  selection: AudienceSelection,
  forest: readonly DepartmentNode[],
  base: Pick<Audience, 'roles' | 'job_levels'> = { roles: [], job_levels: [] },
): Audience {
  const checked = new Set(selection.departments);
  const subtree = new Set(selection.includeSubtree.filter((id) => checked.has(id)));
  const parents = parentMap(forest);
  const coveredByAncestor = (id: Id): boolean => {
    const seen = new Set<Id>();
    let p = parents.get(id) ?? null;
    while (p !== null && !seen.has(p)) {
      if (subtree.has(p)) return true;
      seen.add(p);
      p = parents.get(p) ?? null;
    }
    return false;
  };
  const departments: AudienceDepartment[] = [...checked]
    .filter((id) => !coveredByAncestor(id))
    .sort((a, b) => a - b)
    .map((id) => ({ id, include_subtree: subtree.has(id) }));
  const employees = [...new Set(selection.employees)].sort((a, b) => a - b);
  return { departments, employees, roles: [...base.roles], job_levels: [...base.job_levels] };
}

/** The picker state of a saved audience. */
export function fromAudience(audience: Audience | null | undefined): AudienceSelection {
  if (!audience) return emptySelection();
  return {
    departments: audience.departments.map((d) => d.id),
    includeSubtree: audience.departments.filter((d) => d.include_subtree).map((d) => d.id),
    employees: [...audience.employees],
  };
}

export function isEmptyAudience(a: Audience): boolean {
  return a.departments.length === 0 && a.employees.length === 0 && a.roles.length === 0 && a.job_levels.length === 0;
}
