import type { EntityManager } from 'typeorm';
import { DEMO_PASSWORD, ROLE_ORGANISATION, type Role } from '@preau/shared';
import { UserAccountEntity } from '../../../server/src/modules/accounts/user-account.entity';
import { MembershipEntity } from '../../../server/src/modules/accounts/membership.entity';
import { hashPassword } from '../../../server/src/modules/accounts/passwords';
import { SchoolEntity } from '../../../server/src/modules/schools/school.entity';
import { CommuneEntity } from '../../../server/src/modules/organisations/commune.entity';

/** One account per role, all with the password `preau-demo` (README, login page). */
export const DEMO_ACCOUNTS = [
  { username: 'enseignant', role: 'teacher', displayName: 'Émilie Payet (enseignante)' },
  { username: 'directeur', role: 'director', displayName: 'Jean-Marc Hoarau (directeur)' },
  { username: 'erun', role: 'erun', displayName: 'Nadia Grondin (ERUN)' },
  { username: 'technicien', role: 'city_technician', displayName: 'Teddy Fontaine (technicien)' },
  { username: 'responsable', role: 'city_manager', displayName: 'Sylvie Técher (responsable informatique)' },
  { username: 'rectorat', role: 'rectorate_agent', displayName: 'Paul Rivière (rectorat)' },
  { username: 'admin', role: 'admin', displayName: 'Administrateur Préau' },
] as const satisfies readonly { username: string; role: Role; displayName: string }[];

/** A demo account's username. */
export type DemoUsername = (typeof DEMO_ACCOUNTS)[number]['username'];

/**
 * Creates (or resets) the demo accounts around the first demo school. An existing account
 * with one of these names that is not a demo account is left alone.
 */
export async function writeDemoAccounts(manager: EntityManager, firstSchoolUai: string): Promise<number> {
  const school = await manager.getRepository(SchoolEntity).findOneByOrFail({ uai: firstSchoolUai });
  const commune = await manager.getRepository(CommuneEntity).findOneByOrFail({ id: school.communeId });
  const organisationOf: Record<Role, number | null> = {
    teacher: school.id,
    director: school.id,
    erun: school.circonscriptionId,
    city_technician: commune.id,
    city_manager: commune.id,
    rectorate_agent: commune.academyId,
    admin: null,
  };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users = manager.getRepository(UserAccountEntity);
  const memberships = manager.getRepository(MembershipEntity);
  let written = 0;
  for (const account of DEMO_ACCOUNTS) {
    const existing = await users.findOneBy({ username: account.username });
    if (existing && !existing.demo) continue;
    const user = existing
      ? await users.save({ ...existing, displayName: account.displayName, passwordHash, disabled: false })
      : await users.save({
          username: account.username,
          email: null,
          displayName: account.displayName,
          passwordHash,
          disabled: false,
          demo: true,
          ssoSubject: null,
          lastLoginAt: null,
        });
    await memberships.delete({ userId: user.id });
    await memberships.insert({
      userId: user.id,
      role: account.role,
      organisationKind: ROLE_ORGANISATION[account.role],
      organisationId: organisationOf[account.role],
    });
    written++;
  }
  return written;
}
