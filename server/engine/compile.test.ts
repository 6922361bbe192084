import Database from 'better-sqlite3';
import type { FilterGroup } from '../../shared/filter-tree';
import { compileFilter, type CompileOptions, type CompiledFilter } from './compile';
import { QUERY_LIMITS, QueryTooLargeError } from './limits';
import { lastSentCampaigns, recentCampaignNeeds } from './recent-campaigns';
import { SQLITE_LOWER, SqlDialect } from './sql';
import type { EngineModel, Link } from './types';

/**
 * The compiler on its own: a hand-written engine model over a tiny schema shaped like Strapi's
 * (entity tables + *_lnk join tables), run on an in-memory SQLite database.
 */
const link = (joinTable: string, sourceColumn: string, targetColumn: string, table: string): Link => ({
  joinTable,
  sourceColumn,
  targetColumn,
  target: { table, documentIdColumn: 'document_id', createdAtColumn: 'created_at' },
});

const model: EngineModel = {
  contact: { table: 'contacts', documentIdColumn: 'document_id', createdAtColumn: 'created_at' },
  fields: {
    name: { kind: 'scalar', type: 'string', column: 'name' },
    score: { kind: 'scalar', type: 'integer', column: 'score' },
    'company.country': {
      kind: 'scalar',
      type: 'string',
      column: 'country',
      via: link('contacts_company_lnk', 'contact_id', 'company_id', 'companies'),
    },
    'company.employees': {
      kind: 'scalar',
      type: 'integer',
      column: 'employees',
      via: link('contacts_company_lnk', 'contact_id', 'company_id', 'companies'),
    },
    deals: {
      kind: 'toMany',
      via: link('deals_contacts_lnk', 'contact_id', 'deal_id', 'deals'),
      fields: { stage: { kind: 'scalar', type: 'enumeration', column: 'stage' } },
    },
    segment: { kind: 'segment' },
  },
};

const db = new Database(':memory:');
db.function(SQLITE_LOWER, { deterministic: true }, (v: unknown) => (v == null ? null : String(v).toLowerCase()));
db.exec(`
  CREATE TABLE contacts (id INTEGER PRIMARY KEY, document_id TEXT, name TEXT, score INTEGER);
  CREATE TABLE companies (id INTEGER PRIMARY KEY, document_id TEXT, country TEXT, employees INTEGER);
  CREATE TABLE deals (id INTEGER PRIMARY KEY, document_id TEXT, stage TEXT);
  CREATE TABLE contacts_company_lnk (id INTEGER PRIMARY KEY, contact_id INTEGER, company_id INTEGER);
  CREATE TABLE deals_contacts_lnk (id INTEGER PRIMARY KEY, deal_id INTEGER, contact_id INTEGER);
  INSERT INTO contacts VALUES (1, 'c1', 'MÜLLER', 10), (2, 'c2', 'müller', NULL), (3, 'c3', NULL, 30), (4, 'c4', '50%_off', 40);
  INSERT INTO companies VALUES (1, 'k1', 'Germany', 500), (2, 'k2', NULL, 20);
  INSERT INTO contacts_company_lnk (contact_id, company_id) VALUES (1, 1), (2, 2);
  INSERT INTO deals VALUES (1, 'd1', 'closed_won'), (2, 'd2', 'proposal'), (3, 'd3', 'closed_won');
  INSERT INTO deals_contacts_lnk (deal_id, contact_id) VALUES (1, 1), (2, 1), (3, 2);
`);

const saved: Record<string, FilterGroup> = {
  germans: { combinator: 'and', rules: [{ field: 'company.country', operator: '=', value: 'germany' }] },
};
const options = (dialect: CompileOptions['dialect']): CompileOptions => ({
  dialect,
  model,
  now: new Date('2024-06-01T00:00:00Z'),
  segments: (id) => saved[id],
});

