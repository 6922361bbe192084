/**
 * One hand-written COUNT per bench tree, as a database person would write it on the playground's
 * tables, for SQLite, PostgreSQL and MySQL/MariaDB. Most of it is shared; the dialects differ in:
 *
 * - case-insensitive text: every needle here is ASCII (checked), so SQLite's and PostgreSQL's
 *   lower() (ASCII folding at least) are exact; MariaDB's default collation also ignores accents
 *   and trailing spaces, so there the lowered value is compared as bytes (CAST ... AS BINARY);
 * - a date column's parameter (PostgreSQL wants a date, not text).
 *
 * Two-valued logic (docs/semantics.md#4-two-valued-logic) is spelled out where a NULL could leak through NOT: `IS NOT TRUE`,
 * `x IS NULL OR NOT ...`, NOT EXISTS, or NOT IN only over a set filtered to non-NULL.
 * Relative dates are computed from a `now` taken when the query runs, as the plugin takes its own
 * `new Date()`; measure-tree.ts brackets the plugin's count between two hand counts.
 */
import type { DbClient } from './options';
import type { Names } from './schema-names';
import { bind, join, sql, type Sql } from './sql-template';
import { daysBefore, monthsBefore, utcDay } from './hand-dates';
import { LATTICE, type TreeContext } from './trees';

interface Env {
  n: Names;
  db: DbClient;
  now: Date;
  ctx: TreeContext;
}

function ascii(needle: string): string {
  if (!/^[\x20-\x7e]*$/.test(needle))
    throw new Error(`hand SQL: "${needle}" is not ASCII; lower() would not fold it like JavaScript on SQLite`);
  return needle.toLowerCase();
}

/** The lowered text expression in the form that compares exactly with a lowercase needle. */
const lowered = (db: DbClient, expr: string) => (db === 'mysql' ? `CAST(LOWER(${expr}) AS BINARY)` : `lower(${expr})`);

/** expr = 'needle', case-insensitively (needle written into the SQL: a constant of the query). */
const ieq = (db: DbClient, expr: string, needle: string) => `${lowered(db, expr)} = '${ascii(needle)}'`;

/** The parameter for a `date` column. */
const day = (db: DbClient, instant: Date): Sql =>
  db === 'postgres' ? sql`CAST(${bind(utcDay(instant))} AS date)` : sql`${bind(utcDay(instant))}`;

/**
 * The last `count` campaigns sent (docs/semantics.md#engagement: sentAt ≤ now, latest first, ties to
 * the later created), named by the ids read once before the run: an expert looks them up first, and
 * the planner then knows how many events each has (`noopen5` at 100k on MariaDB: 2.5 s with a LIMIT
 * sub-query, 1.1 s with the ids).
 */
const lastCampaigns = ({ ctx }: Env, count: number) => {
  const ids = ctx.lastCampaigns.slice(0, count);
  if (ids.length < count) throw new Error(`hand SQL: only ${ids.length} campaigns were sent, the tree asks for the last ${count}`);
  return ids.map(String).join(', ');
};

/**
 * FROM/WHERE of email events of one type with their contact and campaign links (aliases ec, e, em).
 * CROSS JOIN fixes SQLite's join order (its documented use): from the contact for a correlated
 * probe (left free, SQLite probes the campaign link for every event before looking at the event's
 * type: twice as slow at 100,000 contacts), from the campaigns for a grouped set over everyone.
 * PostgreSQL and MariaDB treat it as an inner join and plan it freely.
 */
const eventsWithCampaign = ({ n }: Env, type: string, from: 'contact' | 'campaign') => {
  const tables =
    from === 'contact'
      ? `${n.contactEvents.table} ec CROSS JOIN ${n.events} e CROSS JOIN ${n.eventCampaign.table} em`
      : `${n.eventCampaign.table} em CROSS JOIN ${n.events} e CROSS JOIN ${n.contactEvents.table} ec`;
  return `${tables} WHERE e.id = ec.${n.contactEvents.to} AND em.${n.eventCampaign.from} = e.id AND e.${n.e.type} = '${type}'`;
};

