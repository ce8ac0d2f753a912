import { In, type DataSource } from 'typeorm';
import { DateTime } from 'luxon';
import {
  DIGEST_LIST_MAX,
  OPEN_TICKET_STATUSES,
  REPORTING_TIME_ZONE,
  WARRANTY_HORIZON_DAYS,
  type DigestItem,
  type DigestScope,
  type DigestTicket,
  type WeeklyDigest,
} from '@preau/shared';
import { scopeOfMemberships, type Scope, type ScopeMembership } from '../auth/principal';
import { whereInScope } from '../auth/scope-sql';
import { EquipmentEntity } from '../equipment/equipment.entity';
import { TicketEntity } from '../tickets/ticket.entity';
import { leftSchoolSql } from '../tickets/ticket-follower-access';
import { SchoolEntity } from '../schools/school.entity';
import { AcademyEntity } from '../organisations/academy.entity';
import { CirconscriptionEntity } from '../organisations/circonscription.entity';
import { CommuneEntity } from '../organisations/commune.entity';

const WEEK_MS = 7 * 86_400_000;

type Section<T> = { total: number; items: T[] };

/**
 * What an ERUN or a city manager would otherwise gather by hand each week, over a scope: the
 * incidents reported in the 7 days before `now`, those overdue at `now` (open and past their
 * resolution due date, or marked breached), items broken or in repair, and warranties ending
 * within 90 days. Counts are exact; lists keep the first `DIGEST_LIST_MAX` entries.
 */
export class DigestService {
  constructor(private readonly dataSource: DataSource) {}

  async build(memberships: readonly ScopeMembership[], now: Date): Promise<WeeklyDigest> {
    const scope = scopeOfMemberships(memberships);
    const since = new Date(now.getTime() - WEEK_MS);
    const today = DateTime.fromJSDate(now, { zone: REPORTING_TIME_ZONE });
    const [scopes, newIncidents, overdueIncidents, outOfService, warrantiesEnding] = await Promise.all([
      this.describe(memberships),
      this.tickets(scope, 't.created_at >= :since AND t.created_at < :now', { since, now }, 'newest'),
      this.tickets(
        scope,
        // Reported before now: a digest built for a past date leaves out what came later.
        't.status IN (:...open) AND t.created_at < :now AND (t.resolution_due_at < :now OR t.breached_at IS NOT NULL)',
        { open: OPEN_TICKET_STATUSES, now },
        'most overdue',
      ),
      this.items(scope, `e.status IN ('broken', 'in_repair')`, {}, 'by school'),
      this.items(
        scope,
        `e.warranty_ends_on >= :from AND e.warranty_ends_on <= :to AND e.status NOT IN ('retired', 'lost')`,
        { from: today.toISODate(), to: today.plus({ days: WARRANTY_HORIZON_DAYS }).toISODate() },
        'by warranty end',
      ),
    ]);
    return { periodStart: since.toISOString(), periodEnd: now.toISOString(), scopes, newIncidents, overdueIncidents, outOfService, warrantiesEnding };
  }

  private async tickets(scope: Scope, where: string, params: Record<string, unknown>, order: 'newest' | 'most overdue'): Promise<Section<DigestTicket>> {
    // Reports the director holds at the school are not the support's yet.
    const left = leftSchoolSql('t');
    const qb = this.dataSource.getRepository(TicketEntity).createQueryBuilder('t').where(where, params).andWhere(left.sql, left.parameters);
    whereInScope(qb, scope, { commune: 't.commune_id', school: 't.school_id' });
    const total = await qb.getCount();
    if (total === 0) return { total, items: [] };
    if (order === 'newest') qb.orderBy('t.createdAt', 'DESC').addOrderBy('t.id', 'DESC');
    // Most overdue first; a breached ticket without a due date (its clock paused) after the dated ones.
    else qb.addSelect('CASE WHEN t.resolution_due_at IS NULL THEN 1 ELSE 0 END', 'undated').orderBy('undated', 'ASC').addOrderBy('t.resolutionDueAt', 'ASC').addOrderBy('t.id', 'ASC');
    const tickets = await qb.limit(DIGEST_LIST_MAX).getMany();
    const schools = await this.dataSource.getRepository(SchoolEntity).find({ select: { id: true, name: true }, where: { id: In([...new Set(tickets.map((t) => t.schoolId))]) } });
    const schoolName = new Map(schools.map((s) => [s.id, s.name]));
    return {
      total,
      items: tickets.map((t) => ({
        id: t.id,
        reference: t.reference,
        title: t.title,
        schoolName: schoolName.get(t.schoolId) ?? '',
        level: t.level,
        status: t.status,
        createdAt: t.createdAt.toISOString(),
        resolutionDueAt: t.resolutionDueAt?.toISOString() ?? null,
      })),
    };
  }

