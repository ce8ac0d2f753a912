import type { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import {
  AGE_BAND_FROM_YEARS,
  EquipmentKind,
  EquipmentStatus,
  REPORTING_TIME_ZONE,
  TicketCategory,
  schoolYearOf,
  AgeBand,
  type DurationFigures,
  type SpendingRow,
  type SteeringReport,
  type SteeringReportQuery,
} from '@preau/shared';
import type { Principal } from '../auth/principal';
import { TicketEntity } from '../tickets/ticket.entity';
import { TicketEventEntity } from '../tickets/ticket-event.entity';
import { EquipmentEntity } from '../equipment/equipment.entity';
import { listIn } from '../ent-subscriptions/ent-subscriptions.service';
import { engineOf } from '../../db/data-source';
import { rawInstant } from '../../db/raw-instant';
import { resolveScope, type ResolvedScope } from '../dashboard/dashboard-scope';
import type { Clock } from '../dashboard/dashboard.service';
import { parisDay, periodInstants } from './report-period';
import { quantile } from './quantile';

type RawDate = Date | string | null;
type RawNumber = number | string;

/** Builds the steering committee report; every figure is defined on `SteeringReport` (shared). */
export class SteeringReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock = () => new Date(),
  ) {}

  async build(principal: Principal, query: SteeringReportQuery): Promise<SteeringReport> {
    const now = this.clock();
    const manager = this.dataSource.manager;
    const within = await resolveScope(manager, principal, query.scope);
    const { period } = query;
    const inPeriod = periodInstants(period);
    // Independent reads: run side by side, as the dashboard's are.
    const [incidentFigures, firstResponse, resolution, escalationFigures, reopeningFigures, satisfactionFigures, fleetFigures, spendingFigures, entYears] =
      await Promise.all([
        incidents(manager, within, inPeriod),
        durations(manager, within, inPeriod, 'firstResponse', now),
        durations(manager, within, inPeriod, 'resolution', now),
        escalations(manager, within, inPeriod),
        reopening(manager, within, inPeriod),
        satisfaction(manager, within, inPeriod),
        fleet(manager, within, parisDay(now)),
        spending(manager, within, period),
        Promise.all(schoolYearsOverlapping(period.from, period.to).map((schoolYear) => entYear(manager, within, schoolYear))),
      ]);
    return {
      scope: within.scope,
      period,
      timeZone: REPORTING_TIME_ZONE,
      generatedAt: now.toISOString(),
      incidents: incidentFigures,
      responseTimes: { firstResponse, resolution },
      escalations: escalationFigures,
      reopening: reopeningFigures,
      satisfaction: satisfactionFigures,
      fleet: fleetFigures,
      spending: spendingFigures,
      ent: { years: entYears },
    };
  }
}

interface Instants {
  start: Date;
  end: Date;
}

type Scope = Pick<ResolvedScope, 'restrict'>;

const ticketScope = <T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, scope: Scope) =>
  scope.restrict(qb, { commune: 't.commune_id', school: 't.school_id', circonscription: 't.circonscription_id' });

/** Tickets created in the period, within the scope. */
function createdIn(manager: EntityManager, scope: Scope, { start, end }: Instants): SelectQueryBuilder<TicketEntity> {
  const qb = manager.getRepository(TicketEntity).createQueryBuilder('t').where('t.createdAt >= :start AND t.createdAt < :end', { start, end });
  return ticketScope(qb, scope);
}

async function incidents(manager: EntityManager, scope: Scope, period: Instants): Promise<SteeringReport['incidents']> {
  // One grouped row per level, category and school (its UAI and name alongside): a few hundred rows, however many tickets.
  const groups = await createdIn(manager, scope, period)
    .innerJoin('school', 's', 's.id = t.school_id')
    .select('t.level', 'level')
    .addSelect('t.category', 'category')
    .addSelect('t.schoolId', 'schoolId')
    .addSelect('s.uai', 'uai')
    .addSelect('s.name', 'name')
    .addSelect('COUNT(*)', 'count')
    .groupBy('t.level')
    .addGroupBy('t.category')
    .addGroupBy('t.schoolId')
    .addGroupBy('s.uai')
    .addGroupBy('s.name')
    .getRawMany<{ level: RawNumber; category: TicketCategory; schoolId: RawNumber; uai: string; name: string; count: RawNumber }>();
  const sumBy = <K>(key: (row: (typeof groups)[number]) => K) => {
    const sums = new Map<K, number>();
    for (const row of groups) sums.set(key(row), (sums.get(key(row)) ?? 0) + Number(row.count));
    return sums;
  };
  const byLevel = sumBy((row) => Number(row.level));
  const byCategory = sumBy((row) => row.category);
  const bySchool = sumBy((row) => Number(row.schoolId));
  const schools = new Map(groups.map((row) => [Number(row.schoolId), { uai: row.uai, name: row.name }]));
  return {
    total: [...byLevel.values()].reduce((sum, n) => sum + n, 0),
    byLevel: [1, 2, 3].map((level) => ({ level, count: byLevel.get(level) ?? 0 })),
    byCategory: TicketCategory.options
      .map((category) => ({ category, count: byCategory.get(category) ?? 0 }))
      .filter((row) => row.count > 0)
      .sort((a, b) => b.count - a.count),
    bySchool: [...bySchool]
      .map(([schoolId, count]) => ({ schoolId, ...schools.get(schoolId)!, count }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'fr') || a.schoolId - b.schoolId),
  };
}

