import ExcelJS from 'exceljs';
import type request from 'supertest';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import type { EquipmentKind, EquipmentStatus, FundingSource, SteeringReport, TicketCategory, TicketEventKind } from '@preau/shared';
import { describeEachEngine } from '../../../../../test/support/databases';
import { testApp } from '../../../../../test/support/app';
import { agentFor, makeUser, type Agent } from '../../../../../test/support/auth';
import { makeOrganisations, makeSchool, type OrgFixture } from '../../../../../test/support/factories';
import type { Services } from '../../../app';
import { EquipmentEntity } from '../../equipment/equipment.entity';
import { TicketEntity } from '../../tickets/ticket.entity';
import { TicketEventEntity } from '../../tickets/ticket-event.entity';
import type { SchoolEntity } from '../../schools/school.entity';
import { readReportPdf } from './report-pdf-reader';
import { backfillTimelineLevels } from '../../../../../db/migrations/defaults/1796128389104-timeline-levels';

// The report of the 3rd quarter of 2026 (1 July – 30 September, Paris time), made on 1 December 2026.
const NOW = new Date('2026-12-01T10:00:00Z');
const Q3 = '2026-Q3';
const at = (iso: string) => new Date(iso);
const plusHours = (iso: string, hours: number) => new Date(new Date(iso).getTime() + hours * 3_600_000);

type SchoolKey = 'A1' | 'A2' | 'B1';

interface TicketFixture {
  key: string;
  school: SchoolKey;
  category: TicketCategory;
  level: 1 | 2 | 3;
  createdAt: string;
  /** Hours after the start of the clock (= the creation); null when not reached. */
  firstResponse?: number | null;
  resolution?: number | null;
  firstResponseDue?: string | null;
  resolutionDue?: string | null;
  /** Pending director approval: no clock. */
  pending?: boolean;
  closedAt?: string;
  rating?: number;
  events?: { kind: TicketEventKind; at: string; from?: string }[];
}

// Due dates 4 and 48 hours after creation unless said otherwise.
const TICKETS: TicketFixture[] = [
  { key: 'T1', school: 'A1', category: 'hardware', level: 2, createdAt: '2026-07-02T08:00:00Z', firstResponse: 2, resolution: 30, closedAt: '2026-07-05T09:00:00Z', rating: 5,
    events: [{ kind: 'escalated', at: '2026-07-02T10:00:00Z', from: 'Circonscription A (niveau 1)' }, { kind: 'resolved', at: '2026-07-03T14:00:00Z' }] },
  { key: 'T2', school: 'A1', category: 'network', level: 1, createdAt: '2026-07-10T09:00:00Z', firstResponse: 6, resolution: 80, closedAt: '2026-07-15T09:00:00Z', rating: 3,
    events: [{ kind: 'resolved', at: '2026-07-13T17:00:00Z' }] },
  // Resolved, reopened, resolved again exactly at its due date (within target).
  { key: 'T3', school: 'A2', category: 'hardware', level: 3, createdAt: '2026-08-20T07:00:00Z', firstResponse: 1, resolution: 48,
    events: [
      { kind: 'escalated', at: '2026-08-20T08:00:00Z', from: 'Circonscription A (niveau 1)' },
      { kind: 'escalated', at: '2026-08-20T09:00:00Z', from: 'Techniciens de la commune (niveau 2)' },
      { kind: 'resolved', at: '2026-08-20T17:00:00Z' },
      { kind: 'reopened', at: '2026-08-21T08:00:00Z' },
      { kind: 'resolved', at: '2026-08-22T07:00:00Z' },
    ] },
  // Answered, never resolved, resolution due date long past: a missed target.
  { key: 'T4', school: 'A2', category: 'ent', level: 2, createdAt: '2026-09-15T12:00:00Z', firstResponse: 3, resolution: null },
  // 23:00 in Paris on 29 September: in the quarter. Not answered, first response overdue; resolution due in the future.
  { key: 'T5', school: 'A1', category: 'printing', level: 1, createdAt: '2026-09-29T21:00:00Z', firstResponse: null, resolution: null, resolutionDue: '2026-12-05T00:00:00Z' },
  // 00:30 in Paris on 1 October: after the quarter, though still 30 September in UTC.
  { key: 'T6', school: 'A1', category: 'hardware', level: 2, createdAt: '2026-09-30T22:30:00Z', firstResponse: 1, resolution: 5, closedAt: '2026-10-02T09:00:00Z', rating: 1,
    events: [{ kind: 'escalated', at: '2026-10-01T08:00:00Z', from: 'Circonscription A (niveau 1)' }, { kind: 'resolved', at: '2026-10-01T03:30:00Z' }] },
  // 23:30 in Paris on 30 June: before the quarter; but resolved, reopened, escalated, closed and rated within it.
  { key: 'T7', school: 'A1', category: 'software', level: 3, createdAt: '2026-06-30T21:30:00Z', firstResponse: 1, resolution: 130, closedAt: '2026-07-07T09:00:00Z', rating: 4,
    events: [
      { kind: 'escalated', at: '2026-07-01T08:00:00Z', from: 'Techniciens de la commune (niveau 2)' },
      { kind: 'resolved', at: '2026-07-03T10:00:00Z' },
      { kind: 'reopened', at: '2026-07-04T10:00:00Z' },
      { kind: 'resolved', at: '2026-07-06T07:30:00Z' },
    ] },
  // Another commune: never in commune A's report.
  { key: 'T8', school: 'B1', category: 'hardware', level: 1, createdAt: '2026-08-01T08:00:00Z', firstResponse: 1, resolution: 2, closedAt: '2026-08-02T09:00:00Z', rating: 1,
    events: [{ kind: 'escalated', at: '2026-08-01T08:30:00Z', from: 'Circonscription B (niveau 1)' }, { kind: 'resolved', at: '2026-08-01T10:00:00Z' }] },
  // Awaiting the director's approval: an incident of the quarter, with no clock to measure.
  { key: 'T9', school: 'A1', category: 'other', level: 1, createdAt: '2026-09-10T08:00:00Z', pending: true },
  // Resolved in June, reopened in July and still open: its resolution is not the quarter's.
  { key: 'T10', school: 'A2', category: 'network', level: 1, createdAt: '2026-06-15T08:00:00Z', firstResponse: 1, resolution: null,
    events: [{ kind: 'resolved', at: '2026-06-20T08:00:00Z' }, { kind: 'reopened', at: '2026-07-02T08:00:00Z' }] },
  // Closed in the quarter without a rating.
  { key: 'T11', school: 'A2', category: 'email', level: 2, createdAt: '2026-06-01T08:00:00Z', firstResponse: 1, resolution: 20, closedAt: '2026-08-10T09:00:00Z' },
];

