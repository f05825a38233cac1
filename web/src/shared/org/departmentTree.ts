// Builds the department forest of each branch from the flat list of
// GET /departments. Pure; the console's tree views and selects use it.
import type { Department, Id } from '../api/types';

export interface DepartmentNode {
  id: Id;
  name: string;
  branch_id: Id;
  department: Department;
  children: DepartmentNode[];
}

const byName = (a: DepartmentNode, b: DepartmentNode) => a.name.localeCompare(b.name, 'zh-CN') || a.id - b.id;

/**
 * Roots are departments without a parent, and also those whose parent is not
 * in the list (out of the caller's scope) or lies in another branch — they
 * still need to be reachable. A parent link that would close a cycle is
 * dropped, so the result is always a finite forest containing every input
 * department exactly once. Siblings are sorted by name (zh-CN collation).
 */
export function buildDepartmentForest(departments: readonly Department[]): DepartmentNode[] {
  const nodes = new Map<Id, DepartmentNode>();
  for (const d of departments) {
    nodes.set(d.id, { id: d.id, name: d.name, branch_id: d.branch_id, department: d, children: [] });
  }

  const parentOf = (d: Department): DepartmentNode | undefined => {
    if (d.parent_id === null || d.parent_id === d.id) return undefined;
    const parent = nodes.get(d.parent_id);
    return parent && parent.branch_id === d.branch_id ? parent : undefined;
  };

  // A department is a root if following parents from it never reaches a
  // parent-less one, i.e. it sits on a cycle: break the cycle at its lowest id.
  const cycleBreakers = new Set<Id>();
  const settled = new Set<Id>();
  for (const d of departments) {
    const path: Department[] = [];
    const onPath = new Set<Id>();
    let cur: Department | undefined = d;
    while (cur && !settled.has(cur.id) && !onPath.has(cur.id)) {
      path.push(cur);
      onPath.add(cur.id);
      cur = parentOf(cur)?.department;
    }
    if (cur && onPath.has(cur.id)) {
      const cycle = path.slice(path.findIndex((p) => p.id === cur!.id));
      cycleBreakers.add(Math.min(...cycle.map((p) => p.id)));
    }
    for (const p of path) settled.add(p.id);
  }

  const roots: DepartmentNode[] = [];
  for (const d of departments) {
    const node = nodes.get(d.id)!;
    const parent = cycleBreakers.has(d.id) ? undefined : parentOf(d);
    (parent ? parent.children : roots).push(node);
  }
  const sortDeep = (list: DepartmentNode[]) => {
    list.sort(byName);
    for (const n of list) sortDeep(n.children);
  };
  sortDeep(roots);
  return roots;
}

/** The forest split per branch (branch id → its roots). */
export function groupForestByBranch(forest: readonly DepartmentNode[]): Map<Id, DepartmentNode[]> {
  const out = new Map<Id, DepartmentNode[]>();
  for (const root of forest) {
    const list = out.get(root.branch_id) ?? [];
    list.push(root);
    out.set(root.branch_id, list);
  }
  return out;
}

/** Ids of a node and all below it (e.g. to forbid moving a department under itself). */
export function subtreeIds(node: DepartmentNode): Set<Id> {
  const ids = new Set<Id>();
  const walk = (n: DepartmentNode) => {
    ids.add(n.id);
    n.children.forEach(walk);
  };
  walk(node);
  return ids;
}

/** Finds a node by id anywhere in the forest. */
export function findNode(forest: readonly DepartmentNode[], id: Id): DepartmentNode | undefined {
  for (const n of forest) {
    if (n.id === id) return n;
    const hit = findNode(n.children, id);
    if (hit) return hit;
  }
  return undefined;
}