const STEPS = {
  firstResponse: { at: 't.first_responded_at', due: 't.first_response_due_at' },
  resolution: { at: 't.resolved_at', due: 't.resolution_due_at' },
} as const;

/** Whole seconds between two datetime columns: each engine has its own date arithmetic. */
function secondsBetween(engine: 'sqlite' | 'mysql', from: string, to: string): string {
  return engine === 'sqlite' ? `CAST(ROUND((julianday(${to}) - julianday(${from})) * 86400) AS INTEGER)` : `TIMESTAMPDIFF(SECOND, ${from}, ${to})`;
}

/**
 * The durations come back as one number per ticket (the quantiles need them all, sorted), the
 * target counts as two sums: no ticket row is read whole.
 */
async function durations(manager: EntityManager, scope: Scope, period: Instants, step: keyof typeof STEPS, now: Date): Promise<DurationFigures> {
  const { at, due } = STEPS[step];
  const [seconds, targets] = await Promise.all([
    createdIn(manager, scope, period)
      .select(secondsBetween(engineOf(manager.connection), 't.clock_started_at', at), 'seconds')
      .andWhere(`t.clock_started_at IS NOT NULL AND ${at} IS NOT NULL`)
      .getRawMany<{ seconds: RawNumber }>(),
    createdIn(manager, scope, period)
      .select(`SUM(CASE WHEN ${due} IS NOT NULL AND (${at} IS NOT NULL OR ${due} < :now) THEN 1 ELSE 0 END)`, 'withTarget')
      .addSelect(`SUM(CASE WHEN ${due} IS NOT NULL AND ${at} IS NOT NULL AND ${at} <= ${due} THEN 1 ELSE 0 END)`, 'withinTarget')
      .setParameter('now', now)
      .getRawOne<{ withTarget: RawNumber | null; withinTarget: RawNumber | null }>(),
  ]);
  const hours = seconds.map((row) => Number(row.seconds) / 3600).sort((a, b) => a - b);
  const withTarget = Number(targets?.withTarget ?? 0);
  const withinTarget = Number(targets?.withinTarget ?? 0);
  return {
    measured: hours.length,
    medianHours: quantile(hours, 0.5),
    p90Hours: quantile(hours, 0.9),
    withTarget,
    withinTarget,
    shareWithinTarget: withTarget === 0 ? null : withinTarget / withTarget,
  };
}

async function escalations(manager: EntityManager, scope: Scope, { start, end }: Instants): Promise<SteeringReport['escalations']> {
  const qb = manager
    .getRepository(TicketEventEntity)
    .createQueryBuilder('e')
    .innerJoin(TicketEntity, 't', 't.id = e.ticketId')
    .select('e.fromLevel', 'fromLevel')
    .addSelect('COUNT(*)', 'count')
    .where('e.kind = :kind AND e.at >= :start AND e.at < :end', { kind: 'escalated', start, end })
    .groupBy('e.fromLevel');
  const rows = await ticketScope(qb, scope).getRawMany<{ fromLevel: RawNumber | null; count: RawNumber }>();
  const byLevel = new Map(rows.map((row) => [Number(row.fromLevel ?? 0), Number(row.count)]));
  const levels = [1, 2, ...(byLevel.has(0) ? [0] : [])];
  return {
    total: [...byLevel.values()].reduce((sum, n) => sum + n, 0),
    // Level 0 stands for an escalation recorded without its level (an old label the migration could not read).
    byFromLevel: levels.map((level) => ({ level, count: byLevel.get(level) ?? 0 })),
  };
}