  private async items(scope: Scope, where: string, params: Record<string, unknown>, order: 'by school' | 'by warranty end'): Promise<Section<DigestItem>> {
    const qb = this.dataSource
      .getRepository(EquipmentEntity)
      .createQueryBuilder('e')
      .leftJoin('e.school', 'school')
      .leftJoin('e.room', 'room')
      .select(['e.id', 'e.assetTag', 'e.kind', 'e.status', 'e.warrantyEndsOn', 'e.schoolId', 'school.id', 'school.name', 'room.id', 'room.name'])
      .where(where, params);
    whereInScope(qb, scope, { commune: 'e.commune_id', school: 'e.school_id' });
    const total = await qb.getCount();
    if (total === 0) return { total, items: [] };
    if (order === 'by school') qb.orderBy('e.schoolId', 'ASC').addOrderBy('e.assetTag', 'ASC');
    else qb.orderBy('e.warrantyEndsOn', 'ASC').addOrderBy('e.assetTag', 'ASC');
    // Only many-to-one joins: a plain LIMIT is exact.
    const rows = await qb.limit(DIGEST_LIST_MAX).getMany();
    return {
      total,
      items: rows.map((e) => ({
        id: e.id,
        assetTag: e.assetTag,
        kind: e.kind,
        status: e.status,
        schoolName: e.school?.name ?? null,
        roomName: e.room?.name ?? null,
        warrantyEndsOn: e.warrantyEndsOn,
      })),
    };
  }

  /** The organisations named at the top of the digest, in the memberships' order. */
  private async describe(memberships: readonly ScopeMembership[]): Promise<DigestScope[]> {
    const idsOf = (kind: ScopeMembership['organisationKind']) =>
      memberships.filter((m) => m.organisationKind === kind && m.organisationId !== null).map((m) => m.organisationId!);
    const names = async (entity: typeof AcademyEntity | typeof CirconscriptionEntity | typeof CommuneEntity | typeof SchoolEntity, ids: number[]) => {
      if (ids.length === 0) return new Map<number, string>();
      const rows: { id: number; name: string }[] = await this.dataSource.getRepository(entity).find({ select: { id: true, name: true }, where: { id: In(ids) } });
      return new Map(rows.map((row) => [row.id, row.name]));
    };
    const byKind = {
      academy: await names(AcademyEntity, idsOf('academy')),
      circonscription: await names(CirconscriptionEntity, idsOf('circonscription')),
      commune: await names(CommuneEntity, idsOf('commune')),
      school: await names(SchoolEntity, idsOf('school')),
    };
    const seen = new Set<string>();
    const scopes: DigestScope[] = [];
    for (const m of memberships) {
      const key = `${m.organisationKind}:${m.organisationId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (m.organisationKind === 'global') scopes.push({ kind: 'global', id: null, name: 'Toutes les organisations' });
      else if (m.organisationId !== null) scopes.push({ kind: m.organisationKind, id: m.organisationId, name: byKind[m.organisationKind].get(m.organisationId) ?? '' });
    }
    return scopes;
  }
}
