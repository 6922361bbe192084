/**
 * Evaluates filter trees against the live database: validation, compilation with the query's
 * `now`, and the queries that count, preview, page and stream the matching contacts. Everything
 * that reads an audience goes through here, so every surface has the same semantics.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { Catalog } from '../../shared/catalog';
import { forEachRule, isGroup, MAX_TREE_BYTES, treeKey, type FilterGroup } from '../../shared/filter-tree';
import {
  QueryCancelledError,
  QueryTimeoutError,
  runBounded,
  serverOf,
  stagesSegments,
  type Compilable,
  type StagedSegment,
} from '../crm/bounded';
import { pluginConfig } from '../config/plugin-config';
import { checkTimeZone } from '../../shared/dates/resolve';
import { contactRepository } from '../crm/contact-repository';
import { readConnectionOf } from '../crm/read-connection';
import type { ContactSummary } from '../../shared/contracts/contacts';
import { createIndexes, indexStatus, recommendedIndexes } from '../crm/indexes';
import { buildCrmModel, type CrmModel } from '../crm/model';
import { compileFilter } from '../engine/compile';
import { conjuncts, type Conjunct } from '../engine/conjuncts';
import { lastSentCampaigns, recentCampaignNeeds, type RecentCampaigns } from '../engine/recent-campaigns';
import { EDIT_CACHE_LIMITS, EditCache, editCacheLimits, SnapshotMovedError, TOO_BROAD, type KeptRest } from '../crm/edit-cache';
import { QueryTooLargeError, type QuerySize } from '../engine/limits';
import type { SegmentQuery } from '../engine/segment-plan';
import { SqlDialect, type DialectOptions } from '../engine/sql';
import { plannedSegmentLimit } from '../crm/execution';
import { EngineError, type Dialect, type SqlFragment } from '../engine/types';
import { segmentReferences, validateTree } from '../engine/validate';
import { InvalidTreeError, badRequest, cancelled, notFound, unavailable } from '../errors';
import { segmentRepository, type SegmentRecord } from '../repositories/segment-repository';

/** A saved segment (its documentId, or an object carrying it) or a filter tree. */
export type SegmentOrFilters = string | { documentId: string } | FilterGroup;

export type { ContactSummary };

export interface Resolved {
  tree: FilterGroup;
  segment?: SegmentRecord;
}

/**
 * A compiled audience: the predicate over the contact table aliased `c`, and the saved segments
 * it uses as named sub-queries, which `matching()` puts in the statement's WITH clause, or, when
 * `staged`, a bounded read fills as temporary tables of the same names first (`staging()`).
 */
export interface Audience {
  predicate: SqlFragment;
  /** In dependency order: each may use the ones before it. */
  segments: SegmentQuery[];
  /** The segments are read from temporary tables filled before the statement (SQLite's workers, MariaDB). */
  staged: boolean;
  size: QuerySize;
  now: Date;
  /**
   * Built on a rest the editor's cache kept: every read of it runs in the snapshot the rest was read
   * in, or stops with a SnapshotMovedError (edit-cache.ts).
   */
  snapshot?: string;
}

/** What an editor's read answered, and when it comes partly from the editor's cache, the moment it is exact for. */
export interface EditorAnswer<T> {
  value: T;
  asOf?: Date;
}

export interface CompileOptions {
  /**
   * The audience goes into ONE statement that the plugin does not run itself (`toWhere()`'s
   * sub-query): its segments stay in the WITH clause, whatever the database.
   */
  oneStatement?: boolean;
  /**
   * How "engaged with all of" rules are written (`drivenRules`): `auto` decides from PostgreSQL's
   * estimates (elsewhere: as one grouped set); `always` and `never` are for tests, which check both
   * forms give the same members; `narrowed`: the tree is tested on a few contacts given apart from it
   * (a kept rest's, `onRest`), so every such rule under plain AND groups is written per contact, even alone.
   */
  contactDriven?: 'auto' | 'always' | 'never' | 'narrowed';
}

/**
 * Below this share of all contacts left by the rest of the tree, "engaged with all of" counts each
 * remaining contact's events instead of grouping every event of the campaigns. Measured at 100k
 * contacts on PostgreSQL (docs/performance.md, "Plans an expert would write"): with 4.4% left (`p5`)
 * per contact took 176 ms against 469 ms grouped; with every contact left, 1,577 ms against 284 ms.
 */
