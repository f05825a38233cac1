export default {
  title: '登录',
  subtitle: '人力资源管理后台',
  mobileSubtitle: '员工端',
  login: '用户名',
  loginPlaceholder: '请输入用户名或工号',
  password: '密码',
  passwordPlaceholder: '请输入密码',
  submit: '登录',
  loginRequired: '请输入用户名',
  passwordRequired: '请输入密码',
  loggedOut: '已退出登录',
  sessionExpired: '登录已过期，请重新登录',
};
