import type { Router } from 'vue-router';
import { setUnauthenticatedHandler } from '../../api/http';
import { useAuthStore } from './auth.store';
import { afterSignInPath } from './after-sign-in';

/**
 * Every page but the public ones needs a session: without one, the login page, remembering where
 * the user was going. The same happens when an API call finds the session expired.
 */
export function installAuthGuard(router: Router): void {
  router.beforeEach(async (to) => {
    const auth = useAuthStore();
    // If the session cannot be read (server down), carry on signed out: the login form reports the failure.
    await auth.ensureSession().catch(() => undefined);
    if (to.meta.public) {
      if (auth.user && to.name === 'login') return afterSignInPath(to.query.redirect);
      return true;
    }
    if (!auth.user) return { name: 'login', query: { redirect: to.fullPath } };
    if (to.meta.permission && !auth.can(to.meta.permission)) return { name: 'forbidden' };
    return true;
  });

  setUnauthenticatedHandler(() => {
    useAuthStore().markExpired();
    const current = router.currentRoute.value;
    if (current.meta.public) return;
    void router.push({ name: 'login', query: { redirect: current.fullPath } });
  });
}
