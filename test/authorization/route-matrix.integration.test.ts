/**
 * The authorisation matrix, built from the route table itself: every API route, called by
 * nobody and by one account of each role, on a record inside the caller's organisations and
 * on one outside them. A route added without a case here, or mounted beside `ApiRouter` (so
 * without a rule), fails this file.
 *
 * The world: commune A (académie A, circonscription A) holds school A1; commune B, in
 * another académie, holds B1. Each role's account sits where "inside" means A1 or commune A
 * is in its organisation: A1's teacher and director, the ERUN of circonscription A, commune
 * A's technician and manager, the rectorate agent of académie A, and an administrator.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { Role } from '@preau/shared';
import type { Services } from '../../server/src/app';
import type { RouteEntry } from '../../server/src/http/access';
import { SYSTEM_ACTOR } from '../../server/src/http/actor';
import { loadPrincipal } from '../../server/src/modules/auth/load-principal';
import { MembershipEntity } from '../../server/src/modules/accounts/membership.entity';
import { TicketEntity } from '../../server/src/modules/tickets/ticket.entity';
import { MobileClassPlanEntity } from '../../server/src/modules/fleet-settings/mobile-class-plan.entity';
import type { UserAccountEntity } from '../../server/src/modules/accounts/user-account.entity';
import { AcademyEntity } from '../../server/src/modules/organisations/academy.entity';
import { CirconscriptionEntity } from '../../server/src/modules/organisations/circonscription.entity';
import { CommuneEntity } from '../../server/src/modules/organisations/commune.entity';
import type { RoomEntity } from '../../server/src/modules/schools/room.entity';
import type { SchoolEntity } from '../../server/src/modules/schools/school.entity';
import { describeEachEngine } from '../support/databases';
import { testApp } from '../support/app';
import { makeUser, tokenFor } from '../support/auth';
import { makeOrganisations, makeRoom, makeSchool, makeUai, type OrgFixture } from '../support/factories';
import { png } from '../attachments/photos';
import { makeRoutingRule, unchangedSettings } from '../ticket-settings/fixtures';

const ROLES = Role.options;
type Side = 'inside' | 'outside';

interface World {
  dataSource: DataSource;
  a: OrgFixture;
  b: OrgFixture;
  schoolA1: SchoolEntity;
  schoolB1: SchoolEntity;
  roomA1: RoomEntity;
  roomB1: RoomEntity;
  laptopA: number;
  laptopB: number;
  /** A1's teacher's report at A1; a report at B1. */
  ticketA: number;
  ticketB: number;
  /** A photo of each of those reports, by its reporter: its URL. */
  attachmentA: string;
  attachmentB: string;
  /** Accounts to manage: a teacher of A1, one of B1. */
  userA: UserAccountEntity;
  userB: UserAccountEntity;
  callers: Record<Role, { user: UserAccountEntity; token: string }>;
}

interface ApiRequest {
  /** Under /api/v1; must match the route's path. */
  path: string;
  query?: Record<string, string | number>;
  body?: object;
  /** Sent as the raw text/csv body. */
  csv?: string;
  /** Sent as a multipart upload, in the field `file`. */
  file?: { name: string; bytes: Buffer };
}

/** What a case's request builder gets: which side to aim at, for whom, and helpers making fresh records. */
interface Ctx {
  side: Side;
  /** Null for the anonymous call. */
  role: Role | null;
  w: World;
  /** The school, commune… of the side: A1 and commune A inside, B1 and commune B outside. */
  school: SchoolEntity;
  org: OrgFixture;
  fresh: Fresh;
}

interface Case {
  request: (ctx: Ctx) => ApiRequest | Promise<ApiRequest>;
  /**
   * `anonymous | teacher director erun city_technician city_manager rectorate_agent admin`;
   * `inside/outside` per role, or one status when the route has no target in an organisation
   * (then only the inside request is made).
   */
  expect: string;
  /** The problem `code` every answer carries, when the route answers all alike. */
  code?: string;
}

interface Fresh {
  /**
   * Inside: A1 for A1's teacher and director; for wider roles a new school beside A1 (same
   * commune and circonscription), which their organisation covers as it covers A1. A school
   * write may then succeed once per school without the others colliding on its version.
   * Outside: a new school of commune B.
   */
  schoolFor(ctx: Ctx): Promise<SchoolEntity>;
  room(school: SchoolEntity): Promise<RoomEntity>;
  laptop(school: SchoolEntity): Promise<{ id: number; version: number }>;
  /** A teacher of the school, with the id of that membership. */
  user(school: SchoolEntity): Promise<{ user: UserAccountEntity; membershipId: number }>;
  tokenOf(userId: number): Promise<number>;
  /**
   * A report at the side's school, by someone the caller may see it from: inside, the caller
   * itself if a teacher (teachers see only their own reports), else a teacher of A1; outside, a
   * teacher of B1. `level2`: a security report (level 2 straight away); `resolved`: resolved by an
   * administrator; `pending`: awaiting the director's approval.
   */
  ticket(ctx: Ctx, state?: 'new' | 'level2' | 'resolved' | 'pending'): Promise<{ id: number; version: number }>;
  n(): number;
}

const schoolLevel = (role: Role | null) => role === 'teacher' || role === 'director';

