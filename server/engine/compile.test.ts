import Database from 'better-sqlite3';
import type { FilterGroup } from '../../shared/filter-tree';
import { compileFilter, type CompileOptions } from './compile';
import { SQLITE_LOWER } from './sql';
import type { EngineModel, Link } from './types';

/**
 * The compiler on its own: a hand-written engine model over a tiny schema shaped like Strapi's
 * (entity tables + *_lnk join tables), run on an in-memory SQLite database.
 */
const link = (joinTable: string, sourceColumn: string, targetColumn: string, table: string): Link => ({
  joinTable,
  sourceColumn,
  targetColumn,
  target: { table, publishedOnly: false },
});

const model: EngineModel = {
  contact: { table: 'contacts', publishedOnly: false },
  fields: {
    name: { kind: 'scalar', type: 'string', column: 'name' },
    score: { kind: 'scalar', type: 'integer', column: 'score' },
    'company.country': { kind: 'scalar', type: 'string', column: 'country', via: link('contacts_company_lnk', 'contact_id', 'company_id', 'companies') },
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
  CREATE TABLE companies (id INTEGER PRIMARY KEY, document_id TEXT, country TEXT);
  CREATE TABLE deals (id INTEGER PRIMARY KEY, document_id TEXT, stage TEXT);
  CREATE TABLE contacts_company_lnk (id INTEGER PRIMARY KEY, contact_id INTEGER, company_id INTEGER);
  CREATE TABLE deals_contacts_lnk (id INTEGER PRIMARY KEY, deal_id INTEGER, contact_id INTEGER);
  INSERT INTO contacts VALUES (1, 'c1', 'MÜLLER', 10), (2, 'c2', 'müller', NULL), (3, 'c3', NULL, 30), (4, 'c4', '50%_off', 40);
  INSERT INTO companies VALUES (1, 'k1', 'Germany'), (2, 'k2', NULL);
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
const members = (tree: FilterGroup): number[] => {
  const { sql, bindings } = compileFilter(tree, options('sqlite'));
  return db.prepare(`SELECT id FROM contacts AS "c" WHERE ${sql} ORDER BY id`).all(...(bindings as any[])).map((r: any) => r.id);
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

  it('counts related records for every match mode', () => {
    const won = group(rule('stage', '=', 'closed_won'));
    const deals = (mode: string, threshold?: number, value: FilterGroup = won) => members(group(rule('deals', 'matches', value, { mode, threshold })));
    expect(deals('some')).toEqual([1, 2]);
    expect(deals('none')).toEqual([3, 4]);
    expect(deals('all')).toEqual([2, 3, 4]);
    expect(deals('atLeast', 2, group())).toEqual([1]);
    expect(deals('atMost', 1)).toEqual([1, 2, 3, 4]);
    expect(deals('exactly', 0, group())).toEqual([3, 4]);
  });

  it('inlines saved segments live', () => {
    expect(members(group(rule('segment', 'in', ['germans'])))).toEqual([1]);
    expect(members(group(rule('segment', 'notIn', ['germans'])))).toEqual([2, 3, 4]);
    expect(() => members(group(rule('segment', 'in', ['gone'])))).toThrow('segment "gone" does not exist');
  });
});

describe('compileFilter SQL', () => {
  it.each(['sqlite', 'postgres', 'mysql'] as const)('binds every value and quotes identifiers on %s', (dialect) => {
    const hostile = "x'); DROP TABLE contacts; --";
    const { sql, bindings } = compileFilter(
      group(rule('name', 'contains', hostile), rule('deals', 'matches', group(rule('stage', 'in', [hostile])), { mode: 'atLeast', threshold: 3 })),
      options(dialect)
    );
    expect(sql).not.toContain('DROP');
    expect(bindings).toEqual([hostile.toLowerCase(), hostile.toLowerCase(), 3]);
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
