import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import type { EquipmentKind, EquipmentStatus } from '@preau/shared';
import { describeEachEngine } from '../../../../../test/support/databases';
import { testApp } from '../../../../../test/support/app';
import { agentFor, makeUser, type Agent } from '../../../../../test/support/auth';
import { makeOrganisations, makeRoom, makeSchool, type OrgFixture } from '../../../../../test/support/factories';
import type { Services } from '../../../app';
import { EquipmentEntity } from '../../equipment/equipment.entity';
import type { SchoolEntity } from '../../schools/school.entity';
import type { RoomEntity } from '../../schools/room.entity';
import { LABEL_SHEET, mm } from '../label-layout';
import { readPdf, type PdfPage } from './pdf-reader';

const PUBLIC_URL = 'https://preau.example.fr';
/** Reading a PDF back starts a Node process (pdfjs): slow on a busy machine. */
const PDF_TEST_MS = 90_000;

interface ItemSpec {
  tag: string;
  kind: EquipmentKind;
  school: SchoolEntity;
  room?: RoomEntity;
  status?: EquipmentStatus;
}

async function insertItems(dataSource: DataSource, specs: ItemSpec[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const repository = dataSource.getRepository(EquipmentEntity);
  // Several hundred rows per INSERT keeps SQLite under its bound-variable limit.
  for (let start = 0; start < specs.length; start += 300) {
    const rows = specs.slice(start, start + 300).map((spec) =>
      repository.create({
        kind: spec.kind,
        status: spec.status ?? 'in_service',
        assetTag: spec.tag,
        communeId: spec.school.communeId,
        schoolId: spec.school.id,
        roomId: spec.room?.id ?? null,
        containerId: null,
        funding: 'commune',
      }),
    );
    const saved = await repository.save(rows, { chunk: 100 });
    for (const row of saved) ids.set(row.assetTag, row.id);
  }
  return ids;
}

/** GET /labels.pdf read as bytes, whatever the answer. */
async function download(agent: Agent, query: string, host?: string) {
  let req = agent.get(`/api/v1/labels.pdf?${query}`);
  if (host) req = req.set('Host', host);
  return req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
}

const problemOf = (body: Buffer) => JSON.parse(body.toString('utf8')) as { code: string; detail: string; errors?: { path: string[]; message: string }[] };

describeEachEngine('label sheets', (db) => {
  let app: Express;
  let services: Services;
  let org: OrgFixture;
  let other: OrgFixture;
  let school: SchoolEntity;
  let neighbour: SchoolEntity;
  let outside: SchoolEntity;
  let roomCp: RoomEntity;
  let roomCm1: RoomEntity;
  let ids: Map<string, number>;
  let teacher: Agent;
  let erun: Agent;
  let manager: Agent;

  beforeAll(async () => {
    const dataSource = db().dataSource;
    ({ app, services } = testApp(dataSource, { PUBLIC_URL }));
    org = await makeOrganisations(dataSource);
    other = await makeOrganisations(dataSource);
    school = await makeSchool(dataSource, org, 'École Les Camélias');
    neighbour = await makeSchool(dataSource, org, 'École Vauban');
    outside = await makeSchool(dataSource, other, 'École du Butor');
    roomCp = await makeRoom(dataSource, school.id, 'Salle CP');
    roomCm1 = await makeRoom(dataSource, school.id, 'Salle CM1');
    ids = await insertItems(dataSource, [
      { tag: 'CAM-10', kind: 'tablet', school, room: roomCp },
      { tag: 'CAM-2', kind: 'laptop', school, room: roomCp },
      { tag: 'CAM-3', kind: 'projector', school, room: roomCp, status: 'broken' },
      { tag: 'CAM-1', kind: 'interactive_display', school, room: roomCm1 },
      { tag: 'CAM-0', kind: 'copier', school },
      { tag: 'CAM-OLD', kind: 'desktop', school, room: roomCp, status: 'retired' },
      // 26 items: a full first sheet of 24 and two on the second.
      ...Array.from({ length: 26 }, (_, i) => ({ tag: `VAU-${String(i + 1).padStart(2, '0')}`, kind: 'tablet' as const, school: neighbour })),
      { tag: 'BUT-1', kind: 'laptop', school: outside },
    ]);
    const member = async (role: 'teacher' | 'erun' | 'city_manager', organisationId: number) =>
      agentFor(app, services, dataSource, (await makeUser(dataSource, [{ role, organisationId }])).user.id);
    teacher = await member('teacher', school.id);
    erun = await member('erun', org.circonscription.id);
    manager = await member('city_manager', org.commune.id);
  });

  const allText = (pages: PdfPage[]) => pages.flatMap((page) => page.text).join('\n');
  const reportUrl = (tag: string) => `${PUBLIC_URL}/r/${tag}`;

  it("prints a school's items for its teacher: tags, French kinds, school and rooms, by room then tag, retired left out", async () => {
    const res = await download(teacher, `schoolId=${school.id}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="etiquettes-${school.uai}.pdf"`);

    const pages = await readPdf(res.body as Buffer);
    expect(pages).toHaveLength(1);
    // Salle CM1 before Salle CP, CAM-2 before CAM-10, the copier outside any room last.
    const order = ['CAM-1', 'CAM-2', 'CAM-3', 'CAM-10', 'CAM-0'];
    expect(pages[0]!.qr).toEqual(order.map(reportUrl));
    expect(pages[0]!.text.filter((piece) => /^CAM-/.test(piece))).toEqual(order);

    const text = allText(pages);
    for (const words of ['Tableau ou écran interactif', 'Ordinateur portable', 'Vidéoprojecteur', 'Tablette', 'Copieur multifonction', 'Salle CM1', 'Salle CP']) {
      expect(text.replace(/\n/g, ' ')).toContain(words);
    }
    expect(pages[0]!.text.filter((piece) => piece === 'École Les Camélias')).toHaveLength(order.length);
    expect(text).not.toContain('CAM-OLD');
    expect(text).not.toContain('Ordinateur fixe');
  }, PDF_TEST_MS);

  it('fills A4 sheets of 24 labels, every text inside its own label', async () => {
    const res = await download(erun, `schoolId=${neighbour.id}`);
    expect(res.status).toBe(200);
    const pages = await readPdf(res.body as Buffer);
    expect(pages.map((page) => page.images)).toEqual([24, 2]);
    const tags = Array.from({ length: 26 }, (_, i) => `VAU-${String(i + 1).padStart(2, '0')}`);
    expect(pages.flatMap((page) => page.qr)).toEqual(tags.map(reportUrl));

    // Label by label: the tag printed in a cell is the tag of that cell's QR code, and the text stays inside the cell's padding.
    const { label, padding, columns, origin } = LABEL_SHEET;
    const pageHeight = mm(LABEL_SHEET.page.height);
    for (const [p, page] of pages.entries()) {
      page.text.forEach((piece, i) => {
        const box = page.boxes[i]!;
        const column = Math.floor(box.x / mm(label.width));
        const row = Math.floor((pageHeight - box.y - mm(origin.top)) / mm(label.height));
        const left = mm(origin.left + column * label.width);
        const top = mm(origin.top + row * label.height);
        const cell = `page ${p + 1}, row ${row + 1}, column ${column + 1}: ${piece}`;
        expect({ cell, inside: box.x + box.width <= left + mm(label.width - padding) + 0.5 && box.x >= left + mm(padding) }).toEqual({ cell, inside: true });
        // Capitals rise 0.72 em above the baseline in Helvetica: the em box above them is blank.
        const below = pageHeight - box.y - 0.72 * box.height >= top + mm(padding) - 0.5;
        expect({ cell, inside: below && pageHeight - box.y <= top + mm(label.height - padding) + 0.5 }).toEqual({ cell, inside: true });
        if (/^VAU-/.test(piece)) expect(piece).toBe(tags[p * 24 + row * columns + column]);
      });
    }
  }, PDF_TEST_MS);

  it("prints one room, in the room's file name", async () => {
    const res = await download(manager, `roomId=${roomCp.id}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="etiquettes-${school.uai}-salle-cp.pdf"`);
    const pages = await readPdf(res.body as Buffer);
    expect(pages[0]!.qr).toEqual(['CAM-2', 'CAM-3', 'CAM-10'].map(reportUrl));
    expect(allText(pages)).not.toContain('Salle CM1');
  }, PDF_TEST_MS);

  it('prints chosen items, retired ones too, across schools', async () => {
    const chosen = ['VAU-03', 'CAM-OLD', 'CAM-0'].map((tag) => ids.get(tag)!);
    const res = await download(manager, `ids=${chosen.join(',')}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="etiquettes-selection.pdf"');
    const pages = await readPdf(res.body as Buffer);
    // School by school: Les Camélias (CAM-OLD in Salle CP, then CAM-0 outside any room), then Vauban.
    expect(pages[0]!.qr).toEqual(['CAM-OLD', 'CAM-0', 'VAU-03'].map(reportUrl));
    expect(allText(pages)).toContain('Ordinateur fixe');
  }, PDF_TEST_MS);

  it("points the QR codes at the request's own address when PUBLIC_URL is unset", async () => {
    const bare = testApp(db().dataSource);
    const { user } = await makeUser(db().dataSource, [{ role: 'teacher', organisationId: school.id }]);
    const agent = await agentFor(bare.app, bare.services, db().dataSource, user.id);
    const res = await download(agent, `ids=${ids.get('CAM-2')}`, 'preau.ville.example:8443');
    expect(res.status).toBe(200);
    expect((await readPdf(res.body as Buffer))[0]!.qr).toEqual(['http://preau.ville.example:8443/r/CAM-2']);
  }, PDF_TEST_MS);

  it('answers 404 for what lies outside the caller: another commune, or another school for a teacher', async () => {
    for (const [agent, query] of [
      [manager, `schoolId=${outside.id}`],
      [erun, `ids=${ids.get('CAM-1')},${ids.get('BUT-1')}`],
      [teacher, `schoolId=${neighbour.id}`],
      [teacher, `ids=${ids.get('VAU-01')}`],
      [manager, `roomId=999999`],
      [manager, `schoolId=999999`],
    ] as const) {
      const res = await download(agent, query);
      expect({ query, status: res.status, code: problemOf(res.body as Buffer).code }).toEqual({ query, status: 404, code: 'NOT_FOUND' });
    }
    const res = await download(erun, `ids=${ids.get('CAM-1')},${ids.get('BUT-1')}`);
    expect(problemOf(res.body as Buffer).detail).toBe(`Equipment ${ids.get('BUT-1')} does not exist`);
  });

  it('refuses anything but exactly one selector, listing the fields', async () => {
    const cases: [string, string[]][] = [
      ['', ['schoolId', 'roomId', 'ids']],
      [`schoolId=${school.id}&roomId=${roomCp.id}`, ['schoolId', 'roomId']],
      ['ids=1,abc', ['ids.1']],
      ['ids=', ['ids']],
      ['schoolId=-3', ['schoolId']],
      [`ids=${Array.from({ length: 2001 }, (_, i) => i + 1).join(',')}`, ['ids']],
    ];
    for (const [query, paths] of cases) {
      const res = await download(manager, query);
      const problem = problemOf(res.body as Buffer);
      expect({ query: query.slice(0, 40), status: res.status, code: problem.code, paths: problem.errors?.map((issue) => issue.path.join('.')) }).toEqual({
        query: query.slice(0, 40),
        status: 422,
        code: 'VALIDATION_FAILED',
        paths,
      });
    }
  });

  it('refuses a school of more than 2,000 items, saying to print room by room', async () => {
    const big = await makeSchool(db().dataSource, org, 'Groupe scolaire Géant');
    await insertItems(db().dataSource, Array.from({ length: 2001 }, (_, i) => ({ tag: `GEANT-${i}`, kind: 'tablet' as const, school: big })));
    const res = await download(manager, `schoolId=${big.id}`);
    expect(res.status).toBe(422);
    expect(problemOf(res.body as Buffer).errors).toEqual([{ path: ['schoolId'], message: 'This selection holds more than 2000 items: print its rooms one by one' }]);
  }, PDF_TEST_MS);
});