const CASES: Record<string, Case> = {
  //                                      anonymous | teacher  director erun     techn.   manager  rector.  admin
  'GET /health':                     { expect: '200 | 200      200      200      200      200      200      200',     request: () => ({ path: '/health' }) },
  'GET /auth/session':               { expect: '200 | 200      200      200      200      200      200      200',     request: () => ({ path: '/auth/session' }) },
  // Wrong credentials, whoever asks.
  'POST /auth/login':                { expect: '401 | 401      401      401      401      401      401      401',     code: 'INVALID_CREDENTIALS', request: (c) => ({ path: '/auth/login', body: { username: `nobody-${c.fresh.n()}`, password: 'not the password' } }) },
  'POST /auth/logout':               { expect: '401 | 204      204      204      204      204      204      204',     request: () => ({ path: '/auth/logout' }) },
  'GET /auth/demo-accounts':         { expect: '200 | 200      200      200      200      200      200      200',     request: () => ({ path: '/auth/demo-accounts' }) },
  // Single sign-on is not configured here: 404 SSO_NOT_CONFIGURED for everyone.
  'GET /auth/sso/login':             { expect: '404 | 404      404      404      404      404      404      404',     code: 'SSO_NOT_CONFIGURED', request: () => ({ path: '/auth/sso/login' }) },
  'GET /auth/sso/callback':          { expect: '404 | 404      404      404      404      404      404      404',     code: 'SSO_NOT_CONFIGURED', request: () => ({ path: '/auth/sso/callback', query: { code: 'x', state: 'y' } }) },

  'GET /me/tokens':                  { expect: '401 | 200      200      200      200      200      200      200',     request: () => ({ path: '/me/tokens' }) },
  // Bearer callers: a token cannot mint tokens (sessions can; see test/auth/tokens).
  'POST /me/tokens':                 { expect: '401 | 403      403      403      403      403      403      403',     request: () => ({ path: '/me/tokens', body: { name: 'matrix' } }) },
  // Inside: one of the caller's own tokens; outside: another account's.
  'DELETE /me/tokens/:id':           { expect: '401 | 204/404  204/404  204/404  204/404  204/404  204/404  204/404', request: async (c) => ({ path: `/me/tokens/${await c.fresh.tokenOf(c.side === 'inside' && c.role ? c.w.callers[c.role].user.id : c.w.userB.id)}` }) },

  'GET /users':                      { expect: '401 | 403      403      403      403      200      403      200',     request: () => ({ path: '/users' }) },
  // Inside: a teacher of A1; outside: of B1 (a grant outside is a 422 on the field).
  'POST /users':                     { expect: '401 | 403/403  403/403  403/403  403/403  201/422  403/403  201/201', request: (c) => ({ path: '/users', body: { username: `matrix-${c.fresh.n()}`, displayName: 'Matrix', password: 'a long enough password', memberships: [{ role: 'teacher', organisationId: c.school.id }] } }) },
  'GET /users/:id':                  { expect: '401 | 403/403  403/403  403/403  403/403  200/404  403/403  200/200', request: (c) => ({ path: `/users/${c.side === 'inside' ? c.w.userA.id : c.w.userB.id}` }) },
  'PATCH /users/:id':                { expect: '401 | 403/403  403/403  403/403  403/403  200/404  403/403  200/200', request: async (c) => { const { user } = await c.fresh.user(c.school); return { path: `/users/${user.id}`, body: { version: user.version, displayName: 'Renamed' } }; } },
  'POST /users/:id/memberships':     { expect: '401 | 403/403  403/403  403/403  403/403  201/404  403/403  201/201', request: async (c) => { const { user } = await c.fresh.user(c.school); return { path: `/users/${user.id}/memberships`, body: { role: 'director', organisationId: c.school.id } }; } },
  'DELETE /users/:id/memberships/:membershipId':
                                     { expect: '401 | 403/403  403/403  403/403  403/403  200/404  403/403  200/200', request: async (c) => { const { user, membershipId } = await c.fresh.user(c.school); return { path: `/users/${user.id}/memberships/${membershipId}` }; } },

  'GET /audit':                      { expect: '401 | 403      403      403      403      200      403      200',     request: () => ({ path: '/audit' }) },

  // The directory of organisations: every account reads all of it, only administrators change it.
  'GET /academies':                  { expect: '401 | 200      200      200      200      200      200      200',     request: () => ({ path: '/academies' }) },
  'POST /academies':                 { expect: '401 | 403      403      403      403      403      403      201',     request: (c) => ({ path: '/academies', body: { code: `matrix-${c.fresh.n()}`, name: 'Académie matrice' } }) },
  'GET /academies/:id':              { expect: '401 | 200/200  200/200  200/200  200/200  200/200  200/200  200/200', request: (c) => ({ path: `/academies/${c.org.academy.id}` }) },
  'PATCH /academies/:id':            { expect: '401 | 403/403  403/403  403/403  403/403  403/403  403/403  200/200', request: async (c) => ({ path: `/academies/${c.org.academy.id}`, body: await unchanged(c, AcademyEntity, c.org.academy.id) }) },
  'GET /circonscriptions':           { expect: '401 | 200      200      200      200      200      200      200',     request: () => ({ path: '/circonscriptions' }) },
  'POST /circonscriptions':          { expect: '401 | 403      403      403      403      403      403      201',     request: (c) => ({ path: '/circonscriptions', body: { name: `Circonscription matrice ${c.fresh.n()}`, academyId: c.w.a.academy.id } }) },
  'GET /circonscriptions/:id':       { expect: '401 | 200/200  200/200  200/200  200/200  200/200  200/200  200/200', request: (c) => ({ path: `/circonscriptions/${c.org.circonscription.id}` }) },
  'PATCH /circonscriptions/:id':     { expect: '401 | 403/403  403/403  403/403  403/403  403/403  403/403  200/200', request: async (c) => ({ path: `/circonscriptions/${c.org.circonscription.id}`, body: await unchanged(c, CirconscriptionEntity, c.org.circonscription.id) }) },
  'GET /communes':                   { expect: '401 | 200      200      200      200      200      200      200',     request: () => ({ path: '/communes' }) },
  'POST /communes':                  { expect: '401 | 403      403      403      403      403      403      201',     request: (c) => ({ path: '/communes', body: { name: `Commune matrice ${c.fresh.n()}`, academyId: c.w.a.academy.id } }) },
  'GET /communes/:id':               { expect: '401 | 200/200  200/200  200/200  200/200  200/200  200/200  200/200', request: (c) => ({ path: `/communes/${c.org.commune.id}` }) },
  'PATCH /communes/:id':             { expect: '401 | 403/403  403/403  403/403  403/403  403/403  403/403  200/200', request: async (c) => ({ path: `/communes/${c.org.commune.id}`, body: await unchanged(c, CommuneEntity, c.org.commune.id) }) },

  // Lists answer 200 to every account; what they hold is checked below.
  'GET /schools':                    { expect: '401 | 200      200      200      200      200      200      200',     request: () => ({ path: '/schools' }) },
  // The target is commune A / B, which only commune, académie and global roles read: others get the 422 of a missing commune.
  'POST /schools':                   { expect: '401 | 422/422  422/422  422/422  201/422  201/422  403/422  201/201', request: (c) => ({ path: '/schools', body: { uai: makeUai(), name: 'École matrice', type: 'EE', communeId: c.org.commune.id, circonscriptionId: c.org.circonscription.id } }) },
  'GET /schools/:id':                { expect: '401 | 200/404  200/404  200/404  200/404  200/404  200/404  200/200', request: (c) => ({ path: `/schools/${c.school.id}` }) },
  'PATCH /schools/:id':              { expect: '401 | 403/404  403/404  403/404  200/404  200/404  403/404  200/200', request: async (c) => { const s = await c.fresh.schoolFor(c); return { path: `/schools/${s.id}`, body: { version: s.version, name: s.name } }; } },
  'POST /schools/:id/retire':        { expect: '401 | 403/404  403/404  403/404  200/404  200/404  403/404  200/200', request: async (c) => { const s = await c.fresh.schoolFor(c); return { path: `/schools/${s.id}/retire`, body: { version: s.version } }; } },

  'GET /rooms':                      { expect: '401 | 200      200      200      200      200      200      200',     request: () => ({ path: '/rooms' }) },
  'POST /rooms':                     { expect: '401 | 403/422  403/422  403/422  201/422  201/422  403/422  201/201', request: (c) => ({ path: '/rooms', body: { schoolId: c.school.id, name: `Salle matrice ${c.fresh.n()}` } }) },
  'GET /rooms/:id':                  { expect: '401 | 200/404  200/404  200/404  200/404  200/404  200/404  200/200', request: (c) => ({ path: `/rooms/${c.side === 'inside' ? c.w.roomA1.id : c.w.roomB1.id}` }) },
  'PATCH /rooms/:id':                { expect: '401 | 403/404  403/404  403/404  200/404  200/404  403/404  200/200', request: async (c) => { const r = await c.fresh.room(c.school); return { path: `/rooms/${r.id}`, body: { version: r.version, description: 'Fenêtre sur cour' } }; } },
  'POST /rooms/:id/retire':          { expect: '401 | 403/404  403/404  403/404  200/404  200/404  403/404  200/200', request: async (c) => { const r = await c.fresh.room(c.school); return { path: `/rooms/${r.id}/retire`, body: { version: r.version } }; } },

  'GET /equipment/export.csv':       { expect: '401 | 200/404  200/404  200/404  200/404  200/404  200/404  200/200', request: (c) => ({ path: '/equipment/export.csv', query: { schoolId: c.school.id } }) },
  // A dry run: the report is the answer, nothing is written.
  'POST /equipment/import':          { expect: '401 | 403/404  403/404  403/404  200/404  200/404  403/404  200/200', request: (c) => ({ path: '/equipment/import', query: { schoolId: c.school.id, key: 'serial', dryRun: 'true' }, csv: `assetTag;kind;serial\nIMP-${c.fresh.n()};laptop;SN-IMP-${c.fresh.n()}\n` }) },
  'GET /equipment':                  { expect: '401 | 200      200      200      200      200      200      200',     request: () => ({ path: '/equipment' }) },
  'POST /equipment':                 { expect: '401 | 403/422  403/422  403/422  201/422  201/422  403/422  201/201', request: (c) => ({ path: '/equipment', body: { kind: 'laptop', assetTag: `MX-${c.fresh.n()}`, schoolId: c.school.id } }) },
  'GET /equipment/:id':              { expect: '401 | 200/404  200/404  200/404  200/404  200/404  200/404  200/200', request: (c) => ({ path: `/equipment/${c.side === 'inside' ? c.w.laptopA : c.w.laptopB}` }) },
  'PATCH /equipment/:id':            { expect: '401 | 403/404  403/404  403/404  200/404  200/404  403/404  200/200', request: async (c) => { const e = await c.fresh.laptop(c.school); return { path: `/equipment/${e.id}`, body: { version: e.version, notes: 'Écran rayé' } }; } },
  'POST /equipment/:id/retire':      { expect: '401 | 403/404  403/404  403/404  200/404  200/404  403/404  200/200', request: async (c) => { const e = await c.fresh.laptop(c.school); return { path: `/equipment/${e.id}/retire`, body: { version: e.version } }; } },
  'GET /equipment/:id/history':      { expect: '401 | 200/404  200/404  200/404  200/404  200/404  200/404  200/200', request: (c) => ({ path: `/equipment/${c.side === 'inside' ? c.w.laptopA : c.w.laptopB}/history` }) },

  // Incidents. Anyone who reads a school reports there; outside, the school is a 422 on the field.
  'GET /tickets':                    { expect: '401 | 200      200      200      200      200      200      200',     request: () => ({ path: '/tickets' }) },
  'POST /tickets':                   { expect: '401 | 201/422  201/422  201/422  201/422  201/422  201/422  201/201', request: (c) => ({ path: '/tickets', body: { schoolId: c.school.id, category: 'other', title: `Signalement matrice ${c.fresh.n()}`, impact: 'one_person', urgency: 'low' } }) },
  // Inside, the teacher reads their own report.
  'GET /tickets/open-reports':       { expect: '401 | 200/404  200/404  200/404  200/404  200/404  200/404  200/200', request: (c) => ({ path: '/tickets/open-reports', query: { schoolId: c.school.id, category: 'filtering' } }) },
  'POST /tickets/:id/follow':        { expect: '401 | 200/404  200/404  200/404  200/404  200/404  200/404  200/200', request: async (c) => ({ path: `/tickets/${(await c.fresh.ticket(c)).id}/follow` }) },
  'DELETE /tickets/:id/follow':      { expect: '401 | 204/404  204/404  204/404  204/404  204/404  204/404  204/204', request: async (c) => ({ path: `/tickets/${(await c.fresh.ticket(c)).id}/follow` }) },
  'GET /tickets/:id':                { expect: '401 | 200/404  200/404  200/404  200/404  200/404  200/404  200/200', request: (c) => ({ path: `/tickets/${c.side === 'inside' ? c.w.ticketA : c.w.ticketB}` }) },
  // Support staff work the tickets of their organisations; the reporter and the director see them, 403.
  'POST /tickets/:id/escalate':      { expect: '401 | 403/404  403/404  200/404  200/404  200/404  200/404  200/200', request: async (c) => { const t = await c.fresh.ticket(c); return { path: `/tickets/${t.id}/escalate`, body: { version: t.version, note: 'Diagnostic de la matrice' } }; } },
  'POST /tickets/:id/deescalate':    { expect: '401 | 403/404  403/404  403/404  200/404  200/404  200/404  200/200', request: async (c) => { const t = await c.fresh.ticket(c, 'level2'); return { path: `/tickets/${t.id}/deescalate`, body: { version: t.version, note: 'Retour au niveau 1' } }; } },
  // Each caller takes the ticket for itself.
  'POST /tickets/:id/assign':        { expect: '401 | 403/404  403/404  200/404  200/404  200/404  200/404  200/200', request: async (c) => { const t = await c.fresh.ticket(c); return { path: `/tickets/${t.id}/assign`, body: { version: t.version, assigneeId: c.role ? c.w.callers[c.role].user.id : null } }; } },
  'POST /tickets/:id/status':        { expect: '401 | 403/404  403/404  200/404  200/404  200/404  200/404  200/200', request: async (c) => { const t = await c.fresh.ticket(c); return { path: `/tickets/${t.id}/status`, body: { version: t.version, status: 'in_progress' } }; } },
  'POST /tickets/:id/resolve':       { expect: '401 | 403/404  403/404  200/404  200/404  200/404  200/404  200/200', request: async (c) => { const t = await c.fresh.ticket(c); return { path: `/tickets/${t.id}/resolve`, body: { version: t.version, resolution: 'Réglé par la matrice' } }; } },
  // The holding group: each caller gets a ticket its own group holds; it hands it to another group serving the school.
  'POST /tickets/:id/recategorize':  { expect: '401 | 403/404  403/404  200/404  200/404  200/404  200/404  200/200', request: async (c) => { const t = await c.fresh.ticket(c); return { path: `/tickets/${t.id}/recategorize`, body: { version: t.version, category: 'other' } }; } },
  'POST /tickets/:id/reassign':      { expect: '401 | 403/404  403/404  200/404  200/404  200/404  200/404  200/200', request: async (c) => { const t = await c.fresh.ticket(c); const atLevel1 = ['erun', 'admin'].includes(c.role ?? '') || c.side === 'outside'; return { path: `/tickets/${t.id}/reassign`, body: { version: t.version, note: 'Confié par la matrice', ...(atLevel1 ? { groupKind: 'rectorate_desk', organisationId: c.org.academy.id } : { groupKind: 'circonscription_level1', organisationId: c.org.circonscription.id }) } }; } },
  'GET /tickets/:id/handover-groups': { expect: '401 | 403/404  403/404  200/404  200/404  200/404  200/404  200/200', request: async (c) => ({ path: `/tickets/${(await c.fresh.ticket(c)).id}/handover-groups` }) },
  'GET /tickets/:id/assignees':      { expect: '401 | 403/404  403/404  200/404  200/404  200/404  200/404  200/200', request: async (c) => ({ path: `/tickets/${(await c.fresh.ticket(c)).id}/assignees` }) },
  // Whoever sees the ticket: the reporter, the director, support staff.
  'POST /tickets/:id/comments':      { expect: '401 | 200/404  200/404  200/404  200/404  200/404  200/404  200/200', request: async (c) => ({ path: `/tickets/${(await c.fresh.ticket(c)).id}/comments`, body: { body: 'Un mot de la matrice' } }) },
  'POST /tickets/:id/reopen':        { expect: '401 | 200/404  200/404  200/404  200/404  200/404  200/404  200/200', request: async (c) => { const t = await c.fresh.ticket(c, 'resolved'); return { path: `/tickets/${t.id}/reopen`, body: { version: t.version, reason: 'Toujours en panne' } }; } },
  'POST /tickets/:id/close':         { expect: '401 | 200/404  200/404  200/404  200/404  200/404  200/404  200/200', request: async (c) => { const t = await c.fresh.ticket(c, 'resolved'); return { path: `/tickets/${t.id}/close`, body: { version: t.version } }; } },
  // The school's director (or an administrator) only.
  'POST /tickets/:id/approve':       { expect: '401 | 403/404  200/404  404/404  404/404  404/404  404/404  200/200', request: async (c) => { const t = await c.fresh.ticket(c, 'pending'); return { path: `/tickets/${t.id}/approve`, body: { version: t.version } }; } },
  'POST /tickets/:id/answer':        { expect: '401 | 403/404  200/404  404/404  404/404  404/404  404/404  200/200', request: async (c) => { const t = await c.fresh.ticket(c, 'pending'); return { path: `/tickets/${t.id}/answer`, body: { version: t.version, answer: 'Il fallait rallumer la borne' } }; } },

  // Each account's own notifications. Inside: one of the caller's; outside: another account's, which does not exist for the caller.
  'GET /me/notifications':           { expect: '401 | 200      200      200      200      200      200      200',     request: () => ({ path: '/me/notifications' }) },
  'POST /me/notifications/read-all': { expect: '401 | 204      204      204      204      204      204      204',     request: () => ({ path: '/me/notifications/read-all' }) },
  'POST /me/notifications/:id/read': { expect: '401 | 204/404  204/404  204/404  204/404  204/404  204/404  204/404', request: async (c) => { const id = await c.w.dataSource.getRepository('notification').save({ userId: c.side === 'inside' && c.role ? c.w.callers[c.role].user.id : c.w.userB.id, kind: 'ticket_comment', title: 'Matrice', body: 'Matrice', link: null, readAt: null }).then((row) => Number(row.id)); return { path: `/me/notifications/${id}/read` }; } },
  // Addresses of external parties: a commune's city managers and administrators. Outside, commune B is a 422 on the field.
  'GET /external-contacts':          { expect: '401 | 403      403      403      403      200      403      200',     request: () => ({ path: '/external-contacts' }) },
  'POST /external-contacts':         { expect: '401 | 403/403  403/403  403/403  403/403  201/422  403/403  201/201', request: (c) => ({ path: '/external-contacts', body: { kind: 'supplier', name: `Fournisseur matrice ${c.fresh.n()}`, communeId: c.org.commune.id, email: 'sav@fournisseur.example' } }) },
  'DELETE /external-contacts/:id':   { expect: '401 | 403/403  403/403  403/403  403/403  204/404  403/403  204/204', request: async (c) => { const id = await c.w.dataSource.getRepository('external_contact').save({ kind: 'supplier', name: `Fournisseur matrice ${c.fresh.n()}`, communeId: c.org.commune.id, academyId: null, email: 'sav@fournisseur.example' }).then((row) => Number(row.id)); return { path: `/external-contacts/${id}` }; } },

  // Routing rules: read by whoever works tickets (global ones and their communes'), changed by a commune's city managers and administrators.
  // Outside, commune B is hidden (404), or a 422 on the field naming it. Rules made here are disabled: they route no ticket.
  'GET /routing-rules':              { expect: '401 | 403/403  403/403  200/404  200/404  200/404  200/404  200/200', request: (c) => ({ path: '/routing-rules', query: { communeId: c.org.commune.id } }) },
  'POST /routing-rules/preview':     { expect: '401 | 403/403  403/403  200/422  200/422  200/422  200/422  200/200', request: (c) => ({ path: '/routing-rules/preview', body: { schoolId: c.school.id, category: 'ent', trigger: 'report' } }) },
  'POST /routing-rules':             { expect: '401 | 403/403  403/403  403/403  403/403  201/422  403/403  201/201', request: (c) => ({ path: '/routing-rules', body: { name: `Règle matrice ${c.fresh.n()}`, position: 1, trigger: 'report', action: { kind: 'route', level: 1, group: 'circonscription_level1' }, enabled: false, scope: { communeId: c.org.commune.id } } }) },
  'PATCH /routing-rules/:id':        { expect: '401 | 403/403  403/403  403/403  403/403  200/404  403/403  200/200', request: async (c) => { const r = await makeRoutingRule(c.w.dataSource, c.org.commune.id); return { path: `/routing-rules/${r.id}`, body: { version: r.version, position: 2 } }; } },
  'DELETE /routing-rules/:id':       { expect: '401 | 403/403  403/403  403/403  403/403  204/404  403/403  204/204', request: async (c) => ({ path: `/routing-rules/${(await makeRoutingRule(c.w.dataSource, c.org.commune.id)).id}` }) },
  // A commune's ticket settings: read as its rules are, changed by its city managers and administrators (here to what they already are).
  'GET /ticket-settings/communes':   { expect: '401 | 403      403      200      200      200      200      200',     request: () => ({ path: '/ticket-settings/communes' }) },
  'GET /communes/:id/ticket-settings':
                                     { expect: '401 | 403/403  403/403  200/404  200/404  200/404  200/404  200/200', request: (c) => ({ path: `/communes/${c.org.commune.id}/ticket-settings` }) },
  'PUT /communes/:id/ticket-settings':
                                     { expect: '401 | 403/403  403/403  403/403  403/403  200/404  403/403  200/200', request: async (c) => ({ path: `/communes/${c.org.commune.id}/ticket-settings`, body: await unchangedSettings(c.w.dataSource, c.org.commune.id) }) },

  // Photos of a ticket: whoever sees the ticket adds and reads them; to others the ticket does not exist. Each upload goes to a fresh report.
  'POST /tickets/:id/attachments':   { expect: '401 | 201/404  201/404  201/404  201/404  201/404  201/404  201/201', request: async (c) => ({ path: `/tickets/${(await c.fresh.ticket(c)).id}/attachments`, file: { name: 'panne.png', bytes: await png() } }) },
  'GET /tickets/:id/attachments':    { expect: '401 | 200/404  200/404  200/404  200/404  200/404  200/404  200/200', request: (c) => ({ path: `/tickets/${c.side === 'inside' ? c.w.ticketA : c.w.ticketB}/attachments` }) },
  'GET /tickets/:id/attachments/:attachmentId':
                                     { expect: '401 | 200/404  200/404  200/404  200/404  200/404  200/404  200/200', request: (c) => ({ path: c.side === 'inside' ? c.w.attachmentA : c.w.attachmentB }) },

  // Label sheets: whoever reads every item of the selection (a school's teacher too); outside it, 404. One label each: A1 fills up with the matrix's items.
  'GET /labels.pdf':                 { expect: '401 | 200/404  200/404  200/404  200/404  200/404  200/404  200/200', request: (c) => ({ path: '/labels.pdf', query: { ids: c.side === 'inside' ? c.w.laptopA : c.w.laptopB } }) },
  // The caller's own weekly digest, over their reporting scope.
  'GET /digests/preview':            { expect: '401 | 403      403      200      200      200      200      200',     request: () => ({ path: '/digests/preview' }) },
  // The steering committee report and its files: readers of reports, over their own scope inside; commune B named outside (404 but for administrators).
  'GET /reports/steering':           { expect: '401 | 403/403  403/403  200/404  200/404  200/404  200/404  200/200', request: (c) => ({ path: '/reports/steering', query: steeringQuery(c) }) },
  'GET /reports/steering.csv':       { expect: '401 | 403/403  403/403  200/404  200/404  200/404  200/404  200/200', request: (c) => ({ path: '/reports/steering.csv', query: steeringQuery(c) }) },
  'GET /reports/steering.xlsx':      { expect: '401 | 403/403  403/403  200/404  200/404  200/404  200/404  200/200', request: (c) => ({ path: '/reports/steering.xlsx', query: steeringQuery(c) }) },
  'GET /reports/steering.pdf':       { expect: '401 | 403/403  403/403  200/404  200/404  200/404  200/404  200/200', request: (c) => ({ path: '/reports/steering.pdf', query: steeringQuery(c) }) },
  // ENT subscriptions: read as reports are; a commune's list is set by those who keep its inventory. School and circonscription people do not see a commune as a record (404).
  'GET /ent-subscriptions':          { expect: '401 | 403/403  403/403  200/404  200/404  200/404  200/404  200/200', request: (c) => ({ path: '/ent-subscriptions', query: { schoolYear: 2026, ...(c.side === 'outside' ? { communeId: c.org.commune.id } : {}) } }) },
  'PUT /communes/:id/ent-subscriptions/:schoolYear':
                                     { expect: '401 | 404/404  404/404  404/404  200/404  200/404  403/404  200/200', request: (c) => ({ path: `/communes/${c.org.commune.id}/ent-subscriptions/2026`, body: { schools: [] } }) },
  'DELETE /ent-subscriptions/:id':   { expect: '401 | 403/404  403/404  403/404  204/404  204/404  403/404  204/204', request: async (c) => { const row = await c.w.dataSource.getRepository('ent_subscription').save({ schoolId: c.school.id, schoolYear: 2000 + c.fresh.n(), costCents: 5000 }); return { path: `/ent-subscriptions/${Number(row.id)}` }; } },
  // The fleet dashboard of an organisation the reader's reports cover whole: the ERUN's circonscription, the others' commune A inside; commune B outside.
  'GET /dashboard/fleet':            { expect: '401 | 403/403  403/403  200/404  200/404  200/404  200/404  200/200', request: (c) => ({ path: '/dashboard/fleet', query: dashboardQuery(c) }) },
  // Renewal ages: one set for everyone to read, changed by administrators (here, nothing changed).
  'GET /fleet-settings/lifetimes':   { expect: '401 | 200      200      200      200      200      200      200',     request: () => ({ path: '/fleet-settings/lifetimes' }) },
  'PUT /fleet-settings/lifetimes':   { expect: '401 | 403      403      403      403      403      403      200',     request: () => ({ path: '/fleet-settings/lifetimes', body: { lifetimes: {} } }) },
  // A school's mobile-class plan, part of its inventory: read by whoever reads the school, written with inventory:write.
  'GET /schools/:id/mobile-class-plan':
                                     { expect: '401 | 200/404  200/404  200/404  200/404  200/404  200/404  200/200', request: async (c) => { await ensurePlan(c.w.dataSource, c.school.id); return { path: `/schools/${c.school.id}/mobile-class-plan` }; } },
  'PUT /schools/:id/mobile-class-plan':
                                     { expect: '401 | 403/404  403/404  403/404  201/404  201/404  403/404  201/201', request: async (c) => ({ path: `/schools/${(await c.fresh.schoolFor(c)).id}/mobile-class-plan`, body: { trolleysPlanned: 2, tabletsPerTrolley: 14 } }) },
  'DELETE /schools/:id/mobile-class-plan':
                                     { expect: '401 | 403/404  403/404  403/404  204/404  204/404  403/404  204/204', request: async (c) => { const s = await c.fresh.schoolFor(c); await ensurePlan(c.w.dataSource, s.id); return { path: `/schools/${s.id}/mobile-class-plan` }; } },
};

