import type { Browser } from 'playwright-core';
import type { CommuneTicketSettingsView, Membership, Page as ListPage, SchoolView, Ticket } from '@preau/shared';
import { apiRequest, signIn, type ApiSession } from './support/api-session';
import { startAppServer, type AppServer } from './support/app-server';
import { describeInBrowser, launchChromium } from './support/browser';
import { checkpoint } from './support/checkpoint';
import { h1, newSignedInPage } from './support/pages';

describeInBrowser("A commune's incident settings in Chromium", () => {
  let server: AppServer;
  let baseUrl: string;
  let browser: Browser;
  let manager: ApiSession;
  let communeId: number;
  let school: SchoolView;

  beforeAll(async () => {
    server = await startAppServer();
    baseUrl = server.baseUrl;
    manager = await signIn(baseUrl, 'responsable');
    const session = await apiRequest<{ user: { memberships: Membership[] } }>(baseUrl, manager, '/auth/session');
    communeId = session.user.memberships.find((membership) => membership.role === 'city_manager')!.organisationId!;
    const schools = await apiRequest<ListPage<SchoolView>>(baseUrl, manager, `/schools?q=${server.demo.firstSchool.uai}`);
    school = schools.items.find((candidate) => candidate.uai === server.demo.firstSchool.uai)!;
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const settingsOf = () => apiRequest<CommuneTicketSettingsView>(baseUrl, manager, `/communes/${communeId}/ticket-settings`);

  test("the city manager asks for the director's approval, changes a target and the reopening and closing days; a reopening longer than the closing is refused under its field", async () => {
    expect((await settingsOf()).stored).toBe(false);
    const { page, problems } = await newSignedInPage(browser, baseUrl, 'desktop', 'responsable');
    await page.goto(`${baseUrl}/tableau-de-bord`);
    await page.getByRole('link', { name: 'Réglages des signalements' }).click();
    await page.waitForURL(/\/parametres\/signalements$/);
    await h1(page).filter({ hasText: 'Réglages des signalements' }).waitFor();
    await page.getByText('La commune utilise les réglages par défaut').waitFor();

    const approval = page.getByLabel('Soumettre les signalements des enseignants à la direction de l’école');
    const p1Resolution = page.getByLabel('Résolution en P1 · critique, en heures ouvrées');
    const reopen = page.getByLabel('Réouverture possible pendant (jours)');
    const autoClose = page.getByLabel('Fermeture automatique après (jours)');
    expect(await approval.isChecked()).toBe(false);
    expect(await p1Resolution.inputValue()).toBe('8 h');
    await approval.check();
    await p1Resolution.fill('6 h 30');
    await reopen.fill('3');
    await autoClose.fill('10');
    await page.getByRole('button', { name: 'Enregistrer les réglages' }).click();
    await page.getByRole('status').filter({ hasText: 'Réglages enregistrés.' }).waitFor();
    await page.getByText('Réglages propres à la commune.').waitFor();
    await checkpoint(page, 'ticket-settings-01-saved');

    const stored = await settingsOf();
    expect(stored).toMatchObject({ stored: true, settings: { requireDirectorApproval: true, reopenDays: 3, autoCloseDays: 10 } });
    expect(stored.settings.targets.P1).toEqual({ firstResponseMinutes: 60, resolutionMinutes: 390 });

    await page.reload();
    await h1(page).filter({ hasText: 'Réglages des signalements' }).waitFor();
    await page.getByText('Réglages propres à la commune.').waitFor();
    expect(await approval.isChecked()).toBe(true);
    expect(await p1Resolution.inputValue()).toBe('6 h 30');
    expect(await reopen.inputValue()).toBe('3');
    expect(await autoClose.inputValue()).toBe('10');

    // Reopening longer than the closing: said under the field, with the keyboard there, and nothing saved.
    await reopen.fill('12');
    await page.getByRole('button', { name: 'Enregistrer les réglages' }).click();
    const reopenError = page.locator('.field__error', { hasText: 'La réouverture ne peut pas durer plus longtemps que le délai de fermeture automatique.' });
    await reopenError.waitFor();
    expect(await reopen.getAttribute('aria-invalid')).toBe('true');
    expect(await reopen.getAttribute('aria-describedby')).toContain((await reopenError.getAttribute('id'))!);
    expect(await page.locator(':focus').getAttribute('id')).toBe(await reopen.getAttribute('id'));
    await checkpoint(page, 'ticket-settings-02-reopen-too-long');
    expect((await settingsOf()).settings.reopenDays).toBe(3);
    expect(problems).toEqual([]);
    await page.close();

    // The setting is in force: a teacher's report now waits for the director.
    const teacher = await signIn(baseUrl, 'enseignant');
    const ticket = await apiRequest<Ticket>(baseUrl, teacher, '/tickets', {
      method: 'POST',
      body: JSON.stringify({ schoolId: school.id, category: 'network', title: 'Le wifi coupe en salle 2', impact: 'one_class', urgency: 'low' }),
    });
    expect(ticket.approval).toBe('pending');
  }, 60_000);

  // After the city manager's change: the ERUN reads what was saved.
  test('the ERUN reads the settings on a phone, without a way to change them', async () => {
    const { page, problems } = await newSignedInPage(browser, baseUrl, 'phone', 'erun');
    await page.goto(`${baseUrl}/parametres/signalements`);
    await h1(page).filter({ hasText: 'Réglages des signalements' }).waitFor();
    await page.getByText('Seuls les responsables informatiques de la commune et les administrateurs peuvent les modifier.').waitFor();
    const approval = page.getByLabel('Soumettre les signalements des enseignants à la direction de l’école');
    await approval.waitFor();
    expect(await approval.isDisabled()).toBe(true);
    expect(await page.getByLabel('Réouverture possible pendant (jours)').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Enregistrer les réglages' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Ajouter un jour fermé' }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Délais de première réponse et de résolution par priorité, en heures ouvrées' }).textContent()).toContain('P1 · critique1 h6 h 30');
    await checkpoint(page, 'ticket-settings-03-erun-phone');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
