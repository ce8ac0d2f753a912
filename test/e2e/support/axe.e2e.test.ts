import type { Browser, Page } from 'playwright-core';
import { expectNoSeriousA11yViolations } from './axe';
import { describeInBrowser, launchChromium } from './browser';

describeInBrowser('The axe-core check of the browser tests', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const PAGE = `<!doctype html><html lang="fr"><title>Essai</title><body><main>
    <h1>Essai</h1>
    <button id="icon-only"></button>
    <p class="pale" style="color:#ccc;background:#fff">Texte pâle</p>
    <p>Un texte lisible.</p>
  </main></body></html>`;

  test('fails with the rule, its impact, the element and the help link of each serious or critical violation', async () => {
    await page.setContent(PAGE);
    const failure = await expectNoSeriousA11yViolations(page, 'axe self-check').catch((error: Error) => error.message);
    expect(failure).toEqual(expect.stringContaining('button-name [critical]'));
    expect(failure).toEqual(expect.stringContaining('#icon-only'));
    expect(failure).toEqual(expect.stringContaining('https://dequeuniversity.com/rules/axe/'));
    expect(failure).toEqual(expect.stringContaining('color-contrast [serious]'));
  });

  test('a waiver silences one rule on the elements it names, and nothing else', async () => {
    await page.setContent(PAGE);
    const waiver = { rule: 'color-contrast', selector: '.pale', reason: 'self-check' };
    const failure = await expectNoSeriousA11yViolations(page, 'axe self-check waived', [waiver]).catch((error: Error) => error.message);
    expect(failure).not.toContain('color-contrast');
    expect(failure).toContain('button-name');

    await page.setContent(PAGE.replace('<button id="icon-only"></button>', '<button>Valider</button>'));
    await expect(expectNoSeriousA11yViolations(page, 'axe self-check clean', [waiver])).resolves.toBeUndefined();
  });
});
