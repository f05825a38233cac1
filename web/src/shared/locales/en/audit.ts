import type zh from '../zh-CN/audit';

export default {
  title: 'Audit log',
  at: 'Time',
  actor: 'Actor',
  action: 'Action',
  entity: 'Entity',
  entityId: 'Entity ID',
  before: 'Before',
  after: 'After',
  entityFilter: 'Entity',
  actionFilter: 'Action',
  entities: {
    branch: 'Branch',
    department: 'Department',
    employee: 'Employee',
    user: 'User',
  },
  actions: {
    create: 'Create',
    update: 'Update',
    delete: 'Delete',
    import: 'Import',
    login: 'Login',
    password: 'Password change',
  },
  system: 'System',
} satisfies typeof zh;
