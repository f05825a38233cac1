// Branches and departments of the caller's scope, loaded once per view,
// with the department forest and the options of department pickers.
import { computed, ref } from 'vue';
import type { Branch, Department, Id } from '@shared/api/types';
import { useApi } from '@shared/app/context';
import { buildDepartmentForest, groupForestByBranch, type DepartmentNode } from '@shared/org/departmentTree';

/** A node of an ElTreeSelect / ElCascader. Branch groups are disabled. */
export interface DepartmentOption {
  value: Id | string;
  label: string;
  disabled?: boolean;
  children?: DepartmentOption[];
}

function toOptions(nodes: DepartmentNode[]): DepartmentOption[] {
  return nodes.map((n) => ({ value: n.id, label: n.name, children: n.children.length ? toOptions(n.children) : undefined }));
}

export function useOrgData() {
  const api = useApi();
  const branches = ref<Branch[]>([]);
  const departments = ref<Department[]>([]);
  const loading = ref(false);

  const forest = computed(() => buildDepartmentForest(departments.value));
  const forestByBranch = computed(() => groupForestByBranch(forest.value));
  const branchById = computed(() => new Map(branches.value.map((b) => [b.id, b])));
  const departmentById = computed(() => new Map(departments.value.map((d) => [d.id, d])));

  /** Department choices grouped under their branch when there are several. */
  const departmentOptions = computed<DepartmentOption[]>(() => {
    const groups = forestByBranch.value;
    if (groups.size <= 1) return toOptions(forest.value);
    return branches.value
      .filter((b) => groups.has(b.id))
      .map((b) => ({ value: `branch-${b.id}`, label: b.name, disabled: true, children: toOptions(groups.get(b.id) ?? []) }));
  });

  const branchName = (id: Id | null | undefined) => (id == null ? '' : (branchById.value.get(id)?.name ?? String(id)));
  const departmentName = (id: Id | null | undefined) =>
    id == null ? '' : (departmentById.value.get(id)?.name ?? String(id));

  async function reload(): Promise<void> {
    loading.value = true;
    try {
      const [b, d] = await Promise.all([api.branches.listAll(), api.departments.listAll()]);
      branches.value = b;
      departments.value = d;
    } finally {
      loading.value = false;
    }
  }

  return {
    branches,
    departments,
    loading,
    forest,
    forestByBranch,
    departmentOptions,
    branchName,
    departmentName,
    reload,
  };
}
