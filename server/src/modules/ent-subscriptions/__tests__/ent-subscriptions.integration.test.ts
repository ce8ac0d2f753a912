import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import type { EntSubscriptionList } from '@preau/shared';
import { describeEachEngine } from '../../../../../test/support/databases';
import { testApp } from '../../../../../test/support/app';
import { agentFor, makeUser, type Agent } from '../../../../../test/support/auth';
import { makeOrganisations, makeSchool, type OrgFixture } from '../../../../../test/support/factories';
import type { Services } from '../../../app';
import { AuditEntryEntity } from '../../audit/audit-entry.entity';
import { SchoolEntity } from '../../schools/school.entity';

describeEachEngine('ENT subscriptions', (db) => {
  let dataSource: DataSource;
  let app: Express;
  let services: Services;
  let a: OrgFixture;
  let b: OrgFixture;
  let schoolsA: SchoolEntity[];
  let schoolB: SchoolEntity;
  const agents = {} as Record<'manager' | 'technician' | 'erun' | 'rectorate' | 'teacher' | 'managerB', Agent>;

  const put = (agent: Agent, communeId: number, year: number | string, body: unknown) => agent.put(`/api/v1/communes/${communeId}/ent-subscriptions/${year}`).send(body as object);
  const list = (agent: Agent, query: Record<string, string | number>) => agent.get('/api/v1/ent-subscriptions').query(query);

  beforeAll(async () => {
    dataSource = db().dataSource;
    ({ app, services } = testApp(dataSource));
    a = await makeOrganisations(dataSource);
    b = await makeOrganisations(dataSource);
    schoolsA = [await makeSchool(dataSource, a, 'École des Aubépines'), await makeSchool(dataSource, a, 'École du Bourg'), await makeSchool(dataSource, a, 'École Camus')];
    schoolB = await makeSchool(dataSource, b, 'École de B');
    const agent = async (role: Parameters<typeof makeUser>[1][number]['role'], organisationId: number) =>
      agentFor(app, services, dataSource, (await makeUser(dataSource, [{ role, organisationId }])).user.id);
    agents.manager = await agent('city_manager', a.commune.id);
    agents.technician = await agent('city_technician', a.commune.id);
    agents.erun = await agent('erun', a.circonscription.id);
    agents.rectorate = await agent('rectorate_agent', a.academy.id);
    agents.teacher = await agent('teacher', schoolsA[0]!.id);
    agents.managerB = await agent('city_manager', b.commune.id);
  });

  it('subscribes schools at 50 EUR by default or at the cost given, and totals them', async () => {
    const res = await put(agents.manager, a.commune.id, 2026, { schools: [{ schoolId: schoolsA[1]!.id }, { schoolId: schoolsA[0]!.id, costCents: 4500 }] });
    expect(res.status).toBe(200);
    const body = res.body as EntSubscriptionList;
    expect(body.schoolYear).toBe(2026);
    expect(body.changeWindow).toEqual({ from: '2026-09-01', to: '2026-10-15' });
    // In the order of the schools' names.
    expect(body.items.map((item) => [item.schoolName, item.costCents, item.communeName])).toEqual([
      ['École des Aubépines', 4500, a.commune.name],
      ['École du Bourg', 5000, a.commune.name],
    ]);
    expect(body.totalCostCents).toBe(9500);
  });

  it('replaces the list: schools left out are unsubscribed, costs change, and the audit log says what changed', async () => {
    const res = await put(agents.technician, a.commune.id, 2026, { schools: [{ schoolId: schoolsA[0]!.id, costCents: 6000 }, { schoolId: schoolsA[2]!.id }] });
    expect(res.status).toBe(200);
    // By name: "École Camus" before "École des Aubépines".
    expect((res.body as EntSubscriptionList).items.map((item) => [item.schoolId, item.costCents])).toEqual([
      [schoolsA[2]!.id, 5000],
      [schoolsA[0]!.id, 6000],
    ]);
    const entry = await dataSource.getRepository(AuditEntryEntity).findOneOrFail({ where: { action: 'ent_subscriptions.replaced' }, order: { id: 'DESC' } });
    expect(entry.communeId).toBe(a.commune.id);
    expect(JSON.parse(entry.details!)).toEqual({
      schoolYear: 2026,
      added: [{ schoolId: schoolsA[2]!.id, costCents: 5000 }],
      removed: [schoolsA[1]!.id],
      costChanged: [{ schoolId: schoolsA[0]!.id, from: 4500, to: 6000 }],
    });
    // Another year is another list.
    expect((await list(agents.manager, { schoolYear: 2025, communeId: a.commune.id })).body.items).toEqual([]);
  });

  it('lists a year for whoever reads reports on the schools, and only their schools', async () => {
    await put(agents.managerB, b.commune.id, 2026, { schools: [{ schoolId: schoolB.id }] });
    for (const reader of [agents.manager, agents.erun, agents.rectorate]) {
      const res = await list(reader, { schoolYear: 2026 });
      expect(res.status).toBe(200);
      expect((res.body as EntSubscriptionList).items.map((item) => item.schoolId).sort()).toEqual([schoolsA[0]!.id, schoolsA[2]!.id].sort());
      expect(res.body.totalCostCents).toBe(11000);
    }
    expect((await list(agents.teacher, { schoolYear: 2026 })).status).toBe(403);
    expect((await list(agents.managerB, { schoolYear: 2026, communeId: a.commune.id })).status).toBe(404);
    const bad = await list(agents.manager, { schoolYear: 'next' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toEqual(['schoolYear']);
  });

  it('refuses schools of another commune, twice the same school and negative costs, listing every problem', async () => {
    const res = await put(agents.manager, a.commune.id, 2026, {
      schools: [{ schoolId: schoolB.id }, { schoolId: schoolsA[0]!.id, costCents: -1 }, { schoolId: schoolsA[1]!.id }, { schoolId: schoolsA[1]!.id }],
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((issue: { path: unknown[] }) => issue.path)).toEqual(expect.arrayContaining([['schools', 1, 'costCents'], ['schools', 3, 'schoolId']]));
    const other = await put(agents.manager, a.commune.id, 2026, { schools: [{ schoolId: schoolB.id }, { schoolId: 999999 }] });
    expect(other.status).toBe(422);
    expect(other.body.errors.map((issue: { path: unknown[] }) => issue.path)).toEqual([['schools', 0, 'schoolId'], ['schools', 1, 'schoolId']]);
    expect((await put(agents.manager, a.commune.id, 1999, { schools: [] })).status).toBe(422);
  });

  it('lets only the commune’s inventory keepers change its list: 403 for those who see the commune, 404 for the others', async () => {
    const body = { schools: [{ schoolId: schoolsA[0]!.id }] };
    expect((await put(agents.rectorate, a.commune.id, 2027, body)).status).toBe(403);
    // A school's or a circonscription's people do not see the commune as a record of theirs.
    for (const outsider of [agents.managerB, agents.erun, agents.teacher]) expect((await put(outsider, a.commune.id, 2027, body)).status).toBe(404);
    expect((await list(agents.manager, { schoolYear: 2027 })).body.items).toEqual([]);
  });

  it('removes one subscription', async () => {
    const before = (await list(agents.manager, { schoolYear: 2026, communeId: a.commune.id })).body as EntSubscriptionList;
    const target = before.items[0]!;
    expect((await agents.managerB.delete(`/api/v1/ent-subscriptions/${target.id}`)).status).toBe(404);
    expect((await agents.manager.delete(`/api/v1/ent-subscriptions/${target.id}`)).status).toBe(204);
    const after = (await list(agents.manager, { schoolYear: 2026, communeId: a.commune.id })).body as EntSubscriptionList;
    expect(after.items.map((item) => item.id)).toEqual(before.items.slice(1).map((item) => item.id));
    expect((await agents.manager.delete(`/api/v1/ent-subscriptions/${target.id}`)).status).toBe(404);
    expect(await dataSource.getRepository(AuditEntryEntity).countBy({ action: 'ent_subscription.removed', targetId: target.schoolId })).toBe(1);
  });
});
