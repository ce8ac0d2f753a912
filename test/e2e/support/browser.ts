import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const hasChromium = fs.existsSync(CHROMIUM);

/** Quiet, headless-friendly Chromium: no sandbox (containers), no GPU, no background traffic. */
const STANDARD_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * `describe` where Chromium is installed; elsewhere the suite is skipped, and its title says why
 * in the words `npm test` looks for to explain skips.
 */
export function describeInBrowser(title: string, suite: () => void): void {
  if (hasChromium) describe(title, suite);
  else describe.skip(`${title} (Chromium skipped: ${CHROMIUM} not found)`, suite);
}

/** The system Chromium with the standard flags, then `extraArgs`. */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...STANDARD_ARGS, ...extraArgs] });
}
