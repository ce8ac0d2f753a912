import { computed, ref } from 'vue';
import { defineStore } from 'pinia';
import type { DemoAccount, LoginRequest, Permission, SessionInfo } from '@preau/shared';
import { setCsrfToken } from '../../api/http';
import { getSession, listDemoAccounts, login, logout } from './auth.api';

export const useAuthStore = defineStore('auth', () => {
  const session = ref<SessionInfo | null>(null);
  /** Set when the server ended the session under the user's feet, so the login page can say why they are there. */
  const expired = ref(false);
  let pending: Promise<SessionInfo> | null = null;

  const user = computed(() => session.value?.user ?? null);
  const sso = computed(() => session.value?.sso ?? { enabled: false, label: '' });

  function can(permission: Permission): boolean {
    return user.value?.permissions.includes(permission) ?? false;
  }

  function apply(info: SessionInfo): SessionInfo {
    session.value = info;
    setCsrfToken(info.csrfToken);
    return info;
  }

  /** Reads the session once; later calls reuse it (the router guard asks on every navigation). */
  function ensureSession(): Promise<SessionInfo> {
    if (session.value) return Promise.resolve(session.value);
    pending ??= getSession()
      .then(apply)
      .finally(() => (pending = null));
    return pending;
  }

  // The session id, and with it the CSRF token, changes at sign-in: keep the one the login answer brings.
  async function signIn(credentials: LoginRequest): Promise<SessionInfo> {
    const info = apply(await login(credentials));
    expired.value = false;
    return info;
  }

  async function signOut(): Promise<void> {
    await logout();
    session.value = null;
    setCsrfToken(null);
  }

  /** The server answered 401: forget the user, and read a fresh session (and CSRF token) on the next navigation. */
  function markExpired(): void {
    if (!session.value?.user) return;
    expired.value = true;
    session.value = null;
  }

  const demoAccounts = ref<DemoAccount[] | null>(null);

  async function loadDemoAccounts(): Promise<DemoAccount[]> {
    demoAccounts.value ??= await listDemoAccounts();
    return demoAccounts.value;
  }

  return { session, user, sso, expired, demoAccounts, can, ensureSession, signIn, signOut, markExpired, loadDemoAccounts };
});