const dashboardQuery = (c: Ctx): Record<string, number> => (c.side === 'inside' && c.role === 'erun' ? { circonscriptionId: c.org.circonscription.id } : { communeId: c.org.commune.id });

/** The school's mobile-class plan, made if it has none. */
async function ensurePlan(dataSource: DataSource, schoolId: number): Promise<void> {
  const plans = dataSource.getRepository(MobileClassPlanEntity);
  if (!(await plans.existsBy({ schoolId }))) await plans.save({ schoolId, trolleysPlanned: 3, tabletsPerTrolley: 14, dueOn: null, programme: null });
}

/**
 * What each role's lists hold: `A` only the record inside, `A+B` both, `403` refused.
 * Records from the matrix pile up beside these, hence the large page.
 */
const LISTS: Record<string, { request: (w: World, side: Side) => ApiRequest; holds: (items: { id: number }[], w: World, side: Side) => boolean; sees: string }> = {
  //                         teacher  director erun     techn.   manager  rector.  admin
  'GET /schools':   { sees: 'A        A        A        A        A        A        A+B', request: () => ({ path: '/schools', query: { pageSize: 500 } }), holds: (items, w, side) => items.some((s) => s.id === (side === 'inside' ? w.schoolA1 : w.schoolB1).id) },
  'GET /rooms':     { sees: 'A        A        A        A        A        A        A+B', request: () => ({ path: '/rooms', query: { pageSize: 500 } }), holds: (items, w, side) => items.some((r) => r.id === (side === 'inside' ? w.roomA1 : w.roomB1).id) },
  'GET /equipment': { sees: 'A        A        A        A        A        A        A+B', request: () => ({ path: '/equipment', query: { pageSize: 500 } }), holds: (items, w, side) => items.some((e) => e.id === (side === 'inside' ? w.laptopA : w.laptopB)) },
  // The teacher's own report inside; every other role reads A1's tickets through its organisation.
  'GET /tickets':   { sees: 'A        A        A        A        A        A        A+B', request: (w, side) => ({ path: '/tickets', query: { pageSize: 500, schoolId: (side === 'inside' ? w.schoolA1 : w.schoolB1).id } }), holds: (items, w, side) => items.some((t) => t.id === (side === 'inside' ? w.ticketA : w.ticketB)) },
  'GET /users':     { sees: '403      403      403      403      A        403      A+B', request: () => ({ path: '/users', query: { pageSize: 500 } }), holds: (items, w, side) => items.some((u) => u.id === (side === 'inside' ? w.userA : w.userB).id) },
  // The creation of each side's laptop, filed under its commune.
  'GET /audit':     { sees: '403      403      403      403      A        403      A+B', request: (w, side) => ({ path: '/audit', query: { targetType: 'equipment', targetId: side === 'inside' ? w.laptopA : w.laptopB } }), holds: (items) => items.length > 0 },
};

