import { OPEN_TICKET_STATUSES } from '@preau/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { todayUtc } from '../../db/seeds/lib/dates';
import { createRandom } from '../../db/seeds/lib/random';
import { engineOf } from '../../server/src/db/data-source';
import { UserAccountEntity } from '../../server/src/modules/accounts/user-account.entity';
import { EquipmentEntity } from '../../server/src/modules/equipment/equipment.entity';
import { EquipmentEventEntity } from '../../server/src/modules/equipment/equipment-event.entity';
import { EquipmentSearchTermEntity } from '../../server/src/modules/equipment/equipment-search-term.entity';
import { searchTermsFor } from '../../server/src/modules/equipment/search-terms';
import { MobileClassPlanEntity } from '../../server/src/modules/fleet-settings/mobile-class-plan.entity';
import { AcademyEntity } from '../../server/src/modules/organisations/academy.entity';
import { CirconscriptionEntity } from '../../server/src/modules/organisations/circonscription.entity';
import { CommuneEntity } from '../../server/src/modules/organisations/commune.entity';
import { RoomEntity } from '../../server/src/modules/schools/room.entity';
import { SchoolEntity } from '../../server/src/modules/schools/school.entity';
import { TicketEntity } from '../../server/src/modules/tickets/ticket.entity';
import { TABLETS_PER_TROLLEY } from '../../db/seeds/lib/school-fleet';
import { insertAll } from './dashboard-bulk-insert';
import { type ScaleFleet, planScaleFleet } from './dashboard-fleet';
import { GENERATOR_VERSION, type ScaleProfile } from './dashboard-profile';
import { TICKET_COLUMNS, type TicketPeople, scaleTickets } from './dashboard-tickets';

/**
 * The dashboard bench's data: `profile`'s académie written into an empty, migrated database
 * (SQLite or MariaDB), every row numbered by the generator, in large transactions of multi-row
 * INSERTs. The same data for the same profile and day: everything happened before the last
 * midnight (UTC). Tickets have no timeline rows (`ticket_event`): the fleet dashboard does not
 * read them.
 */

/** What was generated, and the ids the bench asks the dashboard about. */
export interface ScaleManifest {
  generatorVersion: number;
  profile: ScaleProfile;
  /** The day dates were drawn around (warranties ending, ages): figures drift if reused later. */
  generatedOn: string;
  academyId: number;
  city: { communeId: number; name: string; schools: number; items: number; itemsNotRetired: number; tickets: number; openTickets: number };
  sizes: {
    communes: number;
    circonscriptions: number;
    schools: number;
    rooms: number;
    items: number;
    /** What the dashboard counts as the schools' items. */
    itemsNotRetired: number;
    searchTerms: number;
    mobileClassPlans: number;
    users: number;
    tickets: number;
    openTickets: number;
  };
  seconds: { plan: number; fleet: number; tickets: number; statistics: number; total: number };
  /** CPU seconds of the generating process itself (the rest of the wall time is the database, or other work on the machine). */
  cpuSeconds: number;
}

const SEED = 600_200_000;
const ACTOR = 'bench';
const REPORTERS = 12;
const STAFF = 6;

const seconds = (since: number) => Math.round(performance.now() - since) / 1000;
const cpuSince = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return Math.round((used.user + used.system) / 1000) / 1000;
};

