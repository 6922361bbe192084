/**
 * The editor's cache (docs/performance.md, "An edit costs the rule that changed"): the preview routes
 * keep the members of the part of a tree an edit left unchanged, and test only the changed part on
 * them (PostgreSQL; elsewhere every preview reads the whole tree).
 * - Exact: random trees edited as a person would (a rule added, then changed, then another conjunct
 *   changed) answer, count and members, what the in-memory reference (tests/support/reference.ts)
 *   answers at the moment the answer says it is exact for (`asOf`), or now when it has none.
 * - Never stale: a write through raw SQL, or through Strapi, committed between two previews, is in the
 *   second; a write not yet committed is in neither (the kept members stay in use until it commits).
 * - The editor's two requests for one edit (first contacts, count) read the kept part once.
 */
import fc from 'fast-check';
import knexFactory from 'knex';
import { setupStrapi, teardownStrapi, type TestStrapi } from './helpers/strapi';
import { createAdminAndLogin, type AdminSession } from './helpers/auth';
import { generateDataset, loadDataset, type Dataset, type LoadedIds } from './support/dataset';
import { Reference, type RefGroup } from './support/reference';
import { groupOf, ruleArbitrary } from './support/arbitraries';
import type { FilterGroup, FilterRule } from '../shared/filter-tree';
import { CONTACT } from './support/uids';

const SEED = Number(process.env.SEGMENTS_PROPERTY_SEED ?? 424242);
const RUNS = Number(process.env.SEGMENTS_EDIT_CACHE_RUNS ?? 40);

let t: TestStrapi;
let admin: AdminSession;
let ds: Dataset;
let ids: LoadedIds;
let ref: Reference;
let onPostgres: boolean;

const and = (...rules: (FilterRule | FilterGroup)[]): FilterGroup => ({ combinator: 'and', rules });
const rule = (field: string, operator: string, value?: unknown): FilterRule => ({ field, operator, value });
const svc = () => t.strapi.plugin('segments').service('segments') as any;

interface Answer {
  count: number;
  members: string[];
  asOf?: string;
}

async function preview(filters: FilterGroup, path = ''): Promise<Answer & { status: number; body: any }> {
  const res = await t.request.post(`/segments/preview${path}`).set(admin.headers).send({ filters, limit: 100 });
  const members = (res.body.contacts ?? []).map((c: { documentId: string }) => c.documentId).sort();
  return { status: res.status, body: res.body, count: res.body.count, members, asOf: res.body.asOf };
}

beforeAll(async () => {
  t = await setupStrapi();
  onPostgres = t.client === 'postgres';
  ds = generateDataset({ seed: 11 });
  ids = await loadDataset(t.strapi, ds);
  ref = new Reference(ds, ids, {});
  admin = await createAdminAndLogin(t.strapi, t.request);
  // Any commit on the server ends a kept part's use, the statistics autovacuum would write after the
  // load too: written now, before the tests, the few rows the tests change cannot call for more.
  if (onPostgres) await t.strapi.db.connection.raw('ANALYZE');
}, 300_000);

afterAll(async () => {
  await teardownStrapi();
});