const group = (...rules: FilterGroup['rules']): FilterGroup => ({ combinator: 'and', rules });
/** The statement `matching()` builds: the segments' CTEs, then the contacts. */
const statement = ({ predicate, segments }: CompiledFilter) => ({
  sql:
    (segments.length > 0
      ? `WITH ${segments.map((s) => `"${s.name}" AS ${s.materialized ? 'MATERIALIZED ' : ''}(${s.sql})`).join(', ')} `
      : '') + `SELECT id FROM contacts AS "c" WHERE ${predicate.sql} ORDER BY id`,
  bindings: [...segments.flatMap((s) => s.bindings), ...predicate.bindings],
});
const members = (tree: FilterGroup): number[] => {
  const { sql, bindings } = statement(compileFilter(tree, options('sqlite')));
  return db
    .prepare(sql)
    .all(...(bindings as any[]))
    .map((r: any) => r.id);
};
const rule = (field: string, operator: string, value?: unknown, match?: any) => ({ field, operator, value, match });

describe('compileFilter on SQLite', () => {
  it('compares text case-insensitively over Unicode, with % and _ literal', () => {
    expect(members(group(rule('name', '=', 'müller')))).toEqual([1, 2]);
    expect(members(group(rule('name', 'contains', '%_')))).toEqual([4]);
    expect(members(group(rule('name', 'beginsWith', 'MÜ')))).toEqual([1, 2]);
    expect(members(group(rule('name', 'endsWith', '_OFF')))).toEqual([4]);
    expect(members(group(rule('name', 'in', ['x', 'Müller'])))).toEqual([1, 2]);
  });

  it('makes every negation the exact complement, nulls and missing companies included', () => {
    expect(members(group(rule('name', '!=', 'müller')))).toEqual([3, 4]);
    expect(members(group(rule('score', 'notBetween', [5, 35])))).toEqual([2, 4]);
    expect(members(group(rule('company.country', '!=', 'Germany')))).toEqual([2, 3, 4]);
    expect(members(group(rule('company.country', 'null')))).toEqual([2, 3, 4]);
    expect(members({ combinator: 'or', not: true, rules: [rule('score', '>', 15)] })).toEqual([1, 2]);
  });

  it('reads sibling conditions on the company in one sub-query, negations apart', () => {
    const exists = (tree: FilterGroup) => compileFilter(tree, options('sqlite')).predicate.sql.match(/"companies"/g)?.length ?? 0;
    const both = group(rule('company.country', '=', 'germany'), rule('company.employees', '>', 100));
    expect(members(both)).toEqual([1]);
    expect(exists(both)).toBe(1);
    const either = {
      combinator: 'or',
      rules: [rule('company.country', '=', 'germany'), rule('company.employees', '<', 50)],
    } as FilterGroup;
    expect(members(either)).toEqual([1, 2]);
    expect(exists(either)).toBe(1);
    expect(members({ ...either, not: true })).toEqual([3, 4]);
    // "not in Germany" also holds without a company: it cannot share the positive rule's sub-query.
    const apart = group(rule('company.country', '!=', 'Germany'), rule('company.employees', '<', 50), rule('score', 'null'));
    expect(members(apart)).toEqual([2]);
    expect(exists(apart)).toBe(2);
    expect(members(group(rule('company.country', 'null'), rule('company.employees', '<', 50)))).toEqual([2]);
    // A group of company rules joins its company siblings; a NOT group does not (it holds without a company).
    const nested = group(rule('company.country', '=', 'germany'), {
      combinator: 'or',
      rules: [rule('company.employees', '>', 100), rule('company.employees', '<', 10)],
    });
    expect(members(nested)).toEqual([1]);
    expect(exists(nested)).toBe(1);
    const negated = group(rule('company.country', '=', 'germany'), {
      combinator: 'or',
      not: true,
      rules: [rule('company.employees', '<', 10)],
    });
    expect(members(negated)).toEqual([1]);
    expect(exists(negated)).toBe(2);
  });

  it('keeps a grouped set free of NULL keys, so that its negation stays exact', () => {
    db.exec('INSERT INTO deals_contacts_lnk (id, deal_id, contact_id) VALUES (99, 1, NULL), (100, 3, NULL)');
    try {
      const won = group(rule('stage', '=', 'closed_won'));
      expect(members(group(rule('deals', 'matches', won, { mode: 'atMost', threshold: 0 })))).toEqual([3, 4]);
      expect(members(group(rule('deals', 'matches', group(), { mode: 'atMost', threshold: 1 })))).toEqual([2, 3, 4]);
      expect(
        members({ combinator: 'and', not: true, rules: [rule('deals', 'matches', group(), { mode: 'exactly', threshold: 2 })] }),
      ).toEqual([2, 3, 4]);
    } finally {
      db.exec('DELETE FROM deals_contacts_lnk WHERE id IN (99, 100)');
    }
  });

  it('counts related records for every match mode', () => {
    const won = group(rule('stage', '=', 'closed_won'));
    const deals = (mode: string, threshold?: number, value: FilterGroup = won) =>
      members(group(rule('deals', 'matches', value, { mode, threshold })));
    expect(deals('some')).toEqual([1, 2]);
    expect(deals('none')).toEqual([3, 4]);
    expect(deals('all')).toEqual([2, 3, 4]);
    expect(deals('atLeast', 2, group())).toEqual([1]);
    expect(deals('atMost', 1)).toEqual([1, 2, 3, 4]);
    expect(deals('exactly', 0, group())).toEqual([3, 4]);
  });

  it('evaluates saved segments live', () => {
    expect(members(group(rule('segment', 'in', ['germans'])))).toEqual([1]);
    expect(members(group(rule('segment', 'notIn', ['germans'])))).toEqual([2, 3, 4]);
    expect(() => members(group(rule('segment', 'in', ['gone'])))).toThrow('segment "gone" does not exist');
  });
});