/** Generates `profile` into `dataSource`, which must be migrated and hold no organisation nor school yet. */
export async function generateScaleData(
  dataSource: DataSource,
  profile: ScaleProfile,
  options: { now?: Date; log?: (line: string) => void } = {},
): Promise<ScaleManifest> {
  // One clock read for both; midnight (UTC) by default, so a whole day's runs generate the same rows.
  const today = options.now?.toISOString().slice(0, 10) ?? todayUtc();
  const now = options.now ?? new Date(`${today}T00:00:00Z`);
  const log = options.log ?? (() => undefined);
  await ensureEmpty(dataSource);
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const rng = createRandom(SEED);

  let step = performance.now();
  const fleet = planScaleFleet(profile, rng, today);
  const planSeconds = seconds(step);
  log(`planned ${fleet.communes.length} communes, ${fleet.schools.length} schools, ${profile.items.toLocaleString('en')} items in ${planSeconds} s`);
  const city = fleet.communes[0]!;

  step = performance.now();
  let cpu = process.cpuUsage();
  const written = await bulkTransaction(dataSource, (manager) => writeFleet(manager, fleet, now));
  const fleetSeconds = seconds(step);
  log(`wrote the fleet (${written.rooms.toLocaleString('en')} rooms, ${written.searchTerms.toLocaleString('en')} search terms) in ${fleetSeconds} s (${cpuSince(cpu)} s of CPU here)`);

  step = performance.now();
  cpu = process.cpuUsage();
  const people = await writePeople(dataSource, now);
  const open = { all: 0, city: 0 };
  const tickets = await bulkTransaction(dataSource, (manager) =>
    insertAll(manager, TicketEntity, TICKET_COLUMNS, countingOpen(scaleTickets(profile, fleet, people, rng, now), city.id, open)),
  );
  const ticketSeconds = seconds(step);
  log(`wrote ${tickets.toLocaleString('en')} tickets (${open.all.toLocaleString('en')} open) in ${ticketSeconds} s (${cpuSince(cpu)} s of CPU here)`);

  step = performance.now();
  await refreshStatistics(dataSource);
  const statisticsSeconds = seconds(step);

  const notRetired = (schools: typeof fleet.schools) => schools.reduce((sum, school) => sum + school.items.filter((item) => item.status !== 'retired').length, 0);
  return {
    generatorVersion: GENERATOR_VERSION,
    profile,
    generatedOn: today,
    academyId: fleet.academy.id,
    city: {
      communeId: city.id,
      name: city.name,
      ...profile.city,
      itemsNotRetired: notRetired(fleet.schools.filter((school) => school.communeId === city.id)),
      openTickets: open.city,
    },
    sizes: {
      communes: fleet.communes.length,
      circonscriptions: fleet.circonscriptions.length,
      schools: fleet.schools.length,
      rooms: written.rooms,
      items: written.items,
      itemsNotRetired: notRetired(fleet.schools),
      searchTerms: written.searchTerms,
      mobileClassPlans: written.plans,
      users: people.reporters.length + people.staff.length,
      tickets,
      openTickets: open.all,
    },
    seconds: { plan: planSeconds, fleet: fleetSeconds, tickets: ticketSeconds, statistics: statisticsSeconds, total: seconds(started) },
    cpuSeconds: cpuSince(cpuStarted),
  };
}

/** Passes the tickets on, counting the open ones (all, and the city's) as they go by: a million are never held at once. */
function* countingOpen<T extends Pick<TicketEntity, 'status' | 'communeId'>>(tickets: Iterable<T>, cityId: number, open: { all: number; city: number }): Generator<T> {
  for (const ticket of tickets) {
    if (OPEN_TICKET_STATUSES.includes(ticket.status)) {
      open.all++;
      if (ticket.communeId === cityId) open.city++;
    }
    yield ticket;
  }
}

/**
 * One transaction for a bulk load. On MariaDB, unique and foreign-key checks are off inside it, as
 * for any bulk load (InnoDB then buffers secondary index changes): the generator numbers every
 * row and its test checks the references.
 */
async function bulkTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const mysql = engineOf(dataSource) !== 'sqlite';
  return dataSource.transaction(async (manager) => {
    if (mysql) await manager.query('SET SESSION unique_checks = 0, foreign_key_checks = 0');
    try {
      return await work(manager);
    } finally {
      if (mysql) await manager.query('SET SESSION unique_checks = 1, foreign_key_checks = 1');
    }
  });
}

