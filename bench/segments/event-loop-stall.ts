/**
 * The longest event-loop stall while one count runs: the longest gap between the turns of a 10 ms
 * timer (and the count's own end), as bench/sqlite-event-loop.ts measures it. On SQLite the plugin
 * runs reads in worker threads precisely so that this stays small.
 */
export async function longestStall(run: () => Promise<unknown>): Promise<{ ms: number; stallMs: number; ticks: number }> {
  let last = performance.now();
  let stall = 0;
  let ticks = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
    ticks += 1;
  }, 10);
  const started = performance.now();
  try {
    await run();
  } finally {
    clearInterval(ticker);
  }
  const ended = performance.now();
  return { ms: ended - started, stallMs: Math.max(stall, ended - last), ticks };
}