/** A quarter's report: the caller's whole scope inside, commune B by name outside. */
const steeringQuery = (c: Ctx) => ({ period: '2026-Q3', ...(c.side === 'outside' ? { communeId: c.org.commune.id } : {}) });

/** The current version and name of a directory record: an update that changes nothing else. */
async function unchanged(c: Ctx, entity: typeof AcademyEntity | typeof CirconscriptionEntity | typeof CommuneEntity, id: number) {
  const row = await c.w.dataSource.getRepository(entity).findOneByOrFail({ id });
  return { version: row.version, name: row.name };
}

type Expected = { anonymous: number; roles: Record<Role, { inside: number; outside: number | null }> };

function parseExpect(key: string, text: string): Expected {
  const [anonymous, rest] = text.split('|').map((part) => part.trim());
  const cells = (rest ?? '').split(/\s+/);
  if (!anonymous || cells.length !== ROLES.length) throw new Error(`${key}: expect needs the anonymous status, "|", then ${ROLES.length} role columns`);
  const paired = cells.map((cell) => cell.includes('/'));
  if (paired.some((p) => p !== paired[0])) throw new Error(`${key}: give inside/outside for every role, or for none`);
  const roles = Object.fromEntries(
    ROLES.map((role, i) => {
      const [inside, outside] = cells[i]!.split('/').map(Number);
      return [role, { inside: inside!, outside: outside ?? null }];
    }),
  ) as Expected['roles'];
  return { anonymous: Number(anonymous), roles };
}