const CONTACT_DRIVEN_BELOW = 0.1;

/**
 * The editor's cache keeps a rest of at most this share of all contacts, or of KEPT_REST_ALWAYS
 * members, whichever is more. Measured at 1M contacts on PostgreSQL (docs/performance.md, "An edit
 * costs the rule that changed"): testing the changed rule on a kept rest of 114,534 ids (`p4`) took
 * 1.9 s against 1.1 s for the whole tree; on rests of 23,000 ids and fewer, 0.1-0.3 s against 0.5-3.9 s.
 */
const KEPT_REST_SHARE = 0.1;
const KEPT_REST_ALWAYS = 10_000;

const ALIAS = 'c';
/** How previews order contacts, by the creation time in `column` of `c` (countAndPage's ranked rows select it as `created_at`). */
const newestFirst = (column: string) => [
  { column: `${ALIAS}.${column}`, order: 'desc' as const },
  { column: `${ALIAS}.id`, order: 'desc' as const },
];

export default ({ strapi }: { strapi: Core.Strapi }) => {
  let model: CrmModel | undefined;
  let dialectOptions: Promise<DialectOptions> | undefined;
  const segments = segmentRepository(strapi);
  /** The saved segments a tree reaches, directly or through others, by documentId: all that validating or compiling it reads. */
  const savedSegmentsOf = (tree: unknown) => {
    const field = crmModel().segmentField;
    return segments.reachable(segmentReferences(tree, field), (segment) => segmentReferences(segment.filters, field));
  };
  const contacts = contactRepository(strapi);
  let everyoneEstimate: { now: number; rows: number } | undefined;
  const editCache = new EditCache(() => editCacheLimits(pluginConfig(strapi).editCacheSeconds));

  const crmModel = () => (model ??= buildCrmModel(strapi, pluginConfig(strapi).crm));
  /** The engagement fields (`email.opened`, `email.clicked`) with their bindings. */
  const engagementFields = () => Object.entries(crmModel().engine.fields).filter(([, b]) => b.kind === 'engagement');
  /** The config's zone (the config validator checks it at boot), read per query so a changed config applies. */
  const timeZone = () => {
    const checked = checkTimeZone(pluginConfig(strapi).timeZone);
    if ('problem' in checked) throw unavailable(`the segments plugin config's timeZone: ${checked.problem}`);
    return checked.zone;
  };
  const knex = () => strapi.db.connection;

  const dialect = () =>
    (dialectOptions ??= (async () => {
      const client = strapi.db.dialect.client as string;
      const name: Dialect = client === 'sqlite' ? 'sqlite' : client === 'postgres' ? 'postgres' : 'mysql';
      if (name === 'sqlite') return { dialect: name };
      if (name === 'mysql') {
        // MariaDB 10.10+ has Unicode 14 collations, MySQL 8 Unicode 9; older servers fall back to the default.
        for (const collation of ['utf8mb4_uca1400_ai_ci', 'utf8mb4_0900_ai_ci']) {
          const known = await knex()
            .raw(`SELECT CONVERT('a' USING utf8mb4) COLLATE ${collation} AS probe`)
            .then(
              () => true,
              () => false,
            );
          if (known) return { dialect: name, mysqlLowerCollation: collation };
        }
        return { dialect: name };
      }
      // lower() under an ICU collation folds all of Unicode exactly like JavaScript; the database's
      // own collation may be "C", which folds ASCII only.
      const icu = await knex().raw(`SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu'`);
      return { dialect: name, postgresLowerCollation: icu.rows.length > 0 ? 'und-x-icu' : undefined };
    })());

  /**
   * A read under the configured bound (the segments of `over` staged first if it says so); past it, a
   * 503 that says what to do. Given up through `signal`: stopped on the server, and a 499. An audience
   * built on a kept rest is read in the rest's snapshot only; `snapshot: record` is told the snapshot
   * of a read (PostgreSQL, bounded.ts).
   */
  const bounded = async <T extends Record<string, any>>(
    query: Compilable,
    doing: string,
    over?: Audience,
    { within, signal, snapshot: record }: { within?: Knex.Transaction; signal?: AbortSignal; snapshot?: (seen: string) => void } = {},
  ): Promise<T[]> => {
    const ms = pluginConfig(strapi).queryTimeoutMs;
    const pinned = over?.snapshot;
    const snapshot = pinned
      ? (seen: string) => {
          if (seen !== pinned) throw new SnapshotMovedError();
        }
      : record;
    try {
      return await runBounded<T>(strapi, ms, query, over ? service.staging(over) : [], { within, signal, snapshot });
    } catch (error) {
      if (error instanceof QueryCancelledError) throw cancelled(`the ${doing} was cancelled`);
      if (!(error instanceof QueryTimeoutError)) throw error;
      const limit = ms >= 1000 ? `${Number((ms / 1000).toFixed(1))} s` : `${ms} ms`;
      throw unavailable(
        `this segment took longer than ${limit} to ${doing}; narrow it or add the recommended indexes (README, "Indexes to add")`,
      );
    }
  };

  /** Where the recommended indexes go: the connection, its dialect, the indexes, the schema. */
  const indexTarget = async () =>
    [knex(), (await dialect()).dialect, recommendedIndexes(crmModel().engine), strapi.db.getSchemaName() || undefined] as const;

  const service = {
    catalog(): Catalog {
      return crmModel().catalog;
    },

    /** The indexes segments need on the CRM tables (server/crm/indexes.ts), each with whether it is there. */
    async indexes() {
      return indexStatus(...(await indexTarget()));
    },

    /** Creates the missing ones (plugin config `createIndexes: true` does it at boot). */
    async createIndexes() {
      return createIndexes(...(await indexTarget()));
    },

    /** The name of the segment-membership field (renameable in crm.computedFields). */
    segmentField(): string {
      return crmModel().segmentField;
    },

    /** Validates a tree (400 with the path of every problem) against the catalog and saved data. */
    async validate(tree: unknown, self?: { documentId?: string; name: string }): Promise<FilterGroup> {
      const bytes = Buffer.byteLength(JSON.stringify(tree) ?? '', 'utf8');
      if (bytes > MAX_TREE_BYTES) {
        throw new InvalidTreeError([
          { path: '(root)', message: `the filter tree takes ${bytes} bytes; at most ${MAX_TREE_BYTES} are allowed` },
        ]);
      }
      const model = crmModel();
      const byId = await savedSegmentsOf(tree);
      const engagement = engagementFields();
      const campaignIds = campaignReferences(tree, new Set(engagement.map(([name]) => name)));
      const existingCampaigns = new Set<string>();
      const events = engagement[0]?.[1];
      if (campaignIds.length > 0 && events?.kind === 'engagement') {
        const rows = await knex()(events.events.campaignLink.target.table).select('document_id').whereIn('document_id', campaignIds);
        rows.forEach((r: { document_id: string }) => existingCampaigns.add(r.document_id));
      }
      const issues = validateTree(tree, {
        fields: model.catalog.fields,
        contactLabel: model.contactLabel,
        unavailable: model.unavailable,
        segments: (id) => byId.get(id),
        self,
        campaignExists: (id) => existingCampaigns.has(id),
        timeZone: timeZone(),
      });
      if (issues.length > 0) throw new InvalidTreeError(issues);
      // PostgreSQL cannot store NUL in JSON, not even in a key the tree does not use (values were checked above).
      const nul = nulPath(tree);
      if (nul !== undefined)
        throw new InvalidTreeError([{ path: nul || '(root)', message: 'a filter tree cannot contain the NUL character' }]);
      return tree as FilterGroup;
    },

    /** A saved segment's tree, or a validated ad-hoc tree. */
    async resolve(input: SegmentOrFilters): Promise<Resolved> {
      if (isGroup(input)) return { tree: await service.validate(input) };
      const documentId = typeof input === 'string' ? input : input?.documentId;
      if (typeof documentId !== 'string') {
        throw new InvalidTreeError([{ path: '(root)', message: 'expected a segment documentId or a filter tree' }]);
      }
      const segment = await segments.findOne(documentId);
      if (!segment) throw notFound(`segment "${documentId}" does not exist`);
      return { tree: segment.filters, segment };
    },

    /**
     * Compiles a tree with `now` fixed to this moment (date math is evaluated at query time); pass
     * `now` to compile several trees that must agree on it (explain's sub-trees).
     */
    async compile(
      tree: FilterGroup,
      now: Date = new Date(),
      { oneStatement = false, contactDriven = 'auto' }: CompileOptions = {},
    ): Promise<Audience> {
      const byId = await savedSegmentsOf(tree);
      const nameOf = (id: string) => byId.get(id)?.name ?? id;
      // A statement the plugin does not run itself may run later: its "last N" stay sub-queries.
      const recentCampaigns = oneStatement
        ? undefined
        : await service.recentCampaigns([tree, ...[...byId.values()].map((s) => s.filters)], now);
      let compiled;
      try {
        compiled = compileFilter(
          tree,
          {
            ...(await dialect()),
            model: crmModel().engine,
            now,
            timeZone: timeZone(),
            segments: (id) => byId.get(id)?.filters,
            segmentName: (id) => byId.get(id)?.name,
            contactDriven: await service.drivenRules(tree, now, contactDriven),
            recentCampaigns,
          },
          ALIAS,
        );
      } catch (error) {
        if (error instanceof QueryTooLargeError) throw badRequest(error.message, { segments: error.segments });
        if (error instanceof EngineError) throw new InvalidTreeError([{ path: error.path, message: error.message }]);
        throw error;
      }
      const { predicate, segments: used, size, expansion } = compiled;
      const staged = used.length > 0 && !oneStatement && (await stagesSegments(strapi));
      const limit = staged ? undefined : plannedSegmentLimit(await serverOf(strapi));
      if (limit !== undefined && expansion.copies > limit && expansion.heaviest) {
        const { path, documentId, copies } = expansion.heaviest;
        const n = (x: number) => x.toLocaleString('en-US');
        throw new InvalidTreeError([
          {
            path,
            message:
              `segment "${nameOf(documentId)}" reaches its segments along ${n(copies)} paths, and this database plans each apart in one ` +
              `statement (${n(expansion.copies)} references in all; at most ${n(limit)}). Count, preview, list or stream it instead, ` +
              `which evaluate each segment once, or build it on fewer layers of segments`,
          },
        ]);
      }
      return { predicate, segments: used, staged, size, now };
    },

    /**
     * The last N campaigns the trees ask for, read at `now` on the connection that reads audiences
     * (recent-campaigns.ts): one small indexed read per campaign table, none when no rule says `last`.
     * It runs just before the audience's own statement, not in it: a campaign whose sending commits
     * between the two joins the set at the next read (docs/semantics.md).
     */
    async recentCampaigns(trees: FilterGroup[], now: Date): Promise<Map<string, RecentCampaigns>> {
      const read = new Map<string, RecentCampaigns>();
      const sql = new SqlDialect(await dialect());
      for (const [table, { events, limit }] of recentCampaignNeeds(trees, crmModel().engine.fields)) {
        const query = lastSentCampaigns(events, 'k', limit, now, sql);
        const result = await (readConnectionOf(strapi) ?? knex()).raw(query.sql, query.bindings as any[]);
        const rows: Array<{ id: number | string }> = Array.isArray(result) ? (Array.isArray(result[0]) ? result[0] : result) : result.rows;
        read.set(table, { limit, ids: rows.map((row) => Number(row.id)) });
      }
      return read;
    },

    /**
     * The "engaged with all of" rules of `tree` to write per contact: those the rest of the tree
     * narrows (every group above them is a plain AND) to under CONTACT_DRIVEN_BELOW of all contacts,
     * by PostgreSQL's estimate of the rest (a plan, nothing run). Elsewhere none: MySQL's and SQLite's
     * estimates were not measured against this choice.
     */
    async drivenRules(
      tree: FilterGroup,
      now: Date,
      mode: NonNullable<CompileOptions['contactDriven']> = 'auto',
    ): Promise<Set<string> | undefined> {
      if (mode === 'never') return undefined;
      const candidates = narrowedAllRules(tree, new Set(engagementFields().map(([name]) => name)), { alone: mode === 'narrowed' });
      if (candidates.length === 0) return undefined;
      if (mode === 'always' || mode === 'narrowed') return new Set(candidates.map((c) => c.path));
      if ((await serverOf(strapi)) !== 'postgres') return undefined;
      try {
        const everyone = await service.everyone(now);
        const driven = new Set<string>();
        for (const { path, rest } of candidates) {
          if ((await service.estimate(await service.compile(rest, now, { contactDriven: 'never' }))) < everyone * CONTACT_DRIVEN_BELOW)
            driven.add(path);
        }
        return driven.size > 0 ? driven : undefined;
      } catch (error) {
        // A plan that cannot be estimated (the server went away, a replica not ready): the grouped form is always right.
        strapi.log.debug(`segments: no estimate for "engaged with all of" (${(error as Error).message}); grouped`);
        return undefined;
      }
    },

    /**
     * `read` of `tree` for a person editing it (the editor's previews): when the tree is an edit of one
     * previewed shortly before, the part it left unchanged (a conjunct's rest, engine/conjuncts.ts) is
     * read once and kept, and this read and the next test only the changed part on the rest's members,
     * in the very snapshot they were read in (edit-cache.ts). Such an answer is exact for the moment
     * the rest was read (`asOf`: its date math was evaluated then); any commit in the database since
     * sends the read back to the whole tree. PostgreSQL only (plugin config `editCacheSeconds`, 0: off).
     */
    async editorRead<T>(tree: FilterGroup, read: (audience: Audience) => Promise<T>): Promise<EditorAnswer<T>> {
      const whole = async () => ({ value: await read(await service.compile(tree)) });
      if (pluginConfig(strapi).editCacheSeconds <= 0 || (await serverOf(strapi)) !== 'postgres') return whole();
      // The same tree means another thing in another zone: the zone is part of every key.
      const zone = timeZone();
      const key = `${zone} ${treeKey(tree)}`;
      const parts = conjuncts(tree).map((p) => ({ ...p, restKey: `${zone} ${p.restKey}` }));
      let kept = editCache.keptFor(parts);
      if (!kept) {
        const part = editCache.edited(key, parts);
        if (part && !editCache.skipped(part.restKey)) {
          const rest = await editCache.read(part.restKey, () => service.readRest(part.rest));
          if (rest && rest !== TOO_BROAD) kept = { part, rest };
        }
      }
      editCache.saw(key, parts);
      if (!kept) return whole();
      try {
        return { value: await read(await service.onRest(kept.part, kept.rest)), asOf: kept.rest.now };
      } catch (error) {
        if (!(error instanceof SnapshotMovedError)) throw error;
        editCache.moved(kept.part.restKey, kept.rest);
        return whole();
      }
    },

    /**
     * The members of a rest as a PostgreSQL array literal, with the snapshot they were read in and the
     * `now` of its date math; TOO_BROAD past KEPT_REST_SHARE of all contacts (PostgreSQL's estimate) and
     * over KEPT_REST_ALWAYS members, or over the cache's maxIds. Not given up with the preview that
     * asked: the next edit of the same tree needs the same rest.
     */
    async readRest(rest: FilterGroup): Promise<Omit<KeptRest, 'at'> | typeof TOO_BROAD> {
      const audience = await service.compile(rest);
      // Should estimating all contacts fail, only a small rest is kept.
      const everyone = await service.everyone(audience.now).catch(() => 0);
      const most = Math.min(EDIT_CACHE_LIMITS.maxIds, Math.max(KEPT_REST_ALWAYS, Math.floor(everyone * KEPT_REST_SHARE)));
      const k = knex();
      const members = service
        .matching(audience)
        .select(`${ALIAS}.id`)
        .limit(most + 1);
      let snapshot = '';
      const [row] = await bounded<{ n: number | string; ids: string | null }>(
        k.from(members.as('m')).select(k.raw('COUNT(*) AS n'), k.raw(`'{' || string_agg(m.id::text, ',') || '}' AS ids`)),
        'preview',
        audience,
        { snapshot: (seen) => (snapshot = seen) },
      );
      const size = Number(row.n);
      if (size > most) return TOO_BROAD;
      return { ids: row.ids ?? '{}', size, snapshot, now: audience.now, narrow: size < everyone * CONTACT_DRIVEN_BELOW };
    },

    /** `part` tested on a kept rest's members, at the rest's `now`, to be read in the rest's snapshot only. */
    async onRest(part: Conjunct, rest: KeptRest): Promise<Audience> {
      const compiled = await service.compile({ combinator: 'and', rules: [part.node] }, rest.now, {
        contactDriven: rest.narrow ? 'narrowed' : 'auto',
      });
      return {
        ...compiled,
        predicate: {
          sql: `${ALIAS}.id IN (SELECT unnest(?::bigint[])) AND (${compiled.predicate.sql})`,
          bindings: [rest.ids, ...compiled.predicate.bindings],
        },
        snapshot: rest.snapshot,
      };
    },

    /**
     * PostgreSQL's estimate of all contacts (a plan, nothing run), kept for one `now`: explain compiles
     * dozens of sub-trees at one `now`, and a kept rest is read at the `now` its tree was compiled at.
     */
    async everyone(now: Date): Promise<number> {
      if (everyoneEstimate?.now !== now.getTime()) {
        const rows = await service.estimate(await service.compile({ combinator: 'and', rules: [] }, now, { contactDriven: 'never' }));
        everyoneEstimate = { now: now.getTime(), rows };
      }
      return everyoneEstimate.rows;
    },

    /** PostgreSQL's estimate of how many contacts `audience` matches: the planner's row count, nothing run. */
    async estimate(audience: Audience): Promise<number> {
      const { sql, bindings } = service.matching(audience).select(`${ALIAS}.id`).toSQL();
      const knex = readConnectionOf(strapi) ?? strapi.db.connection;
      const result = await knex.raw(`EXPLAIN (FORMAT JSON) ${sql}`, bindings as any[]);
      return Number(result.rows[0]['QUERY PLAN'][0].Plan['Plan Rows']);
    },

    /** The temporary tables a bounded read of `audience` fills first (none unless it is `staged`). */
    staging(audience: Audience): StagedSegment[] {
      return audience.staged ? audience.segments.map(({ name, sql, bindings }) => ({ name, sql, bindings })) : [];
    },

    /**
     * `WITH segment_1 AS (...), ... SELECT ... FROM contacts AS c WHERE <audience>` as a knex
     * builder (Strapi's connection). The WITH clause travels with the builder, also as a sub-query
     * (`toWhere`'s `id IN (WITH ... SELECT c.id ...)`, `memberIds`' grouped runs over it): all three
     * databases accept it there.
     */
    matching(audience: Audience) {
      const { contact } = crmModel().engine;
      const k = knex();
      let builder = k({ [ALIAS]: contact.table });
      for (const segment of audience.staged ? [] : audience.segments) {
        const query = k.raw(segment.sql, segment.bindings as any[]);
        builder = segment.materialized ? builder.withMaterialized(segment.name, query) : builder.with(segment.name, query);
      }
      builder.whereRaw(audience.predicate.sql, audience.predicate.bindings as any[]);
      if (contact.publishedAtColumn) builder.whereNotNull(`${ALIAS}.${contact.publishedAtColumn}`);
      return builder;
    },

    /**
     * Any read built on `matching(over)`, under the configured time bound (off the main thread on
     * SQLite), with the segments of `over` staged first where they are; past the bound, a 503 saying
     * the segment took too long `doing` what it did ("explain this contact").
     */
    read<T extends Record<string, any>>(query: Compilable, doing: string, over: Audience): Promise<T[]> {
      return bounded<T>(query, doing, over);
    },

    /** The number of matching contacts, under the configured time bound (plugin config `queryTimeoutMs`). */
    async count(audience: Audience, { signal }: { signal?: AbortSignal } = {}): Promise<number> {
      const [row] = await bounded<{ n: number | string }>(service.matching(audience).count({ n: '*' }), 'count', audience, { signal });
      return Number(row.n);
    },

    /**
     * The first `limit` matching contacts as the panel shows them (newest first), without the count:
     * the planner may sort the contacts first and test the tree on the newest until it has `limit`,
     * so a large audience's first rows can come long before its count (docs/performance.md).
     */
    async firstContacts(audience: Audience, { limit, signal }: { limit: number; signal?: AbortSignal }): Promise<ContactSummary[]> {
      if (limit <= 0) return [];
      const page = await bounded<{ id: number | string }>(
        service.matching(audience).select(`${ALIAS}.id as id`).orderBy(newestFirst(crmModel().engine.contact.createdAtColumn)).limit(limit),
        'preview',
        audience,
        { signal },
      );
      return contacts.summaries(page.map((r) => Number(r.id)));
    },

    /**
     * The ids of the matching contacts in ascending order, from one evaluation of the tree (a
     * snapshot: `stream` loads contacts from it batch by batch). `narrow` adds conditions on `c`.
     * 8 bytes an id: a million members take 8 MB.
     */
    async memberIds(
      audience: Audience,
      narrow?: (members: { where(condition: (q: any) => void): unknown }) => void,
    ): Promise<Float64Array> {
      const sql = new SqlDialect(await dialect());
      const k = knex();
      const members = service.matching(audience).select(`${ALIAS}.id as id`);
      narrow?.(members);
      const runs = await bounded<{ ids: string | Buffer | null }>(
        k
          .from(members.as('m'))
          .select(k.raw(`${sql.joinedIds(sql.column('m', 'id'))} AS ids`))
          .groupByRaw(sql.idRun(sql.column('m', 'id'))),
        'list its members',
        audience,
      );
      const ids: number[] = [];
      for (const run of runs) if (run.ids !== null) for (const id of String(run.ids).split(',')) ids.push(Number(id));
      return Float64Array.from(ids).sort();
    },

    /**
     * Writes `(segmentId, id)` of every matching contact into `table` within `trx`, in one
     * `INSERT … SELECT` under the time bound: the ids never leave the database (a watched segment's
     * refresh on PostgreSQL, where the audience needs no staged segments).
     */
    async insertMemberIds(audience: Audience, into: { trx: Knex.Transaction; table: string; segmentId: number }): Promise<void> {
      const k = knex();
      const { sql, bindings } = service
        .matching(audience)
        .select(k.raw(`${Math.trunc(into.segmentId)} AS segment_id`), `${ALIAS}.id AS contact_id`)
        .toSQL();
      const insert = k.raw(`INSERT INTO ?? (segment_id, contact_id) ${sql}`, [into.table, ...bindings]);
      await bounded(insert, 'list its members', audience, { within: into.trx });
    },

    /**
     * The count and one page of contacts as the panel shows them (name, email and company, newest
     * first), from one evaluation of the tree: the count rides on the matching rows
     * (`COUNT(*) OVER ()`) before the page is cut, and only the page is then described. Counting
     * and paging separately evaluated the tree twice: 1.3-2x the time at 100k contacts on PostgreSQL.
     */
    async countAndPage(
      audience: Audience,
      { limit, offset = 0, signal }: { limit: number; offset?: number; signal?: AbortSignal },
    ): Promise<{ count: number; contacts: ContactSummary[] }> {
      if (limit <= 0) return { count: await service.count(audience, { signal }), contacts: [] };
      const k = knex();
      const ranked = service
        .matching(audience)
        .select(
          `${ALIAS}.id as id`,
          `${ALIAS}.${crmModel().engine.contact.createdAtColumn} as created_at`,
          k.raw('COUNT(*) OVER () AS total'),
        );
      const page = await bounded<{ id: number | string; total: number | string }>(
        k.from(ranked.as(ALIAS)).select(`${ALIAS}.id`, `${ALIAS}.total`).orderBy(newestFirst('created_at')).limit(limit).offset(offset),
        'count',
        audience,
        { signal },
      );
      // An empty first page: nothing matches. An empty later page (past the end) does not say how many do.
      const count = page.length > 0 ? Number(page[0].total) : offset === 0 ? 0 : await service.count(audience, { signal });
      return { count, contacts: await contacts.summaries(page.map((r) => Number(r.id))) };
    },
  };
  return service;
};

