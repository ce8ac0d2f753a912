/** Percentiles of a sample, in its own unit; NaN when empty. */
export interface Distribution {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

/** Nearest-rank percentiles over every value (no histogram rounding). */
export function distribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!);
  return {
    count: sorted.length,
    p50: rank(50),
    p95: rank(95),
    p99: rank(99),
    mean: sorted.length === 0 ? NaN : sorted.reduce((sum, v) => sum + v, 0) / sorted.length,
    max: sorted.at(-1) ?? NaN,
  };
}

/** The machine around a part: load averages before and after, and the CPUs busy in the idle second before it. */
export interface MachineLoad {
  loadBefore: number[];
  loadAfter: number[];
  otherCpuBefore: number;
}
