import type { Express } from 'express';
import type { Response } from 'supertest';
import type { DataSource } from 'typeorm';
import type { Role, TicketCreate, TicketDetail } from '@preau/shared';
import type { Services } from '../../server/src/app';
import { AuditEntryEntity } from '../../server/src/modules/audit/audit-entry.entity';
import type { SchoolEntity } from '../../server/src/modules/schools/school.entity';
import { testApp } from '../support/app';
import { agentFor, makeUser, type Agent } from '../support/auth';
import { makeOrganisations, makeSchool, type OrgFixture } from '../support/factories';

/**
 * Commune A (its own académie and circonscription) with school A1, commune B elsewhere with B1,
 * and an account of each role that matters here, placed in A.
 */
export interface World {
  app: Express;
  services: Services;
  ds: DataSource;
  a: OrgFixture;
  b: OrgFixture;
  schoolA1: SchoolEntity;
  schoolB1: SchoolEntity;
  admin: Agent;
  managerA: Agent;
  managerB: Agent;
  technicianA: Agent;
  erunA: Agent;
  rectorateA: Agent;
  teacherA1: Agent;
  directorA1: Agent;
  teacherB1: Agent;
}

export async function buildWorld(ds: DataSource): Promise<World> {
  const { app, services } = testApp(ds);
  const agent = async (role: Role, organisationId: number | null) =>
    agentFor(app, services, ds, (await makeUser(ds, [{ role, organisationId }])).user.id);
  const a = await makeOrganisations(ds);
  const b = await makeOrganisations(ds);
  const schoolA1 = await makeSchool(ds, a, 'École A1');
  const schoolB1 = await makeSchool(ds, b, 'École B1');
  return {
    app,
    services,
    ds,
    a,
    b,
    schoolA1,
    schoolB1,
    admin: await agent('admin', null),
    managerA: await agent('city_manager', a.commune.id),
    managerB: await agent('city_manager', b.commune.id),
    technicianA: await agent('city_technician', a.commune.id),
    erunA: await agent('erun', a.circonscription.id),
    rectorateA: await agent('rectorate_agent', a.academy.id),
    teacherA1: await agent('teacher', schoolA1.id),
    directorA1: await agent('director', schoolA1.id),
    teacherB1: await agent('teacher', schoolB1.id),
  };
}

let sequence = 0;

/** Files a report and expects it recorded. */
export async function fileReport(api: Agent, schoolId: number, overrides: Partial<TicketCreate> = {}): Promise<TicketDetail> {
  const res = await api
    .post('/api/v1/tickets')
    .send({ schoolId, category: 'other', title: `Incident ${++sequence}`, impact: 'one_class', urgency: 'low', ...overrides });
  if (res.status !== 201) throw new Error(`report: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as TicketDetail;
}

/** The status, problem code and sorted field paths of an answer. */
export function problemOf(res: Response): { status: number; code: string | undefined; fields: string[] } {
  const errors = (res.body as { errors?: { path: (string | number)[] }[] }).errors ?? [];
  return { status: res.status, code: (res.body as { code?: string }).code, fields: [...new Set(errors.map((e) => e.path.join('.')))].sort() };
}

export function auditEntries(ds: DataSource, action: string, targetId: number): Promise<AuditEntryEntity[]> {
  return ds.getRepository(AuditEntryEntity).find({ where: { action, targetId }, order: { id: 'ASC' } });
}
