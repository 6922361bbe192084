/**
 * Segment planning: which saved segments one query reaches, which of them are written in place and
 * which become CTEs, in what order, and how many copies a database that plans every reference apart
 * would make of them. compile.ts writes each segment's SQL; this module decides and keeps the books.
 *
 * Invariants:
 * - Each saved segment is compiled once per query, however many paths reach it.
 * - A segment named in one place of the whole statement (the tree's segment rules and those of every
 *   segment it reaches, each segment walked once) is written in place, its predicate on the same
 *   contact row: a chain of segments each built on the last is one flat predicate. One named in more
 *   becomes the CTE `segment_<n>`. So the SQL grows with the number of distinct segments, not with
 *   the number of paths (a 3-wide, 8-deep chain is 20 CTEs, not 3^8 copies).
 * - A segment is compiled on its first use, and the segments it uses are compiled within it: CTEs are
 *   numbered and listed as they are finished, each after every CTE it uses. A WITH clause in that
 *   order is valid, and so is filling temporary tables in it (`SqlDialect.idTable`).
 * - Segments that reference each other in a cycle are refused with the cycle; a missing segment is
 *   refused at the rule that names it; an error inside a segment's tree is reported at the rule of
 *   the submitted tree that leads there.
 * - `segmentExpansion` counts the copies along every path, each segment's own count computed once:
 *   linear in the segments, though the number it gives is not. It runs after compiling (no cycle).
 */
import { isGroup, type FilterGroup } from '../../shared/filter-tree';
import { QueryTooLargeError, type WeighedSegment } from './limits';
import { EngineError, type FieldBinding, type SegmentSource } from './types';

/** A saved segment compiled once, as a named sub-query over the contact table. */
export interface SegmentQuery extends WeighedSegment {
  /** The CTE name (`segment_1`, ...): CTEs come after every CTE they use. */
  name: string;
  /** Write it `AS MATERIALIZED` (the dialect's choice). */
  materialized: boolean;
}

/**
 * What a database that plans every reference to a shared segment apart would plan: one copy of a
 * segment per path from the tree to it. `heaviest` is the tree's rule that brings the most.
 */
export interface SegmentExpansion {
  copies: number;
  heaviest?: { path: string; documentId: string; copies: number };
}

type Fields = Record<string, FieldBinding>;

/** The segment rules of a tree: the path of each rule's value, and the distinct documentIds it names. */
function segmentRules(group: FilterGroup, fields: Fields, path = '', found: Array<{ path: string; ids: string[] }> = []) {
  group.rules.forEach((node, i) => {
    if (isGroup(node)) segmentRules(node, fields, `${path}rules[${i}].`, found);
    else if (fields[node.field]?.kind === 'segment' && Array.isArray(node.value)) {
      found.push({ path: `${path}rules[${i}].value`, ids: [...new Set(node.value as string[])] });
    }
  });
  return found;
}

/** The saved segments of one query, as the compiler meets them. */
export class SegmentPlan {
  /** The segments read as CTEs, in dependency order. */
  readonly ctes: SegmentQuery[] = [];
  /** The segments written in place. */
  private readonly inPlace: WeighedSegment[] = [];
  /** How many places of the whole statement name each segment. */
  private readonly uses = new Map<string, number>();
  private readonly names = new Map<string, string>();
  /** The segments being compiled, outermost first. */
  private readonly stack: string[] = [];

  constructor(
    tree: FilterGroup,
    private readonly fields: Fields,
    private readonly segments: SegmentSource,
  ) {
    const walk = (group: FilterGroup) => {
      for (const { ids } of segmentRules(group, fields)) {
        for (const id of ids) {
          const seen = this.uses.has(id);
          this.uses.set(id, (this.uses.get(id) ?? 0) + 1);
          const reached = seen ? undefined : segments(id);
          if (reached) walk(reached);
        }
      }
    };
    walk(tree);
  }

  /** Whether a segment is written where it is named (named once in the whole statement) rather than read from a CTE. */
  writtenInPlace(documentId: string): boolean {
    return this.uses.get(documentId) === 1;
  }

  /** The CTE name of a segment already compiled as one. */
  cteOf(documentId: string): string | undefined {
    return this.names.get(documentId);
  }

  /** Records a segment written in place (weighed like the CTEs when the statement is too large). */
  addInPlace(segment: WeighedSegment): void {
    this.inPlace.push(segment);
  }

  /** Adds a compiled segment's CTE after those it uses (compiled before it finished), and names it. */
  addCte(query: Omit<SegmentQuery, 'name'>): string {
    const name = `segment_${this.ctes.length + 1}`;
    this.ctes.push({ name, ...query });
    this.names.set(query.documentId, name);
    return name;
  }

  /** A saved segment's tree, checked against cycles, with the segment on the stack while `compile` runs. */
  within<T>(documentId: string, path: string, compile: (tree: FilterGroup) => T): T {
    if (this.stack.includes(documentId)) {
      const cycle = [...this.stack.slice(this.stack.indexOf(documentId)), documentId];
      throw new EngineError(`segments reference each other in a cycle: ${cycle.join(' → ')}`, `${path}.value`);
    }
    const tree = this.segments(documentId);
    if (!tree) throw new EngineError(`segment "${documentId}" does not exist`, `${path}.value`);
    this.stack.push(documentId);
    try {
      return compile(tree);
    } catch (error) {
      if (error instanceof EngineError && !(error instanceof QueryTooLargeError) && this.stack.length === 1) {
        throw new EngineError(`in segment "${documentId}": ${error.message}`, `${path}.value`);
      }
      throw error;
    } finally {
      this.stack.pop();
    }
  }

  /** Every segment compiled into the statement, weighed when it is too large: the CTEs, then those in place. */
  weighed(): WeighedSegment[] {
    return [...this.ctes, ...this.inPlace];
  }
}

/** Copies of segments along every path (see SegmentExpansion). Call it after compiling: a cycle would not end. */
export function segmentExpansion(tree: FilterGroup, fields: Fields, segments: SegmentSource): SegmentExpansion {
  const memo = new Map<string, number>();
  const copiesOf = (documentId: string): number => {
    const known = memo.get(documentId);
    if (known !== undefined) return known;
    const reached = segments(documentId);
    const copies = 1 + (reached ? segmentRules(reached, fields).reduce((n, r) => n + r.ids.reduce((m, id) => m + copiesOf(id), 0), 0) : 0);
    memo.set(documentId, copies);
    return copies;
  };
  let copies = 0;
  let heaviest: SegmentExpansion['heaviest'];
  for (const { path, ids } of segmentRules(tree, fields)) {
    for (const documentId of ids) {
      const n = copiesOf(documentId);
      copies += n;
      if (!heaviest || n > heaviest.copies) heaviest = { path, documentId, copies: n };
    }
  }
  return { copies, ...(heaviest ? { heaviest } : {}) };
}
