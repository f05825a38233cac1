// /auth/* and /me: login, logout, the current user, password change.
import type { ApiClient } from './client';
import type { ChangePasswordRequest, LoginRequest, LoginResponse, Me } from './types';

export interface AuthApi {
  /** 401 invalid_credentials, 422 validation_failed, 429 too_many_attempts. */
  login(body: LoginRequest): Promise<LoginResponse>;
  logout(): Promise<void>;
  me(): Promise<Me>;
  changePassword(body: ChangePasswordRequest): Promise<void>;
}

export function createAuthApi(client: ApiClient): AuthApi {
  return {
    // No token is sent, so a 401 here is a wrong password, not an expired session;
    // the login form shows the error itself.
    login: (body) => client.json<LoginResponse>('/auth/login', { method: 'POST', json: body, auth: false, showError: false }),
    // Logging out of an already dead session is not worth an error toast.
    logout: () => client.empty('/auth/logout', { method: 'POST', showError: false }),
    me: () => client.json<Me>('/me'),
    changePassword: (body) => client.empty('/me/password', { method: 'POST', json: body, showError: false }),
  };
}
