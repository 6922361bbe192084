/**
 * The editor's cache: while a person edits a tree, most of it does not change. When a preview's tree
 * shares its rest (conjuncts.ts) with a tree previewed shortly before (a value moved, a rule added),
 * the rest's member ids are read once and kept here; each later preview of "that rest AND one changed
 * part" tests only the part, on those ids.
 *
 * Never stale: an entry holds the database snapshot it was read in (PostgreSQL's
 * `pg_current_snapshot()`: the transactions finished and running then). A read that uses the entry
 * runs in a REPEATABLE READ transaction and goes on only when its own snapshot is the same, that is
 * when no transaction has committed anything on the server since (in any of its databases): the data
 * it sees are the data the ids were read from (audience.ts, `editorRead`). Any commit, through Strapi or not,
 * ends the entry's use. The date math of the part is evaluated at the entry's `now`, so an answer from
 * the cache is the exact answer as of that moment, which the preview shows (`asOf`).
 *
 * This file holds the bookkeeping only: which trees were seen, which rests are kept, their size and
 * age limits. Pure: the clock is given.
 */
import type { Conjunct } from '../engine/conjuncts';

/** A rest's members as read once, in the snapshot `snapshot`, at `now`. */
export interface KeptRest {
  /** the member ids as a PostgreSQL array literal, `{1,5,9}`: sent as is with each read that uses them */
  ids: string;
  size: number;
  snapshot: string;
  now: Date;
  /** under a tenth of all contacts (PostgreSQL's estimate): "engaged with all of" is then counted per contact on them */
  narrow: boolean;
  /** when it was read (the clock's milliseconds) */
  at: number;
}

/** A read on a kept rest found the database's snapshot moved on: something was committed since the rest was read. */
export class SnapshotMovedError extends Error {
  constructor() {
    super('the database changed since the kept members were read');
    this.name = 'SnapshotMovedError';
  }
}

/** A rest with more members than the cache keeps: not read again while it is remembered. */
export const TOO_BROAD = 'too broad' as const;

export interface EditCacheLimits {
  /** how long a tree counts as just previewed, and a rest is kept (ms) */
  ttlMs: number;
  /**
   * how long a rest whose snapshot moved on is not read again (ms): in a database that takes writes
   * all the time, each read of a rest would be wasted, and each costs about a preview of the tree
   */
  movedBackoffMs: number;
  /** a rest with more members is not kept (TOO_BROAD) */
  maxIds: number;
  /** the most characters of id lists kept at once; the oldest go first */
  maxChars: number;
}

export const EDIT_CACHE_LIMITS: EditCacheLimits = {
  ttlMs: 5 * 60_000,
  movedBackoffMs: 30_000,
  maxIds: 500_000,
  maxChars: 64 * 1024 * 1024,
};

/** The limits for rests kept `seconds` (plugin config `editCacheSeconds`): a moved rest waits a tenth of that, at most 30 s. */
export const editCacheLimits = (seconds: number): EditCacheLimits => ({
  ...EDIT_CACHE_LIMITS,
  ttlMs: seconds * 1000,
  movedBackoffMs: Math.min(EDIT_CACHE_LIMITS.movedBackoffMs, seconds * 100),
});

/** A rest not to read: too broad to keep, or its snapshot moved on lately. */
interface Skipped {
  skip: 'broad' | 'moved';
  at: number;
}

export class EditCache {
  /** tree key → when it was previewed, and the keys of its rests */
  private readonly seen = new Map<string, { at: number; restKeys: string[] }>();
  private readonly kept = new Map<string, KeptRest | Skipped>();
  /** rests being read, so that the editor's two requests (first contacts, count) read one once */
  private readonly reading = new Map<string, Promise<KeptRest | typeof TOO_BROAD | undefined>>();

