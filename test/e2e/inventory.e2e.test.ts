import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Equipment, EquipmentDetail, Page as ListPage } from '@preau/shared';
import { createApp } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';
import { createLogger } from '../../server/src/logger';
import { loadDemo, type DemoSummary } from '../../db/seeds/demo/load-demo';
import { createTestDatabase, type TestDatabase } from '../support/databases';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = path.resolve(__dirname, '../..');
const CLIENT_DIST_INDEX = path.join(ROOT, 'client/dist/index.html');
const SCREENSHOTS = path.join(ROOT, 'test-results/screenshots');
/** What a phone may download before the first screen works (issue #2: the incident report page). */
const FIRST_LOAD_JS_BUDGET_BYTES = 150 * 1024;

const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;
type ViewportName = keyof typeof VIEWPORTS;

const hasChromium = fs.existsSync(CHROMIUM);
const describeInBrowser = hasChromium ? describe : describe.skip;
const suiteTitle = `Inventory screens in Chromium${hasChromium ? '' : ` (Chromium skipped: ${CHROMIUM} not found)`}`;

function newestMtime(target: string): number {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(target)
    .filter((name) => name !== '__tests__' && name !== 'dist' && name !== 'node_modules')
    .reduce((newest, name) => Math.max(newest, newestMtime(path.join(target, name))), 0);
}

/** Builds the client unless `client/dist` is newer than every source it is built from. */
function ensureClientBuilt(): void {
  const sources = Math.max(newestMtime(path.join(ROOT, 'client')), newestMtime(path.join(ROOT, 'shared/src')));
  if (fs.existsSync(CLIENT_DIST_INDEX) && fs.statSync(CLIENT_DIST_INDEX).mtimeMs >= sources) return;
  const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'client/vite.config.ts'], {
    cwd: ROOT,
    encoding: 'utf8',
    // Jest sets NODE_ENV=test, which would make Vite bundle Vue's development build.
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (build.status !== 0) throw new Error(`The client build failed:\n${build.stdout}\n${build.stderr}`);
}

describeInBrowser(suiteTitle, () => {
  let database: TestDatabase;
  let demo: DemoSummary;
  let server: Server;
  let baseUrl: string;
  let browser: Browser;

  /** The demo school that comes first by name among those with a trolley, and that trolley. */
  let trolleySchool: { id: number; name: string };

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    ensureClientBuilt();
    database = await createTestDatabase('sqlite');
    demo = await loadDemo(database.dataSource);
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0' } as NodeJS.ProcessEnv);
    const { app } = createApp({ config, dataSource: database.dataSource, logger: createLogger('silent') });
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const trolleys = await api<ListPage<Equipment>>('/equipment?kind=trolley&pageSize=500');
    const schools = trolleys.items.flatMap((trolley) => (trolley.school ? [trolley.school] : []));
    schools.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
    if (!schools[0]) throw new Error('The demo has no trolley in a school');
    trolleySchool = schools[0];

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await database?.drop();
  });

  async function api<T>(pathAndQuery: string, init?: RequestInit): Promise<T> {
    const response = await fetch(`${baseUrl}/api/v1${pathAndQuery}`, init);
    if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${pathAndQuery}: ${response.status}`);
    return (await response.json()) as T;
  }

  /** A page that fails the test on any script error or console error (a CSP refusal shows up there). */
  async function openPage(viewport: ViewportName): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ viewport: VIEWPORTS[viewport], locale: 'fr-FR' });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    return { page, problems };
  }

  async function shoot(page: Page, viewport: ViewportName, step: string): Promise<void> {
    await page.screenshot({ path: path.join(SCREENSHOTS, `${viewport}-${step}.png`), fullPage: true });
  }

  const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

  test('Tab reaches the skip link first, and the skip link leads to the content', async () => {
    const { page, problems } = await openPage('desktop');
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
    'journey at the %s size: schools, search, school, trolley, item, status change, history (to %s)',
    async (viewport, newStatus, newStatusLabel) => {
      const { page, problems } = await openPage(viewport);

      // 1. The home page is the schools list.
      await page.goto(`${baseUrl}/`);
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
    const { page, problems } = await openPage('desktop');
    const items = await api<ListPage<Equipment>>(`/equipment?schoolId=${trolleySchool.id}&kind=desktop&pageSize=1`);
    const item = items.items[0]!;
    await page.goto(`${baseUrl}/materiel/${item.id}`);
    await h1(page).filter({ hasText: item.assetTag }).waitFor();

    // Someone else changes the item after this page read it.
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
    const { page, problems } = await openPage('phone');
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
    const { page, problems } = await openPage('phone');
    await page.goto(`${baseUrl}/nulle-part`);
    await h1(page).filter({ hasText: 'Page introuvable' }).waitFor();
    await shoot(page, 'phone', '09-not-found');

    await page.goto(`${baseUrl}/materiel/999999`);
    await page.getByRole('alert').filter({ hasText: 'Cette fiche n’existe pas ou plus' }).waitFor();
    // The API's 404 is expected here; nothing else may fail.
    expect(problems.filter((problem) => !problem.includes('404'))).toEqual([]);
    await page.close();
  });

  test(`the first load of the schools list stays within ${FIRST_LOAD_JS_BUDGET_BYTES / 1024} KB of gzipped JavaScript`, async () => {
    const { page } = await openPage('phone');
    const scripts: Promise<number>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') {
        scripts.push(response.body().then((body) => zlib.gzipSync(body, { level: 9 }).length));
      }
    });
    await page.goto(`${baseUrl}/ecoles`);
    await page.locator('tbody tr').first().waitFor();
    const sizes = await Promise.all(scripts);
    const total = sizes.reduce((sum, size) => sum + size, 0);
    fs.writeFileSync(
      path.join(ROOT, 'test-results/first-load-js.json'),
      JSON.stringify({ page: '/ecoles', scripts: sizes.length, gzippedBytes: total }, null, 2),
    );
    expect(sizes.length).toBeGreaterThan(0);
    expect(total).toBeLessThan(FIRST_LOAD_JS_BUDGET_BYTES);
    await page.close();
  });
});
