/**
 * The indexes segments need on the CRM's tables, which Strapi does not create: the date columns
 * that "in the last N days" and "latest activity" rules range over, and the campaigns' send date
 * ("the last N campaigns"). Strapi already indexes its join tables' columns. Not the contacts'
 * creation date, although previews sort by it: they count every match anyway (one evaluation), and
 * with it SQLite scanned contacts in that order, slowing every correlated lookup (42 -> 80 ms).
 *
 * They are derived from the engine model, so a host's own names are used. Creating them is opt-in
 * (plugin config `createIndexes: true`, or `service('audience').createIndexes()`), because it
 * changes the host's schema and, on a large table, blocks writes to it while it runs.
 */
import type { Core } from '@strapi/strapi';
import type { EngineModel, FieldBinding } from '../engine/types';

type Knex = Core.Strapi['db']['connection'];

export interface RecommendedIndex {
  table: string;
  columns: string[];
  /** The index name used when the plugin creates it. */
  name: string;
  /** The catalog fields it serves. */
  serves: string[];
}

export interface IndexStatus extends RecommendedIndex {
  /** An index whose leading columns are these exists (under any name). */
  present: boolean;
}

const DATES = new Set(['date', 'datetime']);

export function recommendedIndexes(model: EngineModel): RecommendedIndex[] {
  const found = new Map<string, RecommendedIndex>();
  const want = (table: string, columns: string[], serves: string) => {
    const key = `${table}(${columns.join(',')})`;
    const entry = found.get(key) ?? { table, columns, name: indexName(table, columns), serves: [] };
    if (!entry.serves.includes(serves)) entry.serves.push(serves);
    found.set(key, entry);
  };
  const visit = (fields: Record<string, FieldBinding>, prefix: string) => {
    for (const [name, binding] of Object.entries(fields)) {
      const field = prefix + name;
      if (binding.kind === 'latest') want(binding.via.target.table, [binding.column], field);
      // Not the email event type: a handful of values, and SQLite's planner, given an index on it,
      // reads events through it (opened none of the last 5: 42 -> 59 ms at 20k contacts).
      if (binding.kind === 'engagement') want(binding.events.campaignLink.target.table, [binding.events.campaignSentAtColumn], field);
      if (binding.kind === 'toMany') {
        for (const [inner, nested] of Object.entries(binding.fields)) {
          // updated_at says when a row was last edited, which segments rarely ask about.
          if (nested.kind === 'scalar' && !nested.via && DATES.has(nested.type) && nested.column !== 'updated_at') {
            want(binding.via.target.table, [nested.column], `${field}.${inner}`);
          }
        }
      }
    }
  };
  visit(model.fields, '');
  return [...found.values()];
}

/** `segments_<table>_<columns>_idx`, kept under PostgreSQL's 63 and MySQL's 64 characters. */
function indexName(table: string, columns: string[]): string {
  const name = `segments_${table}_${columns.join('_')}_idx`;
  if (name.length <= 60) return name;
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return `${name.slice(0, 51)}_${hash.toString(36).padStart(7, '0').slice(0, 7)}`;
}

type Client = 'sqlite' | 'postgres' | 'mysql';

/** The column lists of every index on `table`, each in index order. */
async function existingIndexes(knex: Knex, client: Client, table: string, schema?: string): Promise<string[][]> {
  if (client === 'sqlite') {
    const list = (await knex.raw(`PRAGMA index_list(${quote(table)})`)) as Array<{ name: string }>;
    const out: string[][] = [];
    for (const index of list) {
      const info = (await knex.raw(`PRAGMA index_info(${quote(index.name)})`)) as Array<{ seqno: number; name: string }>;
      out.push(info.sort((a, b) => a.seqno - b.seqno).map((c) => c.name));
    }
    return out;
  }
  if (client === 'postgres') {
    const { rows } = await knex.raw(
      `SELECT i.indexrelid::text AS index, a.attname AS column, k.n AS position
         FROM pg_index i
         JOIN pg_class t ON t.oid = i.indrelid
         JOIN pg_namespace s ON s.oid = t.relnamespace
         CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
        WHERE t.relname = ? AND s.nspname = ?`,
      [table, schema || 'public'],
    );
    return grouped(rows);
  }
  const [rows] = await knex.raw(
    `SELECT index_name AS \`index\`, column_name AS \`column\`, seq_in_index AS position
       FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = ?`,
    [table],
  );
  return grouped(rows);
}

function grouped(rows: Array<{ index: string; column: string; position: number | string }>): string[][] {
  const byIndex = new Map<string, Array<{ column: string; position: number }>>();
  for (const r of rows) byIndex.set(r.index, [...(byIndex.get(r.index) ?? []), { column: r.column, position: Number(r.position) }]);
  return [...byIndex.values()].map((cols) => cols.sort((a, b) => a.position - b.position).map((c) => c.column));
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function indexStatus(knex: Knex, client: Client, indexes: RecommendedIndex[], schema?: string): Promise<IndexStatus[]> {
  const byTable = new Map<string, string[][]>();
  const out: IndexStatus[] = [];
  for (const index of indexes) {
    if (!byTable.has(index.table)) byTable.set(index.table, await existingIndexes(knex, client, index.table, schema));
    const present = byTable.get(index.table)!.some((columns) => index.columns.every((c, i) => columns[i] === c));
    out.push({ ...index, present });
  }
  return out;
}

/** Creates the recommended indexes that are missing; answers every one with whether it was created now. */
export async function createIndexes(
  knex: Knex,
  client: Client,
  indexes: RecommendedIndex[],
  schema?: string,
): Promise<Array<IndexStatus & { created: boolean }>> {
  const status = await indexStatus(knex, client, indexes, schema);
  const out: Array<IndexStatus & { created: boolean }> = [];
  for (const index of status) {
    if (!index.present) {
      const builder = schema ? knex.schema.withSchema(schema) : knex.schema;
      await builder.alterTable(index.table, (t: any) => {
        t.index(index.columns, index.name);
      });
    }
    out.push({ ...index, present: true, created: !index.present });
  }
  // A new index without statistics looks selective to SQLite's planner: with email_events(type)
  // fresh, "opened none of the last 5" went from 11 to 805 ms at 5,000 contacts until ANALYZE.
  const changed = [...new Set(out.filter((i) => i.created).map((i) => i.table))];
  if (client === 'sqlite') for (const table of changed) await knex.raw(`ANALYZE ${quote(table)}`);
  return out;
}
