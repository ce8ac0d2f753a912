import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Express } from 'express';
import type { Response } from 'supertest';
import { ATTACHMENTS_PER_TICKET, TicketAttachment, TicketDetail, type Role } from '@preau/shared';
import type { Services } from '../../server/src/app';
import type { DomainEvent } from '../../server/src/events/domain-events';
import { SYSTEM_ACTOR } from '../../server/src/http/actor';
import { loadPrincipal } from '../../server/src/modules/auth/load-principal';
import { TicketAttachmentEntity } from '../../server/src/modules/attachments/ticket-attachment.entity';
import { actOk, fileReport } from '../../server/src/modules/tickets/__tests__/ticket-fixtures';
import { describeEachEngine } from '../support/databases';
import { testApp } from '../support/app';
import { agentFor, makeUser, type Agent } from '../support/auth';
import { makeOrganisations, makeSchool } from '../support/factories';
import { GPS_INFO_TAG, PDF, SVG, avifHeif, brokenHeic, exifIfd0Tags, phoneJpeg, png, webp } from './photos';

const ROOT = path.resolve(__dirname, '../..');

interface Person {
  id: number;
  displayName: string;
  api: Agent;
}

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

describeEachEngine('ticket attachments API', (db) => {
  let dataDir: string;
  let app: Express;
  let services: Services;
  let schoolId: number;
  let reporter: Person;
  let colleague: Person;
  let director: Person;
  let erun: Person;
  let outsider: Person;
  /** A1's report by `reporter`, which most tests add photos to. */
  let ticket: TicketDetail;

  beforeAll(async () => {
    const ds = db().dataSource;
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-attachments-'));
    ({ app, services } = testApp(ds, { DATA_DIR: dataDir }));
    const org = await makeOrganisations(ds);
    const other = await makeOrganisations(ds);
    const school = await makeSchool(ds, org, 'École élémentaire Les Camélias');
    schoolId = school.id;
    const person = async (role: Role, organisationId: number, displayName: string): Promise<Person> => {
      const { user } = await makeUser(ds, [{ role, organisationId }], { displayName });
      return { id: user.id, displayName, api: await agentFor(app, services, ds, user.id) };
    };
    reporter = await person('teacher', school.id, 'Marie Hoarau');
    colleague = await person('teacher', school.id, 'Paul Técher');
    director = await person('director', school.id, 'Nadia Payet');
    erun = await person('erun', org.circonscription.id, 'Jean Grondin');
    outsider = await person('city_technician', other.commune.id, 'Ailleurs');
    ticket = await fileReport(reporter.api, school.id, { title: "L'imprimante du CM2 affiche une erreur" });
  });

  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const upload = (who: Person, ticketId: number, bytes: Buffer, filename = 'photo.jpg', contentType = 'image/jpeg') =>
    who.api.post(`/api/v1/tickets/${ticketId}/attachments`).attach('file', bytes, { filename, contentType });
  const download = (who: Person, url: string) => who.api.get(url).responseType('blob');
  const created = (res: Response): TicketAttachment => {
    if (res.status !== 201) throw new Error(`upload: ${res.status} ${JSON.stringify(res.body)}`);
    return TicketAttachment.parse(res.body);
  };
  const rows = () => db().dataSource.getRepository(TicketAttachmentEntity).find({ order: { id: 'ASC' } });
  const storedFiles = () => filesUnder(path.join(dataDir, 'attachments'));

  it('stores a phone photo upright and without its EXIF, GPS position included, under the data folder', async () => {
    const photo = await phoneJpeg();
    // The photo really carries a position and an orientation, or the test would prove nothing.
    const sent = await sharp(photo).metadata();
    expect(exifIfd0Tags(sent.exif!)).toContain(GPS_INFO_TAG);
    expect(sent).toMatchObject({ width: 64, height: 32, orientation: 6 });

    const res = await upload(reporter, ticket.id, photo, 'IMG_0042.JPG');
    const attachment = created(res);
    expect(attachment).toMatchObject({
      ticketId: ticket.id,
      name: 'IMG_0042.jpg',
      mediaType: 'image/jpeg',
      width: 32,
      height: 64,
      uploadedBy: { id: reporter.id, displayName: 'Marie Hoarau' },
      url: `/api/v1/tickets/${ticket.id}/attachments/${attachment.id}`,
    });
    expect(res.headers.location).toBe(attachment.url);

    const got = await download(reporter, attachment.url);
    expect(got.status).toBe(200);
    expect(got.headers).toMatchObject({
      'content-type': 'image/jpeg',
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
      'content-disposition': `inline; filename="IMG_0042.jpg"; filename*=UTF-8''IMG_0042.jpg`,
    });
    const bytes = got.body as Buffer;
    expect(bytes.length).toBe(attachment.byteSize);
    const stored = await sharp(bytes).metadata();
    expect(stored).toMatchObject({ format: 'jpeg', width: 32, height: 64 });
    expect(stored.exif).toBeUndefined();
    expect(stored.orientation).toBeUndefined();
    expect(bytes.includes(Buffer.from('iPhone'))).toBe(false);

    // On disk: DATA_DIR/attachments/<year>/<random name>, the same bytes, nothing under the web root.
    const [row] = (await rows()).filter((r) => r.id === attachment.id);
    expect(row!.storageKey).toMatch(new RegExp(`^${new Date().getUTCFullYear()}/[0-9a-f]{32}$`));
    const file = path.join(dataDir, 'attachments', row!.storageKey);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(path.relative(path.join(ROOT, 'client'), file).startsWith('..')).toBe(true);
    expect(storedFiles().some((f) => /IMG|photo|\.jpe?g$/i.test(f))).toBe(false);
  });

  it('lets the director and support staff add photos, and everyone who sees the ticket download the same bytes', async () => {
    const byDirector = created(await upload(director, ticket.id, await png(), 'Capture écran.png', 'image/png'));
    const byStaff = created(await upload(erun, ticket.id, await webp(), 'diagnostic.webp', 'image/webp'));
    expect(byDirector).toMatchObject({ mediaType: 'image/png', name: 'Capture écran.png', width: 40, height: 30 });
    expect(byStaff).toMatchObject({ mediaType: 'image/webp', name: 'diagnostic.webp' });

    const copies = await Promise.all([reporter, director, erun].map((who) => download(who, byDirector.url)));
    for (const res of copies) {
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('image/png');
      expect((res.body as Buffer).equals(copies[0]!.body as Buffer)).toBe(true);
    }
    expect((await sharp(copies[0]!.body as Buffer).metadata()).format).toBe('png');
    expect(copies[0]!.headers['content-disposition']).toBe(`inline; filename="Capture _cran.png"; filename*=UTF-8''Capture%20%C3%A9cran.png`);
    const webpCopy = await download(reporter, byStaff.url);
    expect(webpCopy.headers['content-type']).toBe('image/webp');
    expect((await sharp(webpCopy.body as Buffer).metadata()).format).toBe('webp');
  });

  it('lists the photos and shows each on the timeline, and tells live clients the ticket changed', async () => {
    const seen: DomainEvent[] = [];
    const unsubscribe = services.events.subscribe((event) => seen.push(event));
    try {
      const attachment = created(await upload(reporter, ticket.id, await png(), 'écran bleu.png', 'image/png'));
      expect(seen).toContainEqual(expect.objectContaining({ name: 'ticket:updated', payload: expect.objectContaining({ ticketId: ticket.id }) }));

      const list = await director.api.get(`/api/v1/tickets/${ticket.id}/attachments`);
      expect(list.status).toBe(200);
      const items = TicketAttachment.array().parse(list.body);
      expect(items.map((a) => a.id)).toEqual((await rows()).filter((r) => r.ticketId === ticket.id).map((r) => r.id));
      expect(items.at(-1)).toEqual(attachment);

      const detail = TicketDetail.parse((await reporter.api.get(`/api/v1/tickets/${ticket.id}`)).body);
      const entry = detail.timeline.filter((e) => e.kind === 'attachment').at(-1);
      expect(entry).toMatchObject({ body: 'écran bleu.png', internal: false, actor: { id: reporter.id } });
    } finally {
      unsubscribe();
    }
  });

  it('turns HEIF photos into JPEG, iPhone HEIC (HEVC) included, and refuses one it cannot read with a 415 saying what to do', async () => {
    const converted = created(await upload(reporter, ticket.id, await avifHeif(), 'IMG_0001.HEIC', 'image/heic'));
    expect(converted).toMatchObject({ name: 'IMG_0001.jpg', mediaType: 'image/jpeg' });
    expect((await sharp((await download(reporter, converted.url)).body as Buffer).metadata()).format).toBe('jpeg');

    // Made with libheif's heif-enc from a JPEG carrying an iPhone's EXIF and a GPS position: red on the left, blue on the right.
    const iphone = fs.readFileSync(path.join(__dirname, '../fixtures/photos/iphone-hevc.heic'));
    expect((await sharp(iphone).metadata()).compression).toBe('hevc');
    const fromIphone = created(await upload(reporter, ticket.id, iphone, 'IMG_0003.HEIC', 'image/heic'));
    expect(fromIphone).toMatchObject({ name: 'IMG_0003.jpg', mediaType: 'image/jpeg' });
    const bytes = (await download(reporter, fromIphone.url)).body as Buffer;
    const stored = await sharp(bytes).metadata();
    expect(stored).toMatchObject({ format: 'jpeg', width: 80, height: 40 });
    expect(stored.exif).toBeUndefined();
    const pixel = async (left: number) => [...(await sharp(bytes).extract({ left, top: 20, width: 1, height: 1 }).raw().toBuffer())].slice(0, 3);
    const [red, blue] = [await pixel(10), await pixel(70)];
    expect(red[0]! > 150 && red[2]! < 100).toBe(true);
    expect(blue[2]! > 150 && blue[0]! < 100).toBe(true);

    const refused = await upload(reporter, ticket.id, brokenHeic(), 'IMG_0002.HEIC', 'image/heic');
    expect(refused.status).toBe(415);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', detail: expect.stringMatching(/HEIC.*Most Compatible/) });
  });

  it('refuses with 415 what is not a photo, whatever its name and declared type, and keeps nothing', async () => {
    const before = { rows: (await rows()).length, files: storedFiles().length };
    const attempts: [Buffer, string, string][] = [
      [Buffer.from('Ceci est un fichier texte, pas une photo.\n'), 'photo.jpg', 'image/jpeg'],
      [SVG, 'dessin.svg', 'image/svg+xml'],
      [SVG, 'dessin.png', 'image/png'],
      [PDF, 'facture.jpg', 'image/jpeg'],
    ];
    for (const [bytes, name, type] of attempts) {
      const res = await upload(reporter, ticket.id, bytes, name, type);
      expect({ name, status: res.status, code: res.body.code }).toEqual({ name, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    }
    expect({ rows: (await rows()).length, files: storedFiles().length }).toEqual(before);
  });

  it('answers 413 for a file over 10 MB, 415 for a body that is not multipart, 422 without a file', async () => {
    const big = Buffer.concat([(await phoneJpeg()).subarray(0, 4), Buffer.alloc(11 * 1024 * 1024, 7)]);
    const tooBig = await upload(reporter, ticket.id, big);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', detail: expect.stringContaining('10 MB') });

    const json = await reporter.api.post(`/api/v1/tickets/${ticket.id}/attachments`).send({ file: 'photo.jpg' });
    expect(json.status).toBe(415);
    expect(json.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');

    const noFile = await reporter.api.post(`/api/v1/tickets/${ticket.id}/attachments`).field('note', 'oubli');
    expect(noFile.status).toBe(422);
    expect(noFile.body.errors).toEqual([expect.objectContaining({ path: ['file'] })]);

    const wrongField = await reporter.api.post(`/api/v1/tickets/${ticket.id}/attachments`).attach('photo', await png(), 'a.png');
    expect(wrongField.status).toBe(422);
  });

  it('hides the ticket and its photos (404) from people who do not see it', async () => {
    const attachment = created(await upload(reporter, ticket.id, await png(), 'preuve.png', 'image/png'));
    const other = await fileReport(colleague.api, schoolId);
    for (const who of [outsider, colleague]) {
      const res = await upload(who, ticket.id, await phoneJpeg());
      expect({ who: who.displayName, status: res.status, code: res.body.code }).toEqual({ who: who.displayName, status: 404, code: 'NOT_FOUND' });
      expect((await who.api.get(`/api/v1/tickets/${ticket.id}/attachments`)).status).toBe(404);
      expect((await download(who, attachment.url)).status).toBe(404);
      // Through a ticket they do see, another ticket's photo is no more found.
      expect((await download(who, `/api/v1/tickets/${other.id}/attachments/${attachment.id}`)).status).toBe(404);
    }
    // Even a file too large is refused as hidden, before it is read.
    expect((await upload(outsider, ticket.id, Buffer.alloc(11 * 1024 * 1024))).status).toBe(404);
    expect((await download(reporter, `/api/v1/tickets/${ticket.id}/attachments/999999`)).status).toBe(404);
  });

  it(`holds at most ${ATTACHMENTS_PER_TICKET} photos per ticket, even when the last ones arrive together`, async () => {
    const full = await fileReport(reporter.api, schoolId);
    for (let i = 0; i < ATTACHMENTS_PER_TICKET - 1; i++) created(await upload(reporter, full.id, await png(), `vue-${i}.png`, 'image/png'));
    // Three uploads race for the last place: each passes the early check, one only is kept.
    const racing = await Promise.all([reporter, director, erun].map(async (who) => upload(who, full.id, await png(), 'derniere.png', 'image/png')));
    expect(racing.map((res) => res.status).sort()).toEqual([201, 422, 422]);
    const extra = await upload(director, full.id, await png(), 'encore.png', 'image/png');
    expect(extra.status).toBe(422);
    expect(extra.body.errors).toEqual([expect.objectContaining({ path: ['file'], message: expect.stringContaining(`${ATTACHMENTS_PER_TICKET} photos`) })]);
    expect((await rows()).filter((r) => r.ticketId === full.id)).toHaveLength(ATTACHMENTS_PER_TICKET);
  });

  it('takes no photo on a closed ticket, and leaves no file behind when the ticket refuses it', async () => {
    const done = await fileReport(reporter.api, schoolId);
    await actOk(db().dataSource, erun.api, done.id, 'resolve', { resolution: 'Bourrage papier retiré' });
    await actOk(db().dataSource, reporter.api, done.id, 'close');
    const res = await upload(reporter, done.id, await png(), 'apres.png', 'image/png');
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('INVALID_TRANSITION');

    // The service alone checks the ticket only once the photo is cleaned and written: the file must go again.
    const files = storedFiles();
    const principal = (await loadPrincipal(db().dataSource, reporter.id, 'token'))!;
    await expect(services.attachments.attach(principal, done.id, { bytes: await png(), name: 'apres.png' }, SYSTEM_ACTOR)).rejects.toMatchObject({ status: 409 });
    expect(storedFiles()).toEqual(files);
  });
});
