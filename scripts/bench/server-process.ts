import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import type { CapturedQuery } from './capture-sql';
import { cpuProfileFlags } from './cpu-profile';
import type { RawSpec } from './raw-baseline';

/** What a child server process runs: the real app with this environment, or the raw baseline. */
export type ServerRequest = { kind: 'app'; env: Record<string, string> } | { kind: 'raw'; spec: RawSpec };

export interface CaptureRequest {
  id: number;
  url: string;
  headers: Record<string, string>;
}
export interface CaptureReply {
  id: number;
  status: number;
  body: string;
  /** Every statement the request ran. */
  queries: CapturedQuery[];
}

export interface RunningServer {
  baseUrl: string;
  /** App only: requests `url` and returns the answer with the SQL the app ran for it. */
  capture(url: string, headers: Record<string, string>): Promise<CaptureReply>;
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '../..');
const CHILD = path.join(__dirname, 'server-child.ts');
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

/**
 * Starts a server in a child process (`node --import tsx server-child.ts`) and resolves
 * once it listens. Its stdout (the app's request log) is discarded; its stderr is shown.
 */
export function startServerProcess(request: ServerRequest): Promise<RunningServer> {
  const child = spawn(process.execPath, [...cpuProfileFlags(), '--import', 'tsx', CHILD], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${request.kind} server did not start within ${START_TIMEOUT_MS / 1000} s`));
    }, START_TIMEOUT_MS);
    const exited = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`${request.kind} server exited (code ${code}) before listening`));
    };
    child.once('exit', exited);
    child.once('message', (message: { port: number }) => {
      clearTimeout(timer);
      child.off('exit', exited);
      resolve({
        baseUrl: `http://127.0.0.1:${message.port}`,
        capture: (url, headers) => captureThrough(child, url, headers),
        stop: () => stopChild(child),
      });
    });
    child.send(request);
  });
}

let nextId = 0;

function captureThrough(child: ChildProcess, url: string, headers: Record<string, string>): Promise<CaptureReply> {
  const id = ++nextId;
  return new Promise((resolve, reject) => {
    const onMessage = (message: CaptureReply | { id: number; error: string }) => {
      if (message.id !== id) return;
      child.off('message', onMessage);
      if ('error' in message) reject(new Error(`capture of ${url} failed: ${message.error}`));
      else resolve(message);
    };
    child.on('message', onMessage);
    child.send({ id, url, headers } satisfies CaptureRequest);
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.send('stop');
  });
}
