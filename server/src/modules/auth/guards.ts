import type { Permission } from '@preau/shared';
import { AppError, forbidden, notFound } from '../../http/app-error';
import { scopeCovers, scopeOf, type Place, type Principal } from './principal';

/** 404 when the record is missing or outside what the principal may read: existence is not revealed. */
export function ensureVisible(principal: Principal, place: Place | null, what: string, id: number | string): asserts place is Place {
  if (!place || !scopeCovers(scopeOf(principal, 'inventory:read'), place)) throw notFound(what, id);
}

/** 404 outside the principal's scope, 403 inside it without `permission`. */
export function ensureAllowed(
  principal: Principal,
  permission: Permission,
  place: Place | null,
  what: string,
  id: number | string,
): asserts place is Place {
  ensureVisible(principal, place, what, id);
  if (!scopeCovers(scopeOf(principal, permission), place)) {
    throw forbidden(`You may not change this ${what.toLowerCase()}: it needs the ${permission} permission in its organisation`);
  }
}

/** For creations: the target organisation must exist and be writable; a missing or hidden one is a 422 on `field`. */
export function ensureTarget(principal: Principal, permission: Permission, place: Place | null, field: string, label: string): asserts place is Place {
  if (!place || !scopeCovers(scopeOf(principal, 'inventory:read'), place)) {
    throw new AppError(422, 'VALIDATION_FAILED', `${label} does not exist`, [{ path: [field], message: `${label} does not exist` }]);
  }
  if (!scopeCovers(scopeOf(principal, permission), place)) {
    throw forbidden(`You may not add records here: it needs the ${permission} permission in this organisation`);
  }
}