async function reopening(manager: EntityManager, scope: Scope, { start, end }: Instants): Promise<SteeringReport['reopening']> {
  const events = (kind: 'resolved' | 'reopened', aggregate: 'MIN' | 'MAX') =>
    ticketScope(
      manager
        .getRepository(TicketEventEntity)
        .createQueryBuilder('e')
        .innerJoin(TicketEntity, 't', 't.id = e.ticketId')
        .select('e.ticketId', 'ticketId')
        .addSelect(`${aggregate}(e.at)`, 'at')
        .where('e.kind = :kind AND e.at >= :start', { kind, start })
        .groupBy('e.ticketId'),
      scope,
    );
  const [resolved, reopened] = await Promise.all([
    events('resolved', 'MIN').andWhere('e.at < :end', { end }).getRawMany<{ ticketId: RawNumber; at: RawDate }>(),
    events('reopened', 'MAX').getRawMany<{ ticketId: RawNumber; at: RawDate }>(),
  ]);
  const lastReopening = new Map(reopened.map((row) => [Number(row.ticketId), rawInstant(row.at)!.getTime()]));
  // A reopening in the same second as the resolution still follows it: only a resolved ticket can be reopened.
  const count = resolved.filter((row) => (lastReopening.get(Number(row.ticketId)) ?? -Infinity) >= rawInstant(row.at)!.getTime()).length;
  return { resolved: resolved.length, reopened: count, rate: resolved.length === 0 ? null : count / resolved.length };
}

async function satisfaction(manager: EntityManager, scope: Scope, { start, end }: Instants): Promise<SteeringReport['satisfaction']> {
  const qb = manager
    .getRepository(TicketEntity)
    .createQueryBuilder('t')
    .select('t.rating', 'rating')
    .addSelect('COUNT(*)', 'count')
    .where('t.closedAt >= :start AND t.closedAt < :end AND t.rating IS NOT NULL', { start, end })
    .groupBy('t.rating');
  const rows = await ticketScope(qb, scope).getRawMany<{ rating: RawNumber; count: RawNumber }>();
  const byRating = new Map(rows.map((row) => [Number(row.rating), Number(row.count)]));
  const distribution = [1, 2, 3, 4, 5].map((rating) => ({ rating, count: byRating.get(rating) ?? 0 }));
  const ratings = distribution.reduce((sum, row) => sum + row.count, 0);
  const points = distribution.reduce((sum, row) => sum + row.rating * row.count, 0);
  return { ratings, average: ratings === 0 ? null : points / ratings, distribution };
}

// Commune stock (no school) counts in a commune's or académie's fleet, not in a circonscription's.
const equipmentScope = <T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, scope: Scope) =>
  scope.restrict(qb, { commune: 'e.commune_id', school: 'e.school_id' });

async function fleet(manager: EntityManager, scope: Scope, today: string): Promise<SteeringReport['fleet']> {
  // One pass: kind, state and age band together (at most kinds × states × bands rows).
  const lastDays = ageBandLastDays(today);
  const oldestFirst = AGE_BANDS_OLDEST_FIRST.map((band) => `WHEN e.purchaseDate <= :${paramOf(band)} THEN '${band}'`).join(' ');
  const rows = await equipmentScope(
    manager
      .getRepository(EquipmentEntity)
      .createQueryBuilder('e')
      .select('e.kind', 'kind')
      .addSelect('e.status', 'status')
      .addSelect(`CASE WHEN e.purchaseDate IS NULL THEN 'unknown' ${oldestFirst} ELSE 'under_1' END`, 'band')
      .addSelect('COUNT(*)', 'count')
      .where('e.status <> :retired', { retired: 'retired' })
      .setParameters(Object.fromEntries(AGE_BANDS_OLDEST_FIRST.map((band) => [paramOf(band), lastDays[band]])))
      .groupBy('e.kind')
      .addGroupBy('e.status')
      .addGroupBy('band'),
    scope,
  ).getRawMany<{ kind: EquipmentKind; status: EquipmentStatus; band: AgeBand; count: RawNumber }>();
  const tally = <K>(key: (row: (typeof rows)[number]) => K) => {
    const counts = new Map<K, number>();
    for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + Number(row.count));
    return counts;
  };
  const byKind = tally((row) => row.kind);
  const byStatus = tally((row) => row.status);
  const byAge = tally((row) => row.band);
  return {
    asOf: today,
    total: rows.reduce((sum, row) => sum + Number(row.count), 0),
    byKind: EquipmentKind.options.map((kind) => ({ kind, count: byKind.get(kind) ?? 0 })).filter((row) => row.count > 0),
    byAge: AgeBand.options.map((band) => ({ band, count: byAge.get(band) ?? 0 })),
    byStatus: EquipmentStatus.options
      .filter((status) => status !== 'retired')
      .map((status) => ({ status, count: byStatus.get(status) ?? 0 })),
  };
}

