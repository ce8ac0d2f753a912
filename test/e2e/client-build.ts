import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const CLIENT_DIST_INDEX = path.join(ROOT, 'client/dist/index.html');
const LOCK = path.join(ROOT, 'test-results/client-build.lock');
/** A build left by a crashed run must not block later ones for ever. */
const STALE_LOCK_MS = 5 * 60_000;

function newestMtime(target: string): number {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(target)
    .filter((name) => name !== '__tests__' && name !== 'dist' && name !== 'node_modules')
    .reduce((newest, name) => Math.max(newest, newestMtime(path.join(target, name))), 0);
}

function upToDate(): boolean {
  const sources = Math.max(newestMtime(path.join(ROOT, 'client')), newestMtime(path.join(ROOT, 'shared/src')));
  return fs.existsSync(CLIENT_DIST_INDEX) && fs.statSync(CLIENT_DIST_INDEX).mtimeMs >= sources;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Builds the client unless `client/dist` is newer than every source it is built from. E2E files
 * run in parallel workers: a lock file keeps one build at a time (the build empties `dist` first).
 */
export async function ensureClientBuilt(): Promise<void> {
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  for (;;) {
    if (upToDate()) return;
    try {
      fs.closeSync(fs.openSync(LOCK, 'wx'));
      break;
    } catch {
      const age = Date.now() - (fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) fs.rmSync(LOCK, { force: true });
      await sleep(500);
    }
  }
  try {
    if (upToDate()) return;
    const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'client/vite.config.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      // Jest sets NODE_ENV=test, which would make Vite bundle Vue's development build.
      env: { ...process.env, NODE_ENV: 'production' },
    });
    if (build.status !== 0) throw new Error(`The client build failed:\n${build.stdout}\n${build.stderr}`);
  } finally {
    fs.rmSync(LOCK, { force: true });
  }
}
