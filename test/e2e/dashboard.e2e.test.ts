import type { Browser, Page } from 'playwright-core';
import type {
  Academy,
  BaseRequirement,
  Circonscription,
  Commune,
  Equipment,
  EquipmentKind,
  EquipmentLifetimes,
  EquipmentStatus,
  FleetDashboard,
  MobileClassPlan,
  Room,
  RoomUse,
  SchoolView,
  TicketDetail,
  User,
} from '@preau/shared';
import { makeUai } from '../support/factories';
import { apiRequest, signIn, type ApiSession } from './support/api-session';
import { startAppServer, type AppServer } from './support/app-server';
import { describeInBrowser, launchChromium } from './support/browser';
import { checkpoint } from './support/checkpoint';
import { arrowToOption, focused, tabTo } from './support/keyboard';
import { h1, newPage, type OpenedPage, type ViewportName } from './support/pages';

/**
 * A commune of its own, built through the API: two schools whose rooms, equipment, tickets and
 * mobile-class plan make every figure of the dashboard known in advance. Its city manager (a new
 * account, so the demo commune stays out of the scope) reads the dashboard.
 */
interface ItemSpec {
  key: string;
  kind: EquipmentKind;
  status?: EquipmentStatus;
  room?: string;
  /** Key of the trolley holding it. */
  in?: string;
  purchaseDate?: string;
  warrantyEndsOn?: string;
}

interface SchoolSpec {
  key: 'filaos' | 'boisJoli';
  name: string;
  rooms: { name: string; use: RoomUse }[];
  items: ItemSpec[];
}

const MANAGER = { username: 'resp-tableau', password: 'tableau-de-bord-e2e' };

/** Today in Paris, as the server counts days, shifted by `days`. */
function parisDay(days = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const SCHOOLS: SchoolSpec[] = [
  {
    key: 'filaos',
    name: 'École élémentaire Tableau Les Filaos',
    rooms: [
      { name: 'Direction', use: 'direction' },
      { name: 'Secrétariat', use: 'secretariat' },
      { name: 'CP', use: 'classroom' },
      { name: 'Salle informatique', use: 'other' },
    ],
    items: [
      { key: 'directorDesktop', kind: 'desktop', room: 'Direction', purchaseDate: '2012-09-01' },
      { key: 'secretariatLaptop', kind: 'laptop', room: 'Secrétariat', purchaseDate: parisDay(-365) },
      { key: 'phone', kind: 'phone', room: 'Direction' },
      // Broken, but the school has it: repaired, not missing.
      { key: 'copier', kind: 'copier', status: 'broken', room: 'Secrétariat' },
      { key: 'router', kind: 'router', room: 'Salle informatique', warrantyEndsOn: parisDay(30) },
      { key: 'cpProjector', kind: 'projector', room: 'CP' },
      { key: 'cpLaptop', kind: 'laptop', room: 'CP', warrantyEndsOn: parisDay(200) },
      { key: 'trolley', kind: 'trolley', room: 'CP' },
      { key: 'tablet1', kind: 'tablet', in: 'trolley' },
      { key: 'tablet2', kind: 'tablet', in: 'trolley' },
    ],
  },
  {
    key: 'boisJoli',
    name: 'École primaire Tableau Bois-Joli',
    rooms: [
      { name: 'Bureau', use: 'direction' },
      { name: 'CM1', use: 'classroom' },
    ],
    items: [
      { key: 'oldDesktop', kind: 'desktop', room: 'Bureau', purchaseDate: '2010-01-15' },
      { key: 'display', kind: 'interactive_display', status: 'in_repair', room: 'CM1' },
      { key: 'lostTablet', kind: 'tablet', status: 'lost' },
      { key: 'printer', kind: 'printer', status: 'in_stock', room: 'CM1' },
    ],
  },
];

/** What the fixture lacks of the base equipment, by design (DOMAIN.md, the 2021 national plan). */
const MISSING: Record<SchoolSpec['key'], { requirement: BaseRequirement; room: string | null }[]> = {
  filaos: [],
  boisJoli: [
    { requirement: 'secretariat_computer', room: null },
    { requirement: 'telephone', room: null },
    { requirement: 'copier', room: null },
    { requirement: 'internet', room: null },
    { requirement: 'teacher_laptop', room: 'CM1' },
  ],
};

const REQUIREMENT_WORDS: Record<BaseRequirement, string> = {
  director_computer: 'Ordinateur de la direction',
  secretariat_computer: 'Ordinateur du secrétariat',
  telephone: 'Téléphone',
  copier: 'Copieur multifonction',
  internet: 'Accès à internet',
  class_display: 'Affichage en classe (vidéoprojecteur ou écran interactif)',
  teacher_laptop: 'Ordinateur portable de l’enseignant',
};

const KIND_PLURALS: Partial<Record<EquipmentKind, string>> = {
  desktop: 'Ordinateurs fixes',
  laptop: 'Ordinateurs portables',
  tablet: 'Tablettes',
  trolley: 'Classes mobiles',
  projector: 'Vidéoprojecteurs',
  interactive_display: 'Tableaux ou écrans interactifs',
  copier: 'Copieurs multifonctions',
  printer: 'Imprimantes',
  phone: 'Téléphones',
  router: 'Routeurs',
};
const STATUS_WORDS: Record<EquipmentStatus, string> = {
  in_service: 'En service',
  broken: 'En panne',
  in_repair: 'En réparation',
  in_stock: 'En stock',
  retired: 'Réformé',
  lost: 'Perdu ou volé',
};

const PLAN = { trolleysPlanned: 2, tabletsPerTrolley: 2, dueOn: '2027-06-30', programme: 'Plan numérique 2027' };

const fold = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
/** As the page shows it, its narrow no-break space folded like the page's text. */
const percentFr = (share: number) => fold(new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 }).format(share));