const routeKey = (entry: Pick<RouteEntry, 'method' | 'path'>) => `${entry.method.toUpperCase()} ${entry.path}`;

/** `/equipment/:id` → a pattern the built path must match, so a case cannot drift off its route. */
function pathPattern(path: string): RegExp {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]+/g, '[^/]+');
  return new RegExp(`^${escaped}$`);
}

interface ExpressLayer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle: { stack?: ExpressLayer[] };
}

/** Every route Express will answer, with its full path, found by walking the app's router and the routers mounted in it. */
function expressRoutes(app: Express): { method: string; path: string | RegExp }[] {
  const found: { method: string; path: string | RegExp }[] = [];
  const walk = (stack: ExpressLayer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const path = layer.route.path instanceof RegExp ? layer.route.path : `${prefix}${String(layer.route.path)}`;
        for (const method of Object.keys(layer.route.methods)) found.push({ method: method.toUpperCase(), path });
      } else if (layer.handle.stack) {
        if (typeof layer.rawPath !== 'string') throw new Error(`A router is mounted on ${String(layer.rawPath)}: extend the walk to read it`);
        walk(layer.handle.stack, layer.rawPath === '/' ? prefix : `${prefix}${layer.rawPath}`);
      }
    }
  };
  walk((app as unknown as { router: { stack: ExpressLayer[] } }).router.stack, '');
  return found;
}

