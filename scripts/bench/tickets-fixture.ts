import type { DataSource } from 'typeorm';
import { ROLE_ORGANISATION, type EquipmentKind } from '@preau/shared';
import { loadDemo } from '../../db/seeds/demo/load-demo';
import { SYSTEM_ACTOR } from '../../server/src/http/actor';
import { MembershipEntity } from '../../server/src/modules/accounts/membership.entity';
import { TokensService } from '../../server/src/modules/accounts/tokens.service';
import { UserAccountEntity } from '../../server/src/modules/accounts/user-account.entity';
import { AuditService } from '../../server/src/modules/audit/audit.service';
import { loadPrincipal } from '../../server/src/modules/auth/load-principal';
import { SchoolEntity } from '../../server/src/modules/schools/school.entity';
import { type BenchDatabase, createMariaDbDatabase } from './bench-database';
import { MYSQL_TICKETS_DATABASE } from './tickets-settings';

/** The tickets bench's own throwaway MariaDB database, so it can run beside the equipment bench. */
export function createTicketsMariaDb(serverUrl: string): Promise<BenchDatabase | { skipped: string }> {
  return createMariaDbDatabase(serverUrl, MYSQL_TICKETS_DATABASE);
}

/** A school's director, who files its reports, and the school's items in service to report on. */
export interface Reporter {
  token: string;
  schoolId: number;
  items: { id: number; kind: EquipmentKind }[];
}

export interface TicketsFixture {
  reporters: Reporter[];
  /** The first demo school: its tickets are seen by every watcher. */
  probeSchoolId: number;
  /** The demo director of that school, who files the tickets the event part comments on. */
  probeReporterToken: string;
  /** The demo technician, who comments on them. */
  technicianToken: string;
  /** Accounts that all see the first school's tickets through a different room each (school, circonscription, commune, académie, all). */
  watchers: { username: string; token: string }[];
  dataset: { schools: number; equipment: number };
}

/** Demo accounts whose scopes cover the first demo school: the sockets sign in as them. */
const WATCHERS = ['directeur', 'erun', 'technicien', 'responsable', 'rectorat', 'admin'] as const;
/** Items of a school that its reports may name: a spread of kinds, not its first rows only. */
const ITEMS_PER_SCHOOL = 8;

/**
 * Loads the demo commune into a migrated database, adds a director account per school, and
 * makes a personal API token for each account the bench uses, through the token service (for a
 * session principal: a token cannot mint another).
 */
export async function prepareFixture(dataSource: DataSource): Promise<TicketsFixture> {
  const demo = await loadDemo(dataSource);
  const tokens = new TokensService(dataSource, new AuditService(dataSource));
  const tokenFor = async (userId: number) => {
    const principal = await loadPrincipal(dataSource, userId, 'session');
    if (!principal) throw new Error(`user ${userId} cannot hold a token`);
    return (await tokens.create(principal, { name: 'bench' }, SYSTEM_ACTOR)).token;
  };

  const schools = await dataSource.getRepository(SchoolEntity).find({ order: { id: 'ASC' } });
  // Not items in a retired trolley: the demo has some, and the app refuses to mark them broken
  // (RECORD_RETIRED on containerId), so reporting a hardware fault on them fails with 422.
  const items: { id: number | string; kind: EquipmentKind; schoolId: number | string }[] = await dataSource.query(
    `SELECT e.id, e.kind, e.school_id AS schoolId FROM equipment e LEFT JOIN equipment c ON c.id = e.container_id
      WHERE e.status = 'in_service' AND e.school_id IS NOT NULL AND (c.id IS NULL OR c.status <> 'retired')
      ORDER BY e.school_id, e.kind, e.id`,
  );
  const itemsBySchool = new Map<number, { id: number; kind: EquipmentKind }[]>();
  for (const item of items) {
    const list = itemsBySchool.get(Number(item.schoolId)) ?? [];
    list.push({ id: Number(item.id), kind: item.kind });
    itemsBySchool.set(Number(item.schoolId), list);
  }

  const reporters: Reporter[] = [];
  for (const school of schools) {
    const user = await dataSource.getRepository(UserAccountEntity).save({
      username: `bench-directeur-${school.id}`,
      email: null,
      displayName: `Direction ${school.name}`,
      // Token only: the bench never signs in with a password.
      passwordHash: null,
      disabled: false,
      demo: false,
      ssoSubject: null,
      lastLoginAt: null,
    });
    await dataSource.getRepository(MembershipEntity).insert({ userId: user.id, role: 'director', organisationKind: ROLE_ORGANISATION.director, organisationId: school.id });
    const all = itemsBySchool.get(school.id) ?? [];
    const step = Math.max(1, Math.floor(all.length / ITEMS_PER_SCHOOL));
    reporters.push({ token: await tokenFor(user.id), schoolId: school.id, items: all.filter((_, i) => i % step === 0).slice(0, ITEMS_PER_SCHOOL) });
  }

  const probeSchool = schools.find((school) => school.uai === demo.firstSchool.uai);
  if (!probeSchool) throw new Error(`demo school ${demo.firstSchool.uai} not found`);
  const watchers: TicketsFixture['watchers'] = [];
  for (const username of WATCHERS) {
    const user = await dataSource.getRepository(UserAccountEntity).findOneByOrFail({ username });
    watchers.push({ username, token: await tokenFor(user.id) });
  }
  const tokenOf = (username: string) => watchers.find((watcher) => watcher.username === username)!.token;
  return {
    reporters,
    probeSchoolId: probeSchool.id,
    probeReporterToken: tokenOf('directeur'),
    technicianToken: tokenOf('technicien'),
    watchers,
    dataset: { schools: demo.schools, equipment: demo.equipment },
  };
}

/** Tickets in the database, and the highest id: what a run added is what lies above it. */
export async function ticketCount(dataSource: DataSource): Promise<{ count: number; maxId: number }> {
  const [row] = (await dataSource.query('SELECT COUNT(*) AS n, MAX(id) AS maxId FROM ticket')) as { n: number | string; maxId: number | string | null }[];
  return { count: Number(row?.n ?? 0), maxId: Number(row?.maxId ?? 0) };
}
