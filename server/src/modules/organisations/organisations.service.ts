import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import {
  AcademyCreate,
  AcademyUpdate,
  CirconscriptionCreate,
  CirconscriptionUpdate,
  CommuneCreate,
  CommuneUpdate,
  type Academy,
  type Circonscription,
  type Commune,
  type OrganisationListQuery,
  type Page,
} from '@preau/shared';
import { parse } from '../../http/validate';
import { fieldError, notFound } from '../../http/app-error';
import { pageOf } from '../../http/pagination';
import { definedOnly, updateVersioned } from '../../db/versioned-update';
import type { Actor } from '../../http/actor';
import type { AuditService } from '../audit/audit.service';
import { AcademyEntity } from './academy.entity';
import { CirconscriptionEntity } from './circonscription.entity';
import { CommuneEntity } from './commune.entity';

const toAcademy = (e: AcademyEntity): Academy => ({ id: e.id, code: e.code, name: e.name, version: e.version });
const toCirconscription = (e: CirconscriptionEntity): Circonscription => ({
  id: e.id,
  name: e.name,
  academyId: e.academyId,
  version: e.version,
});
const toCommune = (e: CommuneEntity): Commune => ({
  id: e.id,
  name: e.name,
  inseeCode: e.inseeCode,
  academyId: e.academyId,
  version: e.version,
});

/** Académies, circonscriptions and communes: the organisations schools belong to. */
export class OrganisationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  listAcademies(query: OrganisationListQuery): Promise<Page<Academy>> {
    const qb = this.dataSource.getRepository(AcademyEntity).createQueryBuilder('a').orderBy('a.name').addOrderBy('a.id');
    if (query.q) qb.andWhere('a.name LIKE :q', { q: `%${query.q}%` });
    return pageOf(qb, query, (rows) => rows.map(toAcademy));
  }

  async getAcademy(id: number): Promise<Academy> {
    return toAcademy(await this.find(AcademyEntity, 'Academy', id));
  }

  async createAcademy(body: unknown, actor: Actor): Promise<Academy> {
    const input = parse(AcademyCreate, body);
    const saved = await this.dataSource.getRepository(AcademyEntity).save(input);
    await this.audit.record(actor, { action: 'academy.created', targetType: 'academy', targetId: saved.id, details: input });
    return toAcademy(saved);
  }

  async updateAcademy(id: number, body: unknown, actor: Actor): Promise<Academy> {
    const { version, ...changes } = parse(AcademyUpdate, body);
    await updateVersioned(this.dataSource.manager, AcademyEntity, 'Academy', id, version, definedOnly(changes));
    await this.audit.record(actor, { action: 'academy.updated', targetType: 'academy', targetId: id, details: definedOnly(changes) });
    return this.getAcademy(id);
  }

  listCirconscriptions(query: OrganisationListQuery): Promise<Page<Circonscription>> {
    const qb = this.dataSource
      .getRepository(CirconscriptionEntity)
      .createQueryBuilder('c')
      .orderBy('c.name')
      .addOrderBy('c.id');
    if (query.academyId) qb.andWhere('c.academyId = :academyId', { academyId: query.academyId });
    if (query.q) qb.andWhere('c.name LIKE :q', { q: `%${query.q}%` });
    return pageOf(qb, query, (rows) => rows.map(toCirconscription));
  }

  async getCirconscription(id: number): Promise<Circonscription> {
    return toCirconscription(await this.find(CirconscriptionEntity, 'Circonscription', id));
  }

  async createCirconscription(body: unknown, actor: Actor): Promise<Circonscription> {
    const input = parse(CirconscriptionCreate, body);
    await this.requireAcademy(input.academyId);
    const saved = await this.dataSource.getRepository(CirconscriptionEntity).save(input);
    await this.audit.record(actor, { action: 'circonscription.created', targetType: 'circonscription', targetId: saved.id, details: input });
    return toCirconscription(saved);
  }

  async updateCirconscription(id: number, body: unknown, actor: Actor): Promise<Circonscription> {
    const { version, ...changes } = parse(CirconscriptionUpdate, body);
    if (changes.academyId) await this.requireAcademy(changes.academyId);
    await updateVersioned(this.dataSource.manager, CirconscriptionEntity, 'Circonscription', id, version, definedOnly(changes));
    await this.audit.record(actor, { action: 'circonscription.updated', targetType: 'circonscription', targetId: id, details: definedOnly(changes) });
    return this.getCirconscription(id);
  }

  listCommunes(query: OrganisationListQuery): Promise<Page<Commune>> {
    const qb = this.dataSource.getRepository(CommuneEntity).createQueryBuilder('c').orderBy('c.name').addOrderBy('c.id');
    if (query.academyId) qb.andWhere('c.academyId = :academyId', { academyId: query.academyId });
    if (query.q) qb.andWhere('c.name LIKE :q', { q: `%${query.q}%` });
    return pageOf(qb, query, (rows) => rows.map(toCommune));
  }

  async getCommune(id: number): Promise<Commune> {
    return toCommune(await this.find(CommuneEntity, 'Commune', id));
  }

  async createCommune(body: unknown, actor: Actor): Promise<Commune> {
    const input = parse(CommuneCreate, body);
    await this.requireAcademy(input.academyId);
    const saved = await this.dataSource.getRepository(CommuneEntity).save(input);
    await this.audit.record(actor, { action: 'commune.created', targetType: 'commune', targetId: saved.id, communeId: saved.id, details: input });
    return toCommune(saved);
  }

  async updateCommune(id: number, body: unknown, actor: Actor): Promise<Commune> {
    const { version, ...changes } = parse(CommuneUpdate, body);
    if (changes.academyId) await this.requireAcademy(changes.academyId);
    await updateVersioned(this.dataSource.manager, CommuneEntity, 'Commune', id, version, definedOnly(changes));
    await this.audit.record(actor, { action: 'commune.updated', targetType: 'commune', targetId: id, communeId: id, details: definedOnly(changes) });
    return this.getCommune(id);
  }

  private async find<E extends ObjectLiteral>(target: EntityTarget<E>, what: string, id: number): Promise<E> {
    const entity = await this.dataSource.getRepository(target).findOneBy({ id } as never);
    if (!entity) throw notFound(what, id);
    return entity;
  }

  private async requireAcademy(academyId: number): Promise<void> {
    const exists = await this.dataSource.getRepository(AcademyEntity).existsBy({ id: academyId });
    if (!exists) throw fieldError(['academyId'], `Academy ${academyId} does not exist`);
  }
}
