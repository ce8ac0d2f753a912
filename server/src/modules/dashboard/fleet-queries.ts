import type { EntityManager } from 'typeorm';
import { EquipmentKind, OPEN_TICKET_STATUSES, PRESENT_STATUSES, type ApprovalStatus, type EquipmentStatus, type IncidentAge, type TicketStatus } from '@preau/shared';
import { rawInstant } from '../../db/raw-instant';
import type { DashboardDates } from './dashboard-dates';
import type { ResolvedScope } from './dashboard-scope';
import { heldAtSchool, leftSchoolSql } from '../tickets/ticket-follower-access';

// The dashboard's reads: one set-based query per figure family over the whole scope, grouped
// by school in the database (never one query per school). Rows of schools outside the active
// schools of the scope (a retired school's leftovers) are dropped by the caller.

type Raw = string | number | null;
const int = (value: Raw | undefined) => Number(value ?? 0);

export interface ScopeSchool {
  id: number;
  uai: string;
  name: string;
  communeId: number;
  communeName: string;
  circonscriptionId: number;
  circonscriptionName: string;
}

/** Active schools of the scope. */
export async function scopeSchools(manager: EntityManager, scope: ResolvedScope): Promise<ScopeSchool[]> {
  const qb = manager
    .createQueryBuilder()
    .select(['s.id AS id', 's.uai AS uai', 's.name AS name', 's.commune_id AS communeId', 'c.name AS communeName'])
    .addSelect(['s.circonscription_id AS circonscriptionId', 'ci.name AS circonscriptionName'])
    .from('school', 's')
    .innerJoin('commune', 'c', 'c.id = s.commune_id')
    .innerJoin('circonscription', 'ci', 'ci.id = s.circonscription_id')
    .where('s.retired_at IS NULL');
  scope.restrict(qb, { commune: 's.commune_id', school: 's.id', circonscription: 's.circonscription_id' });
  const rows: (Omit<ScopeSchool, 'id' | 'communeId' | 'circonscriptionId'> & Record<'id' | 'communeId' | 'circonscriptionId', Raw>)[] = await qb.getRawMany();
  return rows.map((row) => ({ ...row, id: int(row.id), communeId: int(row.communeId), circonscriptionId: int(row.circonscriptionId) }));
}

export interface EquipmentGroup {
  schoolId: number;
  kind: EquipmentKind;
  status: EquipmentStatus;
  count: number;
  /** Of these, bought before their kind's renewal cutoff. */
  pastRenewalAge: number;
  /** Of these, with a warranty ending between today and the horizon. */
  warrantiesEnding: number;
}

/** Items at schools of the scope (retired ones left out), by school, kind and status. */
export async function equipmentGroups(manager: EntityManager, scope: ResolvedScope, dates: DashboardDates): Promise<EquipmentGroup[]> {
  const cutoffs = EquipmentKind.options.map((kind) => `WHEN '${kind}' THEN :cutoff_${kind}`).join(' ');
  const cutoffParameters = Object.fromEntries(EquipmentKind.options.map((kind) => [`cutoff_${kind}`, dates.renewalCutoffs[kind]]));
  const qb = manager
    .createQueryBuilder()
    .select(['e.school_id AS schoolId', 'e.kind AS kind', 'e.status AS status', 'COUNT(*) AS count'])
    .addSelect(`SUM(CASE WHEN e.purchase_date < (CASE e.kind ${cutoffs} END) THEN 1 ELSE 0 END)`, 'pastRenewalAge')
    .addSelect('SUM(CASE WHEN e.warranty_ends_on >= :today AND e.warranty_ends_on <= :horizon THEN 1 ELSE 0 END)', 'warrantiesEnding')
    .from('equipment', 'e')
    .where('e.school_id IS NOT NULL')
    .andWhere('e.status <> :retired', { retired: 'retired' })
    .setParameters({ ...cutoffParameters, today: dates.today, horizon: dates.warrantyHorizon });
  scope.restrict(qb, { commune: 'e.commune_id', school: 'e.school_id' });
  qb.groupBy('e.school_id').addGroupBy('e.kind').addGroupBy('e.status');
  const rows: Record<keyof EquipmentGroup, Raw>[] = await qb.getRawMany();
  return rows.map((row) => ({
    schoolId: int(row.schoolId),
    kind: row.kind as EquipmentKind,
    status: row.status as EquipmentStatus,
    count: int(row.count),
    pastRenewalAge: int(row.pastRenewalAge),
    warrantiesEnding: int(row.warrantiesEnding),
  }));
}

export interface OpenTicketGroup {
  schoolId: number;
  level: 1 | 2 | 3;
  age: IncidentAge;
  count: number;
  /** Milliseconds since the epoch of the oldest report of the group. */
  oldestAt: number;
  /** The same, as the driver returned it. */
  oldestRaw: string | Date;
}

/**
 * Open reports of the scope by school, level and age. Open ones are few: the status index finds them.
 * A report the director holds at the school has not reached the support yet: it is not counted.
 */
