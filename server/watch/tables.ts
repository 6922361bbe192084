/**
 * The tables of watched segments, created by the plugin (not content types): Strapi's schema sync
 * leaves alone a table it never tracked, on every database, so these keep their own keys and
 * indexes. Times are epoch milliseconds (bigint): the same arithmetic on all three databases.
 *
 * - members: a watched segment's membership as of its last refresh (segment, contact, since).
 * - staging: the audience of the refresh under way, written and emptied in its transaction.
 * - changes: the feed; the autoincrement id is the cursor.
 * - history: one row per refresh, failed ones included.
 * - state: per watched segment, that its baseline is taken and the conditions it was taken with.
 */
import type { Core } from '@strapi/strapi';

export const TABLES = {
  members: 'segments_watch_members',
  staging: 'segments_watch_staging',
  changes: 'segments_watch_changes',
  history: 'segments_watch_history',
  state: 'segments_watch_state',
} as const;

type SchemaBuilder = ReturnType<Core.Strapi['db']['getSchemaConnection']>;
type TableBuilder = Parameters<Parameters<SchemaBuilder['createTable']>[1]>[0];

const DEFINITIONS: Record<keyof typeof TABLES, (t: TableBuilder) => void> = {
  members: (t) => {
    t.integer('segment_id').notNullable();
    t.integer('contact_id').notNullable();
    // Kept so that a contact deleted from the CRM can still be named in the feed.
    t.string('document_id', 255);
    t.bigInteger('since').notNullable();
    t.primary(['segment_id', 'contact_id'], 'segments_watch_members_pk');
  },
  staging: (t) => {
    t.integer('segment_id').notNullable();
    t.integer('contact_id').notNullable();
    t.primary(['segment_id', 'contact_id'], 'segments_watch_staging_pk');
  },
  changes: (t) => {
    t.bigIncrements('id').primary();
    t.integer('segment_id').notNullable();
    t.integer('contact_id').notNullable();
    t.string('document_id', 255);
    t.string('kind', 8).notNullable();
    t.string('reason', 8).notNullable();
    t.bigInteger('at').notNullable();
    t.index(['segment_id', 'id'], 'segments_watch_changes_feed');
    t.index(['at'], 'segments_watch_changes_at');
  },
  history: (t) => {
    t.increments('id').primary();
    t.integer('segment_id').notNullable();
    t.bigInteger('at').notNullable();
    t.string('status', 8).notNullable();
    t.integer('member_count');
    t.integer('entered_count').notNullable();
    t.integer('left_count').notNullable();
    t.text('error');
    t.index(['segment_id', 'at'], 'segments_watch_history_segment_at');
  },
  state: (t) => {
    t.integer('segment_id').notNullable().primary();
    t.string('filters_hash', 64).notNullable();
    t.bigInteger('refreshed_at').notNullable();
  },
};

/** Creates the tables that are missing (bootstrap; several nodes may boot at once). */
export async function ensureTables(strapi: Core.Strapi): Promise<void> {
  for (const [key, name] of Object.entries(TABLES) as [keyof typeof TABLES, string][]) {
    if (await strapi.db.getSchemaConnection().hasTable(name)) continue;
    try {
      await strapi.db.getSchemaConnection().createTable(name, DEFINITIONS[key]);
    } catch (error) {
      // Another node created it meanwhile.
      if (!(await strapi.db.getSchemaConnection().hasTable(name))) throw error;
    }
  }
}
