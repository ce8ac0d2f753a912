import type { Browser } from 'playwright-core';
import type { Equipment, Page as ListPage, Room, SchoolView } from '@preau/shared';
import type { DemoSummary } from '../../db/seeds/demo/load-demo';
import { readPdf } from '../../server/src/modules/labels/__tests__/pdf-reader';
import { apiRequest, signIn, type ApiSession } from './support/api-session';
import { startAppServer, type AppServer } from './support/app-server';
import { describeInBrowser, launchChromium } from './support/browser';
import { checkpoint } from './support/checkpoint';
import { h1, newSignedInPage } from './support/pages';

describeInBrowser('Label sheets in Chromium', () => {
  let server: AppServer;
  let baseUrl: string;
  let demo: DemoSummary;
  let browser: Browser;
  let technician: ApiSession;
  let school: SchoolView;
  let room: Room;
  let roomItems: Equipment[];

  beforeAll(async () => {
    server = await startAppServer();
    ({ baseUrl, demo } = server);
    technician = await signIn(baseUrl, 'technicien');
    const api = <T>(pathAndQuery: string) => apiRequest<T>(baseUrl, technician, pathAndQuery);
    school = (await api<ListPage<SchoolView>>(`/schools?q=${demo.firstSchool.uai}`)).items.find((one) => one.uai === demo.firstSchool.uai)!;
    const rooms = (await api<ListPage<Room>>(`/rooms?schoolId=${school.id}&pageSize=500`)).items;
    // The room with the most items in it, so the sheet has several labels.
    const counted = await Promise.all(rooms.map(async (one) => ({ room: one, items: (await api<ListPage<Equipment>>(`/equipment?roomId=${one.id}&pageSize=500`)).items })));
    ({ room, items: roomItems } = counted.sort((a, b) => b.items.length - a.items.length)[0]!);
    if (roomItems.length < 2) throw new Error('The first demo school has no room with two items');
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test("the technician prints a room's labels from the school page and the finder's shown results; a label's QR code starts a report on its item", async () => {
    const { page, problems } = await newSignedInPage(browser, baseUrl, 'desktop', 'technicien');
    await page.goto(`${baseUrl}/ecoles/${school.id}`);
    await h1(page).filter({ hasText: school.name }).waitFor();
    const section = page.getByRole('region', { name: 'Étiquettes' });
    const print = section.getByRole('link', { name: 'Imprimer les étiquettes (PDF)' });
    expect(await print.getAttribute('href')).toBe(`/api/v1/labels.pdf?schoolId=${school.id}`);

    // A room chosen in the list: the link prints that room.
    await section.getByLabel('Étiquettes à imprimer').selectOption({ label: room.name });
    expect(await print.getAttribute('href')).toBe(`/api/v1/labels.pdf?roomId=${room.id}`);
    await checkpoint(page, 'labels-01-school-room');

    // What the link downloads, fetched with the page's own session.
    const file = await page.evaluate(async (href) => {
      const res = await fetch(href);
      const bytes = new Uint8Array(await res.arrayBuffer());
      let binary = '';
      for (const byte of bytes) binary += String.fromCharCode(byte);
      return { status: res.status, disposition: res.headers.get('Content-Disposition'), base64: btoa(binary) };
    }, (await print.getAttribute('href'))!);
    expect(file.status).toBe(200);
    expect(file.disposition).toMatch(new RegExp(`^attachment; filename="etiquettes-${school.uai}-.+\\.pdf"$`));
    const pages = await readPdf(Buffer.from(file.base64, 'base64'));
    const printed = pages.flatMap((one) => one.qr);
    expect([...printed].sort()).toEqual(roomItems.map((item) => `${baseUrl}/r/${encodeURIComponent(item.assetTag)}`).sort());

    // The finder: the labels of the results shown.
    const tag = roomItems[0]!.assetTag;
    await page.goto(`${baseUrl}/materiel?q=${encodeURIComponent(tag.slice(0, -1))}`);
    const results = page.getByRole('table', { name: 'Matériels trouvés' });
    await results.getByRole('link', { name: tag, exact: true }).waitFor();
    const shownIds = await results.locator('tbody th[scope="row"] a').evaluateAll((links) => links.map((link) => Number(link.getAttribute('href')!.split('/').pop())));
    const printShown = page.getByRole('link', { name: shownIds.length > 1 ? `Imprimer les étiquettes des ${shownIds.length} résultats affichés (PDF)` : 'Imprimer l’étiquette du résultat affiché (PDF)' });
    expect(await printShown.getAttribute('href')).toBe(`/api/v1/labels.pdf?ids=${shownIds.join('%2C')}`);
    await checkpoint(page, 'labels-02-finder');

    // A phone reading the first label opens the report with its item chosen.
    await page.goto(printed[0]!);
    await page.getByRole('heading', { name: 'Étape 1 sur 3 : Quoi' }).waitFor();
    const chosen = page.locator('.what-step__chosen');
    await chosen.waitFor();
    expect(await chosen.textContent()).toContain(decodeURIComponent(printed[0]!.split('/r/')[1]!));
    expect(problems).toEqual([]);
  }, 90_000);
});
