/**
 * How alike two names or values are, for "did you mean": 1 − edit distance / longer length, over
 * lowercased text, with a name that contains the other whole counted as close. Small and exact
 * enough for the few hundred candidates a database probe returns.
 */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

export function similarity(a: string, b: string): number {
  const x = a.trim().toLowerCase();
  const y = b.trim().toLowerCase();
  if (!x || !y) return 0;
  const edit = 1 - editDistance(x, y) / Math.max(x.length, y.length);
  const contained = x.includes(y) || y.includes(x) ? 0.6 : 0;
  return Math.max(edit, contained);
}

export const SIMILAR_ENOUGH = 0.5;

/** The `limit` texts most like `wanted`, best first, those under SIMILAR_ENOUGH left out. */
export function nearest(wanted: string, texts: string[], limit = 3): string[] {
  return [...new Set(texts)]
    .map((text) => ({ text, score: similarity(wanted, text) }))
    .filter((s) => s.score >= SIMILAR_ENOUGH)
    .sort((p, q) => q.score - p.score || p.text.localeCompare(q.text))
    .slice(0, limit)
    .map((s) => s.text);
}

/** Pieces of a name worth searching the database for: the whole, each word of 3+ letters, its first 3 letters. */
export function probes(text: string): string[] {
  const t = text.trim();
  const words = t.split(/[\s,.;:()'"-]+/).filter((w) => w.length >= 3);
  return [...new Set([t, ...words, t.slice(0, 3)].filter((p) => p.length >= 2))];
}
