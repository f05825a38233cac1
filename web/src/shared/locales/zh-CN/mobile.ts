export default {
  tabs: {
    home: '首页',
    me: '我的',
  },
  home: {
    greeting: '你好，{name}',
    trainings: '我的培训',
    noTrainings: '暂无培训任务',
  },
  profile: {
    title: '我的',
    name: '姓名',
    employeeNo: '工号',
    department: '部门',
    branch: '分支机构',
    position: '岗位',
    roles: '角色',
    noEmployee: '此账号未关联员工档案',
  },
};
