import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { Academy, Circonscription, Commune, Equipment, EntSubscriptionList, SchoolView, TicketDetail, User } from '@preau/shared';
import { makeUai } from '../support/factories';
import { apiRequest, signIn, type ApiSession } from './support/api-session';
import { startAppServer, type AppServer } from './support/app-server';
import { describeInBrowser, launchChromium } from './support/browser';
import { checkpoint } from './support/checkpoint';
import { h1, newPage, type OpenedPage } from './support/pages';

/**
 * A commune of its own, built through the API: two schools, incidents reported today, items bought
 * this quarter on the commune's budget and on a State programme, ENT subscriptions of this school
 * year. Its city manager (a new account, so the demo commune stays out of the scope) reads the
 * report of the current quarter, downloads it, and keeps the ENT subscriptions.
 */
const MANAGER = { username: 'resp-copil', password: 'comite-de-pilotage-e2e' };
const COMMUNE = 'Commune-du-Copil';
const PROGRAMME = 'Plan numérique des écoles 2026';

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
const year = Number(today.slice(0, 4));
const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
const schoolYear = Number(today.slice(5, 7)) >= 9 ? year : year - 1;
const QUARTER_LABELS = ['1er trimestre (janvier – mars)', '2e trimestre (avril – juin)', '3e trimestre (juillet – septembre)', '4e trimestre (octobre – décembre)'];

/** Bought today: in the quarter whatever the day. */
const PURCHASES = [
  { kind: 'laptop', funding: 'commune', price: 89900 },
  { kind: 'tablet', funding: 'state_subsidy', price: 40000, subsidy: 20000 },
  { kind: 'tablet', funding: 'state_subsidy', price: 40000, subsidy: 20000 },
] as const;

const fold = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
const euros = (cents: number) => fold(new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100));

