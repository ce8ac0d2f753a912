import type { Browser } from 'playwright-core';
import type { RoutingRuleRecord, TicketConfigCommunes } from '@preau/shared';
import { apiRequest, managedCommuneId, signIn, type ApiSession } from './support/api-session';
import { startAppServer, type AppServer } from './support/app-server';
import { describeInBrowser, launchChromium } from './support/browser';
import { checkpoint } from './support/checkpoint';
import { h1, LIVE_TIMEOUT_MS, liveUpdatesOn, newSignedInPage } from './support/pages';

describeInBrowser("A commune's routing rules in Chromium", () => {
  let server: AppServer;
  let baseUrl: string;
  let browser: Browser;
  let manager: ApiSession;
  let communeId: number;

  beforeAll(async () => {
    // With Socket.IO: the page shows other people's changes live.
    server = await startAppServer({ realtime: true });
    baseUrl = server.baseUrl;
    manager = await signIn(baseUrl, 'responsable');
    communeId = await managedCommuneId(baseUrl, manager);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const communeRules = async () =>
    (await apiRequest<{ items: RoutingRuleRecord[] }>(baseUrl, manager, `/routing-rules?communeId=${communeId}`)).items.filter(
      (rule) => rule.scope.communeId === communeId,
    );

  test('the city manager adds a rule for printing, tries it, is told what is missing, moves, disables and deletes rules; the global rules stay read-only', async () => {
    const { page, problems } = await newSignedInPage(browser, baseUrl, 'desktop', 'responsable');
    await page.goto(`${baseUrl}/tableau-de-bord`);
    await page.getByRole('link', { name: 'Règles d’acheminement' }).click();
    await page.waitForURL(/\/parametres\/acheminement$/);
    await h1(page).filter({ hasText: 'Règles d’acheminement' }).waitFor();
    await liveUpdatesOn(page);

    // The default rules, in order, with no way for a city manager to change them.
    const reports = page.getByRole('region', { name: 'Nouveaux signalements' });
    const security = 'Sécurité : directement aux techniciens de la commune, direction prévenue';
    await reports.getByRole('heading', { name: security, exact: true }).waitFor();
    expect(await reports.getByRole('heading', { level: 3 }).allTextContents()).toEqual([
      security,
      'Matériel non fourni par la ville : enregistré et traité au niveau 1',
      'Nouveau signalement : niveau 1 de la circonscription',
    ]);
    expect(await page.getByRole('button', { name: `Modifier : ${security}` }).count()).toBe(0);
    await page.getByText('Les règles de toutes les communes ne se modifient que par un administrateur').waitFor();

    // A new rule, refused first: no name and an escalation refused without a reason.
    await page.getByRole('button', { name: 'Nouvelle règle' }).click();
    const form = page.locator('form.rule-form');
    await form.getByText('Une demande d’escalade', { exact: true }).click();
    await form.getByText('Refuser l’escalade', { exact: true }).click();
    await form.getByRole('button', { name: 'Créer la règle' }).click();
    const name = form.getByLabel('Nom de la règle');
    await name.and(page.locator('[aria-invalid="true"]')).waitFor();
    await form.getByText('Donnez un nom à la règle.').waitFor();
    await form.getByText('Dites pourquoi l’escalade est refusée.').waitFor();
    expect(await page.locator(':focus').getAttribute('id')).toBe(await name.getAttribute('id'));
    expect(await form.getByLabel('Raison du refus').getAttribute('aria-invalid')).toBe('true');
    await checkpoint(page, 'routing-rules-01-refused');
    expect(await communeRules()).toEqual([]);

    // Printing goes straight to the city's technicians.
    const printing = 'Impression : directement aux techniciens';
    await name.fill(printing);
    // Typed: its error goes, the other field's stays until it changes.
    expect(await form.getByText('Donnez un nom à la règle.').count()).toBe(0);
    expect(await form.getByText('Dites pourquoi l’escalade est refusée.').count()).toBe(1);
    await form.getByText('Un nouveau signalement', { exact: true }).click();
    await form.getByRole('group', { name: 'Catégories' }).getByLabel('Impression').check();
    await form.getByLabel('Groupe', { exact: true }).selectOption({ label: 'Niveau 2 : Techniciens de la commune' });
    await form.getByRole('button', { name: 'Créer la règle' }).click();
    await page.getByRole('status').filter({ hasText: `Règle « ${printing} » enregistrée.` }).waitFor();
    expect(await reports.getByRole('heading', { level: 3 }).first().textContent()).toBe(printing);
    const [created] = await communeRules();
    expect(created).toMatchObject({ name: printing, trigger: 'report', conditions: { categories: ['printing'] }, action: { kind: 'route', level: 2, group: 'commune_technicians' }, enabled: true });

    // Tried without filing anything: a printing report meets the new rule, a network one the default.
    const preview = page.getByRole('region', { name: 'Essayer les règles' });
    await preview.getByLabel('Catégorie').selectOption({ label: 'Impression' });
    await preview.getByRole('button', { name: 'Essayer' }).click();
    await preview.getByText(printing).waitFor();
    await preview.getByText('Niveau 2 : Techniciens de la commune').waitFor();
    await checkpoint(page, 'routing-rules-02-preview');
    await preview.getByLabel('Catégorie').selectOption({ label: 'Réseau de l’école' });
    await preview.getByRole('button', { name: 'Essayer' }).click();
    await preview.getByText('Nouveau signalement : niveau 1 de la circonscription').waitFor();
    // A try that fails says so, and leaves no earlier answer on screen as if it were this one's.
    await page.route('**/api/v1/routing-rules/preview', (route) => route.abort());
    await preview.getByRole('button', { name: 'Essayer' }).click();
    await preview.getByRole('alert').waitFor();
    expect(await preview.getByText('Règle appliquée').count()).toBe(0);
    await page.unroute('**/api/v1/routing-rules/preview');

    // A second rule, put before the first.
    const ent = 'ENT : niveau 1 de la circonscription';
    await apiRequest(baseUrl, manager, '/routing-rules', {
      method: 'POST',
      body: JSON.stringify({ name: ent, position: created!.position + 10, trigger: 'report', conditions: { categories: ['ent'] }, action: { kind: 'route', level: 1, group: 'circonscription_level1' }, scope: { communeId } }),
    });
    // Another manager's rule shows up live, without reloading the page.
    await reports.getByRole('heading', { name: ent, exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await page.getByRole('button', { name: `Monter : ${ent}` }).click();
    await page.getByRole('status').filter({ hasText: `Règle « ${ent} » déplacée.` }).waitFor();
    expect((await reports.getByRole('heading', { level: 3 }).allTextContents()).slice(0, 2)).toEqual([ent, printing]);
    const [moved] = await communeRules();
    expect([moved!.name, (await communeRules())[1]!.name]).toEqual([ent, printing]);
    // The keyboard stays on the rule moved.
    expect(await page.locator(':focus').getAttribute('id')).toBe(`routing-rule-${moved!.id}`);

    // Someone changes the rule while it is edited here: said, read again, and saving again keeps what was typed.
    const entRenamed = `${ent} (ENT académique)`;
    await page.getByRole('button', { name: `Modifier : ${ent}` }).click();
    const editForm = page.locator('form.rule-form');
    await editForm.getByLabel('Nom de la règle').fill(entRenamed);
    await apiRequest(baseUrl, manager, `/routing-rules/${moved!.id}`, { method: 'PATCH', body: JSON.stringify({ version: moved!.version, name: 'ENT : changée ailleurs' }) });
    // Said live, before saving; the form still saves over the version it started from.
    const changedMeanwhile = page.getByText('Quelqu’un d’autre vient de modifier cette règle.', { exact: false });
    await changedMeanwhile.waitFor({ timeout: LIVE_TIMEOUT_MS });
    await editForm.getByRole('button', { name: 'Enregistrer la règle' }).click();
    await editForm.getByText('Quelqu’un a modifié cette règle entre-temps').waitFor();
    expect(await editForm.getByLabel('Nom de la règle').inputValue()).toBe(entRenamed);
    expect(await changedMeanwhile.count()).toBe(0);
    await editForm.getByRole('button', { name: 'Enregistrer la règle' }).click();
    await page.getByRole('status').filter({ hasText: `Règle « ${entRenamed} » enregistrée.` }).waitFor();
    expect((await communeRules())[0]!.name).toBe(entRenamed);

    // Disabled: kept, marked, skipped by routing.
    await page.getByRole('button', { name: `Désactiver : ${printing}` }).click();
    await page.getByRole('status').filter({ hasText: `Règle « ${printing} » désactivée.` }).waitFor();
    const disabled = (await communeRules()).find((rule) => rule.name === printing);
    expect(disabled?.enabled).toBe(false);
    expect(await page.locator(':focus').getAttribute('id')).toBe(`routing-rule-${disabled!.id}`);
    await preview.getByLabel('Catégorie').selectOption({ label: 'Impression' });
    await preview.getByRole('button', { name: 'Essayer' }).click();
    await preview.getByText('Nouveau signalement : niveau 1 de la circonscription').waitFor();

    // Deleted after a confirmation.
    await page.getByRole('button', { name: `Supprimer : ${printing}` }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Supprimer' }).click();
    await page.getByRole('status').filter({ hasText: `Règle « ${printing} » supprimée.` }).waitFor();
    expect((await communeRules()).map((rule) => rule.name)).toEqual([entRenamed]);
    await checkpoint(page, 'routing-rules-03-after-delete');

    // Deleted by someone else while the confirmation was open: done all the same, and gone from the list.
    await page.getByRole('button', { name: `Supprimer : ${entRenamed}` }).click();
    await apiRequest(baseUrl, manager, `/routing-rules/${moved!.id}`, { method: 'DELETE' }).catch(() => undefined);
    await page.getByRole('alertdialog').getByRole('button', { name: 'Supprimer' }).click();
    await page.getByRole('status').filter({ hasText: `Règle « ${entRenamed} » supprimée.` }).waitFor();
    expect(await reports.getByRole('heading', { name: entRenamed, exact: true }).count()).toBe(0);
    expect(await communeRules()).toEqual([]);
    // The only console errors are the browser's notes of what this test caused: the failed try, the 409 and the 404.
    expect(problems.map((problem) => /status of (\d{3})|(net::ERR_FAILED)/.exec(problem)?.slice(1).find(Boolean) ?? problem)).toEqual(['net::ERR_FAILED', '409', '404']);
    await page.close();
  }, 90_000);

  test('an administrator writes a rule for every commune, which comes after each commune’s own', async () => {
    const admin = await signIn(baseUrl, 'admin');
    const { page, problems } = await newSignedInPage(browser, baseUrl, 'desktop', 'admin');
    await page.goto(`${baseUrl}/parametres/acheminement?commune=${communeId}`);
    await h1(page).filter({ hasText: 'Règles d’acheminement' }).waitFor();
    // Every rule is theirs to change, the global ones included.
    await page.getByRole('button', { name: 'Modifier : Nouveau signalement : niveau 1 de la circonscription' }).waitFor();

    // A new rule left: the keyboard goes back to the button that opened it.
    await page.getByRole('button', { name: 'Nouvelle règle' }).click();
    await page.locator('form.rule-form').getByRole('button', { name: 'Annuler' }).click();
    await page.locator('#new-routing-rule:focus').waitFor();

    await page.getByRole('button', { name: 'Nouvelle règle' }).click();
    const form = page.locator('form.rule-form');
    const name = 'Messagerie : assistance du rectorat, partout';
    await form.getByLabel('Nom de la règle').fill(name);
    await form.getByText('Toutes les communes', { exact: true }).click();
    await form.getByRole('group', { name: 'Catégories' }).getByLabel('Messagerie').check();
    // Limited to one commune: a condition only a global rule has.
    const { items: communes } = await apiRequest<TicketConfigCommunes>(baseUrl, admin, '/ticket-settings/communes');
    const communeName = communes.find((item) => item.id === communeId)!.name;
    await form.getByRole('group', { name: 'Communes' }).getByLabel(communeName, { exact: true }).check();
    await form.getByLabel('Groupe', { exact: true }).selectOption({ label: 'Niveau 2 : Assistance du rectorat' });
    await form.getByLabel('Règle active').uncheck();
    await form.getByRole('button', { name: 'Créer la règle' }).click();
    await page.getByRole('status').filter({ hasText: `Règle « ${name} » enregistrée.` }).waitFor();
    await checkpoint(page, 'routing-rules-05-admin-global');

    const rules = (await apiRequest<{ items: RoutingRuleRecord[] }>(baseUrl, admin, `/routing-rules?communeId=${communeId}`)).items;
    const created = rules.find((rule) => rule.name === name);
    expect(created).toMatchObject({ scope: { communeId: null }, enabled: false, conditions: { categories: ['email'], communeIds: [communeId] }, action: { kind: 'route', level: 2, group: 'rectorate_desk' } });
    await page.getByRole('listitem').filter({ hasText: name }).getByText(communeName, { exact: true }).waitFor();
    // Tried after the commune's own rules, as the list shows it.
    const reports = page.getByRole('region', { name: 'Nouveaux signalements' });
    const names = await reports.getByRole('heading', { level: 3 }).allTextContents();
    const communeNames = rules.filter((rule) => rule.trigger === 'report' && rule.scope.communeId === communeId).map((rule) => rule.name);
    expect(names.slice(0, communeNames.length)).toEqual(communeNames);
    expect(names.at(-1)).toBe(name);

    await page.getByRole('button', { name: `Supprimer : ${name}` }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Supprimer' }).click();
    await page.getByRole('status').filter({ hasText: `Règle « ${name} » supprimée.` }).waitFor();
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  test('the ERUN sees the rules change live, and an edit of a rule deleted elsewhere ends with a notice', async () => {
    const { page, problems } = await newSignedInPage(browser, baseUrl, 'desktop', 'admin');
    await page.goto(`${baseUrl}/parametres/acheminement?commune=${communeId}`);
    await h1(page).filter({ hasText: 'Règles d’acheminement' }).waitFor();
    const erun = await newSignedInPage(browser, baseUrl, 'phone', 'erun');
    await erun.page.goto(`${baseUrl}/parametres/acheminement?commune=${communeId}`);
    await h1(erun.page).filter({ hasText: 'Règles d’acheminement' }).waitFor();
    await Promise.all([page, erun.page].map((each) => liveUpdatesOn(each)));

    // The city manager adds a rule: it shows on both screens.
    const name = 'Filtrage : assistance du rectorat';
    const rule = await apiRequest<RoutingRuleRecord>(baseUrl, manager, '/routing-rules', {
      method: 'POST',
      body: JSON.stringify({ name, position: 5, trigger: 'report', conditions: { categories: ['filtering'] }, action: { kind: 'route', level: 2, group: 'rectorate_desk' }, scope: { communeId } }),
    });
    const heading = (on: typeof page) => on.getByRole('region', { name: 'Nouveaux signalements' }).getByRole('heading', { name, exact: true });
    await Promise.all([heading(page), heading(erun.page)].map((each) => each.waitFor({ timeout: LIVE_TIMEOUT_MS })));

    // The administrator edits it; the city manager deletes it meanwhile: the edit ends, and the page says why.
    await page.getByRole('button', { name: `Modifier : ${name}` }).click();
    await page.locator('form.rule-form').getByLabel('Nom de la règle').fill(`${name} (modifiée)`);
    await apiRequest(baseUrl, manager, `/routing-rules/${rule.id}`, { method: 'DELETE' });
    await page.getByRole('alert').filter({ hasText: 'Cette règle a été supprimée entre-temps.' }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    expect(await page.locator('form.rule-form').count()).toBe(0);
    await heading(erun.page).waitFor({ state: 'detached', timeout: LIVE_TIMEOUT_MS });
    expect(await heading(page).count()).toBe(0);
    // Nothing is left waiting: the page's buttons work again.
    expect(await page.getByRole('button', { name: 'Nouvelle règle' }).isEnabled()).toBe(true);

    expect(problems).toEqual([]);
    expect(erun.problems).toEqual([]);
    await erun.page.close();
    await page.close();
  }, 60_000);

  test('the ERUN reads the rules on a phone, without a way to change them', async () => {
    const { page, problems } = await newSignedInPage(browser, baseUrl, 'phone', 'erun');
    await page.goto(`${baseUrl}/parametres/acheminement`);
    await h1(page).filter({ hasText: 'Règles d’acheminement' }).waitFor();
    await page.getByText('Seuls les responsables informatiques de la commune et les administrateurs peuvent les modifier.').waitFor();
    await page.getByRole('region', { name: 'Escalades' }).getByRole('heading', { name: 'Panne matérielle sous garantie : fournisseur' }).waitFor();
    expect(await page.getByRole('button', { name: 'Nouvelle règle' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Modifier/ }).count()).toBe(0);
    await checkpoint(page, 'routing-rules-04-erun-phone');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
