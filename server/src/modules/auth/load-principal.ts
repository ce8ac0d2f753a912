import type { DataSource } from 'typeorm';
import { UserAccountEntity } from '../accounts/user-account.entity';
import { membershipsOf } from '../accounts/memberships-view';
import type { Principal } from './principal';

/** The principal of an enabled account, or null (unknown or disabled: signed out). */
export async function loadPrincipal(dataSource: DataSource, userId: number, via: Principal['via']): Promise<Principal | null> {
  return principalOfUser(dataSource, await dataSource.getRepository(UserAccountEntity).findOneBy({ id: userId }), via);
}

/** The principal of `user` when it is enabled, for a caller that has the account already. */
export async function principalOfUser(dataSource: DataSource, user: UserAccountEntity | null | undefined, via: Principal['via']): Promise<Principal | null> {
  if (!user || user.disabled) return null;
  // Every request loads this: ids suffice to authorise; names are read where they are shown.
  const memberships = (await membershipsOf(dataSource.manager, [user.id], { names: false })).get(user.id) ?? [];
  return { userId: user.id, username: user.username, displayName: user.displayName, email: user.email, memberships, via };
}
