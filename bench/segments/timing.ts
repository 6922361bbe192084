/** Repeated timings: warm-ups first (caches, plans, the SQLite workers), then the timed runs. */
export interface Timing {
  p50: number;
  p95: number;
  min: number;
  max: number;
  runs: number;
}

/** Nearest-rank percentile of sorted samples (with 15 runs, p95 is the slowest). */
export function percentile(sorted: number[], p: number): number {
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarize(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), min: sorted[0], max: sorted[sorted.length - 1], runs: sorted.length };
}

export async function time(run: () => Promise<unknown>, { runs, warmups }: { runs: number; warmups: number }): Promise<Timing> {
  for (let i = 0; i < warmups; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}
