import type { Browser, Page } from 'playwright-core';
import { startAppServer, type AppServer } from './support/app-server';
import { describeInBrowser, launchChromium } from './support/browser';
import { checkpoint } from './support/checkpoint';
import { h1, newSignedInPage } from './support/pages';

/**
 * The screens in English: the language is chosen once, kept across pages and visits, and every
 * page of the teacher's and the ERUN's journeys speaks it (headings, labels, `lang`), with axe on each.
 */
describeInBrowser('The screens in English', () => {
  let server: AppServer;
  let baseUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    server = await startAppServer();
    ({ baseUrl } = server);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const shoot = (page: Page, step: string) => checkpoint(page, `english-${step}`);
  const documentLang = (page: Page) => page.locator('html').getAttribute('lang');
  /** Words of the French screens that must not show once English is chosen. */
  const frenchLeftovers = async (page: Page) => {
    const text = (await page.locator('main').innerText()).toLowerCase();
    // Not "école": school names are data, and stay as the school is called.
    return ['signalement', 'étape', 'matériel', 'continuer', 'envoyer', 'urgence'].filter((word) => text.includes(word));
  };

  test('a teacher switches to English and reports a service incident in three steps, then reads the report', async () => {
    const { page, problems } = await newSignedInPage(browser, baseUrl, 'phone', 'enseignant');
    await page.goto(`${baseUrl}/mes-signalements`);
    await h1(page).filter({ hasText: 'Mes signalements' }).waitFor();
    expect(await documentLang(page)).toBe('fr');

    await page.getByRole('button', { name: 'EN English' }).click();
    await h1(page).filter({ hasText: 'My reports' }).waitFor();
    expect(await documentLang(page)).toBe('en');
    expect(await page.getByRole('button', { name: 'EN English' }).getAttribute('aria-pressed')).toBe('true');
    await shoot(page, '01-phone-my-reports');

    // The choice holds on a new page load.
    await page.goto(`${baseUrl}/signaler`);
    await page.getByRole('heading', { name: 'Step 1 of 3: What' }).waitFor();
    expect(await documentLang(page)).toBe('en');
    await page.getByText('A service', { exact: true }).click();
    await page.getByText('Internet access', { exact: true }).click();
    expect(await frenchLeftovers(page)).toEqual([]);
    await shoot(page, '02-phone-what');
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByRole('heading', { name: 'Step 2 of 3: The problem' }).waitFor();
    await page.getByLabel('In one sentence, what is happening?').fill('No internet in room 3');
    await shoot(page, '03-phone-problem');
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByRole('heading', { name: 'Step 3 of 3: Urgency' }).waitFor();
    await page.getByText('One person', { exact: true }).click();
    await page.getByText('No, it can wait', { exact: true }).click();
    expect(await frenchLeftovers(page)).toEqual([]);
    await shoot(page, '04-phone-urgency');
    await page.getByRole('button', { name: 'Send the report' }).click();

    await h1(page).filter({ hasText: 'Report sent' }).waitFor();
    await page.getByText('Where your report went').waitFor();
    // The reason the server composed, in English too.
    await page.getByText(/Handed to level 1: the district's level 1 support/).waitFor();
    await shoot(page, '05-phone-report-sent');

    await page.goto(`${baseUrl}/mes-signalements`);
    await page.getByRole('link', { name: /No internet in room 3/ }).first().click();
    await page.getByRole('heading', { name: 'Follow-up' }).waitFor();
    await page.getByText('Reported by').waitFor();
    expect(await documentLang(page)).toBe('en');
    await page.getByText(/Handed to level 1: the district's level 1 support/).first().waitFor();
    expect(await page.getByText(/Confié au niveau/).count()).toBe(0);
    // The level of the group in the timeline too (the group's own name is data, written in French).
    await page.locator('.ticket-timeline__values', { hasText: '(level 1)' }).first().waitFor();
    expect(await page.getByText(/\(niveau \d\)/).count()).toBe(0);
    // So is the default rule that routed it (a rule someone wrote would show as written).
    await page.locator('.ticket-timeline__rule', { hasText: "New report: the district's level 1" }).first().waitFor();
    expect(await page.getByText(/Nouveau signalement : niveau 1/).count()).toBe(0);
    // Dates as the notices write them (en-GB): the day before the month, a 24-hour time.
    const when = (await page.locator('.ticket-timeline time').first().textContent())?.trim();
    expect(when).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}\D+\d{2}:\d{2}$/);
    await shoot(page, '06-phone-ticket');
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  test('the ERUN works in English: home, queue and the notification of the teacher’s report', async () => {
    const { page, problems } = await newSignedInPage(browser, baseUrl, 'desktop', 'erun');
    await page.goto(`${baseUrl}/accueil`);
    await page.getByRole('button', { name: 'EN English' }).click();
    await h1(page).filter({ hasText: 'My schools' }).waitFor();
    await shoot(page, '07-desktop-home');

    await page.getByRole('navigation', { name: /main/i }).getByRole('link', { name: 'Incident queue' }).click();
    await h1(page).filter({ hasText: 'Incident queue' }).waitFor();
    expect(await documentLang(page)).toBe('en');
    await shoot(page, '08-desktop-queue');

    // Notified of the teacher's report above, in French on the server and in English here.
    await page.goto(`${baseUrl}/notifications`);
    await h1(page).filter({ hasText: 'Notifications' }).waitFor();
    await page.getByRole('link', { name: 'New report: No internet in room 3' }).first().waitFor();
    expect(await page.getByText(/Nouveau signalement/).count()).toBe(0);
    expect(await frenchLeftovers(page)).toEqual([]);
    await shoot(page, '09-desktop-notifications');

    // The routing rules: the screen and the default rules, their out-of-scope message included, in English.
    await page.goto(`${baseUrl}/parametres/acheminement`);
    await h1(page).filter({ hasText: 'Routing rules' }).waitFor();
    await page.getByRole('region', { name: 'Escalations' }).getByRole('heading', { name: 'Hardware fault under warranty: supplier', exact: true }).waitFor();
    await page.getByText(/^This equipment was not provided by the town/).waitFor();
    expect(await page.getByText(/Matériel non fourni par la ville/).count()).toBe(0);
    await shoot(page, '10-desktop-routing-rules');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
