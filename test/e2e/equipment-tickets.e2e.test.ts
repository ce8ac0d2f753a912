import type { Browser, Page } from 'playwright-core';
import type { Equipment, Page as ListPage, SchoolView, Ticket, TicketCreate, TicketDetail } from '@preau/shared';
import { apiRequest, signIn, type ApiSession } from './support/api-session';
import { startAppServer, type AppServer } from './support/app-server';
import { describeInBrowser, launchChromium } from './support/browser';
import { checkpoint } from './support/checkpoint';
import { h1, newSignedInPage, type ViewportName } from './support/pages';

describeInBrowser("An item's page lists its reports, in Chromium", () => {
  let server: AppServer;
  let baseUrl: string;
  let browser: Browser;
  let technician: ApiSession;
  let director: ApiSession;
  let school: SchoolView;
  /** In-service desktops of the demo accounts' school with no report yet, in a room. */
  let items: Equipment[];

  beforeAll(async () => {
    server = await startAppServer();
    baseUrl = server.baseUrl;
    technician = await signIn(baseUrl, 'technicien');
    director = await signIn(baseUrl, 'directeur');
    const uai = server.demo.firstSchool.uai;
    school = (await api<ListPage<SchoolView>>(`/schools?q=${uai}`)).items.find((one) => one.uai === uai)!;
    const desktops = await api<ListPage<Equipment>>(`/equipment?schoolId=${school.id}&kind=desktop&status=in_service&pageSize=50`);
    items = desktops.items.filter((item) => item.room !== null && item.containerId === null);
    if (items.length < 3) throw new Error('The first demo school has fewer than three desktops in a room');
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const api = <T>(pathAndQuery: string, init: RequestInit = {}, session: ApiSession = technician) => apiRequest<T>(baseUrl, session, pathAndQuery, init);
  const openSignedIn = (viewport: ViewportName, username: string) => newSignedInPage(browser, baseUrl, viewport, username);
  let keys = 0;
  const fileReport = (session: ApiSession, report: Partial<TicketCreate> & { equipmentId: number; title: string }) =>
    api<TicketDetail>(
      '/tickets',
      {
        method: 'POST',
        headers: { 'Idempotency-Key': `equipment-tickets-e2e-${++keys}` },
        body: JSON.stringify({ schoolId: school.id, category: 'hardware', impact: 'one_person', urgency: 'low', ...report }),
      },
      session,
    );

  const section = (page: Page) => page.getByRole('region', { name: 'Signalements', exact: true });
  const row = (page: Page, reference: string) => section(page).locator(`tr[data-ticket="${reference}"]`);

  test("a teacher reports from the item's page and finds the report listed there; someone else's report stays hidden from them, not from the technician", async () => {
    const item = items[0]!;
    const teacher = await openSignedIn('phone', 'enseignant');

    // Before any report: a readable empty state, and a word on what a teacher gets to see.
    await teacher.page.goto(`${baseUrl}/materiel/${item.id}`);
    await h1(teacher.page).filter({ hasText: item.assetTag }).waitFor();
    await section(teacher.page).getByText('Aucun signalement sur ce matériel.').waitFor();
    await section(teacher.page).getByText('Seuls vos propres signalements et ceux que vous suivez apparaissent ici.').waitFor();
    expect(await section(teacher.page).getByRole('table').count()).toBe(0);

    // The page's own link starts a report on this item.
    await teacher.page.getByRole('link', { name: 'Signaler un incident sur ce matériel' }).click();
    await teacher.page.waitForURL(new RegExp(`/signaler\\?materiel=${item.id}$`));
    await teacher.page.getByRole('heading', { name: 'Étape 1 sur 3 : Quoi' }).waitFor();
    await teacher.page.locator('.what-step__chosen', { hasText: item.assetTag }).waitFor();
    await teacher.page.getByRole('button', { name: 'Continuer' }).click();
    await teacher.page.getByRole('heading', { name: 'Étape 2 sur 3 : Le problème' }).waitFor();
    await teacher.page.getByLabel('En une phrase, que se passe-t-il ?').fill('L’écran reste noir au démarrage');
    await teacher.page.getByRole('button', { name: 'Continuer' }).click();
    await teacher.page.getByRole('heading', { name: 'Étape 3 sur 3 : L’urgence' }).waitFor();
    await teacher.page.getByRole('radio', { name: 'Une classe' }).check();
    await teacher.page.getByRole('radio', { name: /^Oui, cela bloque la classe maintenant/ }).check();
    await teacher.page.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await teacher.page.waitForURL(/\/signaler\/envoye\/\d+$/);
    const reference = (await teacher.page.locator('.report-sent__code').textContent())!.trim();
    const ticketId = Number(/\/(\d+)$/.exec(teacher.page.url())![1]);
    // The director's report on the same item, filed next: a teacher does not see other people's reports.
    const directors = await fileReport(director, { equipmentId: item.id, title: 'Ventilateur très bruyant' });

    // Back on the item's page: the report, with its reference, state, priority, date and a link to it.
    await teacher.page.goto(`${baseUrl}/materiel/${item.id}`);
    const teachersRow = row(teacher.page, reference);
    await teachersRow.waitFor();
    await teachersRow.getByText('L’écran reste noir au démarrage').waitFor();
    await teachersRow.getByText('Nouveau', { exact: true }).waitFor();
    // On a phone the priority and the date sit under the title and the state, their own columns hidden.
    await teachersRow.getByText('P2 · haute', { exact: true }).filter({ visible: true }).waitFor();
    const date = teachersRow.locator('time').filter({ visible: true });
    expect(await date.getAttribute('datetime')).toBe((await api<Ticket>(`/tickets/${ticketId}`)).createdAt);
    expect(await date.textContent()).toMatch(/^\d{1,2} \p{L}+ \d{4} à \d{2}:\d{2}$/u);
    await section(teacher.page).getByText('1 signalement, dont 1 à traiter.').waitFor();
    expect(await row(teacher.page, directors.reference).count()).toBe(0);
    await checkpoint(teacher.page, 'equipment-tickets-01-phone-teacher');

    await teachersRow.getByRole('link', { name: 'L’écran reste noir au démarrage' }).click();
    await teacher.page.waitForURL(new RegExp(`/incidents/${ticketId}$`));
    await h1(teacher.page).filter({ hasText: 'L’écran reste noir au démarrage' }).waitFor();

    // Staff see every report on the item, newest first; a settled one is listed with its state.
    const erun = await signIn(baseUrl, 'erun');
    const held = await api<TicketDetail>(`/tickets/${directors.id}`, {}, erun);
    await api<TicketDetail>(`/tickets/${directors.id}/resolve`, { method: 'POST', body: JSON.stringify({ version: held.version, resolution: 'Ventilateur dépoussiéré.' }) }, erun);
    const tech = await openSignedIn('desktop', 'technicien');
    await tech.page.goto(`${baseUrl}/materiel/${item.id}`);
    await row(tech.page, reference).waitFor();
    await row(tech.page, directors.reference).getByText('Résolu', { exact: true }).waitFor();
    expect(await section(tech.page).locator('tbody tr').evaluateAll((rows) => rows.map((one) => one.getAttribute('data-ticket')))).toEqual([
      directors.reference,
      reference,
    ]);
    await section(tech.page).getByText('2 signalements, dont 1 à traiter.').waitFor();
    expect(await section(tech.page).getByText('Seuls vos propres signalements').count()).toBe(0);
    await checkpoint(tech.page, 'equipment-tickets-02-desktop-staff');

    expect(teacher.problems).toEqual([]);
    expect(tech.problems).toEqual([]);
  });

  test('many reports are paged, the page kept in the address', async () => {
    const item = items[1]!;
    const filed: TicketDetail[] = [];
    // One after the other, so the newest is the last filed.
    for (let index = 1; index <= 12; index += 1) filed.push(await fileReport(technician, { equipmentId: item.id, title: `Panne numéro ${index}` }));

    const { page, problems } = await openSignedIn('desktop', 'technicien');
    await page.goto(`${baseUrl}/materiel/${item.id}`);
    await section(page).getByText('12 signalements, dont 12 à traiter.').waitFor();
    expect(await section(page).locator('tbody tr').count()).toBe(10);
    await row(page, filed[11]!.reference).waitFor();
    expect(await row(page, filed[0]!.reference).count()).toBe(0);

    await section(page).getByRole('link', { name: 'Page suivante' }).click();
    await page.waitForURL(new RegExp(`/materiel/${item.id}\\?signalements=2$`));
    await row(page, filed[0]!.reference).waitFor();
    expect(await section(page).locator('tbody tr').count()).toBe(2);
    await section(page).getByText('Page 2 sur 2').waitFor();
    // The rest of the page stays as it was.
    await h1(page).filter({ hasText: item.assetTag }).waitFor();
    expect(problems).toEqual([]);
  });

  test('a failure to load the reports says so and offers to try again, the rest of the page still usable', async () => {
    const item = items[2]!;
    const { reference } = await fileReport(director, { equipmentId: item.id, title: 'Clavier qui ne répond plus' });

    const { page } = await openSignedIn('desktop', 'directeur');
    let failing = true;
    await page.route(
      (url) => url.pathname === '/api/v1/tickets' && url.searchParams.get('equipmentId') === String(item.id),
      (route) =>
        failing
          ? route.fulfill({
              status: 503,
              contentType: 'application/problem+json',
              body: JSON.stringify({ type: 'about:blank', title: 'Service unavailable', status: 503, code: 'INTERNAL_ERROR' }),
            })
          : route.continue(),
    );
    await page.goto(`${baseUrl}/materiel/${item.id}`);
    await h1(page).filter({ hasText: item.assetTag }).waitFor();
    const alert = section(page).getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Le serveur a rencontré une erreur.');
    await page.getByRole('heading', { name: 'Fiche du matériel' }).waitFor();
    await checkpoint(page, 'equipment-tickets-03-error');

    failing = false;
    await alert.getByRole('button', { name: 'Réessayer' }).click();
    await row(page, reference).waitFor();
    expect(await section(page).getByRole('alert').count()).toBe(0);
  });
});