describe('compileFilter SQL', () => {
  it.each(['sqlite', 'postgres', 'mysql'] as const)('binds every value and quotes identifiers on %s', (dialect) => {
    const hostile = "x'); DROP TABLE contacts; --";
    const { sql, bindings } = compileFilter(
      group(
        rule('name', 'contains', hostile),
        rule('deals', 'matches', group(rule('stage', 'in', [hostile])), { mode: 'atLeast', threshold: 3 }),
      ),
      options(dialect),
    ).predicate;
    expect(sql).not.toContain('DROP');
    expect(bindings).toHaveLength(3);
    expect(bindings[0]).toBe(hostile.toLowerCase());
    expect(JSON.stringify(bindings[1])).toContain(JSON.stringify(hostile.toLowerCase()).slice(1, -1));
    expect(bindings[2]).toBe(3);
    expect(sql.split('?').length - 1).toBe(bindings.length);
    expect(sql).toContain(dialect === 'mysql' ? '`deals_contacts_lnk`' : '"deals_contacts_lnk"');
  });
});

describe('compileFilter sub-groups', () => {
  it('keeps an OR sub-group inside its sub-query', () => {
    const either = { combinator: 'or' as const, rules: [rule('stage', '=', 'proposal'), rule('stage', '=', 'nothing')] };
    expect(members(group(rule('deals', 'matches', either, { mode: 'some' })))).toEqual([1]);
    expect(members(group(rule('deals', 'matches', either, { mode: 'none' })))).toEqual([2, 3, 4]);
  });
});