/** The contact's company rows (aliases cc, co). */
const companyOf = ({ n }: Env) => `${n.contactCompany.table} cc JOIN ${n.companies} co ON co.id = cc.${n.contactCompany.to}`;
const dealsOf = ({ n }: Env) => `${n.contactDeals.table} dc JOIN ${n.deals} d ON d.id = dc.${n.contactDeals.to}`;
const activitiesOf = ({ n }: Env) => `${n.contactActivities.table} l JOIN ${n.activities} a ON a.id = l.${n.contactActivities.to}`;

/**
 * A count that needs statements around it: sets an expert computes first (`before`, on the same
 * connection, in one transaction) and drops after.
 */
export interface HandQuery extends Sql {
  before?: Sql[];
  after?: string[];
}

/**
 * The lattice as an expert evaluates it: each segment's set computed once and referenced by the
 * level above. PostgreSQL does that within one statement (MATERIALIZED CTEs); on SQLite and MariaDB,
 * which would plan each reference to a CTE apart, into temporary tables first. The top level reads
 * the sets of level 8 with its own conditions, as each top segment is named once.
 */
function lattice({ n, db }: Env): HandQuery {
  const set = (level: number, i: number) => `hand_lattice_${level}_${i}`;
  const body = (level: number, i: number) => {
    const below = level === 0 ? [] : Array.from({ length: LATTICE.width }, (_, j) => `c.id IN (SELECT id FROM ${set(level - 1, j)})`);
    return [...below, `c.${n.c.leadScore} >= ${LATTICE.threshold(level, i)}`].join(' OR ');
  };
  const sets: Array<[number, number]> = [];
  for (let level = 0; level < LATTICE.levels - 1; level += 1) for (let i = 0; i < LATTICE.width; i += 1) sets.push([level, i]);
  const top = Array.from({ length: LATTICE.width }, (_, i) => `(${body(LATTICE.levels - 1, i)})`).join(' OR ');
  const count = `SELECT COUNT(*) AS n FROM ${n.contacts} c WHERE ${top}`;
  if (db === 'postgres') {
    const ctes = sets.map(([l, i]) => `${set(l, i)} AS MATERIALIZED (SELECT c.id FROM ${n.contacts} c WHERE ${body(l, i)})`);
    return sql`WITH ${ctes.join(',\n')}\n${count}`;
  }
  const table =
    db === 'mysql'
      ? (name: string) => `TEMPORARY TABLE ${name} (id BIGINT UNSIGNED NOT NULL PRIMARY KEY) ENGINE=MEMORY`
      : (name: string) => `TEMP TABLE ${name} (id INTEGER PRIMARY KEY)`;
  return {
    ...sql`${count}`,
    before: sets.flatMap(([l, i]) => [
      sql`CREATE ${table(set(l, i))}`,
      sql`INSERT INTO ${set(l, i)} SELECT c.id FROM ${n.contacts} c WHERE ${body(l, i)}`,
    ]),
    after: sets.map(([l, i]) => `DROP ${db === 'mysql' ? 'TEMPORARY ' : ''}TABLE ${set(l, i)}`),
  };
}