describe('edits answered from the kept part of the tree', () => {
  it('answer what the reference answers at the moment they say they are exact for', async () => {
    const ctx = { dataset: ds, ids };
    const node = fc.oneof(ruleArbitrary(ctx), groupOf(ruleArbitrary(ctx), 1, 3));
    let fromCache = 0;
    let edits = 0;
    await fc.assert(
      fc.asyncProperty(node, node, node, node, node, async (x, y, r1, r2, y2) => {
        // As a person edits: a tree, a rule added, that rule changed, the first rule changed.
        const steps = [and(x, y), and(x, y, r1), and(x, y, r2), and(x, y2, r2)];
        for (const tree of steps) {
          const before = new Date();
          const answer = await preview(tree);
          const after = new Date();
          if (answer.status === 400) return; // a value the validator refuses (a NUL, a far date): not this test's concern
          expect(answer.status).toBe(200);
          edits += 1;
          let expected: Set<string>;
          if (answer.asOf) {
            fromCache += 1;
            const asOf = new Date(answer.asOf);
            expect(asOf.getTime()).toBeLessThanOrEqual(after.getTime());
            expected = ref.documentIds(tree as RefGroup, asOf);
          } else {
            expected = ref.documentIds(tree as RefGroup, before);
            // the answer changed while the engine ran (a date crossed by the clock): not judged
            const later = ref.documentIds(tree as RefGroup, after);
            if (expected.size !== later.size || [...expected].some((d) => !later.has(d))) continue;
          }
          expect({ tree, count: answer.count }).toEqual({ tree, count: expected.size });
          expect(answer.members).toEqual([...expected].sort());
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    if (onPostgres) expect(fromCache).toBeGreaterThan(edits / 3);
    else expect(fromCache).toBe(0);
  }, 600_000);

  it('counts "engaged with all of" per contact on a narrow kept part, with the members the reference gives', async () => {
    const audience = t.strapi.plugin('segments').service('audience') as any;
    const original = audience.drivenRules;
    const driven: string[][] = [];
    audience.drivenRules = async (...args: [FilterGroup, Date, string]) => {
      const rules = await original.apply(audience, args);
      if (args[2] === 'narrowed') driven.push([...(rules ?? [])]);
      return rules;
    };
    try {
      const opened = (last: number) => rule('email.opened', 'all', { last });
      // Three contacts of the dataset (under a tenth of them), two of whom opened the last two campaigns.
      const openers = ref.documentIds(and(opened(2)) as RefGroup, new Date());
      const withEmail = ds.contacts.filter((c) => c.email && /^[\x20-\x7e]+$/.test(c.email));
      const picked = [
        ...withEmail.filter((c) => openers.has(ids.documentId[c.key])).slice(0, 2),
        ...withEmail.filter((c) => !openers.has(ids.documentId[c.key])).slice(0, 1),
      ];
      expect(picked).toHaveLength(3);
      const narrow = [
        rule(
          'email',
          'in',
          picked.map((c) => c.email),
        ),
      ];
      const sizes: number[] = [];
      for (const [i, tree] of [and(...narrow, opened(1)), and(...narrow, opened(2)), and(...narrow, opened(3))].entries()) {
        const answer = await preview(tree);
        sizes.push(answer.count);
        expect(answer.status).toBe(200);
        expect(Boolean(answer.asOf)).toBe(onPostgres && i > 0);
        const at = answer.asOf ? new Date(answer.asOf) : new Date();
        expect(answer.members).toEqual([...ref.documentIds(tree as RefGroup, at)].sort());
      }
      expect({ sizes, some: sizes.some((n) => n > 0) }).toEqual({ sizes, some: true }); // not a vacuous comparison
      // The rule alone, on the kept part: written per contact (and only where the cache is).
      expect({ sizes, driven }).toEqual({ sizes, driven: onPostgres ? [['rules[0]'], ['rules[0]']] : [] });
    } finally {
      audience.drivenRules = original;
    }
  });
});

describe('freshness', () => {
  const table = () => t.strapi.db.metadata.get(CONTACT).tableName;
  const scored = (low: number, high: number) => and(rule('leadScore', '>=', low), rule('leadScore', '<=', high));
  let outsider: { id: number; documentId: string };

  beforeAll(async () => {
    // A contact out of the kept part (lead score under 50), to be moved into it.
    outsider = await t.strapi.db.query(CONTACT).findOne({ select: ['id', 'documentId'], where: { leadScore: { $lt: 0 } } });
    expect(outsider).toBeTruthy();
  });

  const fresh = async (tree: FilterGroup) => {
    const { count, contacts } = await svc().preview(tree, { limit: 100 });
    return { count, members: contacts.map((c: { documentId: string }) => c.documentId).sort() };
  };
  const setScore = (score: number, knex = t.strapi.db.connection) =>
    knex.raw(`UPDATE ?? SET lead_score = ? WHERE id = ?`, [table(), score, outsider.id]);

  it('sees a write through raw SQL committed between two previews, and one through Strapi', async () => {
    // Kept 10 s: a part whose snapshot moved on is read again after 1 s.
    t.strapi.config.set('plugin::segments.editCacheSeconds', 10);
    try {
      await preview(scored(50, 90));
      const kept = await preview(scored(50, 91));
      expect(Boolean(kept.asOf)).toBe(onPostgres);
      expect(kept.members).not.toContain(outsider.documentId);

      await setScore(60);
      const afterWrite = await preview(scored(50, 92));
      expect(afterWrite.asOf).toBeUndefined(); // the database moved on: the whole tree was read
      expect(afterWrite.members).toContain(outsider.documentId);
      expect({ count: afterWrite.count, members: afterWrite.members }).toEqual(await fresh(scored(50, 92)));
      // Not read again at once (in a database that takes writes all the time, it would be wasted)...
      expect((await preview(scored(50, 93))).asOf).toBeUndefined();
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      // ...but a second later.
      const keptAgain = await preview(scored(50, 94));
      expect(Boolean(keptAgain.asOf)).toBe(onPostgres);
      expect(keptAgain.members).toContain(outsider.documentId);

      await t.strapi.db.query(CONTACT).update({ where: { id: outsider.id }, data: { leadScore: 10 } });
      const afterStrapi = await preview(scored(50, 95));
      expect(afterStrapi.asOf).toBeUndefined();
      expect(afterStrapi.members).not.toContain(outsider.documentId);
      expect({ count: afterStrapi.count, members: afterStrapi.members }).toEqual(await fresh(scored(50, 95)));
    } finally {
      t.strapi.config.set('plugin::segments.editCacheSeconds', 300);
    }
  });

  it('keeps using the kept part while a write is not committed, and leaves it once it is', async () => {
    await preview(scored(40, 80));
    expect(Boolean((await preview(scored(40, 81))).asOf)).toBe(onPostgres);
    // On SQLite Strapi's pool has one connection, which an open transaction would hold: the write goes
    // through a connection of its own to the same file.
    const writer =
      t.client === 'sqlite'
        ? knexFactory({ client: 'better-sqlite3', connection: { filename: t.database }, useNullAsDefault: true })
        : undefined;
    const trx = await (writer ?? t.strapi.db.connection).transaction();
    try {
      await setScore(70, trx);
      const during = await preview(scored(40, 82));
      expect(Boolean(during.asOf)).toBe(onPostgres);
      expect(during.members).not.toContain(outsider.documentId);
      await trx.commit();
    } catch (error) {
      await trx.rollback();
      throw error;
    } finally {
      await writer?.destroy();
    }
    const after = await preview(scored(40, 83));
    expect(after.asOf).toBeUndefined();
    expect(after.members).toContain(outsider.documentId);
  });

  it('reads the kept part once for the editor’s two requests of one edit', async () => {
    const audience = t.strapi.plugin('segments').service('audience') as any;
    const original = audience.readRest;
    let reads = 0;
    audience.readRest = (...args: unknown[]) => {
      reads += 1;
      return original.apply(audience, args);
    };
    try {
      await preview(scored(20, 60));
      const [contacts, count] = await Promise.all([preview(scored(20, 61), '/contacts'), preview(scored(20, 61), '/count')]);
      expect([contacts.status, count.status]).toEqual([200, 200]);
      expect(reads).toBe(onPostgres ? 1 : 0);
      expect([Boolean(contacts.asOf), Boolean(count.asOf)]).toEqual([onPostgres, onPostgres]);
      const whole = await fresh(scored(20, 61));
      expect(count.body.count).toBe(whole.count);
    } finally {
      audience.readRest = original;
    }
  });

  it('keeps nothing when editCacheSeconds is 0', async () => {
    t.strapi.config.set('plugin::segments.editCacheSeconds', 0);
    try {
      await preview(scored(30, 60));
      expect((await preview(scored(30, 61))).asOf).toBeUndefined();
    } finally {
      t.strapi.config.set('plugin::segments.editCacheSeconds', 300);
    }
  });
});