describeInBrowser('The steering committee report in Chromium', () => {
  let server: AppServer;
  let baseUrl: string;
  let browser: Browser;
  let admin: ApiSession;
  let commune: Commune;
  const schools: SchoolView[] = [];
  const tickets: TicketDetail[] = [];

  const post = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body) });
  const api = <T>(pathAndQuery: string, init: RequestInit = {}) => apiRequest<T>(baseUrl, admin, pathAndQuery, init);

  beforeAll(async () => {
    server = await startAppServer();
    ({ baseUrl } = server);
    admin = await signIn(baseUrl, 'admin');
    const academy = await api<Academy>('/academies', post({ code: 'acad-copil-e2e', name: 'Académie du comité de pilotage' }));
    const circonscription = await api<Circonscription>('/circonscriptions', post({ name: 'Circonscription du Copil', academyId: academy.id }));
    commune = await api<Commune>('/communes', post({ name: COMMUNE, inseeCode: null, academyId: academy.id }));
    for (const name of ['École élémentaire Copil Les Badamiers', 'École maternelle Copil Les Songes']) {
      schools.push(await api<SchoolView>('/schools', post({ uai: makeUai('976'), name, type: 'EP', communeId: commune.id, circonscriptionId: circonscription.id })));
    }
    for (const [index, item] of PURCHASES.entries()) {
      await api<Equipment>(
        '/equipment',
        post({
          kind: item.kind,
          assetTag: `COPIL-${index + 1}`,
          schoolId: schools[0]!.id,
          purchaseDate: today,
          purchasePriceCents: item.price,
          funding: item.funding,
          ...(item.funding === 'state_subsidy' ? { fundingProgramme: PROGRAMME, fundingAmountCents: item.subsidy } : {}),
        }),
      );
    }
    await api<User>('/users', post({ username: MANAGER.username, displayName: 'Odile Copil (responsable informatique)', password: MANAGER.password, memberships: [{ role: 'city_manager', organisationId: commune.id }] }));
    const manager = await signIn(baseUrl, MANAGER.username, MANAGER.password);
    const report = (schoolId: number, title: string, category: string) =>
      apiRequest<TicketDetail>(baseUrl, manager, '/tickets', post({ schoolId, category, title, impact: 'one_class', urgency: 'low' }));
    tickets.push(await report(schools[0]!.id, 'Le vidéoprojecteur de la classe de CE1 s’éteint', 'hardware'));
    tickets.push(await report(schools[0]!.id, 'Le wifi ne passe plus en salle informatique', 'network'));
    tickets.push(await report(schools[1]!.id, 'L’ENT refuse le mot de passe de la directrice', 'ent'));
    // The first school subscribes to the ENT this school year at the default 50 EUR.
    await apiRequest<EntSubscriptionList>(baseUrl, manager, `/communes/${commune.id}/ent-subscriptions/${schoolYear}`, { method: 'PUT', body: JSON.stringify({ schools: [{ schoolId: schools[0]!.id }] }) });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openAsManager(): Promise<OpenedPage> {
    const opened = await newPage(browser, 'desktop');
    const session = await signIn(baseUrl, MANAGER.username, MANAGER.password);
    await opened.page.context().addCookies(session.cookies.map((cookie) => ({ ...cookie, url: baseUrl })));
    return opened;
  }
  const shoot = (page: Page, step: string) => checkpoint(page, `steering-report-${step}`);

  async function tableRows(page: Page, caption: string): Promise<string[][]> {
    return page
      .getByRole('table', { name: caption })
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((row) => Array.from((row as unknown as { children: ArrayLike<{ innerText: string }> }).children, (cell) => cell.innerText.replace(/\s+/g, ' ').trim())));
  }
  async function figure(page: Page, label: string): Promise<string> {
    return fold(await page.locator('.figure').filter({ has: page.locator('dt', { hasText: label }) }).locator('dd').innerText());
  }

  test('the city manager opens Pilotage, picks this quarter, reads the figures and downloads the PDF and the CSV', async () => {
    const { page, problems } = await openAsManager();
    await page.goto(`${baseUrl}/accueil`);
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Pilotage' }).click();
    await page.waitForURL(/\/pilotage$/);
    await h1(page).filter({ hasText: 'Rapport du comité de pilotage' }).waitFor();
    await page.getByRole('heading', { level: 2, name: `En bref : ${COMMUNE}` }).waitFor();

    // This quarter, chosen in the form and sent: the address says it.
    await page.getByRole('radio', { name: 'Un trimestre' }).check();
    await page.getByLabel('Trimestre', { exact: true }).selectOption({ label: QUARTER_LABELS[quarter - 1]! });
    await page.getByLabel('Année', { exact: true }).selectOption(String(year));
    await page.getByRole('button', { name: 'Afficher le rapport' }).click();
    await page.waitForURL((url) => url.searchParams.get('periode') === `${year}-Q${quarter}`);
    await page.getByText(/^Du \d+ \S+ \d{4} au \d+ \S+ \d{4}\./).waitFor();
    await page.locator('.figure dd').first().filter({ hasText: String(tickets.length) }).waitFor();

    expect(await figure(page, 'Incidents signalés')).toBe(String(tickets.length));
    const spent = PURCHASES.reduce((sum, item) => sum + item.price, 0);
    expect(await figure(page, 'Dépenses de la période')).toBe(euros(spent));
    // All reported today at level 1, none answered yet.
    expect(await tableRows(page, 'Incidents par niveau de support')).toEqual([
      ['Niveau 1', String(tickets.filter((t) => t.level === 1).length)],
      ['Niveau 2', String(tickets.filter((t) => t.level === 2).length)],
      ['Niveau 3', String(tickets.filter((t) => t.level === 3).length)],
    ]);
    expect(await tableRows(page, 'Incidents par école')).toEqual([
      [schools[0]!.name, schools[0]!.uai, '2'],
      [schools[1]!.name, schools[1]!.uai, '1'],
    ]);
    const subsidised = PURCHASES.filter((item) => item.funding === 'state_subsidy');
    const stateShare = subsidised.reduce((sum, item) => sum + item.subsidy, 0);
    const programmeTotal = subsidised.reduce((sum, item) => sum + item.price, 0);
    expect(await tableRows(page, 'Budget communal et subventions de l’État, par programme')).toEqual([
      ['Budget de la commune', '1', '0', euros(89900), euros(0), euros(89900)],
      [PROGRAMME, String(subsidised.length), '0', euros(programmeTotal), euros(stateShare), euros(programmeTotal - stateShare)],
    ]);
    expect(await tableRows(page, 'Abonnements à l’ENT par année scolaire')).toEqual([[`${schoolYear}-${schoolYear + 1}`, '1', euros(5000)]]);

    // The chart of incidents by category is drawn, named, and its data is a table away.
    const categoryPanel = page.locator('.chart-panel', { has: page.getByRole('heading', { name: 'Incidents par catégorie' }) });
    await categoryPanel.getByRole('img').locator('svg').waitFor();
    await categoryPanel.locator('summary').click();
    expect((await tableRows(page, 'Incidents par catégorie')).map((row) => row[1])).toEqual(['1', '1', '1']);
    await shoot(page, '01-quarter');

    // Downloads, under the server's file names.
    const fileName = `rapport-copil-commune-commune-du-copil-${year}-Q${quarter}`;
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'PDF à imprimer' }).click()]);
    expect(pdf.suggestedFilename()).toBe(`${fileName}.pdf`);
    expect(fs.readFileSync((await pdf.path())!).subarray(0, 5).toString()).toBe('%PDF-');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Fichier CSV' }).click()]);
    expect(csv.suggestedFilename()).toBe(`${fileName}.csv`);
    const text = fs.readFileSync((await csv.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain(`Périmètre;Commune : ${COMMUNE}`);
    expect(text).toContain(`Subvention de l’État;${PROGRAMME};2;0;800,00;400,00;400,00`);
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  test('a scope picked and not sent yet stays picked while the period is changed, then is sent with it', async () => {
    const { page, problems } = await openAsManager();
    await page.goto(`${baseUrl}/pilotage`);
    await page.getByRole('heading', { level: 2, name: `En bref : ${COMMUNE}` }).waitFor();
    const scope = page.getByLabel('Périmètre', { exact: true });
    await scope.selectOption({ label: COMMUNE });
    // The form redraws for the dates: the pick is still there.
    await page.getByRole('radio', { name: 'Des dates' }).check();
    await page.getByLabel('Du', { exact: true }).waitFor();
    await page.getByRole('radio', { name: 'Un trimestre' }).check();
    expect(await scope.locator('option:checked').innerText()).toBe(COMMUNE);
    await page.getByRole('button', { name: 'Afficher le rapport' }).click();
    await page.waitForURL((url) => url.searchParams.get('commune') === String(commune.id));
    expect(await scope.locator('option:checked').innerText()).toBe(COMMUNE);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  test('a period the server refuses is shown on its field', async () => {
    const { page } = await openAsManager();
    await page.goto(`${baseUrl}/pilotage?du=2020-01-01&au=2024-01-01`);
    await page.getByText('Un rapport couvre trois ans au plus.').waitFor();
    await page.getByRole('radio', { name: 'Des dates' }).waitFor();
    expect(await page.getByRole('radio', { name: 'Des dates' }).isChecked()).toBe(true);
    await page.close();
  }, 60_000);

  test('the ENT subscriptions: tick a school, change a cost, see the total, save', async () => {
    const { page, problems } = await openAsManager();
    await page.goto(`${baseUrl}/pilotage`);
    await page.getByRole('link', { name: 'Gérer les abonnements' }).click();
    await page.waitForURL(/\/abonnements-ent$/);
    await h1(page).filter({ hasText: 'Abonnements à l’ENT' }).waitFor();
    const caption = `Écoles de la commune et leur abonnement en ${schoolYear}-${schoolYear + 1}`;
    await page.getByRole('table', { name: caption }).waitFor();
    expect(fold(await page.getByTestId('ent-total').innerText())).toBe(euros(5000));

    await page.getByRole('checkbox', { name: `Abonnée : ${schools[1]!.name}` }).check();
    await page.getByLabel(`Coût annuel pour ${schools[1]!.name}, en euros`).fill('42,50');
    expect(fold(await page.getByTestId('ent-total').innerText())).toBe(euros(9250));
    await page.getByRole('button', { name: 'Enregistrer les abonnements' }).click();
    await page.getByText(`Abonnements enregistrés : 2 écoles, ${euros(9250)}.`).waitFor();
    const saved = await apiRequest<EntSubscriptionList>(baseUrl, admin, `/ent-subscriptions?schoolYear=${schoolYear}&communeId=${commune.id}`);
    expect(saved.items.map((item) => [item.schoolId, item.costCents]).sort((a, b) => a[0]! - b[0]!)).toEqual([
      [schools[0]!.id, 5000],
      [schools[1]!.id, 4250],
    ]);
    await shoot(page, '02-ent-subscriptions');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
