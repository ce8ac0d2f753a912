import type { DataSource, EntityManager } from 'typeorm';
import {
  SchoolCreate,
  SchoolUpdate,
  Versioned,
  type Page,
  type SchoolListQuery,
  type SchoolView,
} from '@preau/shared';
import { AppError, fieldError, notFound } from '../../http/app-error';
import { parse } from '../../http/validate';
import { definedOnly, updateVersioned } from '../../db/versioned-update';
import { CirconscriptionEntity } from '../organisations/circonscription.entity';
import { CommuneEntity } from '../organisations/commune.entity';
import { EquipmentEntity } from '../equipment/equipment.entity';
import type { Actor } from '../../http/actor';
import type { AuditService } from '../audit/audit.service';
import { scopeOf, type Principal } from '../auth/principal';
import { whereInScope } from '../auth/scope-sql';
import { placeOfCommune, placeOfSchool } from '../auth/places';
import { ensureAllowed, ensureTarget, ensureVisible } from '../auth/guards';
import { SchoolEntity } from './school.entity';

const SORT_COLUMNS = { name: 's.name', uai: 's.uai', type: 's.type', createdAt: 's.createdAt' } as const;

export class SchoolsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal, query: SchoolListQuery): Promise<Page<SchoolView>> {
    const qb = this.dataSource
      .getRepository(SchoolEntity)
      .createQueryBuilder('s')
      .innerJoinAndSelect('s.commune', 'commune')
      .innerJoinAndSelect('s.circonscription', 'circonscription')
      .orderBy(SORT_COLUMNS[query.sort.field], query.sort.direction)
      .addOrderBy('s.id', query.sort.direction);
    whereInScope(qb, scopeOf(principal, 'inventory:read'), { commune: 's.commune_id', school: 's.id' });
    if (!query.includeRetired) qb.andWhere('s.retiredAt IS NULL');
    if (query.communeId) qb.andWhere('s.communeId = :communeId', { communeId: query.communeId });
    if (query.circonscriptionId) qb.andWhere('s.circonscriptionId = :cid', { cid: query.circonscriptionId });
    if (query.academyId) qb.andWhere('circonscription.academyId = :academyId', { academyId: query.academyId });
    if (query.type) qb.andWhere('s.type = :type', { type: query.type });
    if (query.q) qb.andWhere('(s.name LIKE :q OR s.uai LIKE :q)', { q: `%${query.q}%` });