/** Routes under /api/ (or a pattern reaching there) that the route table does not list. */
function routesBesideTheTable(app: Express, table: RouteEntry[]): string[] {
  const listed = new Set(table.map(routeKey));
  return expressRoutes(app).flatMap(({ method, path }) => {
    if (path instanceof RegExp) return path.test('/api/v1/anything') ? [`${method} ${String(path)}`] : [];
    if (!path.startsWith('/api/')) return [];
    const key = `${method} ${path.replace(/^\/api\/v1(?=\/)/, '')}`;
    return listed.has(key) ? [] : [`${method} ${path}`];
  });
}

describeEachEngine('authorisation matrix', (db) => {
  let app: Express;
  let services: Services;
  let routeTable: RouteEntry[];
  /** DATA_DIR of the app: where the photos uploaded here are written. */
  let dataDir: string;
  let w: World;
  let sequence = 0;

  const fresh: Fresh = {
    n: () => ++sequence,
    async schoolFor(ctx) {
      if (ctx.side === 'inside' && schoolLevel(ctx.role)) return w.schoolA1;
      return makeSchool(w.dataSource, ctx.org);
    },
    room: (school) => makeRoom(w.dataSource, school.id),
    async laptop(school) {
      const res = await send('post', { path: '/equipment', body: { kind: 'laptop', assetTag: `FX-${++sequence}`, schoolId: school.id } }, w.callers.admin.token);
      if (res.status !== 201) throw new Error(`fixture laptop: ${res.status} ${JSON.stringify(res.body)}`);
      return { id: res.body.id as number, version: res.body.version as number };
    },
    async user(school) {
      const { user } = await makeUser(w.dataSource, [{ role: 'teacher', organisationId: school.id }]);
      const membership = await w.dataSource.getRepository(MembershipEntity).findOneByOrFail({ userId: user.id });
      return { user, membershipId: membership.id };
    },
    async tokenOf(userId) {
      const principal = await loadPrincipal(w.dataSource, userId, 'session');
      return (await services.tokens.create(principal!, { name: 'matrix' }, SYSTEM_ACTOR)).id;
    },
    async ticket(ctx, state = 'new') {
      const reporterId = ctx.side === 'outside' ? w.userB.id : ctx.role === 'teacher' ? w.callers.teacher.user.id : w.userA.id;
      const ticket = await reportAs(reporterId, ctx.school.id, state);
      return ctx.side === 'inside' && (state === 'new' || state === 'level2') ? handToCallersGroup(ticket.id, ctx) : ticket;
    },
  };

  async function reportAs(reporterId: number, schoolId: number, state: 'new' | 'level2' | 'resolved' | 'pending' = 'new') {
    const reporter = (await loadPrincipal(w.dataSource, reporterId, 'token'))!;
    const body = { schoolId, category: state === 'level2' ? 'security' : 'filtering', title: `Panne matrice ${++sequence}`, impact: 'one_class', urgency: 'low' };
    const { ticket } = await services.tickets.create(reporter, body, SYSTEM_ACTOR, null);
    if (state === 'resolved') {
      const admin = (await loadPrincipal(w.dataSource, w.callers.admin.user.id, 'token'))!;
      return services.ticketWorkflow.resolve(admin, ticket.id, { version: ticket.version, resolution: 'Réglé avant la matrice' }, SYSTEM_ACTOR);
    }
    if (state === 'pending') {
      // As a commune asking for approval would have filed it, without turning that on for the whole world.
      const tickets = w.dataSource.getRepository(TicketEntity);
      await tickets.update(ticket.id, { approval: 'pending', clockStartedAt: null, firstResponseDueAt: null, resolutionDueAt: null });
      return tickets.findOneByOrFail({ id: ticket.id });
    }
    return ticket;
  }

  /**
   * Only the group holding a ticket works it: inside its scope, each support role is given a
   * ticket its own group holds (commune staff and rectorate agents at level 2), so the matrix
   * checks the route's rule; holding is tested in the tickets suite. An ERUN keeps level 2 tickets
   * with the commune, as the protocol does.
   */
  async function handToCallersGroup(ticketId: number, ctx: Ctx) {
    const tickets = w.dataSource.getRepository(TicketEntity);
    const school = ctx.school;
    if (ctx.role === 'city_technician' || ctx.role === 'city_manager') {
      await tickets.update(ticketId, { level: 2, groupKind: 'commune_technicians', groupOrganisationId: school.communeId, groupLabel: 'Techniciens de la commune' });
    } else if (ctx.role === 'rectorate_agent') {
      const commune = await w.dataSource.getRepository(CommuneEntity).findOneByOrFail({ id: school.communeId });
      await tickets.update(ticketId, { level: 2, groupKind: 'rectorate_desk', groupOrganisationId: commune.academyId, groupLabel: 'Assistance du rectorat' });
    }
    return tickets.findOneByOrFail({ id: ticketId });
  }

  function send(method: RouteEntry['method'], req: ApiRequest, token: string | null) {
    let test = request(app)[method](`/api/v1${req.path}`);
    if (req.query) test = test.query(req.query);
    if (token) test = test.set('Authorization', `Bearer ${token}`);
    if (req.csv !== undefined) return test.set('Content-Type', 'text/csv').send(req.csv);
    if (req.file) return test.attach('file', req.file.bytes, req.file.name);
    return req.body === undefined ? test : test.send(req.body);
  }

  beforeAll(async () => {
    const dataSource = db().dataSource;
    // Many wrong passwords come from one address here: throttling is tested elsewhere. Uploaded photos go to a folder of this run.
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-matrix-'));
    const built = testApp(dataSource, { LOGIN_MAX_FAILURES_PER_ADDRESS: '1000', DATA_DIR: dataDir });
    ({ app, services, routeTable } = built);

    const a = await makeOrganisations(dataSource);
    const b = await makeOrganisations(dataSource);
    const schoolA1 = await makeSchool(dataSource, a, 'École A1');
    const schoolB1 = await makeSchool(dataSource, b, 'École B1');
    const placeOf: Record<Role, number | null> = {
      teacher: schoolA1.id,
      director: schoolA1.id,
      erun: a.circonscription.id,
      city_technician: a.commune.id,
      city_manager: a.commune.id,
      rectorate_agent: a.academy.id,
      admin: null,
    };
    const callers = {} as World['callers'];
    for (const role of ROLES) {
      const { user } = await makeUser(dataSource, [{ role, organisationId: placeOf[role] }], { username: `matrix-${role}` });
      callers[role] = { user, token: await tokenFor(built.services, dataSource, user.id) };
    }
    w = {
      dataSource,
      a,
      b,
      schoolA1,
      schoolB1,
      roomA1: await makeRoom(dataSource, schoolA1.id),
      roomB1: await makeRoom(dataSource, schoolB1.id),
      laptopA: 0,
      laptopB: 0,
      ticketA: 0,
      ticketB: 0,
      attachmentA: '',
      attachmentB: '',
      userA: (await makeUser(dataSource, [{ role: 'teacher', organisationId: schoolA1.id }])).user,
      userB: (await makeUser(dataSource, [{ role: 'teacher', organisationId: schoolB1.id }])).user,
      callers,
    };
    w.laptopA = (await fresh.laptop(schoolA1)).id;
    w.laptopB = (await fresh.laptop(schoolB1)).id;
    w.ticketA = (await reportAs(callers.teacher.user.id, schoolA1.id)).id;
    w.ticketB = (await reportAs(w.userB.id, schoolB1.id)).id;
    const photo = async (reporterId: number, ticketId: number) =>
      (await services.attachments.attach((await loadPrincipal(dataSource, reporterId, 'token'))!, ticketId, { bytes: await png(), name: 'panne.png' }, SYSTEM_ACTOR)).url.replace(/^\/api\/v1/, '');
    w.attachmentA = await photo(callers.teacher.user.id, w.ticketA);
    w.attachmentB = await photo(w.userB.id, w.ticketB);
  });

  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('has a matrix case for every route in the route table, and none for a route it lacks', () => {
    const listed = routeTable.map(routeKey);
    expect(listed.filter((key, i) => listed.indexOf(key) !== i)).toEqual([]);
    expect({ routesWithoutACase: listed.filter((key) => !(key in CASES)) }).toEqual({ routesWithoutACase: [] });
    expect({ casesWithoutARoute: Object.keys(CASES).filter((key) => !listed.includes(key)) }).toEqual({ casesWithoutARoute: [] });
  });

  it('finds no API route mounted in Express beside the route table (a route without a rule)', () => {
    expect(routesBesideTheTable(app, routeTable)).toEqual([]);
    // The walk does see routes: one mounted behind ApiRouter's back is caught.
    const probe = testApp(w.dataSource);
    const apiRouter = (probe.app as unknown as { router: { stack: ExpressLayer[] } }).router.stack.find((layer) => layer.handle.stack && layer.rawPath === '/api/v1');
    (apiRouter!.handle as unknown as { get(path: string, handler: () => void): void }).get('/sneaky', () => undefined);
    expect(routesBesideTheTable(probe.app, probe.routeTable)).toEqual(['GET /api/v1/sneaky']);
  });

  it('answers 401 without a session or token on every route that is not public', async () => {
    const failures: string[] = [];
    const built: { entry: RouteEntry; key: string; req: ApiRequest }[] = [];
    // Built one after the other: on SQLite, overlapping transactions would nest in one another.
    for (const entry of routeTable) {
      const key = routeKey(entry);
      const theCase = CASES[key];
      if (!theCase) continue;
      const expected = parseExpect(key, theCase.expect).anonymous;
      if (entry.rule.kind !== 'public' && expected !== 401) failures.push(`${key}: rule ${entry.rule.kind}, yet the matrix expects ${expected} without a token`);
      built.push({ entry, key, req: await theCase.request({ side: 'inside', role: null, w, school: w.schoolA1, org: w.a, fresh }) });
    }
    await Promise.all(
      built.map(async ({ entry, key, req }) => {
        const res = await send(entry.method, req, null);
        const code = (res.body as { code?: string }).code;
        // A public route may refuse for its own reasons (wrong password), never for want of a session.
        if (entry.rule.kind === 'public' && code === 'UNAUTHENTICATED') failures.push(`${key}: public, yet it asks to sign in`);
        if (entry.rule.kind !== 'public' && (res.status !== 401 || code !== 'UNAUTHENTICATED')) failures.push(`${key}: ${res.status} ${code ?? ''} without a token`);
      }),
    );
    expect(failures).toEqual([]);
  });

  it.each(Object.keys(CASES))('%s answers each role as the matrix says, inside and outside its scope', async (key) => {
    const entry = routeTable.find((route) => routeKey(route) === key);
    if (!entry) throw new Error(`${key} is not in the route table`);
    const expected = parseExpect(key, CASES[key]!.expect);
    const calls: { who: string; side: Side; role: Role | null; status: number }[] = [{ who: 'anonymous', side: 'inside', role: null, status: expected.anonymous }];
    for (const role of ROLES) {
      const { inside, outside } = expected.roles[role];
      calls.push({ who: role, side: 'inside', role, status: inside });
      if (outside !== null) calls.push({ who: role, side: 'outside', role, status: outside });
    }

    // Built one after the other: they may create records, and on SQLite overlapping transactions nest.
    const built: { call: (typeof calls)[number]; req: ApiRequest }[] = [];
    for (const call of calls) {
      const org = call.side === 'inside' ? w.a : w.b;
      const school = call.side === 'inside' ? w.schoolA1 : w.schoolB1;
      built.push({ call, req: await CASES[key]!.request({ side: call.side, role: call.role, w, school, org, fresh }) });
    }
    const pattern = pathPattern(entry.path);
    const check = async ({ call, req }: (typeof built)[number]) => {
      if (!pattern.test(req.path)) return `${call.who} ${call.side}: the case builds ${req.path}, not a path of ${entry.path}`;
      const res = await send(entry.method, req, call.role ? w.callers[call.role].token : null);
      const problem = res.body as { code?: string; detail?: string };
      if (problem.code === 'ROUTE_NOT_FOUND') return `${call.who} ${call.side}: ${req.path} reached no route`;
      const code = CASES[key]!.code;
      if (code && problem.code !== code) return `${call.who} ${call.side}: expected the code ${code}, got ${res.status} ${problem.code ?? ''}`;
      if (res.status === call.status) return null;
      return `${call.who} ${call.side}: expected ${call.status}, got ${res.status} ${problem.code ?? ''} ${problem.detail ?? ''}`.trim();
    };
    // Reads go together; writes one by one, as concurrent writes are not what this file is about.
    const mismatches: (string | null)[] = [];
    if (entry.method === 'get') mismatches.push(...(await Promise.all(built.map(check))));
    else for (const one of built) mismatches.push(await check(one));
    expect(mismatches.filter(Boolean)).toEqual([]);
  });

  it.each(Object.keys(LISTS))('%s holds only what each role may read', async (key) => {
    const list = LISTS[key]!;
    const cells = list.sees.split(/\s+/);
    const mismatches: string[] = [];
    await Promise.all(
      ROLES.map(async (role, i) => {
        const sees = cells[i];
        for (const side of ['inside', 'outside'] as const) {
          const res = await send('get', list.request(w, side), w.callers[role].token);
          if (sees === '403') {
            if (res.status !== 403) mismatches.push(`${role} ${side}: expected 403, got ${res.status}`);
            continue;
          }
          const expected = side === 'inside' || sees === 'A+B';
          if (res.status !== 200) mismatches.push(`${role} ${side}: expected 200, got ${res.status}`);
          else if (list.holds(res.body.items, w, side) !== expected) mismatches.push(`${role}: the ${side} record is ${expected ? 'missing from' : 'in'} the list`);
        }
      }),
    );
    expect(mismatches).toEqual([]);
  });
});