describe('compileFilter lists and numbers', () => {
  it.each(['sqlite', 'postgres', 'mysql'] as const)(
    'binds a whole list as one parameter on %s (text lists on MySQL: one a value)',
    (dialect) => {
      const names = Array.from({ length: 3000 }, (_, i) => `Name ${i}`);
      const { predicate } = compileFilter(group(rule('name', 'in', names), rule('score', 'notIn', [1, '2', '3.50'])), options(dialect));
      const expected = dialect === 'mysql' ? 3001 : 2;
      expect(predicate.bindings).toHaveLength(expected);
      expect(predicate.sql.split('?').length - 1).toBe(expected);
    },
  );

  it('matches lists exactly and case-insensitively, with a thousand values', () => {
    const names = [...Array.from({ length: 1000 }, (_, i) => `nobody ${i}`), 'MÜLLER'];
    expect(members(group(rule('name', 'in', names)))).toEqual([1, 2]);
    expect(members(group(rule('name', 'notIn', names)))).toEqual([3, 4]);
    expect(members(group(rule('score', 'in', ['10', 30.0, '0040.0'])))).toEqual([1, 3, 4]);
  });

  it('binds numbers as exact decimal strings, never through a float', () => {
    const { predicate } = compileFilter(
      group(rule('score', '=', '9007199254740993'), rule('score', 'between', [1e-7, '12.50'])),
      options('sqlite'),
    );
    expect(predicate.bindings).toEqual(['9007199254740993', '0.0000001', '12.50']);
    db.exec(`INSERT INTO contacts VALUES (90, 'c90', 'big', 9007199254740993), (91, 'c91', 'big', 9007199254740992)`);
    try {
      expect(members(group(rule('score', '=', '9007199254740993')))).toEqual([90]);
      expect(members(group(rule('score', 'in', ['9007199254740992'])))).toEqual([91]);
      expect(members(group(rule('score', '>', '9007199254740992')))).toEqual([90]);
    } finally {
      db.exec('DELETE FROM contacts WHERE id >= 90');
    }
  });
});