interface ItemFixture {
  school: SchoolKey | 'stockA';
  kind: EquipmentKind;
  status: EquipmentStatus;
  purchaseDate: string | null;
  /** Years since purchase on 1 December 2026, written out by hand. */
  band: string;
  funding?: FundingSource;
  programme?: string;
  price?: number | null;
  subsidy?: number;
}

const ITEMS: ItemFixture[] = [
  { school: 'A1', kind: 'laptop', status: 'in_service', purchaseDate: '2026-06-01', band: 'under_1' },
  { school: 'A1', kind: 'laptop', status: 'broken', purchaseDate: '2025-12-01', band: '1_to_3' },
  { school: 'A2', kind: 'desktop', status: 'in_service', purchaseDate: '2023-12-02', band: '1_to_3' },
  { school: 'A2', kind: 'desktop', status: 'in_repair', purchaseDate: '2023-12-01', band: '3_to_5' },
  { school: 'A1', kind: 'projector', status: 'in_service', purchaseDate: '2018-12-01', band: '8_and_more' },
  { school: 'A1', kind: 'tablet', status: 'lost', purchaseDate: null, band: 'unknown' },
  { school: 'stockA', kind: 'copier', status: 'in_stock', purchaseDate: '2021-01-01', band: '5_to_8' },
  { school: 'A1', kind: 'laptop', status: 'retired', purchaseDate: '2015-03-01', band: 'retired' },
  { school: 'B1', kind: 'laptop', status: 'in_service', purchaseDate: '2026-08-01', band: 'other commune', price: 70000 },
  // Bought in the quarter.
  { school: 'A1', kind: 'tablet', status: 'in_service', purchaseDate: '2026-07-10', band: 'under_1', funding: 'commune', price: 40000 },
  { school: 'A1', kind: 'tablet', status: 'in_service', purchaseDate: '2026-08-01', band: 'under_1', funding: 'commune', price: null },
  { school: 'A1', kind: 'laptop', status: 'retired', purchaseDate: '2026-07-20', band: 'retired', funding: 'commune', price: 50000 },
  { school: 'A2', kind: 'trolley', status: 'in_service', purchaseDate: '2026-09-30', band: 'under_1', funding: 'state_subsidy', programme: 'Plan 2026 classes mobiles', price: 800000, subsidy: 400000 },
  { school: 'A2', kind: 'laptop', status: 'in_service', purchaseDate: '2026-07-01', band: 'under_1', funding: 'state_subsidy', programme: 'Plan 2026 classes mobiles', price: 100000, subsidy: 50000 },
  // A subsidy recorded above the price: the State's share stops at the price.
  { school: 'A1', kind: 'projector', status: 'in_service', purchaseDate: '2026-08-15', band: 'under_1', funding: 'state_subsidy', programme: 'Socle numérique', price: 60000, subsidy: 90000 },
  { school: 'A1', kind: 'printer', status: 'in_service', purchaseDate: '2026-09-01', band: 'under_1', funding: 'school_funds', price: 25000 },
  { school: 'A1', kind: 'document_camera', status: 'in_service', purchaseDate: '2026-09-02', band: 'under_1', funding: 'donation', price: 15000 },
  // Just outside the quarter.
  { school: 'A1', kind: 'laptop', status: 'in_service', purchaseDate: '2026-06-30', band: 'under_1', funding: 'commune', price: 99900 },
  { school: 'A1', kind: 'laptop', status: 'in_service', purchaseDate: '2026-10-01', band: 'under_1', funding: 'commune', price: 99900 },
];

