/**
 * Deterministic randomness for the seeder: a seeded PRNG and string hashing, so the same seed gives
 * the same data on every machine and Node version (Math.random cannot be seeded). Every stream of
 * draws is keyed by a string (`${seed}:batch:3`), so one part of the data can change without
 * shifting the draws of every other part.
 */

/** mulberry32: a small, fast 32-bit PRNG; floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A bijective 32-bit integer mix (lowbias32). */
export function mix32(x: number): number {
  x >>>= 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** FNV-1a, mixed: turns a stream name into a well-spread 32-bit seed. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return mix32(h);
}

/** Items with cumulative weights, so a weighted draw is one binary search (`Rng.pickW`). */
export type Weighted<T> = { items: T[]; cum: number[]; total: number };
export function weighted<T>(pairs: [T, number][]): Weighted<T> {
  const items: T[] = [];
  const cum: number[] = [];
  let total = 0;
  for (const [item, w] of pairs) {
    total += w;
    items.push(item);
    cum.push(total);
  }
  return { items, cum, total };
}

export class Rng {
  private next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(min = 0, max = 1) {
    return min + (max - min) * this.next();
  }
  /** integer in [min, max] */
  int(min: number, max: number) {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number) {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  pickW<T>(w: Weighted<T>): T {
    const x = this.next() * w.total;
    let lo = 0;
    let hi = w.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (w.cum[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return w.items[lo];
  }
  /** log-uniform integer in [min, max] */
  logInt(min: number, max: number) {
    return Math.min(max, Math.floor(Math.exp(this.float(Math.log(min), Math.log(max + 1)))));
  }
  /** geometric count with the given mean (>= 0) */
  geometric(mean: number) {
    if (mean <= 0) return 0;
    const p = 1 / (1 + mean);
    return Math.floor(Math.log(1 - this.next()) / Math.log(1 - p));
  }
}