export async function openTicketGroups(manager: EntityManager, scope: ResolvedScope, dates: DashboardDates): Promise<OpenTicketGroup[]> {
  const age = "CASE WHEN t.created_at > :dayAgo THEN 'day' WHEN t.created_at > :weekAgo THEN 'week' WHEN t.created_at > :monthAgo THEN 'month' ELSE 'older' END";
  const left = leftSchoolSql('t');
  const qb = manager
    .createQueryBuilder()
    .select(['t.school_id AS schoolId', 't.level AS level', `${age} AS age`, 'COUNT(*) AS count', 'MIN(t.created_at) AS oldestAt'])
    .from('ticket', 't')
    .where('t.status IN (:...open)', { open: OPEN_TICKET_STATUSES })
    .andWhere(left.sql, left.parameters)
    .setParameters({ dayAgo: dates.dayAgo, weekAgo: dates.weekAgo, monthAgo: dates.monthAgo });
  scope.restrict(qb, { commune: 't.commune_id', school: 't.school_id', circonscription: 't.circonscription_id' });
  // By the alias: the expression holds bound parameters, which would not read as the same expression twice.
  qb.groupBy('t.school_id').addGroupBy('t.level').addGroupBy('age');
  const rows: (Record<'schoolId' | 'level' | 'age' | 'count', Raw> & { oldestAt: string | Date })[] = await qb.getRawMany();
  return rows.map((row) => ({
    schoolId: int(row.schoolId),
    level: int(row.level) as 1 | 2 | 3,
    age: row.age as IncidentAge,
    count: int(row.count),
    oldestAt: rawInstant(row.oldestAt).getTime(),
    oldestRaw: row.oldestAt,
  }));
}

export interface OldestOpenTicket {
  ticketId: number;
  reference: string;
  title: string;
  openedAt: string;
  schoolId: number;
}

/**
 * The oldest open report of each school given with the instant of its oldest one (as
 * `openTicketGroups` read it, so equality holds to the driver's precision); among reports of
 * the same instant, the first filed.
 */
export async function oldestOpenTickets(manager: EntityManager, oldest: { schoolId: number; openedAt: string | Date }[]): Promise<Map<number, OldestOpenTicket>> {
  if (oldest.length === 0) return new Map();
  // One index lookup per (school, instant); the state is checked here, as a condition on it would
  // make MariaDB's planner probe the index once per state and pair.
  const pairs = oldest.map((_, i) => `(t.school_id = :school${i} AND t.created_at = :openedAt${i})`);
  const qb = manager
    .createQueryBuilder()
    .select(['t.id AS id', 't.reference AS reference', 't.title AS title', 't.created_at AS createdAt', 't.school_id AS schoolId', 't.status AS status', 't.approval AS approval'])
    .from('ticket', 't')
    .where(`(${pairs.join(' OR ')})`, Object.fromEntries(oldest.flatMap((o, i) => [[`school${i}`, o.schoolId], [`openedAt${i}`, o.openedAt]])));
  const rows: { id: Raw; reference: string | null; title: string; createdAt: string | Date; schoolId: Raw; status: TicketStatus; approval: ApprovalStatus }[] = await qb
    .orderBy('t.id')
    .getRawMany();
  const found = new Map<number, OldestOpenTicket>();
  for (const row of rows.filter((candidate) => OPEN_TICKET_STATUSES.includes(candidate.status) && !heldAtSchool(candidate))) {
    const schoolId = int(row.schoolId);
    if (found.has(schoolId)) continue;
    const ticketId = int(row.id);
    found.set(schoolId, {
      ticketId,
      reference: row.reference ?? `#${ticketId}`,
      title: row.title,
      openedAt: rawInstant(row.createdAt).toISOString(),
      schoolId,
    });
  }
  return found;
}

export interface TrolleyContents {
  schoolId: number;
  /** Tablets inside, retired ones left out. */
  tablets: number;
  tabletsInService: number;
}

/** Each delivered trolley (not retired or lost) of the scope with the tablets it holds. */
export async function trolleyContents(manager: EntityManager, scope: ResolvedScope): Promise<TrolleyContents[]> {
  const qb = manager
    .createQueryBuilder()
    .select(['tr.school_id AS schoolId', 'COUNT(tab.id) AS tablets'])
    .addSelect("SUM(CASE WHEN tab.status = 'in_service' THEN 1 ELSE 0 END)", 'tabletsInService')
    .from('equipment', 'tr')
    .leftJoin('equipment', 'tab', "tab.container_id = tr.id AND tab.kind = 'tablet' AND tab.status <> 'retired'")
    .where("tr.kind = 'trolley'")
    .andWhere('tr.school_id IS NOT NULL')
    .andWhere('tr.status NOT IN (:...gone)', { gone: ['retired', 'lost'] });
  scope.restrict(qb, { commune: 'tr.commune_id', school: 'tr.school_id' });
  qb.groupBy('tr.id').addGroupBy('tr.school_id');
  const rows: Record<keyof TrolleyContents, Raw>[] = await qb.getRawMany();
  return rows.map((row) => ({ schoolId: int(row.schoolId), tablets: int(row.tablets), tabletsInService: int(row.tabletsInService) }));
}

