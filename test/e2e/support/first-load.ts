import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Page } from 'playwright-core';

/** One file per page, so test files running in parallel never write the same one. */
export const FIRST_LOAD_DIR = path.resolve(__dirname, '../../../test-results/first-load-js');

export interface FirstLoadScript {
  /** The path of the script, `/assets/…`. */
  path: string;
  gzippedBytes: number;
}

/** What `npm run bench:client` compares its own count with. */
export interface FirstLoad {
  page: string;
  gzippedBytes: number;
  scripts: FirstLoadScript[];
}

/**
 * Starts counting the scripts the page downloads, gzipped at level 9 as the bench does. Call the
 * returned function once the page is ready: it records the count under test-results and returns it.
 */
export function watchFirstLoad(page: Page, pagePath: string): () => Promise<FirstLoad> {
  const scripts: Promise<FirstLoadScript>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    const scriptPath = new URL(response.url()).pathname;
    scripts.push(response.body().then((body) => ({ path: scriptPath, gzippedBytes: zlib.gzipSync(body, { level: 9 }).length })));
  });
  return async () => {
    const measured = await Promise.all(scripts);
    const firstLoad: FirstLoad = { page: pagePath, gzippedBytes: measured.reduce((sum, script) => sum + script.gzippedBytes, 0), scripts: measured };
    fs.mkdirSync(FIRST_LOAD_DIR, { recursive: true });
    const file = `${pagePath.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home'}.json`;
    fs.writeFileSync(path.join(FIRST_LOAD_DIR, file), JSON.stringify(firstLoad, null, 2));
    return firstLoad;
  };
}
