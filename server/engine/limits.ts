/**
 * How big one compiled query may get, and how its size is counted.
 *
 * Invariants:
 * - The limit is on the whole statement: the submitted tree and every saved segment it reaches
 *   together (each tree alone is also limited by the validator: 500 rules, 5,000 listed values).
 * - It is checked by the compiler once the whole statement is compiled, before anything runs, and
 *   stays under every database's own limits (QUERY_LIMITS says which).
 * - Past it, `QueryTooLargeError` names up to ten segments, the heaviest for the limit passed (the
 *   first ones when it is the number of segments), so the message says what to narrow.
 * - Listed values are counted per tree (`ListedValues`): each segment's own count is what it weighs.
 */
import { EngineError, type SqlFragment } from './types';

/**
 * How big one query may get. Under every database's own limits: bound parameters (SQLite 32,766;
 * PostgreSQL, MySQL 65,535; a list is one parameter, except text lists on MySQL/MariaDB, one a
 * value) and MySQL/MariaDB's 16 MB packet.
 */
export const QUERY_LIMITS = {
  segments: 100,
  listedValues: 100_000,
  parameters: 30_000,
  sqlLength: 1_000_000,
};

export class QueryTooLargeError extends EngineError {
  constructor(
    message: string,
    readonly segments: { documentId: string; name: string }[],
  ) {
    super(message, 'rules');
    this.name = 'QueryTooLargeError';
  }
}

export interface QuerySize {
  /** Values listed in `in`/`notIn`/campaign/segment lists, the tree's and all its segments'. */
  listedValues: number;
  /** Bound parameters of the whole statement (each list counts one). */
  parameters: number;
  /** Characters of SQL of the predicate and every segment's sub-query. */
  sqlLength: number;
}

/** A saved segment as compiled into the statement, weighed when the statement is too large. */
export interface WeighedSegment extends SqlFragment {
  documentId: string;
  /** Values listed by this segment's own tree (not by the segments it uses). */
  listedValues: number;
}

/** Values listed by the tree being compiled (the root, or a segment's), and by all of them. */
export class ListedValues {
  private own = 0;
  total = 0;

  add(count: number): void {
    this.own += count;
    this.total += count;
  }

  /** Compiles another tree (a segment's), counting the values it lists apart: its result and that count. */
  apart<T>(compile: () => T): [T, number] {
    const outer = this.own;
    this.own = 0;
    try {
      const result = compile();
      return [result, this.own];
    } finally {
      this.own = outer;
    }
  }
}

/** The size of the statement made of `predicate` and the CTEs `ctes`. */
export function querySize(predicate: SqlFragment, ctes: readonly SqlFragment[], listedValues: number): QuerySize {
  const all = [predicate, ...ctes];
  return {
    listedValues,
    parameters: all.reduce((n, f) => n + f.bindings.length, 0),
    sqlLength: all.reduce((n, f) => n + f.sql.length, 0),
  };
}

/**
 * Refuses a query past QUERY_LIMITS, naming the segments that weigh the most: `ctes` of them are
 * read as CTEs, `segments` are all of them (the CTEs first, then those written in place).
 */
export function checkSize(size: QuerySize, ctes: number, segments: readonly WeighedSegment[], nameOf: (documentId: string) => string) {
  const heaviest = (weight: (s: WeighedSegment) => number) => [...segments].sort((a, b) => weight(b) - weight(a)).slice(0, 10);
  const refuse = (what: string, named: WeighedSegment[], weight?: (s: WeighedSegment) => number) => {
    const list = named.map((s) => `"${nameOf(s.documentId)}"${weight ? ` (${weight(s).toLocaleString('en-US')})` : ''}`).join(', ');
    const more = segments.length > named.length ? ` and ${segments.length - named.length} more` : '';
    throw new QueryTooLargeError(
      `${what}${named.length > 0 ? ` through the segments ${list}${more}` : ''}; narrow the lists or use fewer segments together`,
      named.map((s) => ({ documentId: s.documentId, name: nameOf(s.documentId) })),
    );
  };
  const n = (x: number) => x.toLocaleString('en-US');
  if (ctes > QUERY_LIMITS.segments) {
    refuse(`this filter uses ${n(ctes)} segments; at most ${n(QUERY_LIMITS.segments)} can be evaluated together`, segments.slice(0, 10));
  }
  if (size.listedValues > QUERY_LIMITS.listedValues) {
    const weight = (s: WeighedSegment) => s.listedValues;
    refuse(
      `this filter lists ${n(size.listedValues)} values; at most ${n(QUERY_LIMITS.listedValues)} can be evaluated together`,
      heaviest(weight).filter((s) => s.listedValues > 0),
      weight,
    );
  }
  if (size.parameters > QUERY_LIMITS.parameters) {
    const weight = (s: WeighedSegment) => s.bindings.length;
    refuse(
      `this filter needs ${n(size.parameters)} query parameters; at most ${n(QUERY_LIMITS.parameters)} are allowed`,
      heaviest(weight),
      weight,
    );
  }
  if (size.sqlLength > QUERY_LIMITS.sqlLength) {
    refuse(
      `this filter compiles to ${n(size.sqlLength)} characters of SQL; at most ${n(QUERY_LIMITS.sqlLength)} are allowed`,
      heaviest((s) => s.sql.length),
    );
  }
}
