import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { cpuProfileFlags } from './cpu-profile';

/** The production entry point: HTTP API, Socket.IO, the service-target sweep and its other jobs. */
const MAIN = path.resolve(__dirname, '../../server/src/main.ts');
const ROOT = path.resolve(__dirname, '../..');
const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

export interface TicketsServer {
  baseUrl: string;
  /** CPU seconds the server process has used so far (user + system); null where /proc is missing. */
  cpuSeconds(): number | null;
  stop(): Promise<void>;
}

let clockTicks: number | null = null;

/** A process's user + system CPU seconds from /proc/<pid>/stat (Linux), or null. */
export function processCpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The fields after the command name, which is in brackets and may hold spaces: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return null;
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

/**
 * Runs `server/src/main.ts` as production does, in a process of its own, with only the given
 * environment (and PATH, HOME): nothing of the caller's DATABASE_URL or REDIS_URL leaks in. The
 * request log goes to /dev/null. Resolves once GET /api/v1/health answers.
 */
export async function startTicketsServer(appEnv: Record<string, string>, logLevel: string): Promise<TicketsServer> {
  const port = await freePort();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    ...appEnv,
    HOST,
    PORT: String(port),
    NODE_ENV: 'production',
    LOG_LEVEL: logLevel,
    DEMO_DATA: 'off',
  };
  const child = spawn(process.execPath, [...cpuProfileFlags(), '--import', 'tsx', MAIN], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const baseUrl = `http://${HOST}:${port}`;
  const started = performance.now();
  while (performance.now() - started < START_TIMEOUT_MS) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before answering`);
    try {
      const response = await fetch(`${baseUrl}/api/v1/health`);
      if (response.ok) return { baseUrl, cpuSeconds: () => processCpuSeconds(child.pid), stop: () => stopChild(child) };
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  await stopChild(child);
  throw new Error(`server did not answer within ${START_TIMEOUT_MS / 1000} s`);
}

/** SIGTERM, as a service manager stops it (sockets closed, queued notifications sent); SIGKILL if it hangs. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
