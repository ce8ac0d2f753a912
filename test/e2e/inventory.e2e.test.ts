import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, type ApiTokenCreated, type Equipment, type EquipmentDetail, type Page as ListPage, type SchoolView } from '@preau/shared';
import type { DemoSummary } from '../../db/seeds/demo/load-demo';
import { DEMO_ACCOUNTS } from '../../db/seeds/demo/demo-accounts';
import { apiRequest, signIn, type ApiSession } from './support/api-session';
import { startAppServer, type AppServer } from './support/app-server';
import { expectNoSeriousA11yViolations } from './support/axe';
import { describeInBrowser, launchChromium } from './support/browser';
import { checkpoint } from './support/checkpoint';
import { watchFirstLoad } from './support/first-load';
import { h1, newPage, newSignedInPage, type ViewportName } from './support/pages';

/** What a phone may download before the first screen works (issue #2: the incident report page). */
const FIRST_LOAD_JS_BUDGET_BYTES = 150 * 1024;

describeInBrowser('Sign-in and inventory screens in Chromium', () => {
  let server: AppServer;
  let baseUrl: string;
  let demo: DemoSummary;
  let browser: Browser;

  /** The demo school that comes first by name among those with a trolley, and that trolley. */
  let trolleySchool: { id: number; name: string };
  /** The technician's API session, for reading fixtures and for "someone else" changing a record. */
  let technician: ApiSession;

  beforeAll(async () => {
    server = await startAppServer();
    ({ baseUrl, demo } = server);

    technician = await apiSignIn('technicien');
    const trolleys = await api<ListPage<Equipment>>('/equipment?kind=trolley&pageSize=500');
    const schools = trolleys.items.flatMap((trolley) => (trolley.school ? [trolley.school] : []));
    schools.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
    if (!schools[0]) throw new Error('The demo has no trolley in a school');
    trolleySchool = schools[0];

    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const apiSignIn = (username: string, password?: string) => signIn(baseUrl, username, password);
  /** An API call in a session (the technician's unless told). */
  const api = <T>(pathAndQuery: string, init: RequestInit = {}, session: ApiSession = technician) => apiRequest<T>(baseUrl, session, pathAndQuery, init);
  const openPage = (viewport: ViewportName) => newPage(browser, viewport);
  const openSignedIn = (viewport: ViewportName, username: string) => newSignedInPage(browser, baseUrl, viewport, username);

  async function signInWithForm(page: Page, username: string, password: string = DEMO_PASSWORD): Promise<void> {
    await page.getByLabel('Identifiant ou adresse e-mail').fill(username);
    await page.getByLabel('Mot de passe', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
  }

  /** The login page, remembering `redirect` (the page the visitor was heading to), or nothing. */
  const waitForLoginPage = (page: Page, redirect: string | null) =>
    page.waitForURL((url) => url.pathname === '/connexion' && url.searchParams.get('redirect') === redirect);

  const userMenuButton = (page: Page) => page.getByRole('banner').getByRole('button', { name: /^Mon compte/ });

  async function openUserMenuLink(page: Page, name: string): Promise<void> {
    await userMenuButton(page).click();
    await page.getByRole('banner').getByRole('link', { name, exact: true }).click();
  }

  /** A screenshot of the step, and axe-core's check of the page as it is then. */
  const shoot = (page: Page, viewport: ViewportName, step: string) => checkpoint(page, `${viewport}-${step}`);

  test('Tab reaches the skip link first, and the skip link leads to the content', async () => {
    const { page, problems } = await openSignedIn('desktop', 'technicien');
    await page.goto(`${baseUrl}/ecoles`);
    await h1(page).filter({ hasText: 'Écoles' }).waitFor();

    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    expect((await focused.textContent())?.trim()).toBe('Aller au contenu');
    const box = await focused.boundingBox();
    expect(box && box.y >= 0 && box.height > 0).toBe(true);
    await shoot(page, 'desktop', '00-skip-link');

    await page.keyboard.press('Enter');
    expect(await page.locator(':focus').getAttribute('id')).toBe('main-content');
    expect(problems).toEqual([]);
    await page.close();
  });

  const journeys: [ViewportName, string, string][] = [
    ['desktop', 'broken', 'En panne'],
    ['phone', 'in_repair', 'En réparation'],
  ];

  test.each(journeys)(
    'journey at the %s size: sign-in, schools, search, school, trolley, item, status change, history (to %s)',
    async (viewport, newStatus, newStatusLabel) => {
      const { page, problems } = await openPage(viewport);

      // 0. Signed out, the home page leads to the login page, which lists the demo accounts.
      await page.goto(`${baseUrl}/`);
      // The role is not known yet: no redirect, `/` sorts the user out once signed in.
      await waitForLoginPage(page, null);
      await h1(page).filter({ hasText: 'Connexion' }).waitFor();
      const demoAccounts = page.getByRole('region', { name: 'Comptes de démonstration' });
      await demoAccounts.getByRole('button').first().waitFor();
      for (const { username } of DEMO_ACCOUNTS) {
        expect(await demoAccounts.getByText(username, { exact: true }).count()).toBe(1);
      }
      expect(await demoAccounts.textContent()).toContain(DEMO_PASSWORD);
      expect(await page.getByRole('navigation', { name: 'Navigation principale' }).count()).toBe(0);
      await shoot(page, viewport, '00-login');

      // Choosing a demo account fills the form; on the phone, typing does the same.
      if (viewport === 'desktop') {
        await demoAccounts.locator('li', { has: page.getByText('technicien', { exact: true }) }).getByRole('button').click();
        expect(await page.getByLabel('Identifiant ou adresse e-mail').inputValue()).toBe('technicien');
        expect(await page.getByLabel('Mot de passe', { exact: true }).inputValue()).toBe(DEMO_PASSWORD);
        await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
      } else {
        await signInWithForm(page, 'technicien');
      }

      // 1. Signed in, the technician lands on the overview of their schools; the list is one link away.
      await page.waitForURL(/\/accueil$/);
      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Écoles', exact: true }).click();
      await page.waitForURL(/\/ecoles$/);
      await h1(page).filter({ hasText: 'Écoles' }).waitFor();
      await page.getByText(`${demo.schools} écoles`).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      expect(await page.locator('tbody tr').count()).toBe(Math.min(25, demo.schools));
      await shoot(page, viewport, '01-schools');

      // 2. Searching narrows the list and lands in the URL.
      const searchWord = trolleySchool.name.split(' ').at(-1)!;
      await page.getByLabel('Nom ou UAI').fill(searchWord);
      await page.waitForURL((url) => url.searchParams.get('q') === searchWord);
      await page.getByText(/^\s*\d+ écoles?\s*$/).filter({ hasNotText: `${demo.schools} écoles` }).waitFor();
      const rows = await page.locator('tbody tr').count();
      expect(rows).toBeGreaterThanOrEqual(1);
      expect(rows).toBeLessThan(demo.schools);
      await shoot(page, viewport, '02-search');

      // 3. The school page groups its equipment by room, then by kind.
      await page.getByRole('link', { name: trolleySchool.name, exact: true }).first().click();
      await page.waitForURL(new RegExp(`/ecoles/${trolleySchool.id}$`));
      await h1(page).filter({ hasText: trolleySchool.name }).waitFor();
      await page.getByRole('heading', { name: 'Salle par salle' }).waitFor();
      expect(await page.locator('section.room').count()).toBeGreaterThan(1);
      expect(await page.locator('section.room h4').count()).toBeGreaterThan(1);
      await page.getByRole('table', { name: 'Matériel par type' }).waitFor();
      expect(await page.getByRole('link', { name: 'Exporter le matériel (CSV)' }).getAttribute('href')).toBe(
        `/api/v1/equipment/export.csv?schoolId=${trolleySchool.id}`,
      );
      await shoot(page, viewport, '03-school');

      // 4. The trolley lists its 17 items.
      const trolleyEntry = page.locator('section.room li', { hasText: 'contient 17 éléments' }).first();
      await trolleyEntry.getByRole('link').click();
      await page.waitForURL(/\/materiel\/\d+$/);
      await h1(page).filter({ hasText: 'Classe mobile' }).waitFor();
      const trolleyTag = (await h1(page).textContent())!.trim().split(/\s+/).at(-1)!;
      const contents = page.getByRole('table', { name: '17 éléments dans la classe mobile' });
      await contents.waitFor();
      expect(await contents.locator('tbody tr').count()).toBe(17);
      await shoot(page, viewport, '04-trolley');

      // 5. An item of the trolley, with its maintainer said in plain words.
      const firstItem = contents.locator('tbody tr').first().getByRole('link');
      const assetTag = (await firstItem.textContent())!.trim();
      await firstItem.click();
      await h1(page).filter({ hasText: assetTag }).waitFor();
      await page.getByText(/Maintenu par|Non maintenu par la commune/).first().waitFor();
      await page.getByRole('link', { name: `${trolleyTag} · `, exact: false }).waitFor();
      await shoot(page, viewport, '05-item');

      // 6. Changing its status records the change in the history.
      const statusSelect = page.getByLabel('Nouveau statut');
      const previousLabel = (await statusSelect.locator('option:checked').textContent())!.trim();
      await statusSelect.selectOption(newStatus);
      await page.getByRole('button', { name: 'Enregistrer le statut' }).click();
      await page.getByRole('status').filter({ hasText: `Statut enregistré : ${newStatusLabel}.` }).waitFor();
      const latestEvent = page.locator('.timeline__event').first();
      await latestEvent.filter({ hasText: 'Changement de statut' }).waitFor();
      expect(await latestEvent.textContent()).toContain(`${previousLabel} → ${newStatusLabel}`);
      expect(await latestEvent.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
      await shoot(page, viewport, '06-status-changed');

      expect(problems).toEqual([]);
      await page.close();
    },
    60_000,
  );

  test('a change made meanwhile by someone else is reported next to the status field', async () => {
    const { page, problems } = await openSignedIn('desktop', 'technicien');
    const items = await api<ListPage<Equipment>>(`/equipment?schoolId=${trolleySchool.id}&kind=desktop&pageSize=1`);
    const item = items.items[0]!;
    await page.goto(`${baseUrl}/materiel/${item.id}`);
    await h1(page).filter({ hasText: item.assetTag }).waitFor();

    // Someone else (the technician's other session) changes the item after this page read it.
    const fresh = await api<EquipmentDetail>(`/equipment/${item.id}`);
    await api<EquipmentDetail>(`/equipment/${item.id}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ version: fresh.version, status: 'in_stock' }),
    });

    const statusSelect = page.getByLabel('Nouveau statut');
    await statusSelect.selectOption('lost');
    await page.getByRole('button', { name: 'Enregistrer le statut' }).click();
    const fieldError = page.locator('.field__error', { hasText: 'Quelqu’un a modifié cette fiche' });
    await fieldError.waitFor();
    expect(await statusSelect.getAttribute('aria-invalid')).toBe('true');
    expect(await statusSelect.getAttribute('aria-describedby')).toContain((await fieldError.getAttribute('id'))!);
    await shoot(page, 'desktop', '07-conflict');

    await page.getByRole('button', { name: 'Recharger la fiche' }).click();
    await page.getByText('Statut actuel : En stock').waitFor();
    expect(await fieldError.count()).toBe(0);
    expect(problems.filter((problem) => !problem.includes('409 (Conflict)'))).toEqual([]);
    await page.close();
  });

  test('the language switch turns the screens to English, sets lang and is remembered', async () => {
    const { page, problems } = await openSignedIn('phone', 'technicien');
    await page.goto(`${baseUrl}/ecoles/${trolleySchool.id}`);
    await h1(page).filter({ hasText: trolleySchool.name }).waitFor();

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Room by room' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    await shoot(page, 'phone', '08-english');

    await page.reload();
    await page.getByRole('heading', { name: 'Room by room' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('heading', { name: 'Salle par salle' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(problems).toEqual([]);
    await page.close();
  });

  test('unknown addresses and unknown records say so in words', async () => {
    const { page, problems } = await openSignedIn('phone', 'technicien');
    await page.goto(`${baseUrl}/nulle-part`);
    await h1(page).filter({ hasText: 'Page introuvable' }).waitFor();
    await shoot(page, 'phone', '09-not-found');

    await page.goto(`${baseUrl}/materiel/999999`);
    await page.getByRole('alert').filter({ hasText: 'Cette fiche n’existe pas ou plus' }).waitFor();
    await expectNoSeriousA11yViolations(page, 'phone unknown item');
    // The API's 404 is expected here; nothing else may fail.
    expect(problems.filter((problem) => !problem.includes('404'))).toEqual([]);
    await page.close();
  });

  test('a teacher signs in from a deep link, lands back on the item, and sees it without the status form', async () => {
    const { page, problems } = await openPage('desktop');
    const schools = await api<ListPage<SchoolView>>(`/schools?q=${demo.firstSchool.uai}`);
    const school = schools.items.find((candidate) => candidate.uai === demo.firstSchool.uai)!;
    const items = await api<ListPage<Equipment>>(`/equipment?schoolId=${school.id}&kind=desktop&pageSize=1`);
    const item = items.items[0]!;

    await page.goto(`${baseUrl}/materiel/${item.id}`);
    await waitForLoginPage(page, `/materiel/${item.id}`);

    // A wrong password is refused in words, next to the form; the password field is emptied for another try.
    await signInWithForm(page, 'enseignant', 'not the password');
    await page.getByRole('alert').filter({ hasText: 'Identifiant, adresse e-mail ou mot de passe incorrect.' }).waitFor();
    expect(await page.getByLabel('Mot de passe', { exact: true }).inputValue()).toBe('');
    await shoot(page, 'desktop', '10-login-refused');

    await signInWithForm(page, 'enseignant');
    await page.waitForURL(new RegExp(`/materiel/${item.id}$`));
    await h1(page).filter({ hasText: item.assetTag }).waitFor();
    await page.getByRole('heading', { name: 'Historique' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Changer le statut' }).count()).toBe(0);
    expect(await page.getByLabel('Nouveau statut').count()).toBe(0);
    await shoot(page, 'desktop', '11-teacher-item');

    // Nor do the user menu or the address bar lead a teacher to the users or the audit log.
    await userMenuButton(page).click();
    await page.getByRole('banner').getByRole('link', { name: 'Mes jetons d’accès' }).waitFor();
    expect(await page.getByRole('banner').getByRole('link', { name: 'Utilisateurs' }).count()).toBe(0);
    expect(await page.getByRole('banner').getByRole('link', { name: 'Journal d’audit' }).count()).toBe(0);
    await page.goto(`${baseUrl}/utilisateurs`);
    await h1(page).filter({ hasText: 'Accès refusé' }).waitFor();
    await expectNoSeriousA11yViolations(page, 'desktop forbidden page');

    expect(problems.filter((problem) => !problem.includes('401 (Unauthorized)'))).toEqual([]);
    await page.close();
  });

  test('the city manager creates a technician account in its commune through the users screen', async () => {
    const { page, problems } = await openSignedIn('desktop', 'responsable');
    await page.goto(`${baseUrl}/ecoles`);
    await h1(page).filter({ hasText: 'Écoles' }).waitFor();
    await openUserMenuLink(page, 'Utilisateurs');
    await page.waitForURL(/\/utilisateurs$/);
    await h1(page).filter({ hasText: 'Utilisateurs' }).waitFor();
    await page.getByRole('link', { name: 'technicien', exact: false }).first().waitFor();
    await expectNoSeriousA11yViolations(page, 'desktop users list');

    await page.getByRole('link', { name: 'Créer un compte' }).click();
    await h1(page).filter({ hasText: 'Nouveau compte' }).waitFor();

    // Submitting empty says what is missing, next to each field.
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    const displayName = page.getByLabel('Nom affiché');
    await page.locator('.field__error', { hasText: 'Ce champ est obligatoire.' }).first().waitFor();
    expect(await displayName.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(':focus').getAttribute('id')).toBe(await displayName.getAttribute('id'));

    await displayName.fill('Loïc Maillot (technicien)');
    await page.getByLabel('Identifiant', { exact: true }).fill('loic.maillot');
    await page.getByLabel('Adresse e-mail').fill('loic.maillot@example.org');
    await page.getByLabel('Mot de passe', { exact: true }).fill('un vélo sous la pluie');
    const role = page.getByLabel('Rôle', { exact: true });
    // A city manager grants only the commune's roles.
    expect(await role.locator('option[value="admin"]').count()).toBe(0);
    expect(await role.locator('option[value="erun"]').count()).toBe(0);
    await role.selectOption('city_technician');
    // Its only commune is already chosen.
    const commune = page.getByLabel('Commune', { exact: true });
    await commune.waitFor();
    expect(await commune.inputValue()).not.toBe('');
    await shoot(page, 'desktop', '12-user-create');

    await page.getByRole('button', { name: 'Créer le compte' }).click();
    await page.waitForURL(/\/utilisateurs\/\d+$/);
    await h1(page).filter({ hasText: 'Loïc Maillot (technicien)' }).waitFor();
    await page.getByText('Compte créé.', { exact: false }).waitFor();
    await page.getByRole('list', { name: 'Rôles' }).getByText(/^Technicien de la commune · /).first().waitFor();
    await shoot(page, 'desktop', '13-user-created');

    // The new account signs in and may change the inventory.
    const session = await apiSignIn('loic.maillot', 'un vélo sous la pluie');
    const info = await api<{ user: { permissions: string[] } }>('/auth/session', {}, session);
    expect(info.user.permissions).toContain('inventory:write');

    expect(problems).toEqual([]);
    await page.close();
  });

  test('the administrator creates an access token, sees it once, finds it in the audit log and revokes it', async () => {
    const { page, problems } = await openSignedIn('desktop', 'admin');
    await page.goto(`${baseUrl}/ecoles`);
    await h1(page).filter({ hasText: 'Écoles' }).waitFor();
    await openUserMenuLink(page, 'Mes jetons d’accès');
    await page.waitForURL(/\/mes-jetons$/);
    await h1(page).filter({ hasText: 'Mes jetons d’accès' }).waitFor();

    await page.getByLabel('Nom du jeton').fill('Script d’inventaire');
    await page.getByRole('button', { name: 'Créer le jeton' }).click();
    await page.getByRole('heading', { name: 'Jeton « Script d’inventaire » créé' }).waitFor();
    await page.getByText('il ne sera plus jamais affiché', { exact: false }).waitFor();
    const secret = await page.getByLabel('Jeton d’accès', { exact: true }).inputValue();
    expect(secret.length).toBeGreaterThan(20);
    await page.getByRole('button', { name: 'Copier le jeton' }).waitFor();
    const row = page.locator('tbody tr', { hasText: 'Script d’inventaire' });
    await row.waitFor();
    await shoot(page, 'desktop', '14-token-created');

    // The token works as a Bearer token.
    const bearer = { Authorization: `Bearer ${secret}` };
    expect((await fetch(`${baseUrl}/api/v1/me/tokens`, { headers: bearer })).status).toBe(200);

    // After a reload the secret is gone for good; the token stays listed by name.
    await page.reload();
    await h1(page).filter({ hasText: 'Mes jetons d’accès' }).waitFor();
    await row.waitFor();
    expect(await page.getByRole('heading', { name: /créé$/ }).count()).toBe(0);
    expect(await page.content()).not.toContain(secret);

    // The audit log records it.
    await openUserMenuLink(page, 'Journal d’audit');
    await page.waitForURL(/\/journal$/);
    await h1(page).filter({ hasText: 'Journal d’audit' }).waitFor();
    await page.locator('tbody tr', { hasText: 'Jeton d’accès créé' }).first().waitFor();
    await page.getByLabel('Action', { exact: true }).selectOption('token.created');
    await page.waitForURL(/action=token\.created/);
    await page.getByText(/^\s*\d+ entrées?\s*$/).waitFor();
    expect(await page.locator('tbody tr', { hasNotText: 'Jeton d’accès créé' }).count()).toBe(0);
    await shoot(page, 'desktop', '15-audit');

    // Revoking asks first, then the token stops working.
    await page.goBack();
    await page.goBack();
    await page.waitForURL(/\/mes-jetons$/);
    await row.getByRole('button', { name: 'Révoquer Script d’inventaire' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Révoquer le jeton « Script d’inventaire » ?' });
    await dialog.waitFor();
    await shoot(page, 'desktop', '16-token-revoke');
    await dialog.getByRole('button', { name: 'Révoquer le jeton' }).click();
    await page.getByRole('status').filter({ hasText: 'Jeton « Script d’inventaire » révoqué.' }).waitFor();
    expect(await row.count()).toBe(0);
    expect((await fetch(`${baseUrl}/api/v1/me/tokens`, { headers: bearer })).status).toBe(401);

    // A token revoked elsewhere while the dialog is open (another tab): revoking it is done all the same.
    const admin = await apiSignIn('admin');
    const other = await api<ApiTokenCreated>('/me/tokens', { method: 'POST', body: JSON.stringify({ name: 'Ancien script' }) }, admin);
    await page.reload();
    const otherRow = page.locator('tbody tr', { hasText: 'Ancien script' });
    await otherRow.getByRole('button', { name: 'Révoquer Ancien script' }).click();
    const otherDialog = page.getByRole('alertdialog', { name: 'Révoquer le jeton « Ancien script » ?' });
    await otherDialog.waitFor();
    await api(`/me/tokens/${other.id}`, { method: 'DELETE' }, admin);
    await otherDialog.getByRole('button', { name: 'Révoquer le jeton' }).click();
    await page.getByRole('status').filter({ hasText: 'Jeton « Ancien script » révoqué.' }).waitFor();
    expect(await otherDialog.count()).toBe(0);
    expect(await otherRow.count()).toBe(0);

    // The only console error is the browser's note of that 404.
    expect(problems).toEqual([expect.stringContaining('status of 404')]);
    await page.close();
  });

  test('the user menu works with the keyboard, and signing out returns to the login page', async () => {
    const { page, problems } = await openSignedIn('phone', 'technicien');
    await page.goto(`${baseUrl}/ecoles`);
    await h1(page).filter({ hasText: 'Écoles' }).waitFor();

    const toggle = userMenuButton(page);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const signOut = page.getByRole('button', { name: 'Se déconnecter' });
    await signOut.waitFor();
    // A technician manages no accounts.
    expect(await page.getByRole('banner').getByRole('link', { name: 'Utilisateurs' }).count()).toBe(0);
    await shoot(page, 'phone', '17-user-menu');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await signOut.isVisible()).toBe(false);
    expect(await page.locator(':focus').getAttribute('aria-expanded')).toBe('false');

    await toggle.click();
    await signOut.click();
    await waitForLoginPage(page, null);
    await h1(page).filter({ hasText: 'Connexion' }).waitFor();
    await page.goto(`${baseUrl}/ecoles`);
    await waitForLoginPage(page, '/ecoles');

    // Back from single sign-on without a session, the page says why.
    await page.goto(`${baseUrl}/connexion?sso=pending`);
    await page.getByRole('alert').filter({ hasText: 'aucun rôle ne vous a encore été attribué' }).waitFor();
    await page.goto(`${baseUrl}/connexion?sso=failed`);
    await page.getByRole('alert').filter({ hasText: 'La connexion unique a échoué.' }).waitFor();
    // This instance has no single sign-on configured: no button for it.
    expect(await page.getByRole('link', { name: /^Se connecter avec/ }).count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  test('when the session expires, the next call leads to the login page, and signing in returns there', async () => {
    const { page, problems } = await openSignedIn('desktop', 'technicien');
    await page.goto(`${baseUrl}/ecoles`);
    await page.locator('tbody tr').first().waitFor();

    await page.context().clearCookies();
    const schoolLink = page.locator('tbody tr').first().getByRole('link');
    const schoolName = (await schoolLink.textContent())!.trim();
    await schoolLink.click();
    await page.waitForURL((url) => url.pathname === '/connexion' && /^\/ecoles\/\d+$/.test(url.searchParams.get('redirect') ?? ''));
    await page.getByRole('status').filter({ hasText: 'Votre session a expiré.' }).waitFor();
    await shoot(page, 'desktop', '18-session-expired');

    await signInWithForm(page, 'technicien');
    await page.waitForURL(/\/ecoles\/\d+$/);
    await h1(page).filter({ hasText: schoolName }).waitFor();
    expect(problems.filter((problem) => !problem.includes('401 (Unauthorized)'))).toEqual([]);
    await page.close();
  });

  test.each([
    ['login page, signed out', '/connexion', null, 'form'],
    ['schools list, signed in', '/ecoles', 'technicien', 'tbody tr'],
  ] as const)(
    `the first load of the %s stays within ${FIRST_LOAD_JS_BUDGET_BYTES / 1024} KB of gzipped JavaScript`,
    async (_name, pagePath, username, readySelector) => {
      const { page } = username ? await openSignedIn('phone', username) : await openPage('phone');
      const firstLoad = watchFirstLoad(page, pagePath);
      await page.goto(`${baseUrl}${pagePath}`);
      await page.locator(readySelector).first().waitFor();
      const { scripts, gzippedBytes } = await firstLoad();
      expect(scripts.length).toBeGreaterThan(0);
      expect(gzippedBytes).toBeLessThan(FIRST_LOAD_JS_BUDGET_BYTES);
      await page.close();
    },
  );
});
