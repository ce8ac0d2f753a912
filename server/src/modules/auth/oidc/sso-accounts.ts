import type { DataSource, EntityManager } from 'typeorm';
import { normaliseSearchText } from '@preau/shared';
import type { AuditService } from '../../audit/audit.service';
import { MembershipEntity } from '../../accounts/membership.entity';
import { UserAccountEntity } from '../../accounts/user-account.entity';
import type { SsoIdentity } from './sso.service';

/**
 * What a single sign-on leads to:
 * - `sign_in`: an enabled account with at least one role;
 * - `pending`: an account without any role yet; an administrator grants one, then the person signs in;
 * - `refused`: a disabled account, or one the identity cannot be tied to.
 */
export type SsoOutcome =
  | { kind: 'sign_in'; user: UserAccountEntity }
  | { kind: 'pending'; user: UserAccountEntity; created: boolean }
  | { kind: 'refused'; reason: 'account_disabled' | 'linked_to_another_identity' | 'no_email'; user: UserAccountEntity | null };

const USERNAME_MAX = 60;

/** The account a signed-in identity stands for: by subject, else by e-mail (then linked), else a new one. */
export class SsoAccounts {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async resolve(identity: SsoIdentity, ip: string | null): Promise<SsoOutcome> {
    const users = this.dataSource.getRepository(UserAccountEntity);
    let user = await users.findOneBy({ ssoSubject: identity.subject });
    let created = false;
    if (!user) {
      if (!identity.email) return { kind: 'refused', reason: 'no_email', user: null };
      user = await users.findOneBy({ email: identity.email });
      if (user?.disabled) return { kind: 'refused', reason: 'account_disabled', user };
      // Someone else's provider identity already holds this account: an administrator must sort it out.
      if (user?.ssoSubject) return { kind: 'refused', reason: 'linked_to_another_identity', user };
      if (user) await this.link(user, identity, ip);
      else {
        user = await this.create(identity, ip);
        created = true;
      }
    }
    if (user.disabled) return { kind: 'refused', reason: 'account_disabled', user };
    const hasRole = await this.dataSource.getRepository(MembershipEntity).existsBy({ userId: user.id });
    return hasRole ? { kind: 'sign_in', user } : { kind: 'pending', user, created };
  }

  private async link(user: UserAccountEntity, identity: SsoIdentity, ip: string | null): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(UserAccountEntity).update({ id: user.id }, { ssoSubject: identity.subject });
      await this.audit.record(
        { userId: user.id, label: user.username, ip },
        { action: 'user.sso_linked', targetType: 'user', targetId: user.id, details: { siret: identity.siret, uid: identity.uid } },
        manager,
      );
    });
    user.ssoSubject = identity.subject;
  }

  /** An account with no password and no role: it waits for an administrator. */
  private async create(identity: SsoIdentity, ip: string | null): Promise<UserAccountEntity> {
    const email = identity.email as string;
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.getRepository(UserAccountEntity).save({
        username: await freeUsername(manager, usernameFromEmail(email)),
        email,
        displayName: displayNameOf(identity),
        passwordHash: null,
        disabled: false,
        demo: false,
        ssoSubject: identity.subject,
        lastLoginAt: null,
      });
      await this.audit.record(
        { userId: user.id, label: user.username, ip },
        { action: 'user.created_by_sso', targetType: 'user', targetId: user.id, details: { siret: identity.siret, uid: identity.uid } },
        manager,
      );
      return user;
    });
  }
}

/** `Élodie.O'Brien@ac-lyon.fr` → `elodie.obrien`: the local part in the characters a username allows. */
export function usernameFromEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const name = normaliseSearchText(at > 0 ? email.slice(0, at) : email)
    .replace(/[^a-z0-9._-]/g, '')
    .slice(0, USERNAME_MAX);
  return name.length >= 3 ? name : `${name}agent`.slice(0, USERNAME_MAX);
}

/** `base`, else `base2`, `base3`…, cut so the suffix fits the 60 characters. */
export async function freeUsername(manager: EntityManager, base: string): Promise<string> {
  const users = manager.getRepository(UserAccountEntity);
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : String(n);
    const candidate = base.slice(0, USERNAME_MAX - suffix.length) + suffix;
    if (!(await users.existsBy({ username: candidate }))) return candidate;
  }
}

function displayNameOf(identity: SsoIdentity): string {
  const name = [identity.givenName, identity.usualName].filter(Boolean).join(' ');
  return (name || (identity.email as string)).slice(0, 150);
}