    const [schools, total] = await qb
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    const counts = await this.equipmentCounts(schools.map((s) => s.id));
    return {
      items: schools.map((s) => toView(s, counts.get(s.id) ?? 0)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async get(principal: Principal, id: number): Promise<SchoolView> {
    ensureVisible(principal, await placeOfSchool(this.dataSource.manager, id), 'School', id);
    return this.view(id);
  }

  private async view(id: number): Promise<SchoolView> {
    const school = await this.dataSource.getRepository(SchoolEntity).findOne({
      where: { id },
      relations: { commune: true, circonscription: true },
    });
    if (!school) throw notFound('School', id);
    const counts = await this.equipmentCounts([id]);
    return toView(school, counts.get(id) ?? 0);
  }

  async create(principal: Principal, body: unknown, actor: Actor): Promise<SchoolView> {
    const input = parse(SchoolCreate, body);
    const saved = await this.dataSource.transaction(async (manager) => {
      // Every missing organisation first (one 422 lists them all), then the right to add here.
      await checkOrganisations(manager, input.communeId, input.circonscriptionId);
      ensureTarget(principal, 'inventory:write', await placeOfCommune(manager, input.communeId), 'communeId', `Commune ${input.communeId}`);
      const school = await manager.getRepository(SchoolEntity).save({ ...input, retiredAt: null });
      await this.audit.record(actor, { action: 'school.created', targetType: 'school', targetId: school.id, communeId: school.communeId, details: input }, manager);
      return school;
    });
    return this.view(saved.id);
  }

  async update(principal: Principal, id: number, body: unknown, actor: Actor): Promise<SchoolView> {
    const { version, ...changes } = parse(SchoolUpdate, body);
    await this.dataSource.transaction(async (manager) => {
      ensureAllowed(principal, 'inventory:write', await placeOfSchool(manager, id), 'School', id);
      const school = await manager.getRepository(SchoolEntity).findOneBy({ id });
      if (!school) throw notFound('School', id);
      if (school.retiredAt) throw new AppError(409, 'RECORD_RETIRED', `School ${id} is retired`);
      if (changes.communeId && changes.communeId !== school.communeId) {
        throw fieldError(['communeId'], 'A school keeps its commune; its equipment and asset tags belong to it');
      }
      await checkOrganisations(manager, school.communeId, changes.circonscriptionId ?? school.circonscriptionId);
      await updateVersioned(manager, SchoolEntity, 'School', id, version, definedOnly(changes));
      await this.audit.record(actor, { action: 'school.updated', targetType: 'school', targetId: id, communeId: school.communeId, details: definedOnly(changes) }, manager);
    });
    return this.view(id);
  }

  /** Closes a school. Its equipment must be moved or retired first, so nothing is lost from view. */
  async retire(principal: Principal, id: number, body: unknown, actor: Actor): Promise<SchoolView> {
    const { version } = parse(Versioned, body);
    await this.dataSource.transaction(async (manager) => {
      const place = await placeOfSchool(manager, id);
      ensureAllowed(principal, 'inventory:write', place, 'School', id);
      const active = await manager
        .getRepository(EquipmentEntity)
        .createQueryBuilder('e')
        .where('e.schoolId = :id AND e.status <> :retired', { id, retired: 'retired' })
        .getCount();
      if (active > 0) {
        throw new AppError(409, 'RECORD_IN_USE', `School ${id} still holds ${active} items; move or retire them first`);
      }
      await updateVersioned(manager, SchoolEntity, 'School', id, version, { retiredAt: new Date() });
      await this.audit.record(actor, { action: 'school.retired', targetType: 'school', targetId: id, communeId: place.communeId }, manager);
    });
    return this.view(id);
  }

  /** Items not retired, per school. */
  private async equipmentCounts(schoolIds: number[]): Promise<Map<number, number>> {
    if (schoolIds.length === 0) return new Map();
    const rows: { schoolId: number; count: string | number }[] = await this.dataSource
      .getRepository(EquipmentEntity)
      .createQueryBuilder('e')
      .select('e.schoolId', 'schoolId')
      .addSelect('COUNT(*)', 'count')
      .where('e.schoolId IN (:...schoolIds)', { schoolIds })
      .andWhere('e.status <> :retired', { retired: 'retired' })
      .groupBy('e.schoolId')
      .getRawMany();
    return new Map(rows.map((row) => [Number(row.schoolId), Number(row.count)]));
  }
}

async function checkOrganisations(manager: EntityManager, communeId: number, circonscriptionId: number): Promise<void> {
  const commune = await manager.getRepository(CommuneEntity).findOneBy({ id: communeId });
  const circonscription = await manager.getRepository(CirconscriptionEntity).findOneBy({ id: circonscriptionId });
  const issues = [];
  if (!commune) issues.push({ path: ['communeId'], message: `Commune ${communeId} does not exist` });
  if (!circonscription) {
    issues.push({ path: ['circonscriptionId'], message: `Circonscription ${circonscriptionId} does not exist` });
  }
  if (commune && circonscription && commune.academyId !== circonscription.academyId) {
    issues.push({ path: ['circonscriptionId'], message: 'The circonscription belongs to another académie than the commune' });
  }
  if (issues.length > 0) throw new AppError(422, 'VALIDATION_FAILED', issues.map((i) => i.message).join('; '), issues);
}

function toView(s: SchoolEntity, equipmentCount: number): SchoolView {
  return {
    id: s.id,
    uai: s.uai,
    name: s.name,
    type: s.type,
    address: s.address,
    postalCode: s.postalCode,
    communeId: s.communeId,
    circonscriptionId: s.circonscriptionId,
    retiredAt: s.retiredAt?.toISOString() ?? null,
    version: s.version,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    communeName: s.commune?.name ?? '',
    circonscriptionName: s.circonscription?.name ?? '',
    equipmentCount,
  };
}
