import { describe, expect, it } from 'vitest';
import type { Department } from '../api/types';
import { buildDepartmentForest, findNode, groupForestByBranch, subtreeIds, type DepartmentNode } from './departmentTree';

let nextId = 1;
function dept(name: string, branch_id: number, parent_id: number | null, id = nextId++): Department {
  return {
    id, name, branch_id, parent_id, manager_id: null, manager_name: null, employee_count: 0,
    created_at: '2024-01-01T00:00:00Z', updated_at: '2024-01-01T00:00:00Z',
  };
}

/** Renders a forest as indented lines, so tests compare whole shapes. */
function render(nodes: DepartmentNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [`${'  '.repeat(depth)}${n.name}#${n.id}@${n.branch_id}`, ...render(n.children, depth + 1)]);
}

describe('buildDepartmentForest', () => {
  it('builds the demo organisation, siblings sorted by name, in any input order', () => {
    const list = [
      dept('公司总部', 1, null, 1),
      dept('销售部', 1, 1, 2),
      dept('销售一部', 1, 2, 3),
      dept('销售二部', 1, 2, 4),
      dept('研发部', 1, 1, 5),
      dept('人力资源部', 1, 1, 6),
      dept('财务部', 1, 1, 7),
      dept('院本部', 2, null, 8),
      dept('科研处', 2, 8, 9),
      dept('办公室', 2, 8, 10),
    ];
    const expected = [
      '公司总部#1@1',
      '  财务部#7@1',
      '  人力资源部#6@1',
      '  销售部#2@1',
      '    销售二部#4@1',
      '    销售一部#3@1',
      '  研发部#5@1',
      '院本部#8@2',
      '  办公室#10@2',
      '  科研处#9@2',
    ];
    expect(render(buildDepartmentForest(list))).toEqual(expected);
    expect(render(buildDepartmentForest([...list].reverse()))).toEqual(expected);
  });

  it('keeps departments whose parent is out of scope or in another branch as roots', () => {
    const list = [dept('销售一部', 1, 99, 3), dept('一组', 1, 3, 11), dept('错挂', 2, 3, 12)];
    expect(render(buildDepartmentForest(list))).toEqual(['错挂#12@2', '销售一部#3@1', '  一组#11@1']);
  });

  it('breaks parent cycles at the lowest id and keeps every department exactly once', () => {
    const list = [dept('甲', 1, 22, 21), dept('乙', 1, 23, 22), dept('丙', 1, 21, 23), dept('丁', 1, 22, 24), dept('自环', 1, 25, 25)];
    const forest = buildDepartmentForest(list);
    expect(render(forest)).toEqual(['甲#21@1', '  丙#23@1', '    乙#22@1', '      丁#24@1', '自环#25@1']);
  });

  it('answers an empty forest for an empty list', () => {
    expect(buildDepartmentForest([])).toEqual([]);
  });
});

describe('forest helpers', () => {
  const forest = buildDepartmentForest([
    dept('公司总部', 1, null, 1),
    dept('销售部', 1, 1, 2),
    dept('销售一部', 1, 2, 3),
    dept('研发部', 1, 1, 5),
    dept('院本部', 2, null, 8),
  ]);

  it('groups roots by branch', () => {
    const groups = groupForestByBranch(forest);
    expect([...groups.entries()].map(([b, roots]) => [b, roots.map((r) => r.id)])).toEqual([
      [1, [1]],
      [2, [8]],
    ]);
  });

  it('finds nodes and their subtree ids', () => {
    const sales = findNode(forest, 2);
    expect(sales?.name).toBe('销售部');
    expect([...subtreeIds(sales!)].sort()).toEqual([2, 3]);
    expect(findNode(forest, 404)).toBeUndefined();
  });
});
