import type { Express } from 'express';
import { describeEachEngine } from '../../../../../test/support/databases';
import { testApp } from '../../../../../test/support/app';
import { adminAgent, type Agent } from '../../../../../test/support/auth';
import { makeOrganisations, makeUai, type OrgFixture } from '../../../../../test/support/factories';

describeEachEngine('schools and rooms API', (db) => {
  let app: Express;
  let api: Agent;
  let org: OrgFixture;
  const body = (overrides: Record<string, unknown> = {}) => ({
    uai: makeUai(),
    name: 'École élémentaire Les Camélias',
    type: 'EE',
    address: '12 rue des Camélias',
    postalCode: '97400',
    communeId: org.commune.id,
    circonscriptionId: org.circonscription.id,
    ...overrides,
  });

  beforeAll(async () => {
    const built = testApp(db().dataSource);
    app = built.app;
    api = await adminAgent(app, built.services, db().dataSource);
    org = await makeOrganisations(db().dataSource);
  });

  it('accepts a UAI with the right check letter and says when the letter is wrong', async () => {
    const ok = await api.post('/api/v1/schools').send(body({ uai: '0341301e' }));
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ uai: '0341301E', communeName: org.commune.name, equipmentCount: 0, version: 1 });

    const wrong = await api.post('/api/v1/schools').send(body({ uai: '0341301F' }));
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors).toEqual([
      expect.objectContaining({ path: ['uai'], message: 'The check letter is wrong: 0341301 must end with E' }),
    ]);
  });

  it('answers 409 for a UAI already registered', async () => {
    const uai = makeUai();
    expect((await api.post('/api/v1/schools').send(body({ uai }))).status).toBe(201);
    const again = await api.post('/api/v1/schools').send(body({ uai }));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('DUPLICATE');
  });

  it('checks the commune and circonscription exist, listing both problems', async () => {
    const res = await api.post('/api/v1/schools').send(body({ communeId: 99999, circonscriptionId: 99998 }));
    expect(res.status).toBe(422);
    expect(res.body.errors.map((issue: { path: string[] }) => issue.path[0])).toEqual(['communeId', 'circonscriptionId']);
  });

  it('lists with search, filters and paging', async () => {
    const other = await makeOrganisations(db().dataSource);
    await api.post('/api/v1/schools').send(body({ name: 'École maternelle Vauban', type: 'EM' }));
    await api
      .post('/api/v1/schools')
      .send(body({ name: 'École primaire Vauban', type: 'EP', communeId: other.commune.id, circonscriptionId: other.circonscription.id }));

    const vauban = await api.get('/api/v1/schools').query({ q: 'Vauban' });
    expect(vauban.body.total).toBe(2);
    const inCommune = await api.get('/api/v1/schools').query({ q: 'Vauban', communeId: other.commune.id });
    expect(inCommune.body.items.map((s: { name: string }) => s.name)).toEqual(['École primaire Vauban']);
    const maternelles = await api.get('/api/v1/schools').query({ type: 'EM', communeId: org.commune.id });
    expect(maternelles.body.items.every((s: { type: string }) => s.type === 'EM')).toBe(true);
  });

  it('updates with the version read, refusing stale ones', async () => {
    const created = (await api.post('/api/v1/schools').send(body())).body;
    const renamed = await api.patch(`/api/v1/schools/${created.id}`).send({ version: 1, name: 'École Jean Albany' });
    expect(renamed.body).toMatchObject({ name: 'École Jean Albany', version: 2 });
    const stale = await api.patch(`/api/v1/schools/${created.id}`).send({ version: 1, name: 'Autre' });
    expect(stale.status).toBe(409);
  });

  it('retires an empty school and refuses one that still holds equipment', async () => {
    const busy = (await api.post('/api/v1/schools').send(body())).body;
    await api.post('/api/v1/equipment').send({ schoolId: busy.id, kind: 'phone', assetTag: `TEL-${busy.id}` });
    const refused = await api.post(`/api/v1/schools/${busy.id}/retire`).send({ version: busy.version });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('RECORD_IN_USE');

    const empty = (await api.post('/api/v1/schools').send(body())).body;
    const retired = await api.post(`/api/v1/schools/${empty.id}/retire`).send({ version: empty.version });
    expect(retired.status).toBe(200);
    expect(retired.body.retiredAt).not.toBeNull();
    const listed = await api.get('/api/v1/schools').query({ communeId: org.commune.id, pageSize: 500 });
    expect(listed.body.items.map((s: { id: number }) => s.id)).not.toContain(empty.id);
  });

  it('manages rooms of a school, unique by name', async () => {
    const school = (await api.post('/api/v1/schools').send(body())).body;
    const room = await api.post('/api/v1/rooms').send({ schoolId: school.id, name: 'BCD' });
    expect(room.status).toBe(201);
    const clash = await api.post('/api/v1/rooms').send({ schoolId: school.id, name: 'BCD' });
    expect(clash.status).toBe(409);
    const listed = await api.get('/api/v1/rooms').query({ schoolId: school.id });
    expect(listed.body.items.map((r: { name: string }) => r.name)).toEqual(['BCD']);
    const renamed = await api.patch(`/api/v1/rooms/${room.body.id}`).send({ version: 1, name: 'Bibliothèque' });
    expect(renamed.body.name).toBe('Bibliothèque');
    const retired = await api.post(`/api/v1/rooms/${room.body.id}/retire`).send({ version: 2 });
    expect(retired.body.retiredAt).not.toBeNull();
  });

  it('manages académies, circonscriptions and communes', async () => {
    const academy = await api.post('/api/v1/academies').send({ code: 'Reunion-Test', name: 'Académie de La Réunion' });
    expect(academy.status).toBe(201);
    expect(academy.body.code).toBe('reunion-test');
    const commune = await api
      .post('/api/v1/communes')
      .send({ name: 'Saint-Denis', inseeCode: '97411', academyId: academy.body.id });
    expect(commune.status).toBe(201);
    const badInsee = await api.post('/api/v1/communes').send({ name: 'X', inseeCode: '9741', academyId: academy.body.id });
    expect(badInsee.body.errors[0].path).toEqual(['inseeCode']);
    const noAcademy = await api.post('/api/v1/circonscriptions').send({ name: 'Saint-Denis 1', academyId: 424242 });
    expect(noAcademy.status).toBe(422);
    const listed = await api.get('/api/v1/communes').query({ academyId: academy.body.id });
    expect(listed.body.items.map((c: { name: string }) => c.name)).toEqual(['Saint-Denis']);
  });
});
