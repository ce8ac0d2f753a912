import type { Express } from 'express';
import { describeEachEngine } from '../../../../../test/support/databases';
import { testApp } from '../../../../../test/support/app';
import { adminAgent, type Agent } from '../../../../../test/support/auth';
import { makeOrganisations, makeRoom, makeSchool, type OrgFixture } from '../../../../../test/support/factories';
import type { SchoolEntity } from '../../schools/school.entity';
import type { RoomEntity } from '../../schools/room.entity';

const FUTURE = '2999-12-31';
const PAST = '2001-01-31';

describeEachEngine('equipment API', (db) => {
  let app: Express;
  let api: Agent;
  let org: OrgFixture;
  let school: SchoolEntity;
  let otherSchool: SchoolEntity;
  let classroom: RoomEntity;
  let office: RoomEntity;
  let tagCounter = 0;
  const tag = (prefix = 'T') => `${prefix}-${++tagCounter}`;

  const create = (body: Record<string, unknown>) => api.post('/api/v1/equipment').send(body);
  const createOk = async (body: Record<string, unknown>) => {
    const res = await create({ schoolId: school.id, kind: 'laptop', assetTag: tag(), ...body });
    expect(res.status).toBe(201);
    return res.body;
  };

  beforeAll(async () => {
    const built = testApp(db().dataSource);
    app = built.app;
    api = await adminAgent(app, built.services, db().dataSource);
    org = await makeOrganisations(db().dataSource);
    school = await makeSchool(db().dataSource, org, 'École élémentaire Les Camélias');
    otherSchool = await makeSchool(db().dataSource, org, 'École élémentaire Bellepierre');
    classroom = await makeRoom(db().dataSource, school.id, 'Classe CM2');
    office = await makeRoom(db().dataSource, school.id, 'Direction');
  });

  it('reports the health of the configured database', async () => {
    const res = await api.get('/api/v1/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: db().engine });
  });

  it('rejects invalid input with 422 problem+json listing every bad field', async () => {
    const res = await create({
      schoolId: school.id,
      kind: 'toaster',
      assetTag: '',
      macAddress: 'zz:zz',
      purchaseDate: '2024-13-45',
      funding: 'state_subsidy',
    });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const paths = [...new Set(res.body.errors.map((issue: { path: string[] }) => issue.path.join('.')))].sort();
    expect(paths).toEqual(['assetTag', 'fundingProgramme', 'kind', 'macAddress', 'purchaseDate']);
  });

  it('creates an item, normalises identifiers and records its creation', async () => {
    const item = await createOk({
      assetTag: 'sdn-000001',
      serial: ' 5cg1234xyz ',
      macAddress: '00-1a-2b-3c-4d-5e',
      hostname: 'EE-CAMELIAS-DIR',
      roomId: office.id,
      brand: 'Dell',
      model: 'Latitude 5440',
    });
    expect(item).toMatchObject({
      assetTag: 'SDN-000001',
      serial: '5CG1234XYZ',
      macAddress: '00:1A:2B:3C:4D:5E',
      hostname: 'ee-camelias-dir',
      status: 'in_service',
      version: 1,
      communeId: org.commune.id,
      school: { id: school.id, uai: school.uai },
      room: { id: office.id, name: 'Direction' },
      container: null,
      children: [],
    });
    const history = await api.get(`/api/v1/equipment/${item.id}/history`);
    expect(history.body.map((event: { change: string }) => event.change)).toEqual(['created']);
  });

  it('answers 409 for an asset tag already used in the commune, but accepts it in another commune', async () => {
    await createOk({ assetTag: 'DUP-1' });
    const clash = await create({ schoolId: otherSchool.id, kind: 'tablet', assetTag: 'dup-1' });
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('DUPLICATE');

    const elsewhere = await makeOrganisations(db().dataSource);
    const farSchool = await makeSchool(db().dataSource, elsewhere);
    const ok = await create({ schoolId: farSchool.id, kind: 'tablet', assetTag: 'DUP-1' });
    expect(ok.status).toBe(201);
  });

  it('derives the maintainer from funding and warranty', async () => {
    const underWarranty = await createOk({ supplier: 'Dell France', warrantyEndsOn: FUTURE });
    const pastWarranty = await createOk({ supplier: 'Dell France', warrantyEndsOn: PAST });
    const subsidised = await createOk({ funding: 'state_subsidy', fundingProgramme: 'Socle numérique', fundingAmountCents: 40000 });
    const schoolFunds = await createOk({ funding: 'school_funds', supplier: 'Boulanger', warrantyEndsOn: FUTURE });
    const donated = await createOk({ funding: 'donation' });

    expect(underWarranty.maintainer).toEqual({ party: 'supplier', name: 'Dell France', warrantyEndsOn: FUTURE });
    expect(pastWarranty.maintainer).toEqual({ party: 'commune', communeId: org.commune.id, name: org.commune.name });
    expect(subsidised.maintainer.party).toBe('commune');
    expect(schoolFunds.maintainer).toEqual({ party: 'none', reason: 'school_funds' });
    expect(donated.maintainer).toEqual({ party: 'none', reason: 'donation' });
  });

  it('refuses a stale version with 409 and applies a current one', async () => {
    const item = await createOk({});
    const first = await api.patch(`/api/v1/equipment/${item.id}`).send({ version: 1, status: 'broken' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'broken', version: 2 });

    const stale = await api.patch(`/api/v1/equipment/${item.id}`).send({ version: 1, status: 'in_repair' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    const reread = await api.get(`/api/v1/equipment/${item.id}`);
    expect(reread.body.status).toBe('broken');
  });

  it('answers 404 for unknown ids and 422 for malformed ones', async () => {
    expect((await api.get('/api/v1/equipment/999999')).status).toBe(404);
    expect((await api.patch('/api/v1/equipment/999999').send({ version: 1 })).status).toBe(404);
    const bad = await api.get('/api/v1/equipment/abc');
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toEqual([]);
    expect((await api.get('/api/v1/nothing-here')).body.code).toBe('ROUTE_NOT_FOUND');
  });

  it('refuses a room of another school', async () => {
    const foreignRoom = await makeRoom(db().dataSource, otherSchool.id);
    const res = await create({ schoolId: school.id, kind: 'laptop', assetTag: tag(), roomId: foreignRoom.id });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('ROOM_OUTSIDE_SCHOOL');
    expect(res.body.errors[0].path).toEqual(['roomId']);
  });

  describe('trolleys', () => {
    let trolley: { id: number; assetTag: string };
    let tablet: { id: number };

    beforeAll(async () => {
      trolley = await createOk({ kind: 'trolley', assetTag: tag('CM'), roomId: classroom.id });
      tablet = await createOk({ kind: 'tablet', containerId: trolley.id });
    });

    it('puts a contained item where its trolley stands and lists the trolley children', async () => {
      const read = await api.get(`/api/v1/equipment/${tablet.id}`);
      expect(read.body).toMatchObject({ schoolId: school.id, roomId: classroom.id, container: { id: trolley.id, kind: 'trolley' } });
      const parent = await api.get(`/api/v1/equipment/${trolley.id}`);
      expect(parent.body.children.map((child: { id: number }) => child.id)).toEqual([tablet.id]);
    });

    it('moves what a trolley holds when the trolley moves, in each item history', async () => {
      const current = (await api.get(`/api/v1/equipment/${trolley.id}`)).body;
      const moved = await api
        .patch(`/api/v1/equipment/${trolley.id}`)
        .send({ version: current.version, schoolId: otherSchool.id });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ schoolId: otherSchool.id, roomId: null });
      expect(moved.body.children[0]).toMatchObject({ id: tablet.id, schoolId: otherSchool.id, roomId: null });

      const history = (await api.get(`/api/v1/equipment/${tablet.id}/history`)).body;
      const schoolMove = history.find((event: { change: string }) => event.change === 'school');
      expect(schoolMove).toMatchObject({ fromValue: String(school.id), toValue: String(otherSchool.id), note: `Déplacé avec ${trolley.assetTag}`, noteText: { key: 'movedWithContainer', params: { assetTag: trolley.assetTag } } });
      expect(history.find((event: { change: string }) => event.change === 'room')).toMatchObject({ fromLabel: 'Classe CM2', toValue: null });
    });

    it('refuses to move a contained item on its own', async () => {
      const current = (await api.get(`/api/v1/equipment/${tablet.id}`)).body;
      const res = await api.patch(`/api/v1/equipment/${tablet.id}`).send({ version: current.version, schoolId: school.id });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('CONTAINED_ITEM_LOCATION');
    });

    it('refuses cycles and containers that cannot hold items', async () => {
      const inner = await createOk({ kind: 'trolley', schoolId: otherSchool.id, containerId: trolley.id });
      const current = (await api.get(`/api/v1/equipment/${trolley.id}`)).body;
      const cycle = await api.patch(`/api/v1/equipment/${trolley.id}`).send({ version: current.version, containerId: inner.id });
      expect(cycle.status).toBe(422);
      expect(cycle.body.code).toBe('INVALID_CONTAINMENT');
      const self = await api.patch(`/api/v1/equipment/${trolley.id}`).send({ version: current.version, containerId: trolley.id });
      expect(self.body.code).toBe('INVALID_CONTAINMENT');

      const laptop = await createOk({});
      const intoLaptop = await create({ schoolId: school.id, kind: 'tablet', assetTag: tag(), containerId: laptop.id });
      expect(intoLaptop.status).toBe(422);
      expect(intoLaptop.body.code).toBe('INVALID_CONTAINMENT');
    });

    it('refuses to retire a trolley that still holds items; retiring an item takes it out', async () => {
      const current = (await api.get(`/api/v1/equipment/${trolley.id}`)).body;
      const refused = await api.post(`/api/v1/equipment/${trolley.id}/retire`).send({ version: current.version });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('CONTAINER_NOT_EMPTY');

      const tabletNow = (await api.get(`/api/v1/equipment/${tablet.id}`)).body;
      const retired = await api
        .post(`/api/v1/equipment/${tablet.id}/retire`)
        .send({ version: tabletNow.version, note: 'Écran cassé' });
      expect(retired.status).toBe(200);
      expect(retired.body).toMatchObject({ status: 'retired', containerId: null, schoolId: otherSchool.id });
      const changes = (await api.get(`/api/v1/equipment/${tablet.id}/history`)).body.map(
        (event: { change: string }) => event.change,
      );
      expect(changes).toEqual(expect.arrayContaining(['status', 'container']));
    });
  });

  describe('list', () => {
    let listSchool: SchoolEntity;

    beforeAll(async () => {
      listSchool = await makeSchool(db().dataSource, org);
      const items = [
        { kind: 'laptop', assetTag: 'L-003', model: 'Latitude 5440', serial: 'ABC001', status: 'in_service' },
        { kind: 'laptop', assetTag: 'L-001', model: 'ThinkPad E14', serial: 'ABC002', status: 'broken' },
        { kind: 'laptop', assetTag: 'L-002', model: 'Latitude 3540', serial: 'XYZ003', status: 'retired' },
        { kind: 'copier', assetTag: 'C-001', model: 'imageRUNNER C3226i', serial: 'QQ1', hostname: 'copieur-bcd' },
      ];
      for (const item of items) expect((await create({ schoolId: listSchool.id, ...item })).status).toBe(201);
    });

    const list = (query: Record<string, string | string[]>) =>
      api.get('/api/v1/equipment').query({ schoolId: String(listSchool.id), ...query });

    it('filters by school and kind, sorts, leaves out retired items unless asked', async () => {
      const res = await list({ kind: 'laptop' });
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(2);
      expect(res.body.items.map((item: { assetTag: string }) => item.assetTag)).toEqual(['L-001', 'L-003']);

      const descending = await list({ kind: 'laptop', sort: '-assetTag', includeRetired: 'true' });
      expect(descending.body.items.map((item: { assetTag: string }) => item.assetTag)).toEqual(['L-003', 'L-002', 'L-001']);
      const byStatus = await list({ status: ['broken', 'retired'] });
      expect(byStatus.body.total).toBe(2);
    });

    it('paginates with the total of all matches', async () => {
      const res = await list({ pageSize: '1', page: '2', includeRetired: 'true', kind: 'laptop' });
      expect(res.body).toMatchObject({ total: 3, page: 2, pageSize: 1 });
      expect(res.body.items).toHaveLength(1);
    });

    it('finds items by word prefixes of model, serial, asset tag and hostname, case and accents aside', async () => {
      const tags = async (q: string) => (await list({ q, includeRetired: 'true' })).body.items.map((i: { assetTag: string }) => i.assetTag);
      expect(await tags('latitude')).toEqual(['L-002', 'L-003']);
      expect(await tags('latitude 54')).toEqual(['L-003']);
      expect(await tags('abc')).toEqual(['L-001', 'L-003']);
      expect(await tags('l-00')).toEqual(['L-001', 'L-002', 'L-003']);
      expect(await tags('COPIEUR')).toEqual(['C-001']);
      expect(await tags('%')).toEqual([]);
    });

    it('rejects unknown sort fields and filter values with every issue listed', async () => {
      const res = await list({ sort: 'price', kind: 'toaster', pageSize: '0' });
      expect(res.status).toBe(422);
      const paths = res.body.errors.map((issue: { path: string[] }) => issue.path[0]).sort();
      expect(paths).toEqual(['kind', 'pageSize', 'sort']);
    });
  });
});
