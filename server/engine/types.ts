import type { ScalarType } from '../../shared/catalog';
import type { FilterGroup } from '../../shared/filter-tree';

export type Dialect = 'sqlite' | 'postgres' | 'mysql';

/** A table the engine reads rows from. `publishedOnly`: the type has draft & publish. */
export interface TableRef {
  table: string;
  publishedOnly: boolean;
}

/** A relation through a Strapi join table, from the rows of one table to the rows of `target`. */
export interface Link {
  joinTable: string;
  /** Join-table column holding the source row's id. */
  sourceColumn: string;
  /** Join-table column holding the target row's id. */
  targetColumn: string;
  target: TableRef;
}

/**
 * How a catalog field is read from the database. Built once from Strapi's metadata and the CRM
 * mapping; the compiler imports nothing of Strapi, but still writes Strapi's system columns
 * (`published_at`, `document_id`, `created_at`) by name in compile.ts.
 */
export type FieldBinding =
  /** A column of the current row, or of the row a to-one `via` link leads to (`company.country`). */
  | {
      kind: 'scalar';
      type: ScalarType;
      column: string;
      via?: Link;
      /**
       * Enumeration values as Strapi stores them (it refuses any other on write): `=` and `in`
       * compare the matching option exactly, which needs no per-row lowercasing and can use an index.
       */
      options?: string[];
    }
  /** A to-one relation compared by the related documentId (`company`, `campaign`). */
  | { kind: 'reference'; via: Link }
  /** A to-many relation with a sub-query over the related type's fields. */
  | { kind: 'toMany'; via: Link; fields: Record<string, FieldBinding> }
  /** The latest value of a related column (`lastActivityAt`), empty when there is none. */
  | { kind: 'latest'; type: 'date' | 'datetime'; column: string; via: Link }
  /** `email.opened` / `email.clicked`. */
  | { kind: 'engagement'; eventType: string; events: EngagementBinding }
  /** Live membership of other segments. */
  | { kind: 'segment' };

export interface EngagementBinding {
  /** contact → email events. */
  eventsLink: Link;
  typeColumn: string;
  /** email event → campaign. */
  campaignLink: Link;
  campaignSentAtColumn: string;
}

export interface EngineModel {
  contact: TableRef;
  fields: Record<string, FieldBinding>;
}

/** Looks up a saved segment's tree by documentId (loaded by the caller before compiling). */
export type SegmentSource = (documentId: string) => FilterGroup | undefined;

export interface SqlFragment {
  sql: string;
  bindings: unknown[];
}

export class EngineError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}