/** A supertest parser keeping a download's bytes. */
function binary(response: request.Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}

describeEachEngine('steering committee report', (db) => {
  let dataSource: DataSource;
  let app: Express;
  let services: Services;
  let a: OrgFixture;
  let b: OrgFixture;
  let schools: Record<SchoolKey, SchoolEntity>;
  let managerA: Agent;
  let managerB: Agent;
  let teacherA: Agent;
  let admin: Agent;
  let report: SteeringReport;

  beforeAll(async () => {
    dataSource = db().dataSource;
    ({ app, services } = testApp(dataSource, {}, { clock: () => NOW }));
    a = await makeOrganisations(dataSource);
    b = await makeOrganisations(dataSource);
    schools = { A1: await makeSchool(dataSource, a, 'École Jules Ferry'), A2: await makeSchool(dataSource, a, 'École Louise Michel'), B1: await makeSchool(dataSource, b) };
    const agent = async (role: 'city_manager' | 'teacher' | 'admin', organisationId: number | null) =>
      agentFor(app, services, dataSource, (await makeUser(dataSource, [{ role, organisationId }])).user.id);
    managerA = await agent('city_manager', a.commune.id);
    managerB = await agent('city_manager', b.commune.id);
    teacherA = await agent('teacher', schools.A1.id);
    admin = await agent('admin', null);
    const reporter = (await makeUser(dataSource, [{ role: 'teacher', organisationId: schools.A1.id }])).user;

    for (const [n, fixture] of TICKETS.entries()) {
      const school = schools[fixture.school];
      const created = fixture.createdAt;
      const clock = fixture.pending ? null : at(created);
      const ticket = await dataSource.getRepository(TicketEntity).save({
        reference: `INC-2026-${String(900000 + n).padStart(6, '0')}`,
        schoolId: school.id,
        communeId: school.communeId,
        circonscriptionId: school.circonscriptionId,
        equipmentId: null,
        category: fixture.category,
        title: `Incident ${fixture.key}`,
        description: '',
        impact: 'one_class',
        urgency: 'low',
        priority: 'P3',
        status: fixture.closedAt ? 'closed' : fixture.resolution != null ? 'resolved' : 'in_progress',
        approval: fixture.pending ? 'pending' : 'not_required',
        level: fixture.level,
        groupKind: 'commune_technicians',
        groupOrganisationId: school.communeId,
        groupExternalName: null,
        groupLabel: 'Techniciens',
        assigneeUserId: null,
        reporterUserId: reporter.id,
        availability: null,
        routingRule: 'test',
        routingReason: 'test',
        outOfScope: false,
        clockStartedAt: clock,
        pauses: null,
        firstResponseDueAt: clock ? (fixture.firstResponseDue === undefined ? plusHours(created, 4) : fixture.firstResponseDue && at(fixture.firstResponseDue)) : null,
        resolutionDueAt: clock ? (fixture.resolutionDue === undefined ? plusHours(created, 48) : fixture.resolutionDue && at(fixture.resolutionDue)) : null,
        firstRespondedAt: fixture.firstResponse != null ? plusHours(created, fixture.firstResponse) : null,
        resolvedAt: fixture.resolution != null ? plusHours(created, fixture.resolution) : null,
        closedAt: fixture.closedAt ? at(fixture.closedAt) : null,
        breachWarnedAt: null,
        breachedAt: null,
        rating: fixture.rating ?? null,
        ratingComment: null,
        idempotencyKey: null,
      });
      // Timestamps as they were, not as the insert made them.
      await dataSource.getRepository(TicketEntity).createQueryBuilder().update().set({ createdAt: at(created) }).where('id = :id', { id: ticket.id }).execute();
      for (const event of fixture.events ?? []) {
        await dataSource.getRepository(TicketEventEntity).insert({
          ticketId: ticket.id,
          kind: event.kind,
          at: at(event.at),
          actorUserId: null,
          actorLabel: 'test',
          body: null,
          internal: false,
          fromValue: event.from ?? null,
          toValue: null,
          rule: null,
          fromLevel: null,
          toLevel: null,
        });
      }
    }
    // The escalations are written as before their levels were numbers: the migration's backfill reads them from the labels.
    const runner = dataSource.createQueryRunner();
    await backfillTimelineLevels(runner).finally(() => runner.release());

    for (const [n, item] of ITEMS.entries()) {
      const school = item.school === 'stockA' ? null : schools[item.school];
      await dataSource.getRepository(EquipmentEntity).insert({
        kind: item.kind,
        status: item.status,
        assetTag: `COPIL-${n}`,
        brand: null,
        model: null,
        serial: null,
        macAddress: null,
        hostname: null,
        communeId: school?.communeId ?? a.commune.id,
        schoolId: school?.id ?? null,
        roomId: null,
        containerId: null,
        purchaseDate: item.purchaseDate,
        purchasePriceCents: item.price ?? null,
        supplier: null,
        warrantyEndsOn: null,
        funding: item.funding ?? 'commune',
        fundingProgramme: item.programme ?? null,
        fundingAmountCents: item.subsidy ?? null,
        notes: null,
      });
    }

    // ENT subscriptions through the API: school years 2025-2026 (July–August) and 2026-2027 (September) overlap the quarter.
    const put = (agent: Agent, communeId: number, year: number, body: object) => agent.put(`/api/v1/communes/${communeId}/ent-subscriptions/${year}`).send(body);
    expect((await put(managerA, a.commune.id, 2025, { schools: [{ schoolId: schools.A1.id }, { schoolId: schools.A2.id, costCents: 4000 }] })).status).toBe(200);
    expect((await put(managerA, a.commune.id, 2026, { schools: [{ schoolId: schools.A1.id, costCents: 6000 }] })).status).toBe(200);
    expect((await put(managerB, b.commune.id, 2025, { schools: [{ schoolId: schools.B1.id }] })).status).toBe(200);
    // A year after the quarter: not in it.
    expect((await put(managerA, a.commune.id, 2027, { schools: [{ schoolId: schools.A2.id }] })).status).toBe(200);

    const res = await managerA.get('/api/v1/reports/steering').query({ period: Q3, communeId: a.commune.id });
    expect(res.status).toBe(200);
    report = res.body as SteeringReport;
  });

  /** The fixtures of commune A whose creation falls in the quarter (by hand: 1 July 00:00 to 1 October 00:00, Paris = UTC+2). */
  const quarterStart = at('2026-06-30T22:00:00Z');
  const quarterEnd = at('2026-09-30T22:00:00Z');
  const inQuarter = (iso: string) => at(iso) >= quarterStart && at(iso) < quarterEnd;
  const createdInQuarter = () => TICKETS.filter((t) => t.school !== 'B1' && inQuarter(t.createdAt));

  it('names the scope and the period, in Paris days', () => {
    expect(report.scope).toEqual({ kind: 'commune', id: a.commune.id, name: a.commune.name });
    expect(report.period).toEqual({ kind: 'quarter', from: '2026-07-01', to: '2026-09-30', key: '2026-Q3' });
    expect(report.generatedAt).toBe(NOW.toISOString());
    expect(createdInQuarter().map((t) => t.key)).toEqual(['T1', 'T2', 'T3', 'T4', 'T5', 'T9']);
  });

  it('counts the incidents created in the quarter by level, category and school', () => {
    expect(report.incidents.total).toBe(6);
    expect(report.incidents.byLevel).toEqual([
      { level: 1, count: 3 },
      { level: 2, count: 2 },
      { level: 3, count: 1 },
    ]);
    expect(report.incidents.byCategory).toEqual(
      expect.arrayContaining([
        { category: 'hardware', count: 2 },
        { category: 'network', count: 1 },
        { category: 'ent', count: 1 },
        { category: 'printing', count: 1 },
        { category: 'other', count: 1 },
      ]),
    );
    expect(report.incidents.byCategory).toHaveLength(5);
    expect(report.incidents.byCategory[0]).toEqual({ category: 'hardware', count: 2 });
    expect(report.incidents.bySchool).toEqual([
      { schoolId: schools.A1.id, uai: schools.A1.uai, name: 'École Jules Ferry', count: 4 },
      { schoolId: schools.A2.id, uai: schools.A2.uai, name: 'École Louise Michel', count: 2 },
    ]);
  });

  it('gives the median and 90th percentile of response and resolution times, and the share within target', () => {
    // First responses of T1–T4 (T5 unanswered, T9 without a clock): 2, 6, 1, 3 hours → sorted 1, 2, 3, 6.
    // Median (2 + 3) / 2 = 2.5; 90th percentile at rank 0.9 × 3 = 2.7: 3 + 0.7 × (6 − 3) = 5.1.
    // With a target: T1–T4 answered, T5 overdue = 5; on time: T1 (2 ≤ 4), T3 (1), T4 (3) = 3.
    expect(report.responseTimes.firstResponse).toEqual({ measured: 4, medianHours: 2.5, p90Hours: expect.closeTo(5.1, 9), withTarget: 5, withinTarget: 3, shareWithinTarget: 0.6 });
    // Resolutions of T1 (30), T2 (80), T3 (48) → sorted 30, 48, 80. Median 48; 90th at rank 1.8: 48 + 0.8 × 32 = 73.6.
    // With a target: T1, T2, T3 resolved, T4 overdue (T5 due in the future) = 4; on time: T1, T3 (48 ≤ 48) = 2.
    expect(report.responseTimes.resolution).toEqual({ measured: 3, medianHours: 48, p90Hours: expect.closeTo(73.6, 9), withTarget: 4, withinTarget: 2, shareWithinTarget: 0.5 });
  });

  it('counts escalations dated in the quarter by the level escalated from', () => {
    // T1 from 1, T3 from 1 and from 2, T7 (created before the quarter) from 2; T6 escalated in October, T8 elsewhere.
    expect(report.escalations).toEqual({ total: 4, byFromLevel: [{ level: 1, count: 2 }, { level: 2, count: 2 }] });
  });

  it('gives the reopen rate of the tickets resolved in the quarter', () => {
    // Resolved in the quarter: T1, T2, T3, T7 (T6 in October, T10 in June). Reopened after that: T3 and T7.
    expect(report.reopening).toEqual({ resolved: 4, reopened: 2, rate: 0.5 });
  });

  it('sums up the ratings of tickets closed in the quarter', () => {
    // T1 5, T2 3, T7 4; T11 closed without a rating, T6 closed in October, T8 elsewhere.
    expect(report.satisfaction).toEqual({
      ratings: 3,
      average: 4,
      distribution: [
        { rating: 1, count: 0 },
        { rating: 2, count: 0 },
        { rating: 3, count: 1 },
        { rating: 4, count: 1 },
        { rating: 5, count: 1 },
      ],
    });
  });

  it('describes the fleet as it stands, by kind, age and state, retired items left out and commune stock in', () => {
    const fleet = ITEMS.filter((item) => item.school !== 'B1' && item.status !== 'retired');
    const tally = <K extends string>(key: (item: ItemFixture) => K) =>
      fleet.reduce<Record<string, number>>((counts, item) => ({ ...counts, [key(item)]: (counts[key(item)] ?? 0) + 1 }), {});
    expect(report.fleet.asOf).toBe('2026-12-01');
    expect(report.fleet.total).toBe(fleet.length);
    expect(Object.fromEntries(report.fleet.byKind.map((row) => [row.kind, row.count]))).toEqual(tally((item) => item.kind));
    expect(Object.fromEntries(report.fleet.byAge.map((row) => [row.band, row.count]))).toEqual({ under_1: 0, '1_to_3': 0, '3_to_5': 0, '5_to_8': 0, '8_and_more': 0, unknown: 0, ...tally((item) => item.band) });
    expect(Object.fromEntries(report.fleet.byStatus.filter((row) => row.count > 0).map((row) => [row.status, row.count]))).toEqual(tally((item) => item.status));
    // By hand, for the age bands: 10 bought within the year, 2 of 1–3 years (exactly one year; 2 years 11 months), 1 each of 3–5, 5–8, 8+, unknown.
    expect(report.fleet.byAge.map((row) => row.count)).toEqual([10, 2, 1, 1, 1, 1]);
  });

  it('splits the spending of the quarter between the State and the commune by programme, with school funds and donations apart', () => {
    expect(report.spending.rows).toEqual([
      // Two priced tablets and laptops (40,000 + 50,000; the retired laptop still cost money) and one without a price.
      { funding: 'commune', programme: null, items: 3, unpricedItems: 1, totalCents: 90000, stateCents: 0, communeCents: 90000 },
      { funding: 'state_subsidy', programme: 'Plan 2026 classes mobiles', items: 2, unpricedItems: 0, totalCents: 900000, stateCents: 450000, communeCents: 450000 },
      { funding: 'state_subsidy', programme: 'Socle numérique', items: 1, unpricedItems: 0, totalCents: 60000, stateCents: 60000, communeCents: 0 },
    ]);
    expect(report.spending.totals).toEqual({ items: 6, unpricedItems: 1, totalCents: 1050000, stateCents: 510000, communeCents: 540000 });
    expect(report.spending.other).toEqual([
      { funding: 'school_funds', items: 1, unpricedItems: 0, totalCents: 25000 },
      { funding: 'donation', items: 1, unpricedItems: 0, totalCents: 15000 },
    ]);
  });

  it('lists the ENT subscriptions of each school year overlapping the quarter, with their cost', () => {
    expect(report.ent.years).toEqual([
      {
        schoolYear: 2025,
        schools: 2,
        costCents: 9000,
        subscribed: [
          { schoolId: schools.A1.id, uai: schools.A1.uai, name: 'École Jules Ferry', costCents: 5000 },
          { schoolId: schools.A2.id, uai: schools.A2.uai, name: 'École Louise Michel', costCents: 4000 },
        ],
      },
      { schoolYear: 2026, schools: 1, costCents: 6000, subscribed: [{ schoolId: schools.A1.id, uai: schools.A1.uai, name: 'École Jules Ferry', costCents: 6000 }] },
    ]);
  });

  it('covers the reader’s own organisation when none is named, and a circonscription without the commune’s stock', async () => {
    const own = await managerA.get('/api/v1/reports/steering').query({ period: Q3 });
    expect(own.status).toBe(200);
    expect(own.body.scope).toEqual(report.scope);
    expect(own.body.incidents).toEqual(report.incidents);

    const circonscription = await admin.get('/api/v1/reports/steering').query({ period: Q3, circonscriptionId: a.circonscription.id });
    expect(circonscription.status).toBe(200);
    expect(circonscription.body.scope).toEqual({ kind: 'circonscription', id: a.circonscription.id, name: a.circonscription.name });
    expect(circonscription.body.fleet.total).toBe(report.fleet.total - 1);
    expect(circonscription.body.incidents.total).toBe(6);

    // The whole of an administrator's scope holds commune B's incident of the quarter too.
    const all = await admin.get('/api/v1/reports/steering').query({ from: '2026-07-01', to: '2026-09-30' });
    expect(all.body.scope.kind).toBe('all');
    expect(all.body.period).toEqual({ kind: 'dates', from: '2026-07-01', to: '2026-09-30', key: '2026-07-01_2026-09-30' });
  });

  it('takes a school year as the period', async () => {
    const res = await managerA.get('/api/v1/reports/steering').query({ period: '2025', communeId: a.commune.id });
    expect(res.status).toBe(200);
    expect(res.body.period).toEqual({ kind: 'school_year', from: '2025-09-01', to: '2026-08-31', key: '2025-2026' });
    // From 1 September 2025 to 31 August 2026: T1, T2, T3, T7, T10, T11 of commune A.
    expect(res.body.incidents.total).toBe(6);
    expect(res.body.ent.years.map((year: { schoolYear: number }) => year.schoolYear)).toEqual([2025]);
  });

  it('refuses teachers (403), another commune (404) and a period it cannot read (422, every issue listed)', async () => {
    expect((await teacherA.get('/api/v1/reports/steering').query({ period: Q3 })).status).toBe(403);
    const other = await managerB.get('/api/v1/reports/steering.pdf').query({ period: Q3, communeId: a.commune.id });
    expect(other.status).toBe(404);
    expect(other.headers['content-type']).toMatch(/application\/problem\+json/);

    const cases: [Record<string, string>, string][] = [
      [{ period: '2026-Q5' }, 'period'],
      [{ period: 'last quarter' }, 'period'],
      [{ from: '2026-09-30', to: '2026-07-01' }, 'to'],
      [{ from: '2020-01-01', to: '2023-01-01' }, 'to'],
      [{ from: '2026-07-01' }, 'to'],
      [{}, 'from'],
      [{ period: Q3, from: '2026-07-01', to: '2026-07-02' }, 'period'],
      [{ from: '2026-02-30', to: '2026-03-01' }, 'from'],
    ];
    for (const [query, field] of cases) {
      const res = await managerA.get('/api/v1/reports/steering').query(query);
      expect({ query, status: res.status, type: res.headers['content-type'] }).toEqual({ query, status: 422, type: expect.stringMatching(/problem\+json/) });
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors.map((issue: { path: string[] }) => issue.path[0])).toContain(field);
    }
    // Three years less a day is the longest period.
    expect((await managerA.get('/api/v1/reports/steering').query({ from: '2020-01-01', to: '2022-12-31' })).status).toBe(200);
    expect((await managerA.get('/api/v1/reports/steering').query({ period: Q3, format: 'docx' })).status).toBe(422);
  });

  it('counts an escalation made through the workflow by the level it left (the label the workflow writes)', async () => {
    // Reported and escalated now, by the real clock: a one-day period around today in Paris.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    const period = { from: today, to: today, communeId: a.commune.id };
    const before = (await admin.get('/api/v1/reports/steering').query(period)).body as SteeringReport;
    const created = await admin.post('/api/v1/tickets').send({ schoolId: schools.A2.id, category: 'network', title: 'Le wifi de la classe ne répond plus', impact: 'one_class', urgency: 'low' });
    expect(created.status).toBe(201);
    expect(created.body.level).toBe(1);
    const escalated = await admin.post(`/api/v1/tickets/${created.body.id}/escalate`).send({ version: created.body.version, note: 'Borne wifi hors service, à remplacer par la commune.' });
    expect(escalated.status).toBe(200);
    const after = (await admin.get('/api/v1/reports/steering').query(period)).body as SteeringReport;
    const fromLevel = (report: SteeringReport, level: number) => report.escalations.byFromLevel.find((row) => row.level === level)?.count ?? 0;
    expect([fromLevel(after, 1) - fromLevel(before, 1), fromLevel(after, 2) - fromLevel(before, 2), after.escalations.total - before.escalations.total]).toEqual([1, 0, 1]);
    expect(after.incidents.total - before.incidents.total).toBe(1);
  });

  describe('exports', () => {
    const fileName = () => `rapport-copil-commune-${a.commune.name.toLowerCase().replace(/\s+/g, '-')}-2026-Q3`;

    it('writes a CSV for French spreadsheets: BOM, semicolons, decimal commas, one block per section', async () => {
      const res = await managerA.get('/api/v1/reports/steering.csv').query({ period: Q3, communeId: a.commune.id }).buffer(true);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${fileName()}.csv"`);
      const bytes = Buffer.from(res.text, 'utf8');
      expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const rows: string[][] = parseCsv(bytes, { bom: true, delimiter: ';', relax_column_count: true, skip_empty_lines: true });
      const flat = rows.map((row) => row.join('|'));
      expect(rows[0]).toEqual(['Rapport du comité de pilotage']);
      expect(flat).toContain(`Périmètre|Commune : ${a.commune.name}`);
      expect(flat).toContain('Période|3e trimestre 2026 (du 01/07/2026 au 30/09/2026)');
      for (const section of ['INCIDENTS SIGNALÉS', 'DÉLAIS DE PRISE EN CHARGE', 'ESCALADES ET RÉOUVERTURES', 'SATISFACTION', 'PARC INFORMATIQUE', 'DÉPENSES ET SUBVENTIONS', 'ABONNEMENTS À L’ENT']) {
        expect(flat).toContain(section);
      }
      expect(flat).toContain('Étape|Incidents mesurés|Médiane (heures)|90e centile (heures)|Avec échéance|Dans les délais|Part dans les délais (%)');
      expect(flat).toContain('Première réponse|4|2,5|5,1|5|3|60');
      expect(flat).toContain('Résolution|3|48|73,6|4|2|50');
      expect(flat).toContain('Niveau 1|3');
      expect(flat).toContain('Incidents résolus|Dont rouverts|Taux de réouverture (%)');
      expect(flat).toContain('4|2|50');
      expect(flat).toContain('Subvention de l’État|Plan 2026 classes mobiles|2|0|9000,00|4500,00|4500,00');
      expect(flat).toContain('Total||6|1|10500,00|5100,00|5400,00');
      expect(flat).toContain('Fonds propres de l’école|1|0|250,00');
      expect(flat).toContain('2025-2026|2|90,00');
      expect(flat).toContain(`2026-2027|${schools.A1.uai}|École Jules Ferry|60,00`);
    });

    it('writes a workbook with one sheet per section, headers and number formats', async () => {
      const res = await managerA
        .get('/api/v1/reports/steering')
        .query({ period: Q3, communeId: a.commune.id, format: 'xlsx' })
        .buffer(true)
        .parse(binary);
      expect(res.status).toBe(200);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${fileName()}.xlsx"`);
      const workbook = new ExcelJS.Workbook();
      // exceljs types its own Buffer: hand it the bytes' ArrayBuffer.
      const bytes = res.body as Buffer;
      await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
      expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Synthèse', 'Incidents', 'Délais', 'Escalades', 'Satisfaction', 'Parc', 'Dépenses', 'ENT']);

      const rowsOf = (name: string) => {
        const rows: ExcelJS.Row[] = [];
        workbook.getWorksheet(name)!.eachRow((row) => rows.push(row));
        return rows;
      };
      const rowStarting = (name: string, first: string) => rowsOf(name).find((row) => row.getCell(1).value === first)!;

      const delays = rowStarting('Délais', 'Première réponse');
      expect([2, 3, 4, 5, 6, 7].map((c) => delays.getCell(c).value)).toEqual([4, 2.5, expect.closeTo(5.1, 9), 5, 3, 0.6]);
      expect(delays.getCell(7).numFmt).toBe('0.0%');
      expect(delays.getCell(3).numFmt).toBe('0.0');

      const plan = rowsOf('Dépenses').find((row) => row.getCell(2).value === 'Plan 2026 classes mobiles')!;
      expect([3, 5, 6, 7].map((c) => plan.getCell(c).value)).toEqual([2, 9000, 4500, 4500]);
      expect(plan.getCell(5).numFmt).toBe('#,##0.00 "€"');
      const header = rowsOf('Dépenses').find((row) => row.getCell(1).value === 'Financement')!;
      expect(header.font?.bold).toBe(true);
      expect(header.getCell(6).value).toBe('Part de l’État (€)');

      expect(rowStarting('Parc', 'Ordinateur portable').getCell(2).value).toBe(report.fleet.byKind.find((row) => row.kind === 'laptop')!.count);
      expect(rowStarting('Satisfaction', '5 sur 5').getCell(2).value).toBe(1);
      expect(rowStarting('ENT', '2025-2026').getCell(3).value).toBe(90);
    });

    it('prints an A4 PDF in French with its tables and vector charts', async () => {
      const res = await managerA
        .get('/api/v1/reports/steering.pdf')
        .query({ period: Q3, communeId: a.commune.id })
        .buffer(true)
        .parse(binary);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${fileName()}.pdf"`);
      const pdf = await readReportPdf(res.body as Buffer);
      expect(pdf.language).toBe('fr-FR');
      expect(pdf.title).toBe(`Rapport du comité de pilotage — Commune : ${a.commune.name}`);
      expect(pdf.pages.length).toBeGreaterThanOrEqual(3);
      for (const page of pdf.pages) expect([Math.round(page.width), Math.round(page.height)]).toEqual([595, 842]);

      const text = pdf.pages.map((page) => page.text.join(' ')).join('\n');
      for (const words of [
        'Rapport du comité de pilotage',
        `Commune : ${a.commune.name}`,
        '3e trimestre 2026 (du 01/07/2026 au 30/09/2026)',
        'Délais de prise en charge',
        'Première réponse',
        'Escalades et réouvertures',
        'Dépenses et subventions',
        'Part de l’État (€)',
        'Plan 2026 classes mobiles',
        'Abonnements à l’ENT',
        'École Louise Michel',
        `Page 1 / ${pdf.pages.length}`,
      ]) {
        expect(text).toContain(words);
      }
      // Figures as printed: hours with a decimal comma, shares as percentages, euros grouped by thousands.
      expect(text).toContain('5,1');
      expect(text).toContain('73,6');
      expect(text).toContain('60 %');
      expect(text).toContain('9 000,00 €');
      expect(text).toContain('10 500,00 €');

      // Each chart: its title, its labels drawn as text, and many vector paths on its page.
      const charts = ['Incidents par catégorie', 'Répartition des notes de satisfaction', 'Matériels par âge', 'Dépenses par financement'];
      for (const title of charts) {
        const page = pdf.pages.find((p) => p.text.some((piece) => piece.includes(`Graphique : ${title}`)));
        expect({ title, found: Boolean(page) }).toEqual({ title, found: true });
        expect(page!.paths).toBeGreaterThan(20);
      }
      const agePage = pdf.pages.find((p) => p.text.some((piece) => piece.includes('Graphique : Matériels par âge')))!;
      // The chart's axis labels are text, with their accents.
      expect(agePage.text.join(' ')).toContain('8 ans et plus Date d’achat inconnue');
    });
  });
});
