import type { Browser } from 'playwright-core';
import type { Page as ListPage, SchoolView, TicketDetail } from '@preau/shared';
import { apiRequest, signIn, type ApiSession } from './support/api-session';
import { startAppServer, type AppServer } from './support/app-server';
import { describeInBrowser, launchChromium } from './support/browser';
import { checkpoint } from './support/checkpoint';
import { h1, newSignedInPage } from './support/pages';

describeInBrowser('The holding group corrects, hands over and assigns a ticket from its page, in Chromium', () => {
  let server: AppServer;
  let baseUrl: string;
  let browser: Browser;
  let teacher: ApiSession;
  let school: SchoolView;

  beforeAll(async () => {
    server = await startAppServer();
    baseUrl = server.baseUrl;
    teacher = await signIn(baseUrl, 'enseignant');
    const uai = server.demo.firstSchool.uai;
    school = (await apiRequest<ListPage<SchoolView>>(baseUrl, teacher, `/schools?q=${uai}`)).items.find((one) => one.uai === uai)!;
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the ERUN corrects the category and hands the report to the technicians, who assign it to a named colleague', async () => {
    const title = 'Plus de réseau dans la salle informatique';
    const filed = await apiRequest<TicketDetail>(
      baseUrl,
      teacher,
      '/tickets',
      { method: 'POST', headers: { 'Idempotency-Key': 'ticket-handover-e2e-1' }, body: JSON.stringify({ schoolId: school.id, category: 'other', title, impact: 'one_class', urgency: 'high' }) },
    );

    const erun = await newSignedInPage(browser, baseUrl, 'desktop', 'erun');
    await erun.page.goto(`${baseUrl}/incidents/${filed.id}`);
    await h1(erun.page).filter({ hasText: title }).waitFor();

    // The texts of the panel stop at the schemas' limit.
    await erun.page.getByText('Escalader au niveau 2').click();
    expect(await erun.page.getByLabel('Diagnostic').getAttribute('maxlength')).toBe('5000');

    // Category: from « Autre » to « Réseau de l’école », said in the timeline.
    await erun.page.getByText('Corriger la catégorie (Autre)').click();
    await erun.page.getByLabel('Nouvelle catégorie').selectOption({ label: 'Réseau de l’école' });
    await erun.page.getByLabel('Pourquoi ce changement').fill('Le switch de la salle est en cause');
    await erun.page.getByRole('button', { name: 'Changer la catégorie' }).click();
    await erun.page.getByRole('status').filter({ hasText: 'Catégorie changée : Réseau de l’école.' }).waitFor();
    const recategorized = erun.page.locator('.ticket-timeline__event[data-kind="recategorized"]');
    await recategorized.filter({ hasText: 'Le switch de la salle est en cause' }).waitFor();
    expect(await recategorized.locator('.ticket-timeline__values').innerText()).toMatch(/Autre.*Réseau de l’école/);

    // Hand-over: the group is chosen from those serving the school; the reason is required.
    await erun.page.getByText('Confier à un autre groupe').click();
    const group = erun.page.getByLabel('Groupe de support');
    const technicians = (await group.locator('option').allInnerTexts()).find((label) => label.startsWith('Techniciens —'));
    expect(technicians).toMatch(/\(niveau 2\)$/);
    await group.selectOption({ label: technicians! });
    await erun.page.getByRole('button', { name: 'Confier le signalement' }).click();
    await erun.page.locator('.field__error', { hasText: 'Écrivez quelques mots' }).waitFor();
    await erun.page.getByLabel('Pourquoi ce groupe').fill('Switch à remplacer dans la baie de brassage');
    await erun.page.getByRole('button', { name: 'Confier le signalement' }).click();
    await erun.page.getByRole('status').filter({ hasText: 'Signalement confié à Techniciens —' }).waitFor();
    await erun.page.locator('.ticket-header__badges', { hasText: 'Niveau 2' }).waitFor();
    await erun.page.locator('.ticket-timeline__event[data-kind="reassigned"]', { hasText: 'Switch à remplacer' }).waitFor();
    // Now another group's: the ERUN's panel is gone.
    expect(await erun.page.getByRole('heading', { name: 'Traiter le signalement' }).count()).toBe(0);
    await checkpoint(erun.page, 'ticket-handover-01-handed-over');
    expect(erun.problems).toEqual([]);
    await erun.page.close();

    // The technician names a colleague of the commune.
    const technician = await newSignedInPage(browser, baseUrl, 'phone', 'technicien');
    await technician.page.goto(`${baseUrl}/incidents/${filed.id}`);
    await h1(technician.page).filter({ hasText: title }).waitFor();
    await technician.page.getByText('Attribuer à un collègue').click();
    await technician.page.getByLabel('Collègue du groupe').selectOption({ label: 'Sylvie Técher (responsable informatique)' });
    await technician.page.getByRole('button', { name: 'Attribuer', exact: true }).click();
    await technician.page.getByRole('status').filter({ hasText: 'Signalement attribué à Sylvie Técher (responsable informatique).' }).waitFor();
    await technician.page.locator('.ticket-timeline__event[data-kind="assigned"]', { hasText: 'Sylvie Técher' }).waitFor();
    await checkpoint(technician.page, 'ticket-handover-02-assigned');
    expect(technician.problems).toEqual([]);
    await technician.page.close();

    const after = await apiRequest<TicketDetail>(baseUrl, await signIn(baseUrl, 'technicien'), `/tickets/${filed.id}`);
    expect(after).toMatchObject({ category: 'network', level: 2, status: 'assigned', assignee: { displayName: 'Sylvie Técher (responsable informatique)' } });
  }, 90_000);
});
