import type { Browser, Page } from 'playwright-core';
import type { Equipment, Page as ListPage, Room, SchoolView, Ticket } from '@preau/shared';
import type { DemoSummary } from '../../db/seeds/demo/load-demo';
import { apiRequest, signIn, type ApiSession } from './support/api-session';
import { startAppServer, type AppServer } from './support/app-server';
import { describeInBrowser, launchChromium } from './support/browser';
import { checkpoint } from './support/checkpoint';
import { h1, newSignedInPage, type ViewportName } from './support/pages';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describeInBrowser("Technicians' inventory screens and the staff home page in Chromium", () => {
  let server: AppServer;
  let baseUrl: string;
  let demo: DemoSummary;
  let browser: Browser;

  /** The demo accounts' school. */
  let school: SchoolView;
  let rooms: Room[];
  /** Desktops of that school standing in a room, outside any trolley. */
  let desktops: Equipment[];
  let technician: ApiSession;

  beforeAll(async () => {
    // The home page listens for live changes: Socket.IO on the same HTTP server.
    server = await startAppServer({ realtime: true });
    ({ baseUrl, demo } = server);

    technician = await apiSignIn('technicien');
    const schools = await api<ListPage<SchoolView>>(`/schools?q=${demo.firstSchool.uai}`);
    school = schools.items.find((candidate) => candidate.uai === demo.firstSchool.uai)!;
    rooms = (await api<ListPage<Room>>(`/rooms?schoolId=${school.id}&pageSize=500`)).items;
    const listed = await api<ListPage<Equipment>>(`/equipment?schoolId=${school.id}&kind=desktop&status=in_service&pageSize=100`);
    desktops = listed.items.filter((item) => item.room !== null && item.containerId === null);
    if (desktops.length < 3 || rooms.length < 2) throw new Error('The first demo school has too few desktops in rooms, or rooms');

    // A camera that films a test pattern, allowed without asking: the scanner's path runs for real.
    browser = await launchChromium(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const apiSignIn = (username: string) => signIn(baseUrl, username);
  const api = <T>(pathAndQuery: string, init: RequestInit = {}, session: ApiSession = technician) => apiRequest<T>(baseUrl, session, pathAndQuery, init);
  const openSignedIn = (viewport: ViewportName, username: string) => newSignedInPage(browser, baseUrl, viewport, username);

  const shoot = (page: Page, step: string) => checkpoint(page, `staff-${step}`);

  test('the technician finds an item by its asset tag, edits it (a wrong MAC address is refused next to the field), moves it to another room and sees the move in the history', async () => {
    const item = desktops[0]!;
    const otherRoom = rooms.find((room) => room.id !== item.roomId)!;
    const { page, problems } = await openSignedIn('desktop', 'technicien');

    // The finder: a part of the asset tag lists what matches.
    await page.goto(`${baseUrl}/ecoles`);
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Trouver un matériel' }).click();
    await page.waitForURL(/\/materiel$/);
    await h1(page).filter({ hasText: 'Trouver un matériel' }).waitFor();
    const search = page.getByLabel('N° d’inventaire, n° de série, modèle ou nom réseau');
    const partial = item.assetTag.slice(0, -1);
    await search.fill(partial);
    await page.waitForURL((url) => url.searchParams.get('q') === partial);
    const results = page.getByRole('table', { name: 'Matériels trouvés' });
    await results.getByRole('link', { name: item.assetTag, exact: true }).waitFor();
    await page.getByText(/^\s*\d+ matériels?\s*$/).waitFor();
    await shoot(page, '01-finder-results');

    // The whole asset tag, then Enter, opens the item.
    await search.fill(item.assetTag.toLowerCase());
    await search.press('Enter');
    await page.waitForURL(new RegExp(`/materiel/${item.id}$`));
    await h1(page).filter({ hasText: item.assetTag }).waitFor();

    // Edit: a MAC address that is none is refused next to its field, in French, with the focus there.
    await page.getByRole('button', { name: 'Modifier', exact: true }).click();
    await page.getByRole('heading', { name: 'Modifier la fiche' }).waitFor();
    const mac = page.getByLabel('Adresse MAC');
    await mac.fill('pas-une-adresse');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    const macError = page.locator('.field__error', { hasText: 'Une adresse MAC compte 12 chiffres hexadécimaux' });
    await macError.waitFor();
    expect(await mac.getAttribute('aria-invalid')).toBe('true');
    expect(await mac.getAttribute('aria-describedby')).toContain((await macError.getAttribute('id'))!);
    expect(await page.locator(':focus').getAttribute('id')).toBe(await mac.getAttribute('id'));
    await shoot(page, '02-edit-invalid-mac');

    // Fixed, and moved to another room: saved, shown in the record and in the history.
    await mac.fill('00-1a-2b-3c-4d-5e');
    expect(await macError.count()).toBe(0);
    await page.getByLabel('Salle', { exact: true }).selectOption({ label: otherRoom.name });
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.getByRole('status').filter({ hasText: 'Modifications enregistrées.' }).waitFor();
    await page.getByRole('heading', { name: 'Fiche du matériel' }).waitFor();
    await page.locator('.facts dd', { hasText: '00:1A:2B:3C:4D:5E' }).waitFor();
    await page.locator('.facts dd', { hasText: otherRoom.name }).first().waitFor();
    const latestEvent = page.locator('.timeline__event').first();
    await latestEvent.filter({ hasText: 'Changement de salle' }).waitFor();
    expect(await latestEvent.textContent()).toContain(`${item.room!.name} → ${otherRoom.name}`);
    expect(await page.locator(':focus').textContent()).toContain('Modifier');
    await shoot(page, '03-edit-saved');

    const saved = await api<Equipment>(`/equipment/${item.id}`);
    expect(saved).toMatchObject({ macAddress: '00:1A:2B:3C:4D:5E', roomId: otherRoom.id });

    // What only the server knows: an asset tag already taken, said next to that field.
    const taken = desktops[1]!.assetTag;
    await page.getByRole('button', { name: 'Modifier', exact: true }).click();
    const assetTag = page.getByLabel('N° d’inventaire', { exact: true });
    await assetTag.fill(taken);
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.locator('.field__error', { hasText: 'Ce numéro d’inventaire est déjà celui d’un autre matériel' }).waitFor();
    expect(await assetTag.getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('button', { name: 'Annuler' }).click();
    await page.getByRole('heading', { name: 'Fiche du matériel' }).waitFor();

    expect(problems.filter((problem) => !problem.includes('409 (Conflict)'))).toEqual([]);
    await page.close();
  }, 60_000);

  test('on a phone, scanning a label with the camera opens the item', async () => {
    const item = desktops[2]!;
    const { page, problems } = await openSignedIn('phone', 'technicien');
    // Chromium on Linux has no barcode detector: this one "reads" the label of `item` in any frame.
    await page.addInitScript((labelUrl) => {
      class FakeBarcodeDetector {
        static getSupportedFormats = async () => ['qr_code'];
        detect = async (source: { videoWidth: number }) => (source.videoWidth > 0 ? [{ rawValue: labelUrl }] : []);
      }
      Object.assign(globalThis, { BarcodeDetector: FakeBarcodeDetector });
    }, `${baseUrl}/r/${encodeURIComponent(item.assetTag)}`);

    await page.goto(`${baseUrl}/materiel`);
    await h1(page).filter({ hasText: 'Trouver un matériel' }).waitFor();
    await shoot(page, '04-finder-phone');
    await page.getByRole('button', { name: 'Scanner avec la caméra' }).click();
    await page.waitForURL(new RegExp(`/materiel/${item.id}$`));
    await h1(page).filter({ hasText: item.assetTag }).waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });

  test('without a barcode detector, the finder says to type the asset tag', async () => {
    const { page, problems } = await openSignedIn('phone', 'technicien');
    await page.goto(`${baseUrl}/materiel`);
    await h1(page).filter({ hasText: 'Trouver un matériel' }).waitFor();
    await page.getByText('Ce navigateur ne sait pas lire les QR codes').waitFor();
    expect(await page.getByRole('button', { name: 'Scanner avec la caméra' }).count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  test('the ERUN lands on the overview of their schools, with the first demo school and its counts, one click from its page', async () => {
    // Something to count: a report at level 1, and an item out of service.
    const teacherApi = await apiSignIn('enseignant');
    await api<Ticket>(
      '/tickets',
      { method: 'POST', body: JSON.stringify({ schoolId: school.id, category: 'network', title: 'Plus de wifi en BCD', impact: 'one_class', urgency: 'low' }) },
      teacherApi,
    );
    const broken = desktops.at(-1)!;
    const fresh = await api<Equipment>(`/equipment/${broken.id}`);
    await api(`/equipment/${broken.id}`, { method: 'PATCH', body: JSON.stringify({ version: fresh.version, status: 'broken' }) });

    const erunApi = await apiSignIn('erun');
    const open = await api<ListPage<Ticket>>(
      `/tickets?schoolId=${school.id}&status=new&status=assigned&status=in_progress&status=waiting&pageSize=500`,
      {},
      erunApi,
    );
    const openAt = (level: number) => open.items.filter((ticket) => ticket.level === level).length;
    const outOfService = await api<ListPage<Equipment>>(`/equipment?schoolId=${school.id}&status=broken&status=in_repair&pageSize=1`, {}, erunApi);
    expect(openAt(1)).toBeGreaterThanOrEqual(1);
    expect(outOfService.total).toBeGreaterThanOrEqual(1);

    const { page, problems } = await openSignedIn('desktop', 'erun');
    await page.goto(`${baseUrl}/`);
    await page.waitForURL(/\/accueil$/);
    await h1(page).filter({ hasText: 'Mes écoles' }).waitFor();
    const table = page.getByRole('table', { name: 'Signalements en cours par niveau et matériel hors service, école par école' });
    const row = table.locator('tbody tr', { has: page.getByRole('link', { name: school.name, exact: true }) });
    await row.waitFor();
    const cells = (await row.locator('td').allTextContents()).map((text) => text.trim());
    expect(cells).toEqual([String(openAt(1)), String(openAt(2)), String(openAt(3)), String(outOfService.total)]);
    // The level-1 count leads to the queue, filtered on the school and the level.
    expect(await row.getByRole('link', { name: new RegExp(`au niveau 1 à ${escapeRegExp(school.name)}`) }).getAttribute('href')).toBe(
      `/file?ecole=${school.id}&niveau=1`,
    );
    await shoot(page, '05-erun-home');

    await row.getByRole('link', { name: school.name, exact: true }).click();
    await page.waitForURL(new RegExp(`/ecoles/${school.id}$`));
    await h1(page).filter({ hasText: school.name }).waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });

  test.each([
    ['technicien', /\/accueil$/, 'Mes écoles'],
    ['enseignant', /\/mes-signalements$/, 'Mes signalements'],
    ['directeur', /\/ecoles\/\d+$/, null],
  ] as const)('`/` leads %s to their own first page', async (username, landing, heading) => {
    const { page, problems } = await openSignedIn('phone', username);
    await page.goto(`${baseUrl}/`);
    await page.waitForURL(landing);
    await h1(page).filter({ hasText: heading ?? school.name }).waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });
});
