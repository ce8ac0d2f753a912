import type { Browser } from 'playwright-core';
import type { CommuneTicketSettingsView, HolidayPeriod, Page as ListPage, SchoolView, Ticket } from '@preau/shared';
import { apiRequest, managedCommuneId, signIn, type ApiSession } from './support/api-session';
import { startAppServer, type AppServer } from './support/app-server';
import { describeInBrowser, launchChromium } from './support/browser';
import { checkpoint } from './support/checkpoint';
import { h1, LIVE_TIMEOUT_MS, liveUpdatesOn, newSignedInPage, waitForValue } from './support/pages';

/** Where the form lists the period named `label`: periods read by first day. */
function displayedPlace(periods: readonly HolidayPeriod[], label: string): number {
  return [...periods].sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end)).findIndex((period) => period.label === label);
}

describeInBrowser("A commune's incident settings in Chromium", () => {
  let server: AppServer;
  let baseUrl: string;
  let browser: Browser;
  let manager: ApiSession;
  let communeId: number;
  let school: SchoolView;

  beforeAll(async () => {
    // With Socket.IO: a save shows at once on the other screens.
    server = await startAppServer({ realtime: true });
    baseUrl = server.baseUrl;
    manager = await signIn(baseUrl, 'responsable');
    communeId = await managedCommuneId(baseUrl, manager);
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

  test("on a phone, the city manager changes Wednesday's hours and adds a holiday period; a slot closing before it opens is refused under its field, and so is the server's word on a period", async () => {
    const { page, problems } = await newSignedInPage(browser, baseUrl, 'phone', 'responsable');
    await page.goto(`${baseUrl}/parametres/signalements`);
    await h1(page).filter({ hasText: 'Réglages des signalements' }).waitFor();
    /** A weekday, one of its slots or a holiday period: each is a group named for it. */
    const group = (name: string) => page.getByRole('group', { name, exact: true });
    const opens = (name: string) => group(name).getByLabel('Ouverture');
    const closes = (name: string) => group(name).getByLabel('Fermeture');

    await group('Mercredi').waitFor();
    expect(await opens('Mercredi, plage 1').inputValue()).toBe('08:00');
    expect(await closes('Mercredi, plage 1').inputValue()).toBe('12:00');
    expect(await group('Mercredi, plage 2').count()).toBe(0);
    expect(await group('Samedi').textContent()).toContain('Fermé');
    await page.getByText('Ce sont les horaires par défaut.').waitFor();

    // Wednesday: the morning ends at 11:30, an afternoon slot is added (the keyboard lands in it) and set.
    await closes('Mercredi, plage 1').fill('11:30');
    await page.getByRole('button', { name: 'Ajouter une plage : Mercredi' }).click();
    await group('Mercredi, plage 2').waitFor();
    expect(await opens('Mercredi, plage 2').evaluate((input) => input.matches(':focus'))).toBe(true);
    expect(await opens('Mercredi, plage 2').inputValue()).toBe('12:30');
    await opens('Mercredi, plage 2').fill('13:30');
    await closes('Mercredi, plage 2').fill('16:30');

    // The commune, in La Réunion, starts with its académie's holidays: two periods are added after them, the second taken back.
    const periodsBefore = (await settingsOf()).settings.calendar.extraHolidayPeriods;
    expect(periodsBefore.length).toBeGreaterThan(0);
    const added = `Période ${periodsBefore.length + 1}`;
    const removed = `Période ${periodsBefore.length + 2}`;
    expect(await group(`Période ${periodsBefore.length}`).getByLabel('Premier jour').inputValue()).toBe(periodsBefore.at(-1)!.start);
    const addPeriod = page.getByRole('button', { name: 'Ajouter une période' });
    await addPeriod.click();
    expect(await group(added).getByLabel('Premier jour').evaluate((input) => input.matches(':focus'))).toBe(true);
    await group(added).getByLabel('Premier jour').fill('2026-05-13');
    await group(added).getByLabel('Dernier jour').fill('2026-05-15');
    await group(added).getByLabel('Nom de la période').fill('Pont de l’Ascension');
    await addPeriod.click();
    await group(removed).getByLabel('Premier jour').fill('2026-06-01');
    await page.getByRole('button', { name: `Retirer la période : ${removed}` }).click();
    expect(await group(removed).count()).toBe(0);
    await checkpoint(page, 'ticket-settings-04-calendar-phone');

    await page.getByRole('button', { name: 'Enregistrer les réglages' }).click();
    await page.getByRole('status').filter({ hasText: 'Réglages enregistrés.' }).waitFor();
    const { calendar } = (await settingsOf()).settings;
    expect(calendar.openingHours.wed).toEqual([
      { start: '08:00', end: '11:30' },
      { start: '13:30', end: '16:30' },
    ]);
    expect(calendar.openingHours.mon).toEqual([
      { start: '08:00', end: '12:00' },
      { start: '13:30', end: '17:00' },
    ]);
    expect(calendar.openingHours.sat).toEqual([]);
    expect(calendar.extraHolidayPeriods).toEqual([...periodsBefore, { start: '2026-05-13', end: '2026-05-15', label: 'Pont de l’Ascension' }]);

    await page.reload();
    await h1(page).filter({ hasText: 'Réglages des signalements' }).waitFor();
    await group('Mercredi, plage 2').waitFor();
    // The periods read by first day: the one added, at the end of the list when typed, takes its place.
    const addedPlace = displayedPlace(calendar.extraHolidayPeriods, 'Pont de l’Ascension');
    const addedAfterReload = `Période ${addedPlace + 1}`;
    expect(addedAfterReload).not.toBe(added);
    expect(await closes('Mercredi, plage 1').inputValue()).toBe('11:30');
    expect(await opens('Mercredi, plage 2').inputValue()).toBe('13:30');
    expect(await closes('Mercredi, plage 2').inputValue()).toBe('16:30');
    expect(await group(addedAfterReload).getByLabel('Premier jour').inputValue()).toBe('2026-05-13');
    expect(await group(addedAfterReload).getByLabel('Dernier jour').inputValue()).toBe('2026-05-15');
    expect(await group(addedAfterReload).getByLabel('Nom de la période').inputValue()).toBe('Pont de l’Ascension');

    // The afternoon now closes before it opens: said under that field, the keyboard there, nothing saved.
    await closes('Mercredi, plage 2').fill('12:00');
    await page.getByRole('button', { name: 'Enregistrer les réglages' }).click();
    const endError = group('Mercredi, plage 2').locator('.field__error', { hasText: 'La fermeture doit venir après l’ouverture.' });
    await endError.waitFor();
    const end = closes('Mercredi, plage 2');
    expect(await end.getAttribute('aria-invalid')).toBe('true');
    expect(await end.getAttribute('aria-describedby')).toContain((await endError.getAttribute('id'))!);
    expect(await end.evaluate((input) => input.matches(':focus'))).toBe(true);
    expect(await opens('Mercredi, plage 2').getAttribute('aria-invalid')).toBeNull();
    await checkpoint(page, 'ticket-settings-05-slot-invalid');
    // Correcting the field takes its error away.
    await end.fill('16:00');
    expect(await endError.count()).toBe(0);
    expect((await settingsOf()).settings.calendar.openingHours.wed[1]).toEqual({ start: '13:30', end: '16:30' });

    // Back to the default week, in one click, without saving.
    await page.getByRole('button', { name: 'Reprendre les horaires par défaut' }).click();
    await page.getByText('Ce sont les horaires par défaut.').waitFor();
    // The button gave way to that note: the keyboard is on it, not lost at the top of the page.
    expect(await page.locator(':focus').textContent()).toBe('Ce sont les horaires par défaut.');
    expect(await group('Mercredi, plage 2').count()).toBe(0);
    expect(await closes('Mercredi, plage 1').inputValue()).toBe('12:00');
    expect(problems).toEqual([]);

    // What the server refuses (checked there too) lands under the field it names.
    await page.route(`**/api/v1/communes/${communeId}/ticket-settings`, (route) =>
      route.request().method() === 'PUT'
        ? route.fulfill({
            status: 422,
            contentType: 'application/problem+json',
            body: JSON.stringify({
              type: 'about:blank',
              title: 'Validation failed',
              status: 422,
              code: 'VALIDATION_FAILED',
              errors: [{ path: ['calendar', 'extraHolidayPeriods', addedPlace, 'end'], message: 'A period ends on or after its first day', code: 'custom' }],
            }),
          })
        : route.continue(),
    );
    await page.getByRole('button', { name: 'Enregistrer les réglages' }).click();
    const periodError = group(addedAfterReload).locator('.field__error', { hasText: 'Le dernier jour ne peut pas précéder le premier.' });
    await periodError.waitFor();
    const lastDay = group(addedAfterReload).getByLabel('Dernier jour');
    expect(await lastDay.getAttribute('aria-invalid')).toBe('true');
    expect(await lastDay.getAttribute('aria-describedby')).toContain((await periodError.getAttribute('id'))!);
    await page.getByRole('alert').filter({ hasText: 'Certaines valeurs ne sont pas acceptées.' }).waitFor();
    await page.unroute(`**/api/v1/communes/${communeId}/ticket-settings`);
    await page.close();
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
    // The teacher's report held since the first test: said with the choice, in the checkbox's description.
    expect(await approval.getAttribute('aria-describedby')).toBeTruthy();
    await page.getByText('1 signalement attend l’accord de la direction de son école. Décocher la case vaut pour les signalements suivants', { exact: false }).waitFor();
    expect(await page.getByLabel('Réouverture possible pendant (jours)').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Enregistrer les réglages' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Ajouter un jour fermé' }).count()).toBe(0);
    // The calendar's hours and periods, as the city manager saved them, cannot be changed here.
    const afternoon = page.getByRole('group', { name: 'Mercredi, plage 2', exact: true });
    expect(await afternoon.getByLabel('Fermeture').inputValue()).toBe('16:30');
    expect(await afternoon.getByLabel('Fermeture').isDisabled()).toBe(true);
    const place = displayedPlace((await settingsOf()).settings.calendar.extraHolidayPeriods, 'Pont de l’Ascension');
    const addedPeriod = page.getByRole('group', { name: `Période ${place + 1}`, exact: true });
    expect(await addedPeriod.getByLabel('Nom de la période').inputValue()).toBe('Pont de l’Ascension');
    expect(await addedPeriod.getByLabel('Premier jour').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: /^(Ajouter une plage|Retirer la plage|Ajouter une période|Retirer la période|Reprendre les horaires)/ }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Délais de première réponse et de résolution par priorité, en heures ouvrées' }).textContent()).toContain('P1 · critique1 h6 h 30');
    await checkpoint(page, 'ticket-settings-03-erun-phone');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  test('an administrator saves while the city manager edits: the manager is told at once, refused on saving, then saves over it knowingly; the ERUN sees each save live', async () => {
    const admin = await signIn(baseUrl, 'admin');
    const { page, problems } = await newSignedInPage(browser, baseUrl, 'desktop', 'responsable');
    const erun = await newSignedInPage(browser, baseUrl, 'phone', 'erun');
    for (const each of [page, erun.page]) {
      await each.goto(`${baseUrl}/parametres/signalements?commune=${communeId}`);
      await h1(each).filter({ hasText: 'Réglages des signalements' }).waitFor();
    }
    const reopen = page.getByLabel('Réouverture possible pendant (jours)');
    const erunReopen = erun.page.getByLabel('Réouverture possible pendant (jours)');
    await reopen.waitFor();
    const before = await settingsOf();
    // The live updates are on before anyone saves.
    await Promise.all([page, erun.page].map((each) => liveUpdatesOn(each)));

    await reopen.fill('4');
    const put = (reopenDays: number) =>
      apiRequest<CommuneTicketSettingsView>(baseUrl, admin, `/communes/${communeId}/ticket-settings`, {
        method: 'PUT',
        body: JSON.stringify({ ...before.settings, reopenDays, version: before.version }),
      });
    await put(2);

    // Told at once; what the manager typed stays; the ERUN, who edits nothing, sees the new value.
    const told = page.getByText('Quelqu’un d’autre a enregistré ces réglages depuis que vous les avez ouverts.');
    await told.waitFor({ timeout: LIVE_TIMEOUT_MS });
    expect(await reopen.inputValue()).toBe('4');
    await waitForValue(erunReopen, '2');
    await checkpoint(page, 'ticket-settings-06-saved-elsewhere');

    // Saving does not overwrite theirs unseen: refused, said, and nothing changed.
    await page.getByRole('button', { name: 'Enregistrer les réglages' }).click();
    await page.getByRole('alert').filter({ hasText: 'Quelqu’un a enregistré ces réglages entre-temps' }).waitFor();
    expect((await settingsOf()).settings.reopenDays).toBe(2);
    expect(await reopen.inputValue()).toBe('4');
    // Saving again, knowing it: theirs is replaced, and the ERUN sees it.
    await page.getByRole('button', { name: 'Enregistrer les réglages' }).click();
    await page.getByRole('status').filter({ hasText: 'Réglages enregistrés.' }).waitFor();
    expect(await told.count()).toBe(0);
    expect((await settingsOf()).settings.reopenDays).toBe(4);
    await waitForValue(erunReopen, '4');

    // Another save elsewhere, and this time the manager takes theirs: the form shows it, the keyboard on top.
    const current = await settingsOf();
    await apiRequest(baseUrl, admin, `/communes/${communeId}/ticket-settings`, {
      method: 'PUT',
      body: JSON.stringify({ ...current.settings, reopenDays: 1, version: current.version }),
    });
    await told.waitFor({ timeout: LIVE_TIMEOUT_MS });
    await page.getByRole('button', { name: 'Afficher leurs réglages' }).click();
    await waitForValue(reopen, '1');
    expect(await told.count()).toBe(0);
    expect(await page.locator('.status-note:focus').count()).toBe(1);

    expect(problems.map((problem) => /status of (\d{3})/.exec(problem)?.[1] ?? problem)).toEqual(['409']);
    expect(erun.problems).toEqual([]);
    await erun.page.close();
    await page.close();
  }, 60_000);
});