type DatedBand = Exclude<AgeBand, 'unknown' | 'under_1'>;
const AGE_BANDS_OLDEST_FIRST = (Object.entries(AGE_BAND_FROM_YEARS) as [AgeBand, number][])
  .filter((entry): entry is [DatedBand, number] => entry[1] > 0)
  .sort((a, b) => b[1] - a[1])
  .map(([band]) => band);
const paramOf = (band: DatedBand) => `bandFrom${AGE_BAND_FROM_YEARS[band]}`;

/**
 * The last purchase day of each band on `today`: an item is at least N full years old when it was
 * bought on or before the same day N years back. On 29 February that day may not exist: the
 * 28th is then the last (no purchase falls between the two).
 */
export function ageBandLastDays(today: string): Record<DatedBand, string> {
  const year = Number(today.slice(0, 4));
  const monthDay = today.slice(5, 10);
  const lastDay = (years: number) => {
    const back = year - years;
    const leap = (back % 4 === 0 && back % 100 !== 0) || back % 400 === 0;
    return `${back}-${monthDay === '02-29' && !leap ? '02-28' : monthDay}`;
  };
  return Object.fromEntries(AGE_BANDS_OLDEST_FIRST.map((band) => [band, lastDay(AGE_BAND_FROM_YEARS[band])])) as Record<DatedBand, string>;
}

async function spending(manager: EntityManager, scope: Scope, period: { from: string; to: string }): Promise<SteeringReport['spending']> {
  const qb = manager
    .getRepository(EquipmentEntity)
    .createQueryBuilder('e')
    .select('e.funding', 'funding')
    .addSelect('e.fundingProgramme', 'programme')
    .addSelect('e.purchasePriceCents', 'price')
    .addSelect('e.fundingAmountCents', 'subsidy')
    .where('e.purchaseDate >= :from AND e.purchaseDate <= :to', { from: period.from, to: period.to });
  const items = await equipmentScope(qb, scope).getRawMany<{
    funding: EquipmentEntity['funding'];
    programme: string | null;
    price: RawNumber | null;
    subsidy: RawNumber | null;
  }>();

  const rows = new Map<string, SpendingRow>();
  const other = new Map<'school_funds' | 'donation', { funding: 'school_funds' | 'donation'; items: number; unpricedItems: number; totalCents: number }>();
  for (const item of items) {
    const price = item.price === null ? null : Number(item.price);
    if (item.funding === 'school_funds' || item.funding === 'donation') {
      const row = other.get(item.funding) ?? { funding: item.funding, items: 0, unpricedItems: 0, totalCents: 0 };
      row.items += 1;
      if (price === null) row.unpricedItems += 1;
      else row.totalCents += price;
      other.set(item.funding, row);
      continue;
    }
    const programme = item.funding === 'state_subsidy' ? (item.programme ?? '') : null;
    const key = `${item.funding}:${programme ?? ''}`;
    const row = rows.get(key) ?? { funding: item.funding, programme, items: 0, unpricedItems: 0, totalCents: 0, stateCents: 0, communeCents: 0 };
    row.items += 1;
    if (price === null) row.unpricedItems += 1;
    else {
      const state = item.funding === 'state_subsidy' ? Math.min(Number(item.subsidy ?? 0), price) : 0;
      row.totalCents += price;
      row.stateCents += state;
      row.communeCents += price - state;
    }
    rows.set(key, row);
  }
  const sorted = [...rows.values()].sort(
    (a, b) => (a.funding === b.funding ? (a.programme ?? '').localeCompare(b.programme ?? '', 'fr') : a.funding === 'commune' ? -1 : 1),
  );
  const sum = (field: 'items' | 'unpricedItems' | 'totalCents' | 'stateCents' | 'communeCents') => sorted.reduce((total, row) => total + row[field], 0);
  return {
    rows: sorted,
    totals: { items: sum('items'), unpricedItems: sum('unpricedItems'), totalCents: sum('totalCents'), stateCents: sum('stateCents'), communeCents: sum('communeCents') },
    other: (['school_funds', 'donation'] as const).flatMap((funding) => other.get(funding) ?? []),
  };
}

/** The subscriptions of one school year in the scope. */
async function entYear(manager: EntityManager, scope: Scope, schoolYear: number): Promise<SteeringReport['ent']['years'][number]> {
  const list = await listIn(manager, scope, schoolYear);
  return {
    schoolYear,
    schools: list.items.length,
    costCents: list.totalCostCents,
    subscribed: list.items.map((item) => ({ schoolId: item.schoolId, uai: item.uai, name: item.schoolName, costCents: item.costCents })),
  };
}

/** School years (by starting year) that share at least a day with the period. */
export function schoolYearsOverlapping(from: string, to: string): number[] {
  const years: number[] = [];
  for (let year = schoolYearOf(from); year <= schoolYearOf(to); year += 1) years.push(year);
  return years;
}

