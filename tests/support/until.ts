/**
 * Waiting for something the server does in the background (a count recorded after its answer, a
 * connection closed, a statement seen running): checked again every `everyMs` until it holds.
 * `withinMs` only keeps a test that would never see it from hanging until jest's own timeout; it is
 * no speed the test expects, so keep it far above any time the work could take.
 */
export async function until<T>(
  what: string,
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  { withinMs = 60_000, everyMs = 20 }: { withinMs?: number; everyMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`never happened within ${withinMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
