import fs from 'node:fs';
import path from 'node:path';
import type { Stream } from 'node:stream';
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../../app';
import { loadConfig } from '../../../config';
import { createLogger } from '../../../logger';
import { describeEachEngine } from '../../../../../test/support/databases';
import { makeUser, tokenFor, type Agent } from '../../../../../test/support/auth';
import { AcademyEntity } from '../../organisations/academy.entity';
import { CirconscriptionEntity } from '../../organisations/circonscription.entity';
import { CommuneEntity } from '../../organisations/commune.entity';
import { SchoolEntity } from '../../schools/school.entity';
import { RoomEntity } from '../../schools/room.entity';
import { EquipmentEntity } from '../../equipment/equipment.entity';
import { EquipmentEventEntity } from '../../equipment/equipment-event.entity';

const FIXTURES = path.resolve(__dirname, '../../../../../test/fixtures/csv');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
const csv = (lines: string[]) => Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');

/** Keeps a response body as the exact bytes sent. */
const bytesOf = (res: Stream, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

function appWith(env: Record<string, string>, dataSource: Parameters<typeof createApp>[0]['dataSource']) {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env } as NodeJS.ProcessEnv);
  return createApp({ config, dataSource, logger: createLogger('silent') });
}

describeEachEngine('equipment CSV import and export', (db) => {
  let app: Express;
  let api: Agent;
  let token: string;
  let adminName: string;
  let commune: CommuneEntity;
  let otherCommune: CommuneEntity;
  let moulin: SchoolEntity;
  let lilas: SchoolEntity;

  const importCsv = (body: Buffer, query: Record<string, string | number>) =>
    api.post('/api/v1/equipment/import').query(query).set('Content-Type', 'text/csv').send(body);
  const count = () => db().dataSource.getRepository(EquipmentEntity).count();
  const roomCount = () => db().dataSource.getRepository(RoomEntity).count();
  const byTag = (assetTag: string) =>
    db().dataSource.getRepository(EquipmentEntity).findOneOrFail({ where: { communeId: commune.id, assetTag }, relations: { room: true, container: true } });

  beforeAll(async () => {
    const dataSource = db().dataSource;
    const built = appWith({}, dataSource);
    app = built.app;
    const { user } = await makeUser(dataSource, [{ role: 'admin', organisationId: null }]);
    token = await tokenFor(built.services, dataSource, user.id);
    adminName = user.username;
    api = request.agent(app).set('Authorization', `Bearer ${token}`);
    const academy = await dataSource.getRepository(AcademyEntity).save({ code: 'reunion', name: 'Académie de La Réunion' });
    commune = await dataSource.getRepository(CommuneEntity).save({ name: 'Saint-Denis', inseeCode: '97411', academyId: academy.id });
    otherCommune = await dataSource.getRepository(CommuneEntity).save({ name: 'Le Port', inseeCode: '97407', academyId: academy.id });
    const circonscription = await dataSource.getRepository(CirconscriptionEntity).save({ name: 'Saint-Denis 1', academyId: academy.id });
    const school = (uai: string, name: string, communeId: number) =>
      dataSource.getRepository(SchoolEntity).save({ uai, name, type: 'EE', address: null, postalCode: null, communeId, circonscriptionId: circonscription.id, retiredAt: null });
    moulin = await school('0341301E', 'École élémentaire Jean Moulin', commune.id);
    lilas = await school('0131204N', 'École maternelle Les Lilas', commune.id);
    await school('0132397K', 'École du Port', otherCommune.id);
    await dataSource.getRepository(RoomEntity).save({ schoolId: moulin.id, name: 'Bureau de la direction', description: null, retiredAt: null });
  });

  describe('a file with blank lines and bad rows', () => {
    const file = fixture('blank-lines-and-bad-rows.csv');

    it('answers a dry run with every bad row and its line, blank lines counted, and writes nothing', async () => {
      const before = [await count(), await roomCount()];
      const res = await importCsv(file, { communeId: commune.id, key: 'serial', dryRun: 'true' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        dryRun: true,
        key: 'serial',
        encoding: 'utf-8',
        separator: ';',
        valid: false,
        rows: 9,
        toCreate: 2,
        toUpdate: 0,
        unchanged: 0,
        roomsToCreate: [{ uai: '0341301E', schoolName: 'École élémentaire Jean Moulin', name: 'Classe CP' }],
        warnings: [{ line: 1, column: 'Couleur', message: 'Unknown column "Couleur": its values are ignored' }],
      });
      expect(res.body.errors.map((error: { line: number; field: string }) => [error.line, error.field])).toEqual([
        [4, 'kind'],
        [6, 'purchaseDate'],
        [7, 'purchasePrice'],
        [8, 'macAddress'],
        [9, 'serial'],
        [10, 'uai'],
        [12, 'fundingProgramme'],
      ]);
      expect(res.body.errors[0]).toMatchObject({ column: 'Type', value: 'Grille-pain', message: expect.stringMatching(/^Unknown value "Grille-pain"/) });
      expect(res.body.errors[4].message).toBe('Same N° de série as line 2');
      expect([await count(), await roomCount()]).toEqual(before);
    });

    it('refuses the real import with 422 listing the same lines, and writes nothing', async () => {
      const before = [await count(), await roomCount()];
      const res = await importCsv(file, { communeId: commune.id, key: 'serial', dryRun: 'false' });
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'IMPORT_REJECTED', detail: 'Nothing was imported: 7 lines have problems' });
      expect(res.body.errors.map((issue: { path: unknown[] }) => issue.path)).toEqual([
        ['line', 4, 'kind'],
        ['line', 6, 'purchaseDate'],
        ['line', 7, 'purchasePrice'],
        ['line', 8, 'macAddress'],
        ['line', 9, 'serial'],
        ['line', 10, 'uai'],
        ['line', 12, 'fundingProgramme'],
      ]);
      expect(res.body.errors[1].message).toBe("Date d'achat: This day does not exist in the calendar");
      expect([await count(), await roomCount()]).toEqual(before);
    });
  });

  describe('files as French offices save them', () => {
    it('imports the Windows-1252 Excel file with its accents, a trolley listed after its tablet, and French labels', async () => {
      const rooms = await roomCount();
      const res = await importCsv(fixture('excel-windows-1252-semicolon.csv'), { communeId: commune.id, key: 'serial', dryRun: 'false' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ dryRun: false, created: 5, updated: 0, unchanged: 0 });
      expect(res.body.roomsCreated.map((room: { name: string }) => room.name).sort()).toEqual([
        'Bibliothèque – BCD',
        "Salle d'activités",
        'Salle de motricité',
      ]);
      expect(await roomCount()).toBe(rooms + 3);

      const tablet = await byTag('SDN-0101');
      expect(tablet).toMatchObject({ kind: 'tablet', model: 'iPad 9e génération', funding: 'state_subsidy', fundingProgramme: 'Plan numérique', fundingAmountCents: 19450, purchaseDate: '2023-09-15', schoolId: moulin.id });
      expect(tablet.container?.assetTag).toBe('SDN-CM01');
      expect(tablet.room?.name).toBe("Salle d'activités");
      expect(await byTag('SDN-CM01')).toMatchObject({ kind: 'trolley', purchasePriceCents: 123450 });
      expect(await byTag('SDN-0102')).toMatchObject({
        kind: 'laptop',
        status: 'broken',
        macAddress: '00:1A:2B:3C:4D:5E',
        hostname: 'ee-moulin-dir',
        notes: 'Écran fissuré; à remplacer',
        roomId: (await db().dataSource.getRepository(RoomEntity).findOneByOrFail({ name: 'Bureau de la direction' })).id,
      });
      expect(await byTag('SDN-0103')).toMatchObject({ kind: 'projector', funding: 'school_funds', schoolId: lilas.id, purchaseDate: '2021-12-01' });
      const board = await byTag('SDN-0104');
      expect(board).toMatchObject({ kind: 'interactive_display', status: 'in_repair', funding: 'donation' });
      expect(board.notes).toBe("Don de l'association des parents d'élèves ; cœur du projet");
      expect(board.room?.name).toBe('Bibliothèque – BCD');

      const history = await api.get(`/api/v1/equipment/${tablet.id}/history`);
      expect(history.body).toEqual(
        expect.arrayContaining([expect.objectContaining({ change: 'created', note: 'Import CSV', noteText: { key: 'csvImport', params: {} }, actor: adminName })]),
      );
    });

    it('imports the UTF-8 BOM file separated by commas, sent as multipart', async () => {
      const res = await api
        .post('/api/v1/equipment/import')
        .query({ communeId: commune.id, key: 'assetTag', dryRun: 'false' })
        .attach('file', fixture('libreoffice-utf8-bom-comma.csv'), 'inventaire.csv');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ created: 3, updated: 0 });
      expect(res.body.roomsCreated).toEqual([
        { uai: '0131204N', schoolName: 'École maternelle Les Lilas', name: 'Bibliothèque' },
        { uai: '0341301E', schoolName: 'École élémentaire Jean Moulin', name: 'Salle des maîtres, RDC' },
      ]);
      expect(await byTag('VDP-2001')).toMatchObject({ kind: 'desktop', purchasePriceCents: 123450, serial: 'CZC1234XYZ' });
      expect(await byTag('VDP-2002')).toMatchObject({ kind: 'printer', status: 'in_stock', purchasePriceCents: 12990, funding: 'commune', roomId: null });
      expect(await byTag('VDP-2003')).toMatchObject({ kind: 'copier', purchasePriceCents: 499000, purchaseDate: '2024-01-10', schoolId: moulin.id });
    });

    it('updates by serial with only the columns present, recording the change in the history', async () => {
      const laptop = await byTag('SDN-0102');
      const res = await importCsv(csv(["N° de série;Numéro d'inventaire;Statut", '5cg3301abc;SDN-0102;En service']), {
        communeId: commune.id,
        key: 'serial',
        dryRun: 'false',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
      const updated = await byTag('SDN-0102');
      expect(updated).toMatchObject({ status: 'in_service', model: 'Latitude 3440', notes: laptop.notes, version: laptop.version + 1 });
      const history = await api.get(`/api/v1/equipment/${laptop.id}/history`);
      expect(history.body[0]).toMatchObject({ change: 'status', fromValue: 'broken', toValue: 'in_service', note: 'Import CSV' });
    });

    it('updates by asset tag, and moves an item out of its trolley when told', async () => {
      const res = await importCsv(csv(["Numéro d'inventaire;Modèle;Classe mobile;Salle", 'sdn-0101;iPad 10;;Bureau de la direction']), {
        communeId: commune.id,
        key: 'assetTag',
        dryRun: 'false',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ created: 0, updated: 1, roomsCreated: [] });
      const tablet = await byTag('SDN-0101');
      expect(tablet).toMatchObject({ model: 'iPad 10', containerId: null, schoolId: moulin.id });
      expect(tablet.room?.name).toBe('Bureau de la direction');
    });
  });

  describe('export', () => {
    const exportOf = (query: Record<string, number>) =>
      api.get('/api/v1/equipment/export.csv').query(query).buffer(true).parse(bytesOf);

    beforeAll(async () => {
      const create = (body: Record<string, unknown>) => api.post('/api/v1/equipment').send(body).expect(201);
      await create({ communeId: commune.id, kind: 'laptop', assetTag: 'STOCK-1', notes: '=SOMME(A1:A3)\nsur deux lignes' });
      const retired = await create({ schoolId: lilas.id, kind: 'tablet', assetTag: 'OLD-1', serial: 'old-serial' });
      await api.post(`/api/v1/equipment/${retired.body.id}/retire`).send({ version: 1, note: 'Écran cassé' }).expect(200);
    });

    it('writes a UTF-8 BOM, ; separators, CRLF and French headers, retired items included', async () => {
      const res = await exportOf({ communeId: commune.id });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="equipement-saint-denis-\d{4}-\d{2}-\d{2}\.csv"$/);
      const content: Buffer = res.body;
      expect([...content.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = content.toString('utf8');
      expect(text).toContain('École élémentaire Jean Moulin');
      expect(text).toContain("Numéro d'inventaire;Type;Statut;");
      expect(text.split('\r\n')).toHaveLength((await count()) + 2);
      expect(text).toMatch(/\r\nOLD-1;tablet;retired;/);
      expect(text).toContain('1234,50');
    });

    it('exports one school, named by its UAI', async () => {
      const res = await exportOf({ schoolId: lilas.id });
      expect(res.headers['content-disposition']).toMatch(/filename="equipement-0131204N-\d{4}-\d{2}-\d{2}\.csv"/);
      const lines = (res.body as Buffer).toString('utf8').trim().split('\r\n').slice(1);
      expect(lines.length).toBe(await db().dataSource.getRepository(EquipmentEntity).countBy({ schoolId: lilas.id }));
      expect(lines.every((line) => line.includes(';0131204N;École maternelle Les Lilas;'))).toBe(true);
    });

    it('re-imports unchanged: the dry run finds nothing to do, the import writes nothing', async () => {
      const exported: Buffer = (await exportOf({ communeId: commune.id })).body;
      const items = await count();
      const dryRun = await api
        .post('/api/v1/equipment/import')
        .query({ communeId: commune.id, key: 'assetTag' })
        .attach('file', exported, 'export.csv');
      expect(dryRun.status).toBe(200);
      expect(dryRun.body).toMatchObject({ dryRun: true, valid: true, errors: [], rows: items, toCreate: 0, toUpdate: 0, unchanged: items, roomsToCreate: [] });
      expect(dryRun.body.warnings.map((warning: { field: string }) => warning.field)).toEqual(['school', 'maintainer']);

      const events = await db().dataSource.getRepository(EquipmentEventEntity).count();
      const versions = (await db().dataSource.getRepository(EquipmentEntity).find()).map((item) => item.version);
      const res = await importCsv(exported, { communeId: commune.id, key: 'assetTag', dryRun: 'false' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ created: 0, updated: 0, unchanged: items, roomsCreated: [] });
      expect(await db().dataSource.getRepository(EquipmentEventEntity).count()).toBe(events);
      expect((await db().dataSource.getRepository(EquipmentEntity).find()).map((item) => item.version)).toEqual(versions);
      expect((await byTag('STOCK-1')).notes).toBe('=SOMME(A1:A3)\nsur deux lignes');
    });
  });

  describe('requests it refuses', () => {
    it('needs exactly one of communeId and schoolId, a known key, and known records', async () => {
      const exportStatus = async (query: Record<string, unknown>) => (await api.get('/api/v1/equipment/export.csv').query(query)).status;
      expect(await exportStatus({})).toBe(422);
      expect(await exportStatus({ communeId: commune.id, schoolId: moulin.id })).toBe(422);
      expect(await exportStatus({ communeId: 'abc' })).toBe(422);
      expect(await exportStatus({ communeId: 99999 })).toBe(404);
      expect(await exportStatus({ schoolId: 99999 })).toBe(404);

      const body = csv(["Numéro d'inventaire;Type", 'X-1;laptop']);
      const bad = await importCsv(body, { communeId: commune.id, key: 'hostname' });
      expect(bad.status).toBe(422);
      expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ path: ['key'] })] });
      expect((await importCsv(body, { communeId: commune.id, key: 'serial', dryRun: 'maybe' })).status).toBe(422);
      expect((await importCsv(body, { schoolId: 99999, key: 'serial' })).body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    });

    it('defaults to a dry run', async () => {
      const before = await count();
      const res = await importCsv(csv(["Numéro d'inventaire;Type", 'DRY-1;laptop']), { schoolId: moulin.id, key: 'assetTag' });
      expect(res.body).toMatchObject({ dryRun: true, valid: true, toCreate: 1 });
      expect(await count()).toBe(before);
    });

    it('answers 415 for a body that is not a file, and 422 for no file at all', async () => {
      const json = await api.post('/api/v1/equipment/import').query({ communeId: commune.id, key: 'serial' }).send({ rows: [] });
      expect(json.status).toBe(415);
      expect(json.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      const none = await api.post('/api/v1/equipment/import').query({ communeId: commune.id, key: 'serial' });
      expect(none.status).toBe(422);
      const wrongField = await api
        .post('/api/v1/equipment/import')
        .query({ communeId: commune.id, key: 'serial' })
        .attach('csv', csv(['A;B', '1;2']), 'a.csv');
      expect(wrongField.status).toBe(422);
      expect(wrongField.body.detail).toMatch(/field named "file"/);
    });

    it('answers 422 with a clear message for binary, a workbook, or a file without rows', async () => {
      const refuse = async (content: Buffer, message: RegExp) => {
        const res = await importCsv(content, { communeId: commune.id, key: 'serial' });
        expect(res.status).toBe(422);
        expect(res.body.code).toBe('IMPORT_REJECTED');
        expect(res.body.detail).toMatch(message);
      };
      await refuse(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]), /not CSV text/);
      await refuse(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), /save it as CSV/);
      await refuse(csv(["Numéro d'inventaire;Type", ';']), /no equipment rows/);
    });

    it('answers 413 for a file over the configured limit, raw or multipart', async () => {
      const small = appWith({ IMPORT_MAX_MB: '0.001' }, db().dataSource).app;
      const smallApi = request.agent(small).set('Authorization', `Bearer ${token}`);
      const big = csv(["Numéro d'inventaire;Type", ...Array.from({ length: 200 }, (_, index) => `BIG-${index};laptop`)]);
      const raw = await smallApi.post('/api/v1/equipment/import').query({ communeId: commune.id, key: 'assetTag' }).set('Content-Type', 'text/csv').send(big);
      expect(raw.status).toBe(413);
      expect(raw.body.code).toBe('PAYLOAD_TOO_LARGE');
      const multipart = await smallApi
        .post('/api/v1/equipment/import')
        .query({ communeId: commune.id, key: 'assetTag' })
        .attach('file', big, 'big.csv');
      expect(multipart.status).toBe(413);
    });

    it('rolls back rows already written when a later row is refused while writing', async () => {
      // Swapping two asset tags passes the plan (both items are in the file) but not the unique index.
      const before = await count();
      const res = await importCsv(
        csv(["N° de série;Numéro d'inventaire;Type", 'ROLLBACK-SN;ROLLBACK-1;laptop', 'CZC1234XYZ;VDP-2002;desktop', 'E78123K9N;VDP-2001;printer']),
        { communeId: commune.id, key: 'serial', dryRun: 'false' },
      );
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('IMPORT_REJECTED');
      expect(res.body.errors[0]).toMatchObject({ path: ['line', 3, 'assetTag'] });
      expect(await count()).toBe(before);
      expect(await db().dataSource.getRepository(EquipmentEntity).existsBy({ assetTag: 'ROLLBACK-1' })).toBe(false);
      expect((await byTag('VDP-2001')).serial).toBe('CZC1234XYZ');
    });

    it('names the school of another commune in the row error', async () => {
      const res = await importCsv(csv(["Numéro d'inventaire;Type;UAI", 'X-1;laptop;0132397K']), { communeId: commune.id, key: 'assetTag' });
      expect(res.body.errors).toEqual([
        expect.objectContaining({ line: 2, field: 'uai', message: 'École du Port (0132397K) is a school of another commune than Saint-Denis' }),
      ]);
    });
  });
});
