import type { DemoAccount, LoginRequest, SessionInfo } from '@preau/shared';
import { apiUrl, http } from '../../api/http';

export function getSession(): Promise<SessionInfo> {
  return http.get<SessionInfo>('/auth/session');
}

export function login(credentials: LoginRequest): Promise<SessionInfo> {
  return http.post<SessionInfo>('/auth/login', credentials);
}

export function logout(): Promise<void> {
  return http.post<void>('/auth/logout', undefined);
}

export function listDemoAccounts(): Promise<DemoAccount[]> {
  return http.get<DemoAccount[]>('/auth/demo-accounts');
}

/** Single sign-on is a full-page round trip through the identity provider, never a fetch. */
export function ssoLoginUrl(redirect: string): string {
  return apiUrl('/auth/sso/login', { redirect });
}
