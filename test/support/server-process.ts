import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const LISTENING = /Préau listening on http:\/\/localhost:(\d+)/;

/** A real Préau server (`server/src/main.ts`) running in its own process. */
export interface ServerProcess {
  /** `http://127.0.0.1:<port>`, for supertest or fetch. */
  url: string;
  port: number;
  /** What it wrote lately (the last 50 000 characters), for failure messages. */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited within `timeoutMs`. Safe to call twice. */
  stop(timeoutMs?: number): Promise<void>;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts `node --import tsx server/src/main.ts` with only the given environment (plus PATH and
 * HOME), PORT=0 and HOST=127.0.0.1 unless given, and resolves once it logs the port it listens
 * on. Rejects, killing the process, if it exits or stays silent for `timeoutMs`.
 */
export function startServer(env: Record<string, string>, { timeoutMs = 60_000 } = {}): Promise<ServerProcess> {
  if (!exitHookInstalled) {
    // Jest may end the worker without running afterAll (a crash, a timeout): never leave servers behind.
    process.once('exit', () => running.forEach((child) => child.kill('SIGKILL')));
    exitHookInstalled = true;
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? ROOT, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));

  let output = '';
  const stop = async (stopTimeoutMs = 15_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
    await exited(child);
    clearTimeout(killer);
  };

  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`Préau server process ${why}. Its output:\n${output}`));
    };
    const timer = setTimeout(() => fail(`did not report its port within ${timeoutMs} ms`), timeoutMs);
    child.once('exit', (code, signal) => fail(`exited before listening (code ${code}, signal ${signal})`));
    child.once('error', (error) => fail(`could not start: ${error.message}`));
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        output = (output + chunk).slice(-50_000);
        const port = settled ? undefined : LISTENING.exec(output)?.[1];
        if (!port) return;
        settled = true;
        clearTimeout(timer);
        resolve({ url: `http://127.0.0.1:${port}`, port: Number(port), output: () => output, stop });
      });
    }
  });
}