  constructor(
    private readonly limits: () => EditCacheLimits,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Notes that `treeKey` was previewed, with its conjuncts' rests. */
  saw(treeKey: string, parts: readonly Conjunct[]): void {
    this.expire();
    this.seen.delete(treeKey);
    this.seen.set(treeKey, { at: this.clock(), restKeys: parts.map((p) => p.restKey) });
  }

  /**
   * The conjunct of a tree (`treeKey`, `parts`) that an edit changed: one whose rest is a tree seen
   * shortly before (a rule was added to it) or the rest of one (a part of it changed). Undefined when
   * the tree is not an edit of one seen, or is the very tree seen.
   */
  edited(treeKey: string, parts: readonly Conjunct[]): Conjunct | undefined {
    this.expire();
    const shared = new Set<string>();
    for (const [key, { restKeys }] of this.seen) {
      if (key === treeKey) continue;
      shared.add(key);
      restKeys.forEach((k) => shared.add(k));
    }
    return parts.find((p) => shared.has(p.restKey));
  }

  /** The kept rest of the smallest size among `parts`' rests, with its conjunct. */
  keptFor(parts: readonly Conjunct[]): { part: Conjunct; rest: KeptRest } | undefined {
    this.expire();
    let best: { part: Conjunct; rest: KeptRest } | undefined;
    for (const part of parts) {
      const rest = this.kept.get(part.restKey);
      if (rest && !('skip' in rest) && (!best || rest.size < best.rest.size)) best = { part, rest };
    }
    return best;
  }

  /** Whether the rest is not to be read: too broad to keep, or its snapshot moved on lately (movedBackoffMs). */
  skipped(restKey: string): boolean {
    this.expire();
    const rest = this.kept.get(restKey);
    return rest !== undefined && 'skip' in rest;
  }

  /** Reads a rest once, however many previews ask for it at the same time, and keeps what it gives. */
  async read(
    restKey: string,
    reader: () => Promise<Omit<KeptRest, 'at'> | typeof TOO_BROAD | undefined>,
  ): Promise<KeptRest | typeof TOO_BROAD | undefined> {
    const running = this.reading.get(restKey);
    if (running) return running;
    const reading = (async () => {
      const read = await reader();
      const at = this.clock();
      if (read === TOO_BROAD) this.kept.set(restKey, { skip: 'broad', at });
      else if (read && read.size <= this.limits().maxIds) {
        const rest = { ...read, at };
        this.kept.set(restKey, rest);
        this.trim();
        return this.kept.get(restKey) === rest ? rest : undefined;
      } else if (read) {
        this.kept.set(restKey, { skip: 'broad', at });
        return TOO_BROAD;
      }
      return read;
    })();
    this.reading.set(restKey, reading);
    try {
      return await reading;
    } finally {
      this.reading.delete(restKey);
    }
  }

  /** Forgets a rest whose snapshot is no longer the database's, and does not read it again for movedBackoffMs. */
  moved(restKey: string, rest: KeptRest): void {
    if (this.kept.get(restKey) === rest) this.kept.set(restKey, { skip: 'moved', at: this.clock() });
  }

  /** How many rests are kept (not counting those too broad), and their characters. */
  size(): { rests: number; chars: number } {
    let rests = 0;
    let chars = 0;
    for (const rest of this.kept.values())
      if (!('skip' in rest)) {
        rests += 1;
        chars += rest.ids.length;
      }
    return { rests, chars };
  }

  private expire() {
    const { ttlMs, movedBackoffMs } = this.limits();
    const now = this.clock();
    for (const [key, { at }] of this.seen) if (at < now - ttlMs) this.seen.delete(key);
    for (const [key, rest] of this.kept)
      if (rest.at < now - ('skip' in rest && rest.skip === 'moved' ? movedBackoffMs : ttlMs)) this.kept.delete(key);
  }

  /** Drops the oldest rests until the id lists fit in maxChars (a Map iterates in insertion order). */
  private trim() {
    let { chars } = this.size();
    for (const [key, rest] of this.kept) {
      if (chars <= this.limits().maxChars) return;
      if ('skip' in rest) continue;
      this.kept.delete(key);
      chars -= rest.ids.length;
    }
  }
}