describe('compileFilter segments', () => {
  /** Level 0: 3 plain segments; level k: 3 segments, each using all 3 of level k-1 plus one rule. */
  const chain = (levels: number) => {
    const trees: Record<string, FilterGroup> = {};
    for (let level = 0; level < levels; level += 1) {
      for (let i = 0; i < 3; i += 1) {
        const own = rule('score', '>=', level * 3 + i);
        trees[`l${level}s${i}`] =
          level === 0
            ? group(own)
            : group(
                own,
                rule(
                  'segment',
                  'in',
                  [0, 1, 2].map((j) => `l${level - 1}s${j}`),
                ),
              );
      }
    }
    return trees;
  };
  const compileChain = (levels: number) => {
    const trees = chain(levels);
    return compileFilter(group(rule('segment', 'in', [`l${levels - 1}s0`])), {
      ...options('sqlite'),
      segments: (id) => trees[id] ?? saved[id],
    });
  };

  it('compiles each segment once, however many paths reach it', () => {
    const sizes = [4, 5, 6, 7, 8].map((levels) => compileChain(levels));
    // 3 a level below the top's 1; the top and the 3 it names are each named once: written in place.
    for (const [i, compiled] of sizes.entries()) expect(compiled.segments).toHaveLength(3 * (i + 4) - 2 - 4);
    // Linear: every extra level adds about the same amount of SQL (3 more segments; only the
    // digits of alias numbers grow) and exactly the same parameters. Inlined, it was ×3 a level.
    const steps = sizes.slice(1).map((c, i) => c.size.sqlLength - sizes[i].size.sqlLength);
    for (const step of steps) expect(step / steps[0]).toBeLessThan(1.1);
    expect(sizes[4].size.sqlLength / sizes[3].size.sqlLength).toBeLessThan(1.5);
    expect(new Set(sizes.slice(1).map((c, i) => c.size.parameters - sizes[i].size.parameters))).toEqual(new Set([3]));
  });

  it('counts the copies a database planning every reference apart would make, one per path', () => {
    // The top names l(n-1)s0, which names 3 of the level below, each naming 3 …: 1 + 3 + … + 3^(n-1).
    for (const levels of [1, 4, 8]) {
      const copies = (3 ** levels - 1) / 2;
      expect(compileChain(levels).expansion).toEqual({
        copies,
        heaviest: { path: 'rules[0].value', documentId: `l${levels - 1}s0`, copies },
      });
    }
    const trees = chain(3);
    const two = compileFilter(group(rule('score', '>', 1), group(rule('segment', 'in', ['l0s0', 'l2s1', 'l0s0']))), {
      ...options('sqlite'),
      segments: (id) => trees[id],
    });
    // l0s0 once (a list names it once), l2s1: 1 + 3 + 9.
    expect(two.expansion).toEqual({ copies: 14, heaviest: { path: 'rules[1].rules[0].value', documentId: 'l2s1', copies: 13 } });
    expect(compileFilter(group(rule('score', '>', 1)), options('sqlite')).expansion).toEqual({ copies: 0 });
  });

  it('writes a segment named once in place, and a chain of them as one flat predicate', () => {
    const trees: Record<string, FilterGroup> = {
      a: group(rule('score', '>=', 10)),
      b: group(rule('segment', 'in', ['a']), rule('score', '<', 40)),
      c: group(rule('segment', 'in', ['b']), rule('name', '=', 'müller')),
    };
    const compile = (tree: FilterGroup) => compileFilter(tree, { ...options('sqlite'), segments: (id) => trees[id] });
    const chain = compile(group(rule('segment', 'in', ['c'])));
    expect(chain.segments).toEqual([]);
    expect(chain.predicate.sql).not.toMatch(/segment_/);
    const run = (tree: FilterGroup) => {
      const { sql, bindings } = statement(compile(tree));
      return db
        .prepare(sql)
        .all(...(bindings as any[]))
        .map((r: any) => r.id);
    };
    expect(run(group(rule('segment', 'in', ['c'])))).toEqual([1]);
    expect(run(group(rule('segment', 'notIn', ['c'])))).toEqual([2, 3, 4]);
    // Named twice, b becomes a CTE (and a, named once by it, is written inside it).
    const twice = compile({
      combinator: 'or',
      rules: [rule('segment', 'in', ['b']), group(rule('segment', 'in', ['b']), rule('score', '>', 35))],
    });
    expect(twice.segments.map((s) => s.documentId)).toEqual(['b']);
    expect(
      run({ combinator: 'or', rules: [rule('segment', 'in', ['b']), group(rule('segment', 'in', ['b']), rule('score', '>', 35))] }),
    ).toEqual([1, 3]);
  });

  it('evaluates a shared segment once and still right', () => {
    const compiled = compileFilter(group(rule('segment', 'in', ['germans']), rule('segment', 'notIn', ['germans'])), options('sqlite'));
    expect(compiled.segments.map((s) => s.documentId)).toEqual(['germans']);
    expect(members({ combinator: 'or', rules: [rule('segment', 'in', ['germans']), rule('segment', 'notIn', ['germans'])] })).toEqual([
      1, 2, 3, 4,
    ]);
    expect(members(group(rule('segment', 'in', ['germans']), rule('segment', 'notIn', ['germans'])))).toEqual([]);
  });

  it('refuses a query past its size limit, naming the heaviest segments', () => {
    const big = Array.from({ length: 4900 }, (_, i) => i);
    const trees: Record<string, FilterGroup> = {};
    for (let i = 0; i < 25; i += 1) trees[`big${i}`] = group(rule('score', 'in', big));
    const compile = (n: number) =>
      compileFilter(group(rule('segment', 'in', Object.keys(trees).slice(0, n))), {
        ...options('sqlite'),
        segments: (id) => trees[id],
        segmentName: (id) => `Big ${id.slice(3)}`,
      });
    expect(compile(20).size.listedValues).toBe(98_000);
    expect(() => compile(21)).toThrow(QueryTooLargeError);
    expect(() => compile(21)).toThrow(/lists 102,900 values; at most 100,000 .* through the segments "Big 0" \(4,900\), .* and 11 more/);
    expect(QUERY_LIMITS.listedValues).toBe(100_000);
  });
});

