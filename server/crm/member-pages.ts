/**
 * What the member pages (a segment's live members, a list's frozen ones) add to a query over the
 * contact table aliased `c`: the identity columns, a search over the name fields and the email, an
 * order, and the CSV rows of the download (shared/contracts/members.ts). The contact repository
 * (server/crm/contact-repository.ts) builds and runs the queries.
 */
import type { Knex } from 'knex';
import { csvField, MEMBER_CSV_COLUMNS, type MemberQuery } from '../../shared/contracts/members';
import type { ContactIdentity, IdentityColumns } from './contact-columns';
import { isoDate } from '../utils/iso-date';

export interface MemberRow extends ContactIdentity {
  createdAt: string | null;
}

/** Members read per query by the CSV download: memory holds one batch, whatever the audience size. */
export const CSV_BATCH = 1_000;

/** `identity`: the identity columns of the contact table aliased `c`. */
export function memberColumns(identity: IdentityColumns, k: Knex) {
  const { nameKeys } = identity;
  // LIKE with '!' as the escape character: the same text on every database (a backslash is not).
  const pattern = (q: string) => `%${q.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;
  const lowered = (column: string) => k.raw("LOWER(COALESCE(??, ''))", [column]);

  return {
    table: identity.table,
    /** Identity columns and createdAt, to select from `c`. */
    select: { ...identity.select, createdAt: identity.createdAt },

    /** Narrows `query` (over `c`) to contacts whose name or email contains `q`. */
    search(query: any, q: string | undefined) {
      const text = q?.trim();
      if (!text) return query;
      const columns = [...nameKeys.map((key) => identity.select[key]), identity.select.email];
      return query.where((w: any) => {
        for (const column of columns) w.orWhereRaw("LOWER(??) LIKE ? ESCAPE '!'", [column, pattern(text)]);
      });
    },

    /**
     * Orders `query`, whose rows carry the aliases of `select` from the derived table `from`; case
     * and missing values sort alike on every database. Ties go to `tieBreak` (an id column).
     */
    order(query: any, from: string, { sort, order }: MemberQuery, tieBreak: string, fallback: () => void) {
      if (!sort) return fallback();
      const direction = order ?? (sort === 'createdAt' ? 'desc' : 'asc');
      const keys = sort === 'name' ? nameKeys : sort === 'email' ? ['email'] : [];
      if (sort === 'createdAt') query.orderBy(`${from}.createdAt`, direction);
      for (const key of keys) query.orderBy(lowered(`${from}.${key}`) as any, direction);
      query.orderBy(tieBreak, direction);
    },

    row(raw: Record<string, any>): MemberRow {
      return { ...identity.read(raw), createdAt: isoDate(raw.createdAt) };
    },
  };
}

export type MemberColumns = ReturnType<typeof memberColumns>;

/** The CSV's header line, then one line a member, from batches of rows. */
export async function* csvLines(batches: AsyncIterable<MemberRow[]>): AsyncGenerator<string> {
  yield `${MEMBER_CSV_COLUMNS.join(',')}\r\n`;
  for await (const rows of batches) {
    yield rows.map((row) => `${MEMBER_CSV_COLUMNS.map((column) => csvField(row[column])).join(',')}\r\n`).join('');
  }
}