export interface PlanRow {
  schoolId: number;
  trolleysPlanned: number;
  tabletsPerTrolley: number;
}

export async function mobileClassPlans(manager: EntityManager, scope: ResolvedScope): Promise<PlanRow[]> {
  const qb = manager
    .createQueryBuilder()
    .select(['p.school_id AS schoolId', 'p.trolleys_planned AS trolleysPlanned', 'p.tablets_per_trolley AS tabletsPerTrolley'])
    .from('mobile_class_plan', 'p')
    .innerJoin('school', 's', 's.id = p.school_id');
  scope.restrict(qb, { commune: 's.commune_id', school: 's.id', circonscription: 's.circonscription_id' });
  const rows: Record<keyof PlanRow, Raw>[] = await qb.getRawMany();
  return rows.map((row) => ({ schoolId: int(row.schoolId), trolleysPlanned: int(row.trolleysPlanned), tabletsPerTrolley: int(row.tabletsPerTrolley) }));
}

/** The school-wide base equipment a school has (in a present status). */
export interface OfficeEquipment {
  schoolId: number;
  directorComputer: boolean;
  secretariatComputer: boolean;
  telephone: boolean;
  copier: boolean;
  internet: boolean;
}

const present = (kinds: string) => `MAX(CASE WHEN ${kinds} THEN 1 ELSE 0 END)`;

export async function officeEquipment(manager: EntityManager, scope: ResolvedScope): Promise<OfficeEquipment[]> {
  const computer = "e.kind IN ('desktop', 'laptop')";
  const qb = manager
    .createQueryBuilder()
    .select('e.school_id', 'schoolId')
    .addSelect(present(`${computer} AND r.use = 'direction'`), 'directorComputer')
    .addSelect(present(`${computer} AND r.use = 'secretariat'`), 'secretariatComputer')
    .addSelect(present("e.kind = 'phone'"), 'telephone')
    .addSelect(present("e.kind = 'copier'"), 'copier')
    .addSelect(present("e.kind IN ('router', 'firewall')"), 'internet')
    .from('equipment', 'e')
    .leftJoin('room', 'r', 'r.id = e.room_id')
    .where('e.school_id IS NOT NULL')
    .andWhere('e.status IN (:...present)', { present: PRESENT_STATUSES })
    .andWhere("e.kind IN ('desktop', 'laptop', 'phone', 'copier', 'router', 'firewall')");
  scope.restrict(qb, { commune: 'e.commune_id', school: 'e.school_id' });
  qb.groupBy('e.school_id');
  const rows: Record<keyof OfficeEquipment, Raw>[] = await qb.getRawMany();
  return rows.map((row) => ({
    schoolId: int(row.schoolId),
    directorComputer: int(row.directorComputer) > 0,
    secretariatComputer: int(row.secretariatComputer) > 0,
    telephone: int(row.telephone) > 0,
    copier: int(row.copier) > 0,
    internet: int(row.internet) > 0,
  }));
}

/** A classroom lacking a display or a teacher laptop (classrooms with both are not returned). */
export interface IncompleteClassroom {
  roomId: number;
  roomName: string;
  schoolId: number;
  display: boolean;
  teacherLaptop: boolean;
}

export async function incompleteClassrooms(manager: EntityManager, scope: ResolvedScope): Promise<IncompleteClassroom[]> {
  const display = present("e.kind IN ('projector', 'interactive_display')");
  // A laptop in a trolley is the pupils', not the teacher's.
  const laptop = present("e.kind = 'laptop' AND e.container_id IS NULL");
  const qb = manager
    .createQueryBuilder()
    .select(['r.id AS roomId', 'r.name AS roomName', 'r.school_id AS schoolId'])
    .addSelect(display, 'display')
    .addSelect(laptop, 'teacherLaptop')
    .from('room', 'r')
    .innerJoin('school', 's', 's.id = r.school_id')
    .leftJoin('equipment', 'e', "e.room_id = r.id AND e.status IN (:...present) AND e.kind IN ('projector', 'interactive_display', 'laptop')", {
      present: PRESENT_STATUSES,
    })
    .where("r.use = 'classroom'")
    .andWhere('r.retired_at IS NULL');
  scope.restrict(qb, { commune: 's.commune_id', school: 'r.school_id', circonscription: 's.circonscription_id' });
  qb.groupBy('r.id').addGroupBy('r.name').addGroupBy('r.school_id').having(`${display} = 0 OR ${laptop} = 0`);
  const rows: Record<keyof IncompleteClassroom, Raw>[] = await qb.getRawMany();
  return rows.map((row) => ({
    roomId: int(row.roomId),
    roomName: String(row.roomName),
    schoolId: int(row.schoolId),
    display: int(row.display) > 0,
    teacherLaptop: int(row.teacherLaptop) > 0,
  }));
}
