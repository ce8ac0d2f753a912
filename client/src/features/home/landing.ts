import type { RouteLocationRaw } from 'vue-router';
import type { SessionInfo } from '@preau/shared';

type SignedInUser = NonNullable<SessionInfo['user']>;

/**
 * Where `/` leads: support staff to the overview of their schools; a director to their school;
 * a teacher to their own reports. Signed out, the role is not known yet: the login page, which
 * comes back here once it is.
 */
export function landingRoute(user: SignedInUser | null): RouteLocationRaw {
  if (!user) return { name: 'login' };
  if (user.permissions.includes('tickets:work')) return { name: 'home' };
  const directed = user.memberships.find((membership) => membership.role === 'director' && membership.organisationId !== null);
  if (directed) return { name: 'school', params: { id: directed.organisationId } };
  if (user.memberships.some((membership) => membership.role === 'teacher')) return { name: 'my-reports' };
  return { name: 'schools' };
}