describeInBrowser('The fleet dashboard in Chromium', () => {
  let server: AppServer;
  let baseUrl: string;
  let browser: Browser;
  let admin: ApiSession;

  let commune: Commune;
  const schools = {} as Record<SchoolSpec['key'], SchoolView>;
  const items = new Map<string, Equipment>();
  /** The open tickets, as the API answered once the fixture was complete. */
  let tickets: TicketDetail[] = [];

  beforeAll(async () => {
    server = await startAppServer();
    ({ baseUrl } = server);
    admin = await signIn(baseUrl, 'admin');

    const academy = await api<Academy>('/academies', post({ code: 'acad-tableau-e2e', name: 'Académie du tableau de bord' }));
    const circonscription = await api<Circonscription>('/circonscriptions', post({ name: 'Circonscription du Tableau', academyId: academy.id }));
    commune = await api<Commune>('/communes', post({ name: 'Commune-du-Tableau', inseeCode: null, academyId: academy.id }));

    for (const spec of SCHOOLS) {
      const school = await api<SchoolView>(
        '/schools',
        post({ uai: makeUai('976'), name: spec.name, type: 'EP', communeId: commune.id, circonscriptionId: circonscription.id }),
      );
      schools[spec.key] = school;
      const rooms = new Map<string, Room>();
      for (const room of spec.rooms) rooms.set(room.name, await api<Room>('/rooms', post({ schoolId: school.id, name: room.name, use: room.use })));
      for (const [index, item] of spec.items.entries()) {
        const container = item.in ? items.get(item.in)! : null;
        const created = await api<Equipment>(
          '/equipment',
          post({
            kind: item.kind,
            status: item.status ?? 'in_service',
            assetTag: `TDB-${spec.key.toUpperCase()}-${index + 1}`,
            schoolId: school.id,
            roomId: item.room ? rooms.get(item.room)!.id : null,
            containerId: container?.id ?? null,
            purchaseDate: item.purchaseDate ?? null,
            warrantyEndsOn: item.warrantyEndsOn ?? null,
          }),
        );
        items.set(item.key, created);
      }
    }
    await api<MobileClassPlan>(`/schools/${schools.filaos.id}/mobile-class-plan`, put({ ...PLAN }));

    await api<User>(
      '/users',
      post({
        username: MANAGER.username,
        displayName: 'Chantal Tableau (responsable informatique)',
        password: MANAGER.password,
        memberships: [{ role: 'city_manager', organisationId: commune.id }],
      }),
    );
    const manager = await signIn(baseUrl, MANAGER.username, MANAGER.password);
    const report = (schoolId: number, title: string, category: string) =>
      apiRequest<TicketDetail>(baseUrl, manager, '/tickets', post({ schoolId, category, title, impact: 'one_class', urgency: 'low' }));
    const first = await report(schools.filaos.id, 'Le vidéoprojecteur du CP clignote', 'hardware');
    const second = await report(schools.filaos.id, 'Plus d’accès au wifi en salle informatique', 'network');
    await report(schools.boisJoli.id, 'Le tableau interactif ne s’allume plus', 'hardware');
    // One goes up a level, so the levels differ (an administrator holds every ticket).
    await api(`/tickets/${second.id}/escalate`, post({ version: second.version, note: 'Borne wifi en panne, à remplacer par la commune.' }));
    tickets = await Promise.all([first.id, second.id].map((id) => api<TicketDetail>(`/tickets/${id}`)));
    tickets.push(...(await apiRequest<{ items: TicketDetail[] }>(baseUrl, admin, `/tickets?schoolId=${schools.boisJoli.id}`)).items);

    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  function post(body: unknown): RequestInit {
    return { method: 'POST', body: JSON.stringify(body) };
  }
  function put(body: unknown): RequestInit {
    return { method: 'PUT', body: JSON.stringify(body) };
  }
  const api = <T>(pathAndQuery: string, init: RequestInit = {}) => apiRequest<T>(baseUrl, admin, pathAndQuery, init);

  async function openAs(viewport: ViewportName, username: string, password?: string): Promise<OpenedPage> {
    const opened = await newPage(browser, viewport);
    const session = await signIn(baseUrl, username, password);
    await opened.page.context().addCookies(session.cookies.map((cookie) => ({ ...cookie, url: baseUrl })));
    return opened;
  }
  const openAsManager = (viewport: ViewportName = 'desktop') => openAs(viewport, MANAGER.username, MANAGER.password);
  const shoot = (page: Page, step: string) => checkpoint(page, `dashboard-${step}`);

  // Figures from the fixture, counted here rather than read from the API.
  const allItems = () => SCHOOLS.flatMap((spec) => spec.items.map((item) => ({ ...item, school: spec.key, status: item.status ?? 'in_service' })));
  const countItems = (keep: (item: ReturnType<typeof allItems>[number]) => boolean, school?: SchoolSpec['key']) =>
    allItems().filter((item) => (school === undefined || item.school === school) && keep(item)).length;
  const openAt = (level: number, schoolId?: number) => tickets.filter((ticket) => ticket.level === level && (schoolId === undefined || ticket.school.id === schoolId)).length;

  async function headline(page: Page, label: string): Promise<string> {
    const figure = page.locator('.figure').filter({ has: page.locator('dt', { hasText: label }) });
    return fold(await figure.locator('dd').innerText());
  }

  async function tableRows(page: Page, caption: string): Promise<string[][]> {
    const table = page.getByRole('table', { name: caption });
    return table.locator('tbody tr').evaluateAll((rows) =>
      rows.map((row) => Array.from((row as unknown as { children: ArrayLike<{ innerText: string }> }).children, (cell) => cell.innerText.replace(/\s+/g, ' ').trim())),
    );
  }

  const schoolRow = (page: Page, school: SchoolView) =>
    page.getByRole('table', { name: 'Le parc école par école' }).locator('tbody tr', { has: page.getByRole('link', { name: school.name, exact: true }) });

  test('the city manager opens the dashboard from the menu: key figures, charts with their data tables, and each school’s row as the fixture implies', async () => {
    const { page, problems } = await openAsManager();
    await page.goto(`${baseUrl}/accueil`);
    await h1(page).filter({ hasText: 'Mes écoles' }).waitFor();
    await shoot(page, '00-manager-home');
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Tableau de bord' }).click();
    await page.waitForURL(/\/tableau-de-bord$/);
    await h1(page).filter({ hasText: 'Tableau de bord du parc' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Chiffres clés : Commune-du-Tableau' }).waitFor();

    // Key figures.
    const total = allItems().length;
    const inService = countItems((item) => item.status === 'in_service');
    const pastRenewal = countItems((item) => item.status !== 'lost' && item.purchaseDate !== undefined && item.purchaseDate < '2020-01-01');
    const warrantiesEnding = countItems((item) => item.warrantyEndsOn !== undefined && item.warrantyEndsOn <= parisDay(90));
    const lost = countItems((item) => item.status === 'lost');
    expect([total, inService, pastRenewal, warrantiesEnding, lost]).toEqual([14, 10, 2, 1, 1]);
    expect(await headline(page, 'Écoles avec tout l’équipement de base')).toBe('1 sur 2');
    expect(await headline(page, 'Matériel en service')).toBe(`${percentFr(inService / total)} ${inService} sur ${total} matériels`);
    expect(await headline(page, 'Incidents en cours')).toBe(`${tickets.length} niveau 1 : ${openAt(1)} · niveau 2 : ${openAt(2)} · niveau 3 : ${openAt(3)}`);
    expect(openAt(2)).toBe(1);
    expect(await headline(page, 'Matériels à renouveler')).toBe(String(pastRenewal));
    expect(await headline(page, 'Garanties finissant dans les 90 jours')).toBe(String(warrantiesEnding));
    expect(await headline(page, 'Matériels perdus ou volés')).toBe(String(lost));
    // One trolley delivered, holding both tablets it should, in service.
    expect(await headline(page, 'Classes mobiles prévues')).toBe(`${PLAN.trolleysPlanned} 1 livrée · 1 complète`);
    expect((await page.locator('.figure dt').first().textContent())?.trim()).toBe('Écoles');
    expect(fold(await page.locator('.figure').first().locator('dd').textContent())).toBe('2');
    await shoot(page, '01-key-figures');

    // The items chart is drawn (SVG, named by ECharts' aria), and its table holds the fixture's counts.
    const kindPanel = page.locator('.chart-panel', { has: page.getByRole('heading', { name: 'Matériel par type et par état' }) });
    const chart = kindPanel.getByRole('img', { name: /Graphique en barres empilées/ });
    await chart.waitFor();
    expect(await chart.locator('svg path').count()).toBeGreaterThan(5);
    // Every state present has its legend entry, in words.
    const statuses = [...new Set(allItems().map((item) => item.status))];
    for (const status of statuses) expect(await chart.locator('svg text', { hasText: STATUS_WORDS[status] }).count()).toBeGreaterThan(0);
    await kindPanel.locator('summary').click();
    const rows = await tableRows(page, 'Nombre de matériels par type et par état');
    const statusOrder: EquipmentStatus[] = ['in_service', 'broken', 'in_repair', 'in_stock', 'retired', 'lost'];
    const shownStatuses = statusOrder.filter((status) => statuses.includes(status));
    const header = await page.getByRole('table', { name: 'Nombre de matériels par type et par état' }).locator('thead th').allTextContents();
    expect(header.map(fold)).toEqual(['Type de matériel', ...shownStatuses.map((status) => STATUS_WORDS[status]), 'Total']);
    const kinds = [...new Set(allItems().map((item) => item.kind))];
    expect(rows).toHaveLength(kinds.length);
    for (const kind of kinds) {
      const row = rows.find((cells) => cells[0] === KIND_PLURALS[kind]);
      expect(row).toBeDefined();
      const expected = shownStatuses.map((status) => String(countItems((item) => item.kind === kind && item.status === status)));
      expect(row!.slice(1)).toEqual([...expected, String(countItems((item) => item.kind === kind))]);
    }

    // Incidents by level: chart and table.
    const levelPanel = page.locator('.chart-panel', { has: page.getByRole('heading', { name: 'Incidents en cours par niveau de support' }) });
    await levelPanel.getByRole('img').locator('svg').waitFor();
    await levelPanel.locator('summary').click();
    expect(await tableRows(page, 'Incidents en cours par niveau de support')).toEqual([1, 2, 3].map((level) => [`Niveau ${level}`, String(openAt(level))]));
    const agePanel = page.locator('.chart-panel', { has: page.getByRole('heading', { name: 'Incidents en cours par ancienneté' }) });
    await agePanel.locator('summary').click();
    // All were reported during this test.
    expect(await tableRows(page, 'Incidents en cours par temps écoulé depuis le signalement')).toEqual([
      ['Moins d’un jour', String(tickets.length)],
      ['De 1 à 7 jours', '0'],
      ['De 8 à 30 jours', '0'],
      ['Plus de 30 jours', '0'],
    ]);

    // Base equipment: how many schools lack each requirement.
    const basePanel = page.locator('.chart-panel', { has: page.getByRole('heading', { name: 'Équipement de base des écoles' }) });
    await basePanel.getByRole('img').locator('svg').waitFor();
    await basePanel.getByText('1 sur 2 écoles ont tout l’équipement de base').waitFor();
    await basePanel.locator('summary').click();
    const baseRows = await tableRows(page, 'Écoles équipées et écoles où il manque, équipement par équipement');
    const lacking = (requirement: BaseRequirement) => SCHOOLS.filter((spec) => MISSING[spec.key].some((missing) => missing.requirement === requirement)).length;
    expect(baseRows).toEqual(
      (Object.keys(REQUIREMENT_WORDS) as BaseRequirement[]).map((requirement) => [
        REQUIREMENT_WORDS[requirement],
        String(SCHOOLS.length - lacking(requirement)),
        String(lacking(requirement)),
      ]),
    );
    await shoot(page, '02-charts-and-data');

    // The schools table: Bois-Joli's row in full.
    const boisJoli = schools.boisJoli;
    const row = schoolRow(page, boisJoli);
    const cells = (await row.locator('td').allInnerTexts()).map(fold);
    const bjItems = countItems(() => true, 'boisJoli');
    const bjInService = countItems((item) => item.status === 'in_service', 'boisJoli');
    const bjTicket = tickets.find((ticket) => ticket.school.id === boisJoli.id)!;
    expect(cells[0]).toBe(`${percentFr(bjInService / bjItems)} ${bjInService} sur ${bjItems}`);
    expect(cells[1]).toBe(`1 N1 : ${openAt(1, boisJoli.id)} · N2 : ${openAt(2, boisJoli.id)} · N3 : ${openAt(3, boisJoli.id)}`);
    expect(cells[2]).toContain(bjTicket.reference);
    expect(await row.getByRole('link', { name: bjTicket.reference }).getAttribute('href')).toBe(`/incidents/${bjTicket.id}`);
    expect(cells.slice(3, 7)).toEqual(['1', '0', '1', 'Aucune']);
    const schoolWide = MISSING.boisJoli.filter((missing) => missing.room === null).map((missing) => REQUIREMENT_WORDS[missing.requirement]);
    expect(cells[7]).toBe(`Il manque : École : ${schoolWide.join(', ')} ${REQUIREMENT_WORDS.teacher_laptop}, en classe : CM1`);
    // Les Filaos: complete, one mobile class of two delivered, and its oldest report is the first one filed.
    const filaosCells = (await schoolRow(page, schools.filaos).locator('td').allInnerTexts()).map(fold);
    const oldest = tickets.filter((ticket) => ticket.school.id === schools.filaos.id).sort((a, b) => a.id - b.id)[0]!;
    expect(filaosCells[2]).toContain(oldest.reference);
    expect(filaosCells[6]).toBe('2 prévues, 1 livrée, 1 complète');
    expect(filaosCells[7]).toBe('Complet');

    // Sorting by open incidents, most first: Les Filaos (2) comes before Bois-Joli (1).
    await page.getByRole('button', { name: 'Incidents en cours' }).click();
    await page.waitForURL((url) => url.searchParams.get('tri') === '-openIncidents');
    const sortedHeader = page.getByRole('table', { name: 'Le parc école par école' }).getByRole('columnheader', { name: 'Incidents en cours' });
    expect(await sortedHeader.getAttribute('aria-sort')).toBe('descending');
    await page.getByRole('table', { name: 'Le parc école par école' }).locator('tbody tr').first().filter({ has: page.getByRole('link', { name: schools.filaos.name }) }).waitFor();
    const order = await page.getByRole('table', { name: 'Le parc école par école' }).locator('tbody th a').allTextContents();
    expect(order.map(fold)).toEqual([schools.filaos.name, schools.boisJoli.name]);

    // Searching by UAI keeps that school only, in the URL too.
    await page.getByLabel('Nom ou UAI de l’école').fill(boisJoli.uai);
    await page.waitForURL((url) => url.searchParams.get('q') === boisJoli.uai);
    await page.getByText(/^\s*1 école\s*$/).waitFor();
    expect((await page.getByRole('table', { name: 'Le parc école par école' }).locator('tbody th a').allTextContents()).map(fold)).toEqual([boisJoli.name]);
    await shoot(page, '03-schools-searched');

    // One click to the school's page, with its rooms' uses and no mobile-class plan yet.
    await row.getByRole('link', { name: boisJoli.name, exact: true }).click();
    await page.waitForURL(new RegExp(`/ecoles/${boisJoli.id}$`));
    await h1(page).filter({ hasText: boisJoli.name }).waitFor();
    await page.getByRole('table', { name: 'Salles de l’école et leur usage' }).waitFor();
    expect(await tableRows(page, 'Salles de l’école et leur usage')).toEqual([
      ['Bureau', 'Direction', '', 'Modifier : Bureau'],
      ['CM1', 'Salle de classe', '', 'Modifier : CM1'],
    ]);
    await page.getByRole('button', { name: 'Voir le plan de classes mobiles' }).click();
    await page.getByText('Aucune classe mobile n’est prévue pour cette école.').waitFor();
    await shoot(page, '04-school-page');
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  test('by keyboard only: the scope, a chart’s data, sorting and a school’s page', async () => {
    const { page, problems } = await openAsManager();
    await page.goto(`${baseUrl}/tableau-de-bord`);
    await page.getByRole('heading', { level: 2, name: 'Chiffres clés : Commune-du-Tableau' }).waitFor();

    // The scope: the commune itself, chosen with the arrow keys, goes to the URL.
    await tabTo(page, /^Périmètre/);
    await arrowToOption(page, 'Commune-du-Tableau');
    await page.waitForURL((url) => url.searchParams.get('commune') === String(commune.id));
    await page.getByRole('heading', { level: 2, name: 'Chiffres clés : Commune-du-Tableau' }).waitFor();
    expect(fold(await page.locator('.figure').first().locator('dd').innerText())).toBe(String(SCHOOLS.length));

    // A chart's figures open with Enter.
    await tabTo(page, /^Voir les données : Incidents en cours par niveau de support$/);
    await page.keyboard.press('Enter');
    await page.getByRole('table', { name: 'Incidents en cours par niveau de support' }).waitFor();
    expect(await tableRows(page, 'Incidents en cours par niveau de support')).toEqual([1, 2, 3].map((level) => [`Niveau ${level}`, String(openAt(level))]));
    await shoot(page, '05-keyboard-data-open');

    // Sorting from the column header, then a school's page from its link.
    await tabTo(page, /^À renouveler/, { maxPresses: 80 });
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('tri') === '-pastRenewalAge' && url.searchParams.get('commune') === String(commune.id));
    expect(await page.getByRole('table', { name: 'Le parc école par école' }).getByRole('columnheader', { name: /^À renouveler/ }).getAttribute('aria-sort')).toBe('descending');
    expect((await focused(page)).name).toMatch(/^À renouveler/);
    await tabTo(page, new RegExp(`^${schools.filaos.name}$`));
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/ecoles/${schools.filaos.id}$`));
    await h1(page).filter({ hasText: schools.filaos.name }).waitFor();
    // Les Filaos has its plan: the card shows it when asked.
    const plan = page.getByRole('region', { name: 'Classes mobiles' });
    await tabTo(page, /^Voir le plan de classes mobiles$/, { maxPresses: 80 });
    await page.keyboard.press('Enter');
    await plan.getByText(PLAN.programme).waitFor();
    expect(fold(await plan.locator('dl').innerText())).toBe(
      fold(`Classes mobiles prévues ${PLAN.trolleysPlanned} Tablettes par classe mobile ${PLAN.tabletsPerTrolley} Échéance 30 juin 2027 Programme de financement ${PLAN.programme}`),
    );
    await shoot(page, '06-school-with-plan');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  test('on a phone, the home page leads to the dashboard, whose figures and school rows fit the screen', async () => {
    const { page, problems } = await openAsManager('phone');
    await page.goto(`${baseUrl}/accueil`);
    await h1(page).filter({ hasText: 'Mes écoles' }).waitFor();
    await page.getByRole('link', { name: /^Voir le tableau de bord du parc/ }).click();
    await page.waitForURL(/\/tableau-de-bord$/);
    await page.getByRole('heading', { level: 2, name: 'Chiffres clés : Commune-du-Tableau' }).waitFor();
    await page.locator('.chart-panel [role="img"] svg').first().waitFor();
    expect(await headline(page, 'Écoles avec tout l’équipement de base')).toBe('1 sur 2');
    // Nothing but the tables' own scroll regions is wider than the screen.
    const overflow = await page.evaluate(() => {
      const { document } = globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } };
      return document.documentElement.scrollWidth - document.documentElement.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await shoot(page, '17-phone');
    expect(problems).toEqual([]);
    await page.close();
  });

  test('the demo ERUN reads their circonscription’s dashboard; a teacher has no link to it and is turned away at its address', async () => {
    const erun = await openAs('desktop', 'erun');
    const session = await apiRequest<{ user: { memberships: { organisationName: string | null }[] } }>(baseUrl, await signIn(baseUrl, 'erun'), '/auth/session');
    const circonscriptionName = session.user.memberships[0]!.organisationName!;
    await erun.page.goto(`${baseUrl}/tableau-de-bord`);
    await erun.page.getByRole('heading', { level: 2, name: `Chiffres clés : ${circonscriptionName}` }).waitFor();
    expect(await erun.page.getByLabel(/^Périmètre/).locator('option:checked').textContent()).toBe('Tout mon périmètre');
    expect((await erun.page.getByLabel(/^Périmètre/).locator('option').allTextContents()).slice(1)).toEqual([circonscriptionName]);
    await erun.page.locator('.chart-panel [role="img"] svg').first().waitFor();
    await shoot(erun.page, '14-erun-dashboard');
    // An ERUN reads the renewal ages, without changing them.
    await erun.page.getByRole('link', { name: 'Durées de renouvellement' }).click();
    await erun.page.getByRole('table', { name: 'Durée de renouvellement par type de matériel, en années' }).waitFor();
    expect(await erun.page.getByRole('button', { name: 'Enregistrer les durées' }).count()).toBe(0);
    await shoot(erun.page, '15-erun-settings');
    expect(erun.problems).toEqual([]);
    await erun.page.close();

    const teacher = await openAs('desktop', 'enseignant');
    await teacher.page.goto(`${baseUrl}/mes-signalements`);
    await h1(teacher.page).filter({ hasText: 'Mes signalements' }).waitFor();
    expect(await teacher.page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Tableau de bord' }).count()).toBe(0);
    await teacher.page.goto(`${baseUrl}/tableau-de-bord`);
    await teacher.page.waitForURL(/\/acces-refuse$/);
    await h1(teacher.page).waitFor();
    await shoot(teacher.page, '16-teacher-turned-away');
    expect(teacher.problems).toEqual([]);
    await teacher.page.close();
  });

  test('an administrator changes a renewal age (a wrong one is refused next to its field) and puts it back; a city manager only reads them', async () => {
    const { page, problems } = await openAs('desktop', 'admin');
    await page.goto(`${baseUrl}/tableau-de-bord`);
    await h1(page).filter({ hasText: 'Tableau de bord du parc' }).waitFor();
    await page.locator('.chart-panel [role="img"] svg').first().waitFor();
    await shoot(page, '07-admin-dashboard');
    await page.getByRole('link', { name: 'Durées de renouvellement' }).click();
    await page.waitForURL(/\/parametres\/parc$/);
    await h1(page).filter({ hasText: 'Paramètres du parc' }).waitFor();

    const desktops = page.getByLabel('Durée de renouvellement des Ordinateurs fixes, en années');
    expect(await desktops.inputValue()).toBe('6');
    await desktops.fill('0');
    await page.getByRole('button', { name: 'Enregistrer les durées' }).click();
    const error = page.locator('.field__error', { hasText: 'Indiquez un nombre entier d’années, de 1 à 30.' });
    await error.waitFor();
    expect(await desktops.getAttribute('aria-invalid')).toBe('true');
    expect(await desktops.getAttribute('aria-describedby')).toBe(await error.getAttribute('id'));
    expect((await focused(page)).name).toBe('Durée de renouvellement des Ordinateurs fixes, en années');
    await shoot(page, '08-settings-refused');

    await desktops.fill('4');
    expect(await error.count()).toBe(0);
    await page.getByRole('button', { name: 'Enregistrer les durées' }).click();
    await page.getByRole('status').filter({ hasText: 'Durée enregistrée.' }).waitFor();
    expect((await api<EquipmentLifetimes>('/fleet-settings/lifetimes')).desktop).toBe(4);
    const desktopRow = page.locator('tbody tr', { has: page.getByRole('rowheader', { name: 'Ordinateurs fixes' }) });
    await desktopRow.getByText('Durée modifiée').waitFor();
    await shoot(page, '09-settings-saved');

    await desktopRow.getByRole('button', { name: 'Rétablir : Ordinateurs fixes' }).click();
    await page.getByRole('status').filter({ hasText: 'Les Ordinateurs fixes sont revenus à leur durée par défaut : 6 ans.' }).waitFor();
    expect((await api<EquipmentLifetimes>('/fleet-settings/lifetimes')).desktop).toBe(6);
    expect(await desktops.inputValue()).toBe('6');
    expect((await focused(page)).name).toBe('Durée de renouvellement des Ordinateurs fixes, en années');
    expect(problems).toEqual([]);
    await page.close();

    const reader = await openAsManager();
    await reader.page.goto(`${baseUrl}/parametres/parc`);
    await reader.page.getByRole('table', { name: 'Durée de renouvellement par type de matériel, en années' }).waitFor();
    expect(await reader.page.locator('input').count()).toBe(0);
    const row = await tableRows(reader.page, 'Durée de renouvellement par type de matériel, en années');
    expect(row[0]).toEqual(['Ordinateurs fixes', '6 ans', '6 ans']);
    await shoot(reader.page, '10-settings-read-only');
    expect(reader.problems).toEqual([]);
    await reader.page.close();
  }, 60_000);

  test('on a school’s page the city manager adds a room with its use, and plans, changes and deletes mobile classes', async () => {
    const school = schools.boisJoli;
    const { page, problems } = await openAsManager();
    await page.goto(`${baseUrl}/ecoles/${school.id}`);
    await h1(page).filter({ hasText: school.name }).waitFor();

    // A room for the secretariat.
    await page.getByRole('button', { name: 'Ajouter une salle' }).click();
    await page.getByRole('heading', { name: 'Nouvelle salle' }).waitFor();
    await page.getByLabel('Nom de la salle').fill('Secrétariat');
    await page.getByLabel('Usage', { exact: true }).selectOption({ label: 'Secrétariat' });
    await page.getByRole('button', { name: 'Ajouter la salle' }).click();
    await page.getByRole('status').filter({ hasText: 'Salle Secrétariat ajoutée.' }).waitFor();
    const rooms = await apiRequest<{ items: Room[] }>(baseUrl, admin, `/rooms?schoolId=${school.id}`);
    expect(rooms.items.find((room) => room.name === 'Secrétariat')?.use).toBe('secretariat');
    expect(await tableRows(page, 'Salles de l’école et leur usage')).toContainEqual(['Secrétariat', 'Secrétariat', '', 'Modifier : Secrétariat']);
    await shoot(page, '11-room-added');

    // CM1 becomes a room for other uses: it no longer needs a teacher laptop, and the dashboard says so.
    await page.getByRole('button', { name: 'Modifier : CM1' }).click();
    await page.getByRole('heading', { name: 'Modifier la salle CM1' }).waitFor();
    expect(await page.getByLabel('Usage', { exact: true }).inputValue()).toBe('classroom');
    await page.getByLabel('Usage', { exact: true }).selectOption({ label: 'Autre' });
    await page.getByRole('button', { name: 'Enregistrer la salle' }).click();
    await page.getByRole('status').filter({ hasText: 'Salle CM1 enregistrée.' }).waitFor();
    expect(await tableRows(page, 'Salles de l’école et leur usage')).toContainEqual(['CM1', 'Autre', '', 'Modifier : CM1']);
    expect((await focused(page)).name).toBe('Modifier : CM1');
    const managerApi = await signIn(baseUrl, MANAGER.username, MANAGER.password);
    const afterRoomChange = await apiRequest<FleetDashboard>(baseUrl, managerApi, `/dashboard/fleet?q=${school.uai}`);
    expect(afterRoomChange.schools.items[0]?.baseEquipment.missing.map((missing) => missing.requirement)).toEqual(
      MISSING.boisJoli.filter((missing) => missing.room === null).map((missing) => missing.requirement),
    );

    // Mobile classes: a wrong count is refused next to its field, then the plan is saved, changed and deleted.
    const card = page.getByRole('region', { name: 'Classes mobiles' });
    await card.getByRole('button', { name: 'Voir le plan de classes mobiles' }).click();
    await card.getByRole('button', { name: 'Prévoir des classes mobiles' }).click();
    await card.getByLabel('Classes mobiles prévues').fill('1');
    const tablets = card.getByLabel('Tablettes par classe mobile');
    await tablets.fill('0');
    await card.getByRole('button', { name: 'Enregistrer le plan' }).click();
    await card.locator('.field__error', { hasText: 'Cette valeur est trop courte ou trop petite.' }).waitFor();
    expect(await tablets.getAttribute('aria-invalid')).toBe('true');
    await shoot(page, '12-plan-refused');
    await tablets.fill('16');
    await card.getByLabel('Programme de financement').fill('Territoires numériques éducatifs');
    await card.getByRole('button', { name: 'Enregistrer le plan' }).click();
    await card.getByRole('status').filter({ hasText: 'Plan de classes mobiles enregistré.' }).waitFor();
    let saved = await api<MobileClassPlan>(`/schools/${school.id}/mobile-class-plan`);
    expect(saved).toMatchObject({ trolleysPlanned: 1, tabletsPerTrolley: 16, dueOn: null, programme: 'Territoires numériques éducatifs' });
    expect(fold(await card.locator('dl').innerText())).toBe(
      'Classes mobiles prévues 1 Tablettes par classe mobile 16 Échéance Non renseigné Programme de financement Territoires numériques éducatifs',
    );

    await card.getByRole('button', { name: 'Modifier le plan' }).click();
    await card.getByLabel('Classes mobiles prévues').fill('3');
    await card.getByLabel('Échéance').fill('2027-09-01');
    await card.getByRole('button', { name: 'Enregistrer le plan' }).click();
    await card.getByRole('status').filter({ hasText: 'Modifications du plan enregistrées.' }).waitFor();
    saved = await api<MobileClassPlan>(`/schools/${school.id}/mobile-class-plan`);
    expect(saved).toMatchObject({ trolleysPlanned: 3, dueOn: '2027-09-01', version: 2 });
    await shoot(page, '13-plan-saved');

    // The dashboard counts the planned trolleys.
    const dashboard = await apiRequest<FleetDashboard>(baseUrl, managerApi, `/dashboard/fleet?q=${school.uai}`);
    expect(dashboard.schools.items[0]?.mobileClasses.planned).toBe(3);

    await card.getByRole('button', { name: 'Supprimer le plan' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Supprimer le plan de classes mobiles ?' });
    await dialog.getByRole('button', { name: 'Supprimer le plan' }).click();
    await card.getByRole('status').filter({ hasText: 'Plan de classes mobiles supprimé.' }).waitFor();
    await card.getByText('Aucune classe mobile n’est prévue pour cette école.').waitFor();
    expect(await api(`/schools/${school.id}/mobile-class-plan`)).toBeNull();
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