describe("compileFilter on Strapi's system columns", () => {
  /**
   * documentId, createdAt and publishedAt under other column names, every type with draft & publish:
   * the compiler reads the names from the model's table references, never its own.
   */
  const table = (name: string) => ({ table: name, documentIdColumn: 'uid', createdAtColumn: 'born', publishedAtColumn: 'released' });
  const via = (joinTable: string, sourceColumn: string, targetColumn: string, target: string): Link => ({
    joinTable,
    sourceColumn,
    targetColumn,
    target: table(target),
  });
  const events = {
    eventsLink: via('people_hits_lnk', 'person_id', 'hit_id', 'hits'),
    typeColumn: 'kind',
    campaignLink: via('hits_mailing_lnk', 'hit_id', 'mailing_id', 'mailings'),
    campaignSentAtColumn: 'sent',
  };
  const renamed: EngineModel = {
    contact: table('people'),
    fields: {
      name: { kind: 'scalar', type: 'string', column: 'name' },
      firm: { kind: 'reference', via: via('people_firm_lnk', 'person_id', 'firm_id', 'firms') },
      'email.opened': { kind: 'engagement', eventType: 'open', events },
      segment: { kind: 'segment' },
    },
  };
  const sent = Date.parse('2024-05-01T00:00:00Z');
  const people = new Database(':memory:');
  people.function(SQLITE_LOWER, { deterministic: true }, (v: unknown) => (v == null ? null : String(v).toLowerCase()));
  // A draft and its published version share a documentId (Strapi 5): rows 1/2 of firm f1, of person p1.
  people.exec(`
    CREATE TABLE people (id INTEGER PRIMARY KEY, uid TEXT, born INTEGER, released INTEGER, name TEXT);
    CREATE TABLE firms (id INTEGER PRIMARY KEY, uid TEXT, born INTEGER, released INTEGER);
    CREATE TABLE mailings (id INTEGER PRIMARY KEY, uid TEXT, born INTEGER, released INTEGER, sent INTEGER);
    CREATE TABLE hits (id INTEGER PRIMARY KEY, uid TEXT, born INTEGER, released INTEGER, kind TEXT);
    CREATE TABLE people_firm_lnk (person_id INTEGER, firm_id INTEGER);
    CREATE TABLE people_hits_lnk (person_id INTEGER, hit_id INTEGER);
    CREATE TABLE hits_mailing_lnk (hit_id INTEGER, mailing_id INTEGER);
    INSERT INTO people VALUES (1, 'p1', 0, NULL, 'Ada'), (2, 'p1', 0, 1, 'Ada'), (3, 'p3', 0, 1, 'Bob'), (4, 'p4', 0, 1, 'Cy');
    INSERT INTO firms VALUES (1, 'f1', 0, NULL), (2, 'f1', 0, 1);
    INSERT INTO people_firm_lnk VALUES (2, 2), (3, 1);
    -- m1 and m2 sent at the same instant (m2 created later, so the last); m3 is a later draft.
    INSERT INTO mailings VALUES (1, 'm1', 1, 1, ${sent}), (2, 'm2', 2, 1, ${sent}), (3, 'm3', 3, NULL, ${sent + 1000});
    INSERT INTO hits VALUES (1, 'h1', 0, 1, 'open'), (2, 'h2', 0, 1, 'open'), (3, 'h3', 0, 1, 'open');
    INSERT INTO people_hits_lnk VALUES (2, 1), (3, 2), (4, 3);
    INSERT INTO hits_mailing_lnk VALUES (1, 2), (2, 1), (3, 3);
  `);
  const now = new Date(sent + 60_000);
  const compileOn = (dialect: CompileOptions['dialect'], tree: FilterGroup, more: Partial<CompileOptions> = {}) =>
    compileFilter(tree, {
      dialect,
      model: renamed,
      now,
      segments: (id) => ({ adas: group(rule('name', '=', 'ada')) })[id],
      ...more,
    });
  /** The published people a tree selects, as `matching()` reads them (drafts left out by the contact's published column). */
  const published = (tree: FilterGroup, more: Partial<CompileOptions> = {}): number[] => {
    const compiled = compileOn('sqlite', tree, more);
    const { predicate } = compiled;
    const { sql, bindings } = statement({
      ...compiled,
      predicate: { ...predicate, sql: `"c"."released" IS NOT NULL AND (${predicate.sql})` },
    });
    // As knex binds them for better-sqlite3: dates as epoch milliseconds.
    const values = bindings.map((b) => (b instanceof Date ? b.valueOf() : b));
    return people
      .prepare(sql.replace('FROM contacts AS "c"', 'FROM people AS "c"'))
      .all(...(values as any[]))
      .map((r: any) => r.id);
  };

  it('names relations, campaigns and segments by the documentId column, and reads only published rows', () => {
    expect(published(group(rule('firm', '=', 'f1')))).toEqual([2]);
    expect(published(group(rule('firm', 'in', ['f1', 'f9'])))).toEqual([2]);
    expect(published(group(rule('email.opened', 'any', { campaigns: ['m1'] })))).toEqual([3]);
    // The last sent campaign: m3 is a draft, and m2 was created after m1 at the same sending time.
    expect(published(group(rule('email.opened', 'any', { last: 1 })))).toEqual([2]);
    expect(published(group(rule('email.opened', 'all', { last: 2 })))).toEqual([]);
    expect(compileOn('sqlite', group(rule('segment', 'in', ['adas']))).predicate.sql).toContain('"c"."released" IS NOT NULL');
    expect(published(group(rule('segment', 'in', ['adas'])))).toEqual([2]);
  });

  it('names the last N campaigns by the ids read before compiling, and selects the same people as the sub-query', () => {
    const needs = recentCampaignNeeds(
      [group(rule('email.opened', 'any', { last: 2 })), group(group(rule('email.opened', 'none', { last: 3 })), rule('name', '=', 'x'))],
      renamed.fields,
    );
    expect([...needs.entries()].map(([table, need]) => [table, need.limit])).toEqual([['mailings', 3]]);
    const query = lastSentCampaigns(needs.get('mailings')!.events, 'k', 3, now, new SqlDialect({ dialect: 'sqlite' }));
    const ids = people
      .prepare(query.sql)
      .all(...(query.bindings.map((b) => (b instanceof Date ? b.valueOf() : b)) as any[]))
      .map((r: any) => r.id);
    // Newest first; m3 is a draft, and m2 was created after m1 at the same sending time. Fewer than asked: all there are.
    expect(ids).toEqual([2, 1]);
    const recentCampaigns = new Map([['mailings', { limit: 3, ids }]]);
    for (const operator of ['any', 'all', 'none']) {
      for (const last of [1, 2, 3]) {
        const tree = group(rule('email.opened', operator, { last }));
        const named = compileOn('sqlite', tree, { recentCampaigns }).predicate.sql;
        expect(named).not.toContain('ORDER BY');
        expect(published(tree, { recentCampaigns })).toEqual(published(tree));
      }
    }
    // Nothing sent: "all of none" holds for everyone, "any" for nobody.
    const none = new Map([['mailings', { limit: 2, ids: [] }]]);
    expect(published(group(rule('email.opened', 'all', { last: 2 })), { recentCampaigns: none })).toEqual([2, 3, 4]);
    expect(published(group(rule('email.opened', 'any', { last: 1 })), { recentCampaigns: none })).toEqual([]);
    // An N past what was read stays a sub-query.
    expect(compileOn('sqlite', group(rule('email.opened', 'any', { last: 4 })), { recentCampaigns }).predicate.sql).toContain('ORDER BY');
  });

  it.each(['sqlite', 'postgres', 'mysql'] as const)('writes no system column name of its own on %s', (dialect) => {
    const tree = {
      combinator: 'or' as const,
      rules: [
        rule('firm', 'in', ['f1']),
        rule('email.opened', 'all', { last: 3 }),
        rule('email.opened', 'none', { campaigns: ['m1'] }),
        rule('segment', 'in', ['adas']),
        group(rule('segment', 'in', ['adas'])),
      ],
    };
    const { predicate, segments } = compileOn(dialect, tree);
    const sql = [predicate.sql, ...segments.map((s) => s.sql)].join('\n');
    expect(segments).toHaveLength(1);
    expect(sql).not.toMatch(/published_at|document_id|created_at/);
    for (const column of ['uid', 'born', 'released']) expect(sql).toContain(dialect === 'mysql' ? `\`${column}\`` : `"${column}"`);
  });
});