/** The path of the first key or text holding a NUL character, if any. */
function nulPath(node: unknown, path = ''): string | undefined {
  if (typeof node === 'string') return node.includes('\u0000') ? path : undefined;
  if (typeof node !== 'object' || node === null) return undefined;
  for (const [key, value] of Object.entries(node)) {
    const at = Array.isArray(node) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return at;
    const found = nulPath(value, at);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Campaign documentIds named by engagement rules (`email.opened`, `email.clicked`). */
function campaignReferences(tree: unknown, engagementFields: Set<string>): string[] {
  const found = new Set<string>();
  forEachRule(tree, (rule) => {
    const campaigns = (rule.value as { campaigns?: unknown } | undefined)?.campaigns;
    if (typeof rule.field === 'string' && engagementFields.has(rule.field) && Array.isArray(campaigns)) {
      campaigns.forEach((id: unknown) => typeof id === 'string' && found.add(id));
    }
  });
  return [...found];
}

/**
 * The "engaged with all of" rules (`email.opened all …`) among the conjuncts of `tree` (under plain AND
 * groups only), beside other conditions: the rest of the tree can only narrow who they are tested on.
 * `alone`: also when they are all the tree holds (it is tested on contacts given apart from it).
 */
function narrowedAllRules(tree: FilterGroup, engagementFields: Set<string>, { alone = false } = {}): Conjunct[] {
  return conjuncts(tree, { emptyRest: alone }).filter(
    ({ node }) => !isGroup(node) && node.operator === 'all' && typeof node.field === 'string' && engagementFields.has(node.field),
  );
}
