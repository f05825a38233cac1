import type zh from '../zh-CN/auth';

export default {
  title: 'Log in',
  subtitle: 'HR console',
  mobileSubtitle: 'Employee app',
  login: 'User name',
  loginPlaceholder: 'User name or employee number',
  password: 'Password',
  passwordPlaceholder: 'Password',
  submit: 'Log in',
  loginRequired: 'Enter your user name',
  passwordRequired: 'Enter your password',
  loggedOut: 'Logged out',
  sessionExpired: 'Your session has expired, please log in again',
} satisfies typeof zh;
