import type { RoutingDecision, RoutingRuleInput, RoutingRuleRecord } from '@preau/shared';
import { DEFAULT_ROUTING_RULES } from '../../server/src/modules/routing/default-rules';
import { RoutingRuleEntity } from '../../server/src/modules/routing/routing-rule.entity';
import { rulesInForce } from '../../server/src/modules/tickets/ticket-routing';
import { describeEachEngine } from '../support/databases';
import type { Agent } from '../support/auth';
import { auditEntries, buildWorld, fileReport, problemOf, type World } from './world';

let sequence = 0;

/** A report rule of the commune sending network incidents straight to its technicians. */
const networkRule = (communeId: number | null, overrides: Partial<RoutingRuleInput> = {}): RoutingRuleInput => ({
  name: `Réseau : techniciens de la commune ${++sequence}`,
  position: 5,
  trigger: 'report',
  conditions: { categories: ['network'] },
  action: { kind: 'route', level: 2, group: 'commune_technicians' },
  scope: { communeId },
  ...overrides,
});

const withoutRecordFields = ({ id: _id, version: _version, updatedAt: _updatedAt, ...rule }: RoutingRuleRecord) => rule;

describeEachEngine('routing rules API', (db) => {
  let w: World;

  beforeAll(async () => {
    w = await buildWorld(db().dataSource);
  });

  async function create(api: Agent, body: RoutingRuleInput): Promise<RoutingRuleRecord> {
    const res = await api.post('/api/v1/routing-rules').send(body);
    if (res.status !== 201) throw new Error(`rule: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as RoutingRuleRecord;
  }

  async function globalRuleNamed(name: string): Promise<RoutingRuleRecord> {
    const res = await w.admin.get('/api/v1/routing-rules');
    const found = (res.body.items as RoutingRuleRecord[]).find((rule) => rule.scope.communeId === null && rule.name === name);
    if (!found) throw new Error(`no global rule named ${name}`);
    return found;
  }

  it('starts from the default protocol, stored as global rules that anyone working tickets reads', async () => {
    const res = await w.technicianA.get('/api/v1/routing-rules');
    expect(res.status).toBe(200);
    const items = res.body.items as RoutingRuleRecord[];
    expect(items.every((rule) => rule.scope.communeId === null && rule.version === 1 && rule.id > 0)).toBe(true);
    expect(items.map(withoutRecordFields)).toEqual(DEFAULT_ROUTING_RULES.map((rule) => ({ ...rule })));
    // What tickets are routed by: every default rule, parsed back from its row.
    expect((await rulesInForce(w.ds.manager, w.a.commune.id)).map(({ id: _id, ...rule }) => rule)).toEqual(DEFAULT_ROUTING_RULES.map((rule) => ({ ...rule })));
  });

  it('lets a city manager create, change and delete the rules of their commune, each step audited', async () => {
    const created = await create(w.managerA, networkRule(w.a.commune.id, { conditions: { categories: ['network'], schoolIds: [w.schoolA1.id] } }));
    expect(created).toMatchObject({ version: 1, enabled: true, position: 5, scope: { communeId: w.a.commune.id } });
    expect(created.action).toEqual({ kind: 'route', level: 2, group: 'commune_technicians', notifyDirector: false, outOfScope: false });

    const patched = await w.managerA.patch(`/api/v1/routing-rules/${created.id}`).send({ version: 1, name: 'Réseau de l’école A1', enabled: false });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id: created.id, version: 2, name: 'Réseau de l’école A1', enabled: false, position: 5 });
    expect(patched.body.conditions).toEqual({ categories: ['network'], schoolIds: [w.schoolA1.id] });

    const deleted = await w.managerA.delete(`/api/v1/routing-rules/${created.id}`);
    expect(deleted.status).toBe(204);
    expect(await w.ds.getRepository(RoutingRuleEntity).existsBy({ id: created.id })).toBe(false);
    expect((await w.managerA.patch(`/api/v1/routing-rules/${created.id}`).send({ version: 2, enabled: true })).status).toBe(404);

    const trail = await Promise.all(['created', 'updated', 'deleted'].map((verb) => auditEntries(w.ds, `routing_rule.${verb}`, created.id)));
    expect(trail.map((entries) => entries.length)).toEqual([1, 1, 1]);
    expect(trail.map((entries) => entries[0]!.communeId)).toEqual([w.a.commune.id, w.a.commune.id, w.a.commune.id]);
    expect(JSON.parse(trail[1]![0]!.details!)).toEqual({ changes: { name: 'Réseau de l’école A1', enabled: false } });
  });

  it("keeps a city manager to their commune's rules: another commune's are hidden, the global ones read-only", async () => {
    const ruleOfB = await create(w.managerB, networkRule(w.b.commune.id));
    const defaultRule = await globalRuleNamed(DEFAULT_ROUTING_RULES[0]!.name);

    expect(problemOf(await w.managerA.patch(`/api/v1/routing-rules/${ruleOfB.id}`).send({ version: 1, enabled: false }))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect((await w.managerA.delete(`/api/v1/routing-rules/${ruleOfB.id}`)).status).toBe(404);
    expect(problemOf(await w.managerA.post('/api/v1/routing-rules').send(networkRule(w.b.commune.id)))).toEqual({
      status: 422,
      code: 'VALIDATION_FAILED',
      fields: ['scope.communeId'],
    });

    expect(problemOf(await w.managerA.patch(`/api/v1/routing-rules/${defaultRule.id}`).send({ version: defaultRule.version, enabled: false }))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect((await w.managerA.delete(`/api/v1/routing-rules/${defaultRule.id}`)).status).toBe(403);
    expect((await w.managerA.post('/api/v1/routing-rules').send(networkRule(null))).status).toBe(403);

    // Technicians read the rules but change none, not even their commune's.
    expect((await w.technicianA.post('/api/v1/routing-rules').send(networkRule(w.a.commune.id))).status).toBe(403);
    expect((await w.teacherA1.get('/api/v1/routing-rules')).status).toBe(403);

    // B's rule is untouched; A's lists do not show it, nor can A ask for B's.
    expect((await w.ds.getRepository(RoutingRuleEntity).findOneByOrFail({ id: ruleOfB.id })).version).toBe(1);
    const listA = (await w.managerA.get('/api/v1/routing-rules')).body.items as RoutingRuleRecord[];
    expect(listA.some((rule) => rule.id === ruleOfB.id)).toBe(false);
    expect((await w.technicianA.get('/api/v1/routing-rules').query({ communeId: w.b.commune.id })).status).toBe(404);
    const listAdmin = (await w.admin.get('/api/v1/routing-rules').query({ communeId: w.b.commune.id })).body.items as RoutingRuleRecord[];
    // The order tickets meet them in: the commune's first, then the global ones.
    expect(listAdmin[0]!.id).toBe(ruleOfB.id);
    expect(listAdmin.slice(1).every((rule) => rule.scope.communeId === null)).toBe(true);
    expect((await w.managerB.delete(`/api/v1/routing-rules/${ruleOfB.id}`)).status).toBe(204);
  });

  it('lets an administrator edit global rules and any commune’s', async () => {
    const ruleOfB = await create(w.managerB, networkRule(w.b.commune.id));
    const res = await w.admin.patch(`/api/v1/routing-rules/${ruleOfB.id}`).send({ version: 1, position: 7 });
    expect(res.status).toBe(200);
    const global = await create(w.admin, networkRule(null, { position: 1, enabled: false }));
    expect(global.scope.communeId).toBeNull();
    expect((await w.admin.delete(`/api/v1/routing-rules/${global.id}`)).status).toBe(204);
    expect((await w.admin.delete(`/api/v1/routing-rules/${ruleOfB.id}`)).status).toBe(204);
  });

  it('refuses a change made on a stale version with 409, and applies nothing', async () => {
    const rule = await create(w.managerA, networkRule(w.a.commune.id, { enabled: false }));
    expect((await w.managerA.patch(`/api/v1/routing-rules/${rule.id}`).send({ version: 1, position: 6 })).status).toBe(200);
    const stale = await w.managerA.patch(`/api/v1/routing-rules/${rule.id}`).send({ version: 1, position: 8 });
    expect(problemOf(stale)).toMatchObject({ status: 409, code: 'VERSION_CONFLICT' });
    expect(await w.ds.getRepository(RoutingRuleEntity).findOneByOrFail({ id: rule.id })).toMatchObject({ version: 2, position: 6 });
  });

  it('lists every invalid field of a rule with its path, on creation and on change', async () => {
    const bad = await w.managerA.post('/api/v1/routing-rules').send({
      name: '',
      position: -1,
      trigger: 'report',
      conditions: { categories: ['network'], colour: ['blue'] },
      action: { kind: 'route', level: 3, group: 'commune_technicians' },
      scope: { communeId: w.a.commune.id },
    });
    expect(problemOf(bad)).toEqual({ status: 422, code: 'VALIDATION_FAILED', fields: ['action.level', 'conditions', 'name', 'position'] });
    const wrongLevel = await w.managerA.post('/api/v1/routing-rules').send(networkRule(w.a.commune.id, { action: { kind: 'route', level: 3, group: 'commune_technicians' } }));
    expect(problemOf(wrongLevel)).toEqual({ status: 422, code: 'VALIDATION_FAILED', fields: ['action.level'] });

    // A commune's rule names only that commune's schools.
    const foreignSchool = await w.managerA.post('/api/v1/routing-rules').send(networkRule(w.a.commune.id, { conditions: { schoolIds: [w.schoolA1.id, w.schoolB1.id] } }));
    expect(problemOf(foreignSchool)).toEqual({ status: 422, code: 'VALIDATION_FAILED', fields: ['conditions.schoolIds.1'] });
    const missingSchool = await w.admin.post('/api/v1/routing-rules').send(networkRule(null, { conditions: { schoolIds: [987654] } }));
    expect(problemOf(missingSchool)).toEqual({ status: 422, code: 'VALIDATION_FAILED', fields: ['conditions.schoolIds.0'] });

    const rule = await create(w.managerA, { ...networkRule(w.a.commune.id), trigger: 'escalate', fromLevel: 1, enabled: false });
    const patch = (body: object) => w.managerA.patch(`/api/v1/routing-rules/${rule.id}`).send({ version: rule.version, ...body });
    // A report rule cannot start from a level: the merged rule says where it went wrong.
    expect(problemOf(await patch({ trigger: 'report' }))).toEqual({ status: 422, code: 'VALIDATION_FAILED', fields: ['fromLevel'] });
    expect(problemOf(await patch({ enable: true }))).toMatchObject({ status: 422, code: 'VALIDATION_FAILED' });
    expect(problemOf(await patch({ scope: { communeId: w.b.commune.id } }))).toEqual({ status: 422, code: 'VALIDATION_FAILED', fields: ['scope.communeId'] });
    expect(problemOf(await patch({ action: { kind: 'route', level: 1, group: 'rectorate_desk' } }))).toEqual({ status: 422, code: 'VALIDATION_FAILED', fields: ['action.level'] });
    // Dropping the level with the trigger is accepted.
    const fixed = await patch({ trigger: 'report', fromLevel: null });
    expect(fixed.status).toBe(200);
    expect(fixed.body.trigger).toBe('report');
    expect(fixed.body).not.toHaveProperty('fromLevel');
    expect(await w.ds.getRepository(RoutingRuleEntity).findOneByOrFail({ id: rule.id })).toMatchObject({ fromLevel: null, version: 2 });
  });

  it("sends a new ticket where the commune's stored rule says, and leaves other communes on the defaults", async () => {
    const rule = await create(w.managerA, networkRule(w.a.commune.id));
    try {
      const inA = await fileReport(w.teacherA1, w.schoolA1.id, { category: 'network' });
      expect(inA.level).toBe(2);
      expect(inA.assignedGroup).toMatchObject({ kind: 'commune_technicians', organisationId: w.a.commune.id });
      expect(inA.routing.rule).toBe(rule.name);

      const inB = await fileReport(w.teacherB1, w.schoolB1.id, { category: 'network' });
      expect(inB.level).toBe(1);
      expect(inB.assignedGroup.kind).toBe('circonscription_level1');
      expect(inB.routing.rule).toBe('Nouveau signalement : niveau 1 de la circonscription');
    } finally {
      await w.managerA.delete(`/api/v1/routing-rules/${rule.id}`);
    }
    expect((await fileReport(w.teacherA1, w.schoolA1.id, { category: 'network' })).level).toBe(1);
  });

  it('stops applying a default global rule once an administrator disables it', async () => {
    const security = await globalRuleNamed('Sécurité : directement aux techniciens de la commune, direction prévenue');
    expect((await fileReport(w.teacherA1, w.schoolA1.id, { category: 'security' })).assignedGroup.kind).toBe('commune_technicians');

    const disabled = await w.admin.patch(`/api/v1/routing-rules/${security.id}`).send({ version: security.version, enabled: false });
    expect(disabled.status).toBe(200);
    try {
      const ticket = await fileReport(w.teacherA1, w.schoolA1.id, { category: 'security' });
      expect(ticket.level).toBe(1);
      expect(ticket.assignedGroup.kind).toBe('circonscription_level1');
      expect(ticket.routing.rule).toBe('Nouveau signalement : niveau 1 de la circonscription');
    } finally {
      await w.admin.patch(`/api/v1/routing-rules/${security.id}`).send({ version: disabled.body.version, enabled: true });
    }
    expect((await fileReport(w.teacherA1, w.schoolA1.id, { category: 'security' })).assignedGroup.kind).toBe('commune_technicians');
  });

  it('previews the decision of the rules in force for a ticket, without filing anything', async () => {
    const security = await globalRuleNamed('Sécurité : directement aux techniciens de la commune, direction prévenue');
    const preview = (api: Agent, body: object) => api.post('/api/v1/routing-rules/preview').send(body);

    const report = await preview(w.technicianA, { schoolId: w.schoolA1.id, category: 'security', trigger: 'report' });
    expect(report.status).toBe(200);
    expect(report.body as RoutingDecision).toMatchObject({ rule: { id: security.id, name: security.name }, level: 2, group: 'commune_technicians', notifyDirector: true, outOfScope: false });

    const item = await w.admin.post('/api/v1/equipment').send({ kind: 'laptop', assetTag: `RR-${++sequence}`, schoolId: w.schoolA1.id, funding: 'donation' });
    expect(item.status).toBe(201);
    const refused = await preview(w.erunA, { schoolId: w.schoolA1.id, equipmentId: item.body.id, category: 'hardware', trigger: 'escalate', currentLevel: 1 });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ level: 1, group: null, outOfScope: true, refused: { message: expect.stringContaining('fonds propres') } });

    const ent = await preview(w.rectorateA, { schoolId: w.schoolA1.id, category: 'ent', trigger: 'escalate', currentLevel: 1 });
    expect(ent.body).toMatchObject({ level: 2, group: 'rectorate_desk' });

    expect(problemOf(await preview(w.technicianA, { schoolId: w.schoolA1.id, category: 'ent', trigger: 'escalate' }))).toEqual({ status: 422, code: 'VALIDATION_FAILED', fields: ['currentLevel'] });
    expect(problemOf(await preview(w.technicianA, { schoolId: w.schoolB1.id, category: 'ent', trigger: 'report' }))).toEqual({ status: 422, code: 'VALIDATION_FAILED', fields: ['schoolId'] });
    expect(problemOf(await preview(w.technicianA, { schoolId: w.schoolA1.id, equipmentId: 987654, category: 'hardware', trigger: 'report' }))).toEqual({ status: 422, code: 'VALIDATION_FAILED', fields: ['equipmentId'] });
    expect((await preview(w.directorA1, { schoolId: w.schoolA1.id, category: 'ent', trigger: 'report' })).status).toBe(403);
  });
});
