import type zh from '../zh-CN/org';

export default {
  menu: {
    org: 'Organisation',
    branches: 'Branches',
    departments: 'Departments',
    employees: 'Employees',
    audit: 'Audit log',
  },
  branch: {
    title: 'Branches',
    name: 'Name',
    kind: 'Kind',
    timeZone: 'Time zone',
    updatedAt: 'Updated',
    kinds: {
      enterprise: 'Enterprise',
      public_institution: 'Public institution',
    },
    createTitle: 'New branch',
    editTitle: 'Edit branch',
    nameRequired: 'Enter a name',
    kindRequired: 'Choose a kind',
    searchPlaceholder: 'Search by name',
  },
  department: {
    title: 'Departments',
    name: 'Name',
    branch: 'Branch',
    parent: 'Parent department',
    manager: 'Manager',
    employeeCount: 'Employees',
    createTitle: 'New department',
    editTitle: 'Edit department',
    createRoot: 'New top-level department',
    createChild: 'New sub-department',
    nameRequired: 'Enter a department name',
    selectHint: 'Click a department on the left to see its details',
    noParent: '(none, top level)',
    managerPlaceholder: 'Search by name or employee number',
    noBranches: 'No branches yet',
  },
} satisfies typeof zh;
