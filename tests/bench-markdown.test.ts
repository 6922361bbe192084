/**
 * bench:markdown (bench/markdown.ts): the tables of docs/performance.md come from the bench's JSON
 * results and are rewritten between their markers only; the prose around them stays as written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { rewriteSections, sectionKey, table, type Result } from '../bench/markdown';

const timing = (ms: number) => ({ p50: ms, p95: ms });
const result = (over: Partial<Result> = {}): Result => ({
  client: 'sqlite',
  serverVersion: 'SQLite 3.53.0',
  contacts: 100_000,
  runs: 3,
  indexes: { created: [] },
  environment: { commit: 'abc1234', date: '2026-01-01T00:00:00.000Z' },
  trees: [
    { id: 'p1', title: 'product page: not contacted in 60 days', count: 5, hand: timing(10), plugin: timing(11), preview: timing(12) },
    { id: 'deep', title: 'nested AND/OR', count: 7, hand: timing(20), plugin: timing(21), preview: timing(22) },
  ],
  seeding: { contactsPerSecond: 1000, rowsPerSecond: 30_000, seconds: 100, summary: { rows: 3_000_000 } },
  ...over,
});

describe('bench:markdown', () => {
  it('keys a run by its database, size and indexes', () => {
    expect(sectionKey(result())).toBe('sqlite-100k');
    expect(sectionKey(result({ client: 'postgres', contacts: 1_000_000 }))).toBe('postgres-1m');
    expect(sectionKey(result({ client: 'mysql', indexes: undefined }))).toBe('mysql-100k-noindexes');
    expect(sectionKey(result({ contacts: 2_500 }))).toBe('sqlite-2500');
  });

  it('writes the titles of the product-page examples without their prefix', () => {
    const lines = table(result()).split('\n');
    expect(lines[0]).toBe('**SQLite 3.53.0, 100,000 contacts** (3 runs; times in ms)');
    expect(lines.filter((l) => l.startsWith('| `'))).toEqual([
      '| `p1` not contacted in 60 days | 5 | 10.0 | 11.0 | 1.10 | 12.0 |',
      '| `deep` nested AND/OR | 7 | 20.0 | 21.0 | 1.05 | 22.0 |',
    ]);
  });

  it('says how many edits came from the editor’s cache when the run says it', () => {
    const edit = (cached?: number) => ({ change: 'x', timing: timing(5), ...(cached !== undefined && { cached }) });
    const [p1, deep] = result().trees;
    const lines = table(
      result({
        trees: [
          { ...p1, edit: edit(3) },
          { ...deep, edit: edit(0) },
        ],
      }),
    ).split('\n');
    expect(lines[2]).toMatch(/\| after an edit p95 \| edits from the cache \|$/);
    expect(lines.filter((l) => l.startsWith('| `')).map((l) => l.split(' | ').slice(-2).join(' | '))).toEqual([
      '5.0 | 3 of 3 |',
      '5.0 | 0 of 3 |',
    ]);
    expect(table(result({ trees: [{ ...p1, edit: edit() }] }))).not.toContain('from the cache');
  });

  it('counts the first contacts and the edits within their targets at a million contacts on PostgreSQL, and nowhere else', () => {
    const [p1, deep] = result().trees;
    const run = (client: Result['client'], contacts: number) =>
      table(
        result({
          client,
          contacts,
          trees: [
            { ...p1, http: timing(900), httpFirst: timing(250), edit: { change: 'x', timing: timing(240) } },
            { ...deep, http: timing(1200), httpFirst: timing(310), edit: { change: 'x', timing: timing(260) } },
          ],
        }),
      );
    expect(run('postgres', 1_000_000)).toContain(
      'Within target: count 2 of 2; HTTP preview p95 within 1,000 ms: 1 of 2; first contacts p95 within 300 ms: 1 of 2; after an edit p95 within 250 ms: 1 of 2.',
    );
    expect(run('postgres', 100_000)).toContain('Within target: count 2 of 2; HTTP preview p95 within 150 ms: 0 of 2.');
  });

  it('says how fast seeding was only for a run that seeded (not one that reused a kept database)', () => {
    expect(table(result())).toContain('Seeding 3,000,000 rows: 1,000 contacts/s (30,000 rows/s).');
    expect(table(result({ seeding: undefined }))).not.toContain('Seeding');
  });

  it('rewrites the sections of the runs given, keeps the others and every line around them', () => {
    const doc = [
      '# Prose',
      '<!-- bench:markdown sqlite-100k -->',
      'old table',
      '<!-- /bench:markdown -->',
      'between, by hand',
      '<!-- bench:markdown postgres-1m -->',
      'kept table',
      '<!-- /bench:markdown -->',
      'after',
    ].join('\n');
    const { text, written, kept } = rewriteSections(doc, new Map([['sqlite-100k', 'NEW']]));
    expect([written, kept]).toEqual([['sqlite-100k'], ['postgres-1m']]);
    expect(text).toBe(doc.replace('old table', '\nNEW\n'));
    // Written again, the same text.
    expect(rewriteSections(text, new Map([['sqlite-100k', 'NEW']])).text).toBe(text);
  });

  it('refuses a run without a section, a section never closed, and a key used twice', () => {
    const section = (key: string) => [`<!-- bench:markdown ${key} -->`, 'x', '<!-- /bench:markdown -->'];
    expect(() => rewriteSections(section('sqlite-100k').join('\n'), new Map([['sqlite-2k', 'NEW']]))).toThrow(
      /no section for sqlite-2k .*the file has sqlite-100k/,
    );
    expect(() => rewriteSections('<!-- bench:markdown sqlite-2k -->\nx', new Map())).toThrow(/line 1: section sqlite-2k is not closed/);
    expect(() => rewriteSections([...section('a'), ...section('a')].join('\n'), new Map())).toThrow(/line 4: a second section a/);
    expect(() => rewriteSections('<!-- /bench:markdown -->', new Map())).toThrow(/without its opening marker/);
  });

  it("finds docs/performance.md's sections well formed", () => {
    const doc = fs.readFileSync(path.join(__dirname, '..', 'docs', 'performance.md'), 'utf8');
    expect(rewriteSections(doc, new Map()).kept).toEqual([
      'sqlite-100k',
      'postgres-100k',
      'mysql-100k',
      'postgres-100k-noindexes',
      'sqlite-100k-noindexes',
      'sqlite-1m',
      'postgres-1m',
    ]);
  });
});
