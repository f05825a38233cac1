import type zh from '../zh-CN/mobile';

export default {
  tabs: {
    home: 'Home',
    me: 'Me',
  },
  home: {
    greeting: 'Hello, {name}',
    trainings: 'My trainings',
    noTrainings: 'No training tasks yet',
  },
  profile: {
    title: 'Me',
    name: 'Name',
    employeeNo: 'Employee no.',
    department: 'Department',
    branch: 'Branch',
    position: 'Position',
    roles: 'Roles',
    noEmployee: 'This account has no employee record',
  },
} satisfies typeof zh;
