import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, type Equipment, type Page as ListPage, type SchoolView, type Ticket, type TicketDetail } from '@preau/shared';
import type { DemoSummary } from '../../db/seeds/demo/load-demo';
import { png } from '../attachments/photos';
import { apiRequest, signIn, type ApiSession } from './support/api-session';
import { startAppServer, type AppServer } from './support/app-server';
import { describeInBrowser, launchChromium } from './support/browser';
import { checkpoint } from './support/checkpoint';
import { watchFirstLoad } from './support/first-load';
import type { BrowserGlobals } from './support/browser-globals';
import { arrowToOption, arrowToRadio, focused, tabTo } from './support/keyboard';
import { h1, LIVE_TIMEOUT_MS, liveUpdatesOn, newSignedInPage, type ViewportName } from './support/pages';

/** The same budget as the inventory screens: the report page is what a phone opens from a label. */
const FIRST_LOAD_JS_BUDGET_BYTES = 150 * 1024;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describeInBrowser('Incident reports, queue and ticket page in Chromium', () => {
  let server: AppServer;
  let baseUrl: string;
  let demo: DemoSummary;
  let browser: Browser;

  let school: SchoolView;
  /** City-funded desktops in service in the first demo school, in a room: escalation goes to the city. */
  let items: Equipment[];
  let technician: ApiSession;

  beforeAll(async () => {
    // The queue and the teacher's list update live: Socket.IO on the same HTTP server.
    server = await startAppServer({ realtime: true });
    ({ baseUrl, demo } = server);

    technician = await apiSignIn('technicien');
    const schools = await api<ListPage<SchoolView>>(`/schools?q=${demo.firstSchool.uai}`);
    school = schools.items.find((candidate) => candidate.uai === demo.firstSchool.uai)!;
    const desktops = await api<ListPage<Equipment>>(`/equipment?schoolId=${school.id}&kind=desktop&funding=commune&status=in_service&pageSize=50`);
    items = desktops.items.filter((item) => item.room !== null && item.containerId === null);
    if (items.length < 2) throw new Error('The first demo school has fewer than two city-funded desktops in a room');

    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const apiSignIn = (username: string) => signIn(baseUrl, username);
  const api = <T>(pathAndQuery: string, init: RequestInit = {}, session: ApiSession = technician) => apiRequest<T>(baseUrl, session, pathAndQuery, init);
  const openSignedIn = (viewport: ViewportName, username: string) => newSignedInPage(browser, baseUrl, viewport, username);

  /** A screenshot of the step, and axe-core's check of the page as it is then. */
  const shoot = (page: Page, step: string) => checkpoint(page, `incidents-${step}`);

  /** Set before a step that must happen without a page load, checked after it. */
  const markPage = (page: Page) => page.evaluate(() => void Object.assign(globalThis, { __stillSamePage: true }));
  const stillSamePage = (page: Page) => page.evaluate(() => (globalThis as { __stillSamePage?: boolean }).__stillSamePage === true);

  test('a teacher reports on a phone in three steps; the ERUN sees it arrive live, takes and escalates it; the technician resolves it; the teacher closes it with a rating', async () => {
    const item = items[0]!;

    // The ERUN's queue is open before anything is reported.
    const erun = await openSignedIn('desktop', 'erun');
    await erun.page.goto(`${baseUrl}/file`);
    await h1(erun.page).filter({ hasText: 'File des incidents' }).waitFor();
    await liveUpdatesOn(erun.page);
    await markPage(erun.page);
    const newCount = erun.page.locator('.queue-counts a[data-status="new"] .queue-counts__value');
    await newCount.filter({ hasText: /^\d+$/ }).waitFor();
    const newBefore = Number(await newCount.textContent());

    // 1. What: the school is preselected (the teacher has one); the item is found by room and kind.
    const teacher = await openSignedIn('phone', 'enseignant');
    await teacher.page.goto(`${baseUrl}/`);
    await teacher.page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Signaler un incident' }).click();
    await teacher.page.waitForURL(/\/signaler$/);
    await h1(teacher.page).filter({ hasText: 'Signaler un incident' }).waitFor();
    await teacher.page.getByRole('heading', { name: 'Étape 1 sur 3 : Quoi' }).waitFor();
    await teacher.page.getByText(school.name, { exact: true }).waitFor();
    await teacher.page.getByLabel('Salle', { exact: true }).selectOption({ label: item.room!.name });
    await teacher.page.getByLabel('Type de matériel').selectOption('desktop');
    // Once chosen, the list folds into the chosen item (with a way to change it).
    await teacher.page.getByRole('radio', { name: new RegExp(escapeRegExp(item.assetTag)) }).click();
    await teacher.page.locator('.what-step__chosen', { hasText: item.assetTag }).waitFor();
    await shoot(teacher.page, '01-phone-what');
    // Continuing without saying what is wrong is refused at step 2, next to the field.
    await teacher.page.getByRole('button', { name: 'Continuer' }).click();

    // 2. What is wrong: a sentence, details and a photo.
    await teacher.page.getByRole('heading', { name: 'Étape 2 sur 3 : Le problème' }).waitFor();
    expect(await teacher.page.getByLabel('Type de problème').inputValue()).toBe('hardware');
    await teacher.page.getByRole('button', { name: 'Continuer' }).click();
    await teacher.page.locator('.field__error', { hasText: 'Dites en quelques mots ce qui ne va pas' }).waitFor();
    await teacher.page.getByLabel('En une phrase, que se passe-t-il ?').fill('L’ordinateur ne s’allume plus');
    await teacher.page.getByLabel('Détails').fill('Le voyant reste éteint, même sur une autre prise.');
    const photo = teacher.page.locator('input[type="file"]');
    expect(await photo.getAttribute('accept')).toBe('image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif');
    expect(await photo.getAttribute('capture')).toBe('environment');
    await photo.setInputFiles({ name: 'ecran.png', mimeType: 'image/png', buffer: await png(80, 60) });
    await shoot(teacher.page, '02-phone-problem');
    await teacher.page.getByRole('button', { name: 'Continuer' }).click();

    // 3. How much it blocks.
    await teacher.page.getByRole('heading', { name: 'Étape 3 sur 3 : L’urgence' }).waitFor();
    await teacher.page.getByRole('radio', { name: 'Une classe' }).check();
    await teacher.page.getByRole('radio', { name: /^Oui, cela bloque la classe maintenant/ }).check();
    await teacher.page.getByLabel('Quand un technicien peut-il passer ?').fill('Lundi et jeudi après 16 h 30');
    await shoot(teacher.page, '03-phone-impact');
    await teacher.page.getByRole('button', { name: 'Envoyer le signalement' }).click();

    // Confirmation: the reference, where it went and why, in plain French.
    await teacher.page.waitForURL(/\/signaler\/envoye\/\d+$/);
    await h1(teacher.page).filter({ hasText: 'Signalement envoyé' }).waitFor();
    const reference = (await teacher.page.locator('.report-sent__code').textContent())!.trim();
    expect(reference).toMatch(/^INC-\d{4}-\d{6}$/);
    const found = await api<ListPage<Ticket>>(`/tickets?q=${reference}`);
    const ticketId = found.items[0]!.id;
    const filed = await api<TicketDetail>(`/tickets/${ticketId}`);
    expect(filed.equipment?.id).toBe(item.id);
    expect(filed.priority).toBe('P2');
    await teacher.page.locator('.report-sent__group', { hasText: filed.assignedGroup.label }).waitFor();
    await teacher.page.getByText(filed.routing.reason, { exact: false }).first().waitFor();
    expect(await teacher.page.getByText('Matériel non entretenu par la ville').count()).toBe(0);
    expect(await teacher.page.getByRole('alert').count()).toBe(0);
    await shoot(teacher.page, '04-phone-sent');

    // The ERUN's queue shows it without a reload, highlighted and announced.
    const queueRow = erun.page.locator(`tr[data-ticket="${reference}"]`);
    await queueRow.waitFor({ timeout: LIVE_TIMEOUT_MS });
    expect(await stillSamePage(erun.page)).toBe(true);
    await erun.page.locator('tr.ticket-row--fresh', { hasText: reference }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await erun.page.locator('[data-testid="queue-announcement"]', { hasText: `Nouveau signalement ${reference}` }).waitFor();
    await newCount.filter({ hasText: String(newBefore + 1) }).waitFor();
    await shoot(erun.page, '05-desktop-queue-live');

    // The teacher follows it in "Mes signalements", which stays open.
    await teacher.page.getByRole('link', { name: 'Mes signalements' }).first().click();
    await teacher.page.waitForURL(/\/mes-signalements$/);
    const myRow = teacher.page.locator(`tr[data-ticket="${reference}"]`);
    await myRow.waitFor();
    await myRow.filter({ hasText: 'Niveau 1' }).waitFor();
    await liveUpdatesOn(teacher.page);
    await markPage(teacher.page);

    // The ERUN takes it, then escalates it with a diagnosis.
    await queueRow.getByRole('link').click();
    await erun.page.waitForURL(new RegExp(`/incidents/${ticketId}$`));
    await h1(erun.page).filter({ hasText: 'L’ordinateur ne s’allume plus' }).waitFor();
    await erun.page.locator('.ticket-photos img').first().waitFor();
    await erun.page.getByRole('button', { name: 'Prendre en charge' }).click();
    await erun.page.getByRole('status').filter({ hasText: 'Vous avez pris en charge ce signalement.' }).waitFor();
    await erun.page.locator('.ticket-header__badges', { hasText: 'Pris en charge' }).waitFor();
    await erun.page.getByText('Escalader au niveau 2').click();
    await erun.page.getByRole('button', { name: 'Escalader', exact: true }).click();
    await erun.page.locator('.field__error', { hasText: 'Écrivez le diagnostic' }).waitFor();
    await erun.page.getByLabel('Diagnostic').fill('Alimentation morte : aucun voyant, testé sur deux prises et avec un autre câble.');
    await erun.page.getByRole('button', { name: 'Escalader', exact: true }).click();
    await erun.page.getByRole('status').filter({ hasText: 'Signalement escaladé au niveau 2.' }).waitFor();
    const escalated = erun.page.locator('.ticket-timeline__event[data-kind="escalated"]');
    await escalated.waitFor();
    expect(await escalated.textContent()).toContain('Alimentation morte');
    expect(await escalated.locator('.ticket-timeline__rule').textContent()).toMatch(/^Règle appliquée : /);
    await shoot(erun.page, '06-desktop-escalated');

    // The teacher's list shows the new level live.
    await myRow.filter({ hasText: 'Niveau 2' }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    expect(await stillSamePage(teacher.page)).toBe(true);
    await shoot(teacher.page, '07-phone-my-reports-live');

    // The city technician resolves it; the item goes back in service.
    const tech = await openSignedIn('desktop', 'technicien');
    await tech.page.goto(`${baseUrl}/incidents/${ticketId}`);
    await h1(tech.page).filter({ hasText: 'L’ordinateur ne s’allume plus' }).waitFor();
    await tech.page.locator('.ticket-header__badges', { hasText: 'Niveau 2' }).waitFor();
    const thumbnail = tech.page.locator('.ticket-photos img').first();
    await thumbnail.waitFor();
    // The image itself was served (the session cookie goes with it), not just the element drawn.
    expect(await thumbnail.evaluate((img) => new Promise((resolve) => {
      const image = img as unknown as { complete: boolean; naturalWidth: number; decode(): Promise<void> };
      void image.decode().then(() => resolve(image.naturalWidth), () => resolve(0));
    }))).toBeGreaterThan(0);
    await tech.page.getByText('Résoudre', { exact: true }).click();
    await tech.page.getByLabel('Ce qui a été fait').fill('Alimentation remplacée, poste testé avec l’enseignante.');
    expect(await tech.page.getByLabel('État du matériel après l’intervention').inputValue()).toBe('in_service');
    await tech.page.getByRole('button', { name: 'Résoudre le signalement' }).click();
    await tech.page.getByRole('status').filter({ hasText: 'Signalement résolu.' }).waitFor();
    await shoot(tech.page, '08-desktop-resolved');
    expect((await api<Equipment>(`/equipment/${item.id}`)).status).toBe('in_service');

    // The teacher sees it resolved, and closes it with a rating.
    await myRow.filter({ hasText: 'Résolu' }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await myRow.getByRole('link').click();
    await teacher.page.getByRole('heading', { name: 'Le problème est-il réglé ?' }).waitFor();
    await teacher.page.getByRole('radio', { name: '5 sur 5' }).check();
    await teacher.page.getByLabel('Un mot pour l’équipe').fill('Merci, réparé en deux jours.');
    await shoot(teacher.page, '09-phone-close');
    await teacher.page.getByRole('button', { name: 'Clore le signalement' }).click();
    await teacher.page.getByRole('status').filter({ hasText: 'Signalement clos. Merci !' }).waitFor();
    await teacher.page.locator('.ticket-header__badges', { hasText: 'Clos' }).waitFor();
    await shoot(teacher.page, '10-phone-closed');

    // The teacher's notifications page, for the accessibility check.
    await teacher.page.goto(`${baseUrl}/notifications`);
    await h1(teacher.page).filter({ hasText: 'Notifications' }).waitFor();
    await teacher.page.getByText(/notifications? non lues?/).first().waitFor();
    await shoot(teacher.page, '18-phone-notifications');

    const closed = await api<TicketDetail>(`/tickets/${ticketId}`);
    expect(closed.status).toBe('closed');
    expect(closed.rating).toBe(5);
    expect(closed.timeline.map((event) => event.kind)).toEqual(expect.arrayContaining(['created', 'routed', 'attachment', 'assigned', 'escalated', 'resolved', 'closed']));

    for (const { page, problems } of [erun, teacher, tech]) {
      expect(problems).toEqual([]);
      await page.close();
    }
  }, 180_000);

  test('a label’s QR code (/r/<assetTag>) starts the report with its item, and offers to follow a colleague’s open report on it', async () => {
    const item = items[1]!;
    // A colleague of the same school reported it first; teachers do not see each other's reports until they follow one.
    const admin = await apiSignIn('admin');
    const password = 'collègue-de-démo-2026';
    await api('/users', {
      method: 'POST',
      body: JSON.stringify({ username: 'collegue.e2e', displayName: 'Lucas Hoarau (collègue)', password, memberships: [{ role: 'teacher', organisationId: school.id }] }),
    }, admin);
    const colleagueApi = await signIn(baseUrl, 'collegue.e2e', password);
    const open = await api<TicketDetail>(
      '/tickets',
      {
        method: 'POST',
        body: JSON.stringify({ schoolId: school.id, equipmentId: item.id, category: 'hardware', title: 'Écran noir au démarrage', impact: 'one_person', urgency: 'low' }),
      },
      colleagueApi,
    );

    const { page, problems } = await openSignedIn('phone', 'enseignant');
    await page.goto(`${baseUrl}/r/${encodeURIComponent(item.assetTag)}`);
    await page.getByRole('heading', { name: 'Étape 1 sur 3 : Quoi' }).waitFor();
    const chosen = page.locator('.what-step__chosen');
    await chosen.waitFor();
    expect(await chosen.textContent()).toContain(item.assetTag);
    const duplicates = page.getByRole('region', { name: 'Un signalement est déjà en cours' });
    await duplicates.waitFor();
    await duplicates.getByText('Écran noir au démarrage').waitFor();
    await shoot(page, '11-phone-qr-code');

    await duplicates.getByRole('button', { name: /^Suivre ce signalement/ }).click();
    await page.waitForURL(new RegExp(`/incidents/${open.id}$`));
    await page.locator('.ticket-header__reference', { hasText: open.reference }).waitFor();
    await page.getByText('Vous suivez ce signalement, déposé par Lucas Hoarau (collègue)').waitFor();
    await shoot(page, '12-phone-following');
    // It is among the teacher's reports now.
    await page.goto(`${baseUrl}/mes-signalements`);
    await page.getByText('Écran noir au démarrage').first().waitFor();

    // An unknown tag says so, and the report starts from the list.
    await page.goto(`${baseUrl}/r/NULLE-PART-0000`);
    await page.getByText('Aucun matériel ne porte le numéro « NULLE-PART-0000 »').waitFor();
    await page.getByLabel('Salle', { exact: true }).waitFor();
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  test('an escalation the rules refuse shows their reason on the ticket page', async () => {
    const funded = await api<ListPage<Equipment>>(`/equipment?schoolId=${school.id}&funding=school_funds&status=in_service&pageSize=1`);
    const item = funded.items[0];
    if (!item) return console.warn('No school-funded item in the first demo school: refusal not shown');
    const teacherApi = await apiSignIn('enseignant');
    const ticket = await api<TicketDetail>(
      '/tickets',
      { method: 'POST', body: JSON.stringify({ schoolId: school.id, equipmentId: item.id, category: 'hardware', title: 'Ne démarre plus', impact: 'one_person', urgency: 'low' }) },
      teacherApi,
    );
    expect(ticket.routing.outOfScope).toBe(true);

    const { page, problems } = await openSignedIn('desktop', 'erun');
    await page.goto(`${baseUrl}/incidents/${ticket.id}`);
    await h1(page).filter({ hasText: 'Ne démarre plus' }).waitFor();
    await page.getByText('Escalader au niveau 2').click();
    await page.getByLabel('Diagnostic').fill('Carte mère hors service, à remplacer.');
    await page.getByRole('button', { name: 'Escalader', exact: true }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Escalade refusée' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('la ville n\'entretient que le matériel qu\'elle a fourni');
    await page.locator('.ticket-header__badges', { hasText: 'Niveau 1' }).waitFor();
    await shoot(page, '12-desktop-escalation-refused');
    expect(problems.filter((problem) => !problem.includes('422'))).toEqual([]);
    await page.close();
  }, 60_000);

  test('a teacher reports an incident with the keyboard only: skip link, header link, three steps, confirmation', async () => {
    const item = items[0]!;
    const { page, problems } = await openSignedIn('desktop', 'enseignant');
    await page.goto(`${baseUrl}/mes-signalements`);
    await h1(page).filter({ hasText: 'Mes signalements' }).waitFor();

    // The skip link comes first and leads to the content; from there, Shift+Tab goes back up to the header.
    expect(await tabTo(page, /./, { maxPresses: 1 })).toMatchObject({ name: 'Aller au contenu' });
    await page.keyboard.press('Enter');
    expect((await focused(page)).id).toBe('main-content');
    await tabTo(page, /^Signaler un incident$/, { backwards: true });
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/signaler$/);
    await page.getByRole('heading', { name: 'Étape 1 sur 3 : Quoi' }).waitFor();
    expect((await focused(page)).id).toBe('main-content');

    // 1. What: the room and the kind with the arrow keys, then the first item of the list with Space.
    await page.getByLabel('Salle', { exact: true }).locator('option').nth(1).waitFor({ state: 'attached' });
    await tabTo(page, /^Salle$/);
    await arrowToOption(page, item.room!.name);
    await tabTo(page, /^Type de matériel$/);
    await arrowToOption(page, 'Ordinateur fixe');
    const firstItem = await tabTo(page, /./, { maxPresses: 1 });
    expect(firstItem.tag).toBe('input');
    await page.keyboard.press('Space');
    const chosen = page.locator('.what-step__chosen');
    await chosen.waitFor();
    // The list folded away with the focused radio button: the focus follows to what replaced it.
    expect(await chosen.evaluate((element) => element === (globalThis as unknown as BrowserGlobals).document.activeElement)).toBe(true);
    // Changing the item brings the list back, with the focus on its first field; then the first item again.
    await tabTo(page, /^Changer de matériel$/, { maxPresses: 1 });
    await page.keyboard.press('Enter');
    await chosen.waitFor({ state: 'detached' });
    expect((await focused(page)).name).toBe('Salle');
    await tabTo(page, /^Type de matériel$/);
    expect((await tabTo(page, /./, { maxPresses: 1 })).name).toBe(firstItem.name);
    await page.keyboard.press('Space');
    await chosen.waitFor();
    const chosenText = (await chosen.textContent())!;
    await checkpoint(page, 'incidents-13-keyboard-what');
    await tabTo(page, /^Continuer$/);
    await page.keyboard.press('Enter');

    // 2. The problem: the focus starts at the step's heading.
    await page.getByRole('heading', { name: 'Étape 2 sur 3 : Le problème' }).waitFor();
    expect((await focused(page)).name).toBe('Étape 2 sur 3 : Le problème');
    await tabTo(page, /^En une phrase, que se passe-t-il \?/);
    await page.keyboard.type('Le clavier ne répond plus');
    await tabTo(page, /^Détails/);
    await page.keyboard.type('Aucune touche ne marche, même après redémarrage.');
    await checkpoint(page, 'incidents-14-keyboard-problem');
    await tabTo(page, /^Continuer$/);
    await page.keyboard.press('Enter');

    // 3. The urgency, with the arrow keys in each group of choices.
    await page.getByRole('heading', { name: 'Étape 3 sur 3 : L’urgence' }).waitFor();
    expect((await focused(page)).name).toBe('Étape 3 sur 3 : L’urgence');
    await tabTo(page, /./, { maxPresses: 1 });
    await arrowToRadio(page, /^Une seule personne/);
    await tabTo(page, /./, { maxPresses: 1 });
    await arrowToRadio(page, /^Non, cela peut attendre/);
    await checkpoint(page, 'incidents-15-keyboard-impact');
    await tabTo(page, /^Envoyer le signalement$/);
    await page.keyboard.press('Enter');

    // Confirmation, with the focus at the start of its content.
    await page.waitForURL(/\/signaler\/envoye\/\d+$/);
    await h1(page).filter({ hasText: 'Signalement envoyé' }).waitFor();
    expect((await focused(page)).id).toBe('main-content');
    const reference = (await page.locator('.report-sent__code').textContent())!.trim();
    await checkpoint(page, 'incidents-16-keyboard-sent');
    const filed = await api<TicketDetail>(`/tickets/${(await api<ListPage<Ticket>>(`/tickets?q=${reference}`)).items[0]!.id}`);
    expect(filed.title).toBe('Le clavier ne répond plus');
    expect(chosenText).toContain(filed.equipment!.assetTag);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  test('a teacher of another school who opens the ticket’s address is told it does not exist, and the API answered 404', async () => {
    const teacherApi = await apiSignIn('enseignant');
    const ticket = await api<TicketDetail>(
      '/tickets',
      { method: 'POST', body: JSON.stringify({ schoolId: school.id, category: 'network', title: 'Plus de wifi en salle des maîtres', impact: 'whole_school', urgency: 'low' }) },
      teacherApi,
    );
    const schools = await api<ListPage<SchoolView>>('/schools?pageSize=5');
    const otherSchool = schools.items.find((candidate) => candidate.id !== school.id)!;
    await api(
      '/users',
      {
        method: 'POST',
        body: JSON.stringify({
          username: 'enseignant.ailleurs',
          displayName: 'Enseignant d’une autre école',
          password: DEMO_PASSWORD,
          memberships: [{ role: 'teacher', organisationId: otherSchool.id }],
        }),
      },
      await apiSignIn('admin'),
    );

    const { page, problems } = await openSignedIn('phone', 'enseignant.ailleurs');
    const answer = page.waitForResponse((response) => new URL(response.url()).pathname === `/api/v1/tickets/${ticket.id}`);
    await page.goto(`${baseUrl}/incidents/${ticket.id}`);
    expect((await answer).status()).toBe(404);
    const alert = page.getByRole('alert').filter({ hasText: 'Cette fiche n’existe pas ou plus' });
    await alert.waitFor();
    // Asking again would change nothing: the way out is home, not a retry.
    expect(await alert.getByRole('button', { name: 'Réessayer' }).count()).toBe(0);
    const shown = await page.locator('body').innerText();
    for (const secret of [ticket.title, ticket.reference, school.name]) expect(shown).not.toContain(secret);
    expect(await page.title()).not.toContain(ticket.reference);
    await shoot(page, '17-phone-outsider');
    // Home is the teacher's own first page.
    await alert.getByRole('link', { name: 'Retour à l’accueil' }).click();
    await page.waitForURL(/\/mes-signalements$/);
    expect(problems.filter((problem) => !problem.includes('404'))).toEqual([]);
    await page.close();
  }, 60_000);

  it('brings the teacher back to her unfinished report when the session expired as she sent it', async () => {
    const item = items[0]!;
    const { page, problems } = await openSignedIn('phone', 'enseignant');
    await page.goto(`${baseUrl}/r/${encodeURIComponent(item.assetTag)}`);
    await page.getByRole('heading', { name: 'Étape 1 sur 3 : Quoi' }).waitFor();
    await page.locator('.what-step__chosen').waitFor();
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.getByRole('heading', { name: 'Étape 2 sur 3 : Le problème' }).waitFor();
    await page.getByLabel('En une phrase, que se passe-t-il ?').fill('Le clavier ne répond plus');
    await page.getByLabel('Détails').fill('Aucune touche ne marche depuis ce matin.');
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.getByRole('heading', { name: 'Étape 3 sur 3 : L’urgence' }).waitFor();
    await page.getByRole('radio', { name: 'Une classe' }).check();
    await page.getByRole('radio', { name: 'Non, cela peut attendre' }).check();
    await page.getByLabel('Quand un technicien peut-il passer ?').fill('Le vendredi matin');

    // The session ends on the server's side while she writes.
    await page.context().clearCookies();
    await page.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await page.waitForURL(/\/connexion/);
    await page.getByLabel('Identifiant ou adresse e-mail').fill('enseignant');
    await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();

    await page.getByRole('heading', { name: 'Étape 3 sur 3 : L’urgence' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Votre signalement en cours a été repris' }).waitFor();
    expect(await page.getByRole('radio', { name: 'Une classe' }).isChecked()).toBe(true);
    expect(await page.getByLabel('Quand un technicien peut-il passer ?').inputValue()).toBe('Le vendredi matin');
    await page.getByRole('button', { name: 'Retour' }).click();
    expect(await page.getByLabel('En une phrase, que se passe-t-il ?').inputValue()).toBe('Le clavier ne répond plus');
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await page.waitForURL(/\/signaler\/envoye\/\d+$/);

    // Filed: the next report starts empty.
    await page.goto(`${baseUrl}/r/${encodeURIComponent(item.assetTag)}`);
    await page.locator('.what-step__chosen').waitFor();
    await page.getByRole('button', { name: 'Continuer' }).click();
    expect(await page.getByLabel('En une phrase, que se passe-t-il ?').inputValue()).toBe('');
    expect(await page.getByText('Votre signalement en cours a été repris').count()).toBe(0);
    // The refused request and the expired session are expected; nothing else went wrong.
    expect(problems.filter((problem) => !/40[13]/.test(problem))).toEqual([]);
    await page.close();
  }, 60_000);

  /**
   * A teacher fills in a report on a phone and sends it; it reaches the server, but its answer
   * never comes back (the school's Wi-Fi drops). Left on the form, with the error shown.
   */
  async function sendWithAnswerLost(title: string, details: string) {
    const signedIn = await openSignedIn('phone', 'enseignant');
    const { page } = signedIn;
    await page.goto(`${baseUrl}/r/${encodeURIComponent(items[1]!.assetTag)}`);
    await page.locator('.what-step__chosen').waitFor();
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.getByLabel('En une phrase, que se passe-t-il ?').fill(title);
    await page.getByLabel('Détails').fill(details);
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.getByRole('radio', { name: 'Une classe' }).check();
    await page.getByRole('radio', { name: 'Non, cela peut attendre' }).check();
    await page.route('**/api/v1/tickets', async (route) => {
      await route.fetch();
      await route.abort('connectionreset');
    });
    await page.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await page.getByRole('alert').filter({ hasText: /connexion|réseau|serveur/i }).waitFor();
    await page.unroute('**/api/v1/tickets');
    return signedIn;
  }

  const filedWithTitle = async (title: string) => (await api<ListPage<Ticket>>(`/tickets?schoolId=${school.id}&q=${encodeURIComponent(title)}&pageSize=10`)).items;

  it('files a report once when the answer to its send was lost and the teacher edited it before sending again', async () => {
    const title = `Écran noir ${Date.now()}`;
    const { page, problems } = await sendWithAnswerLost(title, 'Rien ne s’affiche.');

    // She adds a detail and sends again: the report filed first is the one she lands on, told her edit is not in it.
    await page.getByRole('button', { name: 'Retour' }).click();
    await page.getByLabel('Détails').fill('Rien ne s’affiche, même après redémarrage.');
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await page.waitForURL(/\/signaler\/envoye\/\d+\?envoi=precedent$/);
    await page.getByRole('alert').filter({ hasText: 'Un envoi précédent de ce signalement était bien arrivé' }).waitFor();

    const filed = await filedWithTitle(title);
    expect(filed.map((ticket) => ticket.title)).toEqual([title]);
    expect((await api<TicketDetail>(`/tickets/${filed[0]!.id}`)).description).toBe('Rien ne s’affiche.');
    // The lost answer and the refused second version are expected; nothing else went wrong.
    expect(problems.filter((problem) => !/ERR_CONNECTION_RESET|422|Failed to fetch/.test(problem))).toEqual([]);
    await page.close();
  }, 60_000);

  it('files a report once when the answer to its send was lost and the page was reloaded before sending again', async () => {
    const title = `Clavier muet ${Date.now()}`;
    const { page, problems } = await sendWithAnswerLost(title, 'Aucune touche ne répond.');

    // Reloaded (or the phone put the tab away): the report comes back with its submission, and is not filed twice.
    await page.reload();
    await page.getByRole('status').filter({ hasText: 'Votre signalement en cours a été repris' }).waitFor();
    await page.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await page.waitForURL(/\/signaler\/envoye\/\d+$/);

    expect((await filedWithTitle(title)).map((ticket) => ticket.title)).toEqual([title]);
    expect(problems.filter((problem) => !/ERR_CONNECTION_RESET|Failed to fetch/.test(problem))).toEqual([]);
    await page.close();
  }, 60_000);

  test(`the report page's first load stays within ${FIRST_LOAD_JS_BUDGET_BYTES / 1024} KB of gzipped JavaScript, without the live-events client`, async () => {
    const { page } = await openSignedIn('phone', 'enseignant');
    const firstLoad = watchFirstLoad(page, '/signaler');
    await page.goto(`${baseUrl}/signaler`);
    await page.getByRole('radio', { name: /^Un matériel de l’école/ }).waitFor();
    const { scripts, gzippedBytes } = await firstLoad();
    expect(scripts.length).toBeGreaterThan(0);
    expect(gzippedBytes).toBeLessThan(FIRST_LOAD_JS_BUDGET_BYTES);
    // The report page has no live updates: Socket.IO's client stays on the server.
    const socketRequests = await page.evaluate(() => performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/socket.io/')).length);
    expect(socketRequests).toBe(0);
    await page.close();
  });
});
