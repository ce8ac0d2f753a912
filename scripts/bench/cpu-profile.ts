import path from 'node:path';

/**
 * Node flags for every server a bench starts. BENCH_CPU_PROFILE=<folder>: the server writes a V8
 * CPU profile there when it stops (open it in Chrome's DevTools).
 */
export function cpuProfileFlags(): string[] {
  const folder = process.env.BENCH_CPU_PROFILE;
  return folder ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(folder)}`] : [];
}
