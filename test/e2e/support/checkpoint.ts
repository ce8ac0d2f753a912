import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expectNoSeriousA11yViolations, type AxeWaiver } from './axe';

/** CI keeps `test-results/`; every browser test file writes its screenshots here. */
export const SCREENSHOTS_DIR = path.resolve(__dirname, '../../../test-results/screenshots');

/**
 * One step of a journey, once its content has loaded: a full-page screenshot named `name`,
 * then the accessibility check. The screenshot comes first so a failing check leaves a picture.
 */
export async function checkpoint(page: Page, name: string, waivers: AxeWaiver[] = []): Promise<void> {
  fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, `${name}.png`), fullPage: true });
  await expectNoSeriousA11yViolations(page, name, waivers);
}
