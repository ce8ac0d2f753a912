import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';

export interface StartedProcess<Info> {
  /** The JSON line the script printed once ready. */
  info: Info;
  stop(): Promise<void>;
}

/**
 * Runs a Node script in a process of its own: the real thing a test talks to (an OpenID provider,
 * ES modules that Jest's CommonJS sandbox cannot load). The script prints one JSON line when
 * ready and must exit when its standard input closes, so it cannot outlive a crashed test run.
 */
export async function startNodeProcess<Info>(script: string, args: string[] = [], timeoutMs = 20_000): Promise<StartedProcess<Info>> {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  try {
    const info = await new Promise<Info>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${script} was not ready after ${timeoutMs} ms:\n${stderr}`)), timeoutMs);
      readline.createInterface({ input: child.stdout }).once('line', (line) => {
        clearTimeout(timer);
        try {
          resolve(JSON.parse(line) as Info);
        } catch {
          reject(new Error(`${script} printed ${line} instead of a JSON line`));
        }
      });
      child.once('error', reject);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${script} ended (${signal ?? code}) before it was ready:\n${stderr}`));
      });
    });
    return { info, stop: () => stop(child) };
  } catch (error) {
    await stop(child);
    throw error;
  }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