async function ensureEmpty(dataSource: DataSource): Promise<void> {
  for (const table of ['academy', 'commune', 'school', 'equipment', 'ticket']) {
    const [row] = (await dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`)) as { n: number | string }[];
    if (Number(row?.n) > 0) throw new Error(`The scale generator numbers its own rows: ${table} must be empty`);
  }
}

async function writeFleet(manager: EntityManager, fleet: ScaleFleet, now: Date) {
  const stamp = { createdAt: now, updatedAt: now, version: 1 };
  await insertAll(manager, AcademyEntity, ['id', 'code', 'name', 'createdAt', 'updatedAt', 'version'], [{ ...fleet.academy, ...stamp }]);
  const academyId = fleet.academy.id;
  await insertAll(manager, CirconscriptionEntity, ['id', 'name', 'academyId', 'createdAt', 'updatedAt', 'version'], fleet.circonscriptions.map((c) => ({ ...c, academyId, ...stamp })));
  await insertAll(manager, CommuneEntity, ['id', 'name', 'inseeCode', 'academyId', 'createdAt', 'updatedAt', 'version'], fleet.communes.map((c) => ({ ...c, academyId, ...stamp })));
  await insertAll(
    manager,
    SchoolEntity,
    ['id', 'uai', 'name', 'type', 'address', 'postalCode', 'communeId', 'circonscriptionId', 'retiredAt', 'createdAt', 'updatedAt', 'version'],
    fleet.schools.map((school) => ({
      ...school,
      address: `${1 + (school.id % 180)} rue de l'École`,
      postalCode: fleet.communes[school.communeId - 1]!.inseeCode,
      retiredAt: null,
      ...stamp,
    })),
  );
  const rooms = await insertAll(
    manager,
    RoomEntity,
    ['id', 'schoolId', 'name', 'use', 'description', 'retiredAt', 'createdAt', 'updatedAt', 'version'],
    fleet.schools.flatMap((school) => school.rooms.map((room) => ({ ...room, schoolId: school.id, retiredAt: null, ...stamp }))),
  );
  const communeOf = (school: { communeId: number }) => school.communeId;
  const items = fleet.schools.flatMap((school) => school.items.map((item) => ({ item, school })));
  await insertAll(
    manager,
    EquipmentEntity,
    EQUIPMENT_COLUMNS,
    items.map(({ item, school }) => ({ ...item, communeId: communeOf(school), schoolId: school.id, ...stamp })),
  );
  // The same `created` row and search terms the equipment service writes for an item made through the API.
  await insertAll(manager, EquipmentEventEntity, ['equipmentId', 'change', 'actor', 'note', 'at'], items.map(({ item }) => ({ equipmentId: item.id, change: 'created' as const, actor: ACTOR, note: null, at: now })));
  // In key order (term, item), so both engines append to the primary key instead of splitting pages all over it.
  const terms = items.flatMap(({ item }) => searchTermsFor(item).map((term) => ({ term, equipmentId: item.id })));
  terms.sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : a.equipmentId - b.equipmentId));
  const searchTerms = await insertAll(manager, EquipmentSearchTermEntity, ['term', 'equipmentId'], terms);
  const plans = await insertAll(
    manager,
    MobileClassPlanEntity,
    ['schoolId', 'trolleysPlanned', 'tabletsPerTrolley', 'dueOn', 'programme', 'createdAt', 'updatedAt', 'version'],
    fleet.schools.flatMap((school) => (school.mobileClassPlan ? [{ schoolId: school.id, ...school.mobileClassPlan, tabletsPerTrolley: TABLETS_PER_TROLLEY, ...stamp }] : [])),
  );
  return { rooms, items: items.length, searchTerms, plans };
}

/** A dozen directors and teachers who file the reports, and a few support staff who take them (no memberships: nobody signs in as them). */
async function writePeople(dataSource: DataSource, now: Date): Promise<TicketPeople> {
  const repository = dataSource.getRepository(UserAccountEntity);
  const account = (username: string, displayName: string) => ({
    username,
    email: null,
    displayName,
    passwordHash: null,
    disabled: false,
    demo: false,
    ssoSubject: null,
    lastLoginAt: now,
  });
  const reporters = await repository.save(Array.from({ length: REPORTERS }, (_, i) => account(`bench-ecole-${i + 1}`, `Direction d'école ${i + 1}`)));
  const staff = await repository.save(Array.from({ length: STAFF }, (_, i) => account(`bench-support-${i + 1}`, `Support ${i + 1}`)));
  return { reporters: reporters.map((user) => user.id), staff: staff.map((user) => user.id) };
}

/** Planner statistics, as a database in use has them (the app runs `PRAGMA optimize` at start-up on SQLite). */
async function refreshStatistics(dataSource: DataSource): Promise<void> {
  if (engineOf(dataSource) === 'sqlite') await dataSource.query('ANALYZE');
  else await dataSource.query('ANALYZE TABLE school, room, equipment, ticket, mobile_class_plan, commune, circonscription');
}

const EQUIPMENT_COLUMNS = [
  'id',
  'kind',
  'status',
  'assetTag',
  'brand',
  'model',
  'serial',
  'macAddress',
  'hostname',
  'communeId',
  'schoolId',
  'roomId',
  'containerId',
  'purchaseDate',
  'purchasePriceCents',
  'supplier',
  'warrantyEndsOn',
  'funding',
  'fundingProgramme',
  'fundingAmountCents',
  'notes',
  'createdAt',
  'updatedAt',
  'version',
] as const;
