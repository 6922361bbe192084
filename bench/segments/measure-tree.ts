/**
 * One tree: validated by the service, its plugin count checked against the hand-written SQL's,
 * then timed five ways (hand SQL, service count, service preview, HTTP preview, HTTP first contacts),
 * and the preview after a one-rule edit.
 */
import type { Core } from '@strapi/strapi';
import type { FilterGroup } from '../../shared/filter-tree';
import { measureEdit, type EditResult, type PreviewAnswer } from './edit-scenario';
import { handQuery, type HandEnv, type HandQuery } from './hand-sql';
import type { Sql } from './sql-template';
import { time, type Timing } from './timing';
import type { BenchTree } from './trees';

export interface TreeResult {
  id: string;
  title: string;
  tree: FilterGroup;
  count: number;
  handCount: number;
  /** the hand SQL as run for the count check (with its bindings) */
  handSql: Sql;
  hand: Timing;
  plugin: Timing;
  preview: Timing;
  http?: Timing;
  /** the first 10 contacts over HTTP, without the count (POST /segments/preview/contacts) */
  httpFirst?: Timing;
  /** the preview after a one-rule edit (bench/segments/edit-scenario.ts): over HTTP when `http` is measured */
  edit: EditResult;
  /** set when the counts differ */
  mismatch?: string;
}

export interface MeasureSetup {
  strapi: Core.Strapi;
  handEnv: (now: Date) => HandEnv;
  runs: number;
  warmups: number;
  http?: (filters: FilterGroup) => Promise<PreviewAnswer>;
  httpFirst?: (filters: FilterGroup) => Promise<number>;
}

async function runHand(strapi: Core.Strapi, query: HandQuery): Promise<number> {
  const knex = strapi.db.connection;
  const postgres = strapi.db.dialect.client === 'postgres';
  // On PostgreSQL the hand SQL runs as the plugin's reads do: in a transaction, without JIT (an
  // expert would turn it off too; server/crm/execution.ts, boundedRead, says why). Statements before
  // and after it need the same connection: a transaction too.
  const result =
    postgres || query.before
      ? await knex.transaction(async (trx) => {
          if (postgres) await trx.raw('SET LOCAL jit = off');
          for (const statement of query.before ?? []) await trx.raw(statement.sql, statement.bindings as any[]);
          try {
            return await trx.raw(query.sql, query.bindings as any[]);
          } finally {
            for (const statement of query.after ?? []) await trx.raw(statement);
          }
        })
      : await knex.raw(query.sql, query.bindings as any[]);
  // knex.raw answers rows (SQLite), { rows } (PostgreSQL) or [rows, fields] (mysql2)
  const rows = Array.isArray(result) ? (Array.isArray(result[0]) ? result[0] : result) : result.rows;
  return Number(rows[0].n);
}

/** The SQL the plugin runs for a tree's count (for --print-sql: where a flagged ratio comes from). */
export async function pluginCountSql(strapi: Core.Strapi, tree: FilterGroup): Promise<Sql> {
  const audience = strapi.plugin('segments').service('audience');
  const { sql, bindings } = audience
    .matching(await audience.compile(tree))
    .count({ n: '*' })
    .toSQL();
  return { sql, bindings: [...bindings] };
}

export async function measureTree(bench: BenchTree, tree: FilterGroup, setup: MeasureSetup): Promise<TreeResult> {
  const { strapi } = setup;
  const segments = strapi.plugin('segments').service('segments');
  try {
    await strapi.plugin('segments').service('audience').validate(tree);
  } catch (e) {
    throw new Error(`tree "${bench.id}" (${bench.title}) is invalid: ${(e as Error).message}`, { cause: e });
  }
  const hand = (now: Date) => handQuery(bench.id, setup.handEnv(now));

  // The plugin evaluates date math with its own `new Date()`: bracket its count with two hand
  // counts, so a record crossing a relative-date boundary in between cannot fake a mismatch.
  const before = await runHand(strapi, hand(new Date()));
  const count = Number(await segments.count(tree));
  const handSql = hand(new Date());
  const after = await runHand(strapi, handSql);
  const handCount = count === before ? before : after;
  const mismatch =
    count === before || count === after
      ? undefined
      : `tree "${bench.id}" (${bench.title}): the plugin counts ${count}, the hand-written SQL ${before === after ? before : `${before} then ${after}`}`;

  const opts = { runs: setup.runs, warmups: setup.warmups };
  const handTiming = await time(() => runHand(strapi, hand(new Date())), opts);
  const plugin = await time(() => segments.count(tree), opts);
  const preview = await time(() => segments.preview(tree, { limit: 10 }), opts);
  const http = setup.http ? await time(() => setup.http!(tree), opts) : undefined;
  const httpFirst = setup.httpFirst ? await time(() => setup.httpFirst!(tree), opts) : undefined;
  const edit = await measureEdit(tree, setup.http ?? ((filters) => segments.editorPreview(filters, 'both', { limit: 10 })), opts);
  // An edit answered partly from the editor's cache must count what the whole tree counts at its `asOf`.
  const audience = strapi.plugin('segments').service('audience');
  const { last } = edit;
  const whole = last.asOf ? await audience.count(await audience.compile(last.tree, new Date(last.asOf))) : last.count;
  const editMismatch =
    whole === last.count
      ? undefined
      : `tree "${bench.id}" after an edit (${edit.change}): the editor's cache answered ${last.count}, the whole tree counts ${whole} at ${last.asOf}`;
  return {
    id: bench.id,
    title: bench.title,
    tree,
    count,
    handCount,
    handSql,
    hand: handTiming,
    plugin,
    preview,
    http,
    httpFirst,
    edit,
    mismatch: [mismatch, editMismatch].filter(Boolean).join('; ') || undefined,
  };
}
