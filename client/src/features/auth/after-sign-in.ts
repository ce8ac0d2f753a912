import type { LocationQueryValue } from 'vue-router';
import { localPath } from '../../app/route-query';

/** Where to go once signed in: back where the user was heading (never the login page itself), or home. */
export function afterSignInPath(redirect: LocationQueryValue | LocationQueryValue[] | undefined): string {
  const path = localPath(redirect);
  return path && !/^\/connexion(?:[/?#]|$)/.test(path) ? path : '/';
}
