import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import type { Response } from 'supertest';
import type { Role, TicketCreate, TicketDetail, WorkingCalendarInput } from '@preau/shared';
import type { Services } from '../../../app';
import { testApp } from '../../../../../test/support/app';
import { agentFor, makeUser, type Agent } from '../../../../../test/support/auth';
import { CirconscriptionEntity } from '../../organisations/circonscription.entity';
import { CommuneEntity } from '../../organisations/commune.entity';
import { CommuneTicketSettingsEntity } from '../commune-settings.entity';
import { TicketEntity } from '../ticket.entity';

/** An account and an agent sending its Bearer token. */
export interface Person {
  id: number;
  displayName: string;
  api: Agent;
}

export interface TicketApp {
  app: Express;
  services: Services;
  ds: DataSource;
  admin: Person;
  person(role: Role, organisationId: number | null, displayName?: string): Promise<Person>;
}

let sequence = 0;

export async function ticketApp(ds: DataSource): Promise<TicketApp> {
  const { app, services } = testApp(ds);
  const person = async (role: Role, organisationId: number | null, displayName = `${role} ${++sequence}`): Promise<Person> => {
    const { user } = await makeUser(ds, [{ role, organisationId }], { displayName });
    return { id: user.id, displayName, api: await agentFor(app, services, ds, user.id) };
  };
  return { app, services, ds, admin: await person('admin', null, 'Administratrice'), person };
}

/** Another commune of the académie, for scopes that differ between communes and circonscriptions. */
export function makeCommune(ds: DataSource, academyId: number): Promise<CommuneEntity> {
  return ds.getRepository(CommuneEntity).save({ name: `Commune voisine ${++sequence}`, inseeCode: null, academyId });
}

export function makeCirconscription(ds: DataSource, academyId: number): Promise<CirconscriptionEntity> {
  return ds.getRepository(CirconscriptionEntity).save({ name: `Circonscription voisine ${++sequence}`, academyId });
}

export const reportBody = (schoolId: number, overrides: Partial<TicketCreate> = {}): TicketCreate => ({
  schoolId,
  category: 'other',
  title: `Incident ${++sequence}`,
  impact: 'one_class',
  urgency: 'low',
  ...overrides,
});

/** Files a report and expects it recorded. */
export async function fileReport(api: Agent, schoolId: number, overrides: Partial<TicketCreate> = {}): Promise<TicketDetail> {
  const res = await api.post('/api/v1/tickets').send(reportBody(schoolId, overrides));
  if (res.status !== 201) throw new Error(`report: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as TicketDetail;
}

/**
 * Puts a level-1 report with the commune's technicians, as an ERUN's escalation would but
 * without a timeline entry or a new version, for tests of what the holding group does.
 */
export async function handToCommune<T extends { id: number }>(ds: DataSource, ticket: T): Promise<T> {
  // Plain SQL: the repository's update would bump the version the test holds.
  await ds.query(
    "UPDATE ticket SET level = 2, group_kind = 'commune_technicians', group_organisation_id = commune_id, group_label = 'Techniciens de la commune' WHERE id = ?",
    [ticket.id],
  );
  return ticket;
}

/** An item of the school, created by an administrator through the API. */
export async function makeItem(admin: Person, schoolId: number, fields: Record<string, unknown> = {}): Promise<{ id: number; status: string }> {
  const res = await admin.api.post('/api/v1/equipment').send({ kind: 'laptop', assetTag: `TK-${++sequence}`, schoolId, ...fields });
  if (res.status !== 201) throw new Error(`item: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: number; status: string };
}

export function ticketRow(ds: DataSource, id: number): Promise<TicketEntity> {
  return ds.getRepository(TicketEntity).findOneByOrFail({ id });
}

/**
 * `POST /tickets/:id/<action>` with the ticket's current version, read from the database, unless
 * the body gives one.
 */
export async function act(ds: DataSource, api: Agent, id: number, action: string, body: Record<string, unknown> = {}): Promise<Response> {
  const { version } = await ticketRow(ds, id);
  return api.post(`/api/v1/tickets/${id}/${action}`).send({ version, ...body });
}

/** `act` that must succeed. */
export async function actOk(ds: DataSource, api: Agent, id: number, action: string, body: Record<string, unknown> = {}): Promise<TicketDetail> {
  const res = await act(ds, api, id, action, body);
  if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as TicketDetail;
}

export function setCommuneSettings(ds: DataSource, communeId: number, settings: Partial<Omit<CommuneTicketSettingsEntity, 'communeId'>>): Promise<unknown> {
  return ds.getRepository(CommuneTicketSettingsEntity).save({ communeId, ...settings });
}

/** Open every minute of every day but public holidays, so working time is (almost) wall-clock time. */
export const ALWAYS_OPEN: WorkingCalendarInput = {
  timeZone: 'Europe/Paris',
  openingHours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [{ start: '00:00', end: '24:00' }]])) as WorkingCalendarInput['openingHours'],
  holidayZone: 'none',
  schoolHolidaysCount: false,
};

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** The problem code and, for validation failures, the sorted field paths. */
export function problemOf(res: Response): { status: number; code: string | undefined; fields: string[] } {
  const errors = (res.body as { errors?: { path: (string | number)[] }[] }).errors ?? [];
  return { status: res.status, code: (res.body as { code?: string }).code, fields: [...new Set(errors.map((e) => e.path.join('.')))].sort() };
}
