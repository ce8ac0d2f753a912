import type { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '../../server/src/http/actor';
import { MembershipEntity } from '../../server/src/modules/accounts/membership.entity';
import { TokensService } from '../../server/src/modules/accounts/tokens.service';
import { UserAccountEntity } from '../../server/src/modules/accounts/user-account.entity';
import { AuditService } from '../../server/src/modules/audit/audit.service';
import { loadPrincipal } from '../../server/src/modules/auth/load-principal';
import { type BenchDatabase, withDataSource } from './bench-database';

const tokens = new Map<BenchDatabase, Promise<string>>();

/**
 * An administrator's personal API token in the bench database, made once per database (the
 * username is unique), so the app answers as it does for a real caller: every request pays
 * its authentication.
 */
export function adminToken(database: BenchDatabase): Promise<string> {
  let token = tokens.get(database);
  if (!token) {
    token = withDataSource(database, (dataSource) => makeAdminToken(dataSource, 'bench-admin'));
    tokens.set(database, token);
  }
  return token;
}

/** A new administrator and its token, made through the token service as the API makes them. */
async function makeAdminToken(dataSource: DataSource, username: string): Promise<string> {
  const user = await dataSource.getRepository(UserAccountEntity).save({
    username,
    email: null,
    displayName: 'Bench administrator',
    passwordHash: null,
    disabled: false,
    demo: false,
    ssoSubject: null,
    lastLoginAt: null,
  });
  await dataSource.getRepository(MembershipEntity).insert({ userId: user.id, role: 'admin', organisationKind: 'global', organisationId: null });
  const principal = await loadPrincipal(dataSource, user.id, 'session');
  if (!principal) throw new Error('the bench administrator cannot sign in');
  return (await new TokensService(dataSource, new AuditService(dataSource)).create(principal, { name: 'bench' }, SYSTEM_ACTOR)).token;
}
