import type { ScalarType } from '../../shared/catalog';
import type { FilterGroup } from '../../shared/filter-tree';

export type Dialect = 'sqlite' | 'postgres' | 'mysql';

/**
 * A table the engine reads rows from, with the system columns it reads besides the fields' own:
 * Strapi's `documentId`, `createdAt` and `publishedAt`, by the column names Strapi's metadata gives
 * them (server/crm/model.ts). The primary key is `id` on every table: Strapi names it so on every
 * table, not as an attribute one can rename, and its join tables reference it.
 */
export interface TableRef {
  table: string;
  /** What relation rules and campaign lists name a row by (its documentId). */
  documentIdColumn: string;
  /** When the row was created: orders campaigns sent at the same instant (`last: N`). */
  createdAtColumn: string;
  /**
   * Only when the type has draft & publish: the rows read are those with this column set (the
   * published ones); drafts are never read. Absent: every row is read.
   */
  publishedAtColumn?: string;
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
 * mapping (server/crm/model.ts); the compiler imports nothing of Strapi and names no column of its
 * own but `id` (see TableRef).
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