export const HAND_SQL: Record<string, (env: Env) => HandQuery> = {
  p1: (env) => {
    const { n, now } = env;
    return sql`SELECT COUNT(*) AS n FROM ${n.contacts} c
WHERE NOT EXISTS (SELECT 1 FROM ${activitiesOf(env)} WHERE l.${n.contactActivities.from} = c.id AND a.${n.a.occurredAt} >= ${daysBefore(now, 60)})`;
  },

  p2: (env) => {
    const { n } = env;
    return sql`SELECT COUNT(*) AS n FROM ${n.contacts} c
WHERE c.${n.c.lifecycleStage} = 'lead'
  AND c.id IN (SELECT cc.${n.contactCompany.from} FROM ${companyOf(env)} WHERE co.${n.co.industry} = 'healthcare')
  AND NOT EXISTS (SELECT 1 FROM ${n.contactDeals.table} dc WHERE dc.${n.contactDeals.from} = c.id)`;
  },

  p3: (env) => {
    const { n, db, now } = env;
    return sql`SELECT COUNT(*) AS n FROM ${n.contacts} c
WHERE c.${n.c.lifecycleStage} = 'customer'
  AND EXISTS (SELECT 1 FROM ${eventsWithCampaign(env, 'clicked', 'contact')} AND ec.${n.contactEvents.from} = c.id
              AND em.${n.eventCampaign.to} IN (${lastCampaigns(env, 1)}))
  AND NOT EXISTS (SELECT 1 FROM ${dealsOf(env)} WHERE dc.${n.contactDeals.from} = c.id
                  AND d.${n.d.stage} = 'closed_won' AND d.${n.d.closeDate} >= ${day(db, daysBefore(now, 30))})`;
  },

  p4: (env) => {
    const { n, db } = env;
    return sql`SELECT COUNT(*) AS n FROM ${n.contacts} c
WHERE c.id IN (SELECT cc.${n.contactCompany.from} FROM ${companyOf(env)}
               WHERE co.${n.co.employees} > 100 AND ${ieq(db, `co.${n.co.country}`, 'France')})`;
  },

  p5: (env) => {
    const { n, db, now } = env;
    // On PostgreSQL the best by hand counts each German enterprise contact's opens (few contacts are
    // left: 4,358 of 100,000), per contact: 176 ms against 469 ms grouped (docs/performance.md,
    // "Plans an expert would write"). Elsewhere the grouped set, not measured against it.
    const openedAll =
      db === 'postgres'
        ? `(SELECT COUNT(DISTINCT em.${n.eventCampaign.to}) FROM ${eventsWithCampaign(env, 'opened', 'contact')}
                AND ec.${n.contactEvents.from} = c.id AND em.${n.eventCampaign.to} IN (${lastCampaigns(env, 3)})) = 3`
        : db === 'mysql'
          ? // A derived table, which MariaDB evaluates for the German enterprise contacts only ("split
            // materialized"): 97-276 ms against 555-595 ms as a grouped IN sub-query at 100k.
            `c.id IN (SELECT g.k FROM (SELECT ec.${n.contactEvents.from} AS k FROM ${eventsWithCampaign(env, 'opened', 'contact')}
                   AND em.${n.eventCampaign.to} IN (${lastCampaigns(env, 3)})
                   GROUP BY ec.${n.contactEvents.from}
                   HAVING COUNT(DISTINCT em.${n.eventCampaign.to}) = 3) g)`
          : `c.id IN (SELECT ec.${n.contactEvents.from} FROM ${eventsWithCampaign(env, 'opened', 'campaign')}
                   AND em.${n.eventCampaign.to} IN (${lastCampaigns(env, 3)})
                   GROUP BY ec.${n.contactEvents.from}
                   HAVING COUNT(DISTINCT em.${n.eventCampaign.to}) = 3)`;
    return sql`SELECT COUNT(*) AS n FROM ${n.contacts} c
WHERE c.id IN (SELECT cc.${n.contactCompany.from} FROM ${companyOf(env)}
               WHERE co.${n.co.tier} = 'enterprise' AND ${ieq(db, `co.${n.co.country}`, 'Germany')})
  AND ${openedAll}
  AND NOT EXISTS (SELECT 1 FROM ${dealsOf(env)} WHERE dc.${n.contactDeals.from} = c.id AND d.${n.d.createdAt} >= ${daysBefore(now, 90)})`;
  },

  deep: (env) => {
    const { n, db, now } = env;
    return sql`SELECT COUNT(*) AS n FROM ${n.contacts} c
WHERE (c.${n.c.lifecycleStage} IN ('mql', 'sql')
       OR (c.${n.c.leadScore} >= 60 AND c.${n.c.source} = 'referral')
       OR c.id IN (SELECT cc.${n.contactCompany.from} FROM ${companyOf(env)}
                   WHERE co.${n.co.industry} IN ('technology', 'finance')
                     AND (co.${n.co.employees} BETWEEN 200 AND 5000 OR co.${n.co.tier} = 'enterprise')))
  AND c.${n.c.unsubscribed} IS NOT TRUE
  AND (c.${n.c.email} IS NULL OR NOT (${lowered(db, `c.${n.c.email}`)} LIKE '%@gmail.com'))
  AND NOT EXISTS (SELECT 1 FROM ${companyOf(env)} WHERE cc.${n.contactCompany.from} = c.id AND ${ieq(db, `co.${n.co.country}`, 'United States')})
  AND c.${n.c.createdAt} >= ${daysBefore(now, 104 * 7)}`;
  },

  // The chain A ← B ← C flattened: A's, B's and C's own conditions together.
  chain: (env) => {
    const { n, now } = env;
    return sql`SELECT COUNT(*) AS n FROM ${n.contacts} c
WHERE c.${n.c.lifecycleStage} IN ('lead', 'mql', 'sql', 'opportunity')
  AND c.${n.c.unsubscribed} IS NOT TRUE
  AND c.${n.c.leadScore} >= 40
  AND EXISTS (SELECT 1 FROM ${activitiesOf(env)} WHERE l.${n.contactActivities.from} = c.id AND a.${n.a.occurredAt} >= ${monthsBefore(now, 6)})`;
  },

  active3: (env) => {
    const { n, now } = env;
    return sql`SELECT COUNT(*) AS n FROM ${n.contacts} c
WHERE c.id IN (SELECT l.${n.contactActivities.from} FROM ${activitiesOf(env)}
               WHERE a.${n.a.occurredAt} >= ${daysBefore(now, 30)}
               GROUP BY l.${n.contactActivities.from} HAVING COUNT(*) >= 3)`;
  },

  in50: (env) => {
    const { n, db, ctx } = env;
    const values = join(ctx.emails.map((e) => sql`${bind(ascii(e))}`));
    return sql`SELECT COUNT(*) AS n FROM ${n.contacts} c WHERE ${lowered(db, `c.${n.c.email}`)} IN (${values})`;
  },

  // NOT IN over a set computed once; the link column is filtered to non-NULL so NOT IN stays two-valued.
  notdeals: (env) => {
    const { n } = env;
    return sql`SELECT COUNT(*) AS n FROM ${n.contacts} c
WHERE NOT EXISTS (SELECT 1 FROM ${dealsOf(env)} WHERE dc.${n.contactDeals.from} = c.id AND d.${n.d.stage} = 'closed_won')
  AND c.id NOT IN (SELECT dc.${n.contactDeals.from} FROM ${dealsOf(env)}
                   WHERE dc.${n.contactDeals.from} IS NOT NULL
                     AND (d.${n.d.stage} IS NULL OR d.${n.d.stage} NOT IN ('closed_won', 'closed_lost')) AND d.${n.d.amount} > 10000
                   GROUP BY dc.${n.contactDeals.from} HAVING COUNT(*) >= 2)`;
  },

  // One pass over the activities, grouped: on SQLite twice as fast at 100,000 contacts as
  // "EXISTS one before x AND NOT EXISTS one after" (MAX ignores undated activities, as docs/semantics.md#2-fields says).
  stale90: (env) => {
    const { n, now } = env;
    return sql`SELECT COUNT(*) AS n FROM ${n.contacts} c
WHERE c.id IN (SELECT l.${n.contactActivities.from} FROM ${activitiesOf(env)}
               GROUP BY l.${n.contactActivities.from} HAVING MAX(a.${n.a.occurredAt}) < ${daysBefore(now, 90)})`;
  },

  lattice10: lattice,

  noopen5: (env) => {
    const { n } = env;
    return sql`SELECT COUNT(*) AS n FROM ${n.contacts} c
WHERE NOT EXISTS (SELECT 1 FROM ${eventsWithCampaign(env, 'opened', 'contact')} AND ec.${n.contactEvents.from} = c.id
                  AND em.${n.eventCampaign.to} IN (${lastCampaigns(env, 5)}))`;
  },
};

export function handQuery(treeId: string, env: Env): HandQuery {
  const build = HAND_SQL[treeId];
  if (!build) throw new Error(`no hand-written SQL for tree "${treeId}"`);
  return build(env);
}

export type { Env as HandEnv };
