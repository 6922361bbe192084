/**
 * The tables of docs/performance.md ("Counts and previews") from the bench's JSON results, so that no number is copied by hand.
 *
 *   npm run bench:markdown -- bench/results/postgres-100000.json [more.json …]
 *     prints each run's table between its markers (below), to read or paste;
 *   npm run bench:markdown -- --write docs/performance.md bench/results/postgres-100000.json [more.json …]
 *     rewrites, in that file, the section of each run and nothing else.
 *
 * A run's section is what stands between `<!-- bench:markdown KEY -->` and `<!-- /bench:markdown -->`,
 * KEY being the database client, the number of contacts and whether the recommended indexes were
 * left out: `sqlite-100k`, `postgres-1m`, `mysql-100k` (MariaDB too), `postgres-100k-noindexes`. With
 * --write, a run whose section the file does not have is an error (add its markers where its table
 * belongs) and the file is left as it was; sections of runs not given are kept.
 *
 * Files of the same database and size are merged: a later file's trees replace the earlier ones of
 * the same id (a `--trees chain` run after an engine change, say), and so do its export and stream
 * when they are of the same tree.
 */
import fs from 'node:fs';
import { countFlag, editBudgetMs, firstBudgetMs, httpBudgetMs, httpFlag } from './segments/report';

interface Timing {
  p50: number;
  p95: number;
}
export interface Result {
  client: string;
  serverVersion: string;
  contacts: number;
  runs: number;
  indexes?: { created: string[] };
  environment: { commit: string; date: string };
  trees: Array<{
    id: string;
    title: string;
    count: number;
    hand: Timing;
    plugin: Timing;
    preview: Timing;
    http?: Timing;
    /** The first contacts over HTTP, without the count (absent from results older than the two-part preview). */
    httpFirst?: Timing;
    /** The preview after a one-rule edit (absent from results older than the edit scenario). */
    edit?: { change: string; timing: Timing; cached?: number };
  }>;
  exported?: { tree: string; members: number; ms: number; rowsPerSecond: number; stallMs?: number };
  streamed?: { tree: string; contacts: number; ms: number; peakRssGrowthMb: number; heapGrowthAfterGcMb: number };
  /** absent from a run on a kept database (--reuse) */
  seeding?: { contactsPerSecond: number; rowsPerSecond: number; seconds: number; summary: { rows: number } };
  stall?: { tree: string; ms: number; stallMs: number };
}

/** The bench's titles of the five product-page examples start with where they come from (older results: the SPEC's section). */
const TITLE_PREFIX = /^(product page|SPEC §5): /;

const ms = (x: number) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1));
const int = (x: number) => Math.round(x).toLocaleString('en-US');

function merged(files: string[]): Result[] {
  const byRun = new Map<string, Result>();
  for (const file of files) {
    const result = JSON.parse(fs.readFileSync(file, 'utf8')) as Result;
    const key = `${result.client}:${result.contacts}:${result.indexes ? 'indexes' : 'none'}`;
    const known = byRun.get(key);
    if (!known) byRun.set(key, result);
    else {
      known.trees = known.trees.map((t) => result.trees.find((r) => r.id === t.id) ?? t);
      known.seeding ??= result.seeding;
      // a later run's export and stream of the same tree replace the earlier ones (a subset of the
      // trees exports its own largest); the stall is the slowest count's: kept
      if (result.exported && (!known.exported || known.exported.tree === result.exported.tree)) known.exported = result.exported;
      if (result.streamed && (!known.streamed || known.streamed.tree === result.streamed.tree)) known.streamed = result.streamed;
    }
  }
  return [...byRun.values()];
}

/** How many trees meet the count target and the HTTP preview budget (bench/segments/report.ts). */
function targets(r: Result): string {
  const n = r.trees.length;
  const counts = r.trees.filter((t) => !countFlag(t)).length;
  const budget = httpBudgetMs(r.client, r.contacts);
  const timed = r.trees.filter((t) => t.http);
  const previews = timed.filter((t) => !httpFlag(t, r.client, r.contacts)).length;
  const preview =
    budget !== undefined && timed.length > 0 ? `; HTTP preview p95 within ${int(budget)} ms: ${previews} of ${timed.length}` : '';
  const within = (what: string, budget: number | undefined, p95s: number[]) =>
    budget !== undefined && p95s.length > 0
      ? `; ${what} p95 within ${int(budget)} ms: ${p95s.filter((p) => p <= budget).length} of ${p95s.length}`
      : '';
  const first = within(
    'first contacts',
    firstBudgetMs(r.client, r.contacts),
    r.trees.flatMap((t) => (t.httpFirst ? [t.httpFirst.p95] : [])),
  );
  const edits = within(
    'after an edit',
    editBudgetMs(r.client, r.contacts),
    r.trees.flatMap((t) => (t.edit ? [t.edit.timing.p95] : [])),
  );
  return `Within target: count ${counts} of ${n}${preview}${first}${edits}.`;
}

export function table(r: Result): string {
  const http = r.trees.some((t) => t.http);
  const edit = r.trees.some((t) => t.edit);
  const first = r.trees.some((t) => t.httpFirst);
  // Results older than the editor's cache do not say how many edits it answered.
  const cache = r.trees.some((t) => t.edit?.cached !== undefined);
  const head = [
    'tree',
    'members',
    'hand SQL p50',
    'count p50',
    'count / hand',
    'preview p95',
    ...(http ? ['HTTP preview p95'] : []),
    ...(first ? ['first contacts p95'] : []),
    ...(edit ? ['after an edit p95'] : []),
    ...(cache ? ['edits from the cache'] : []),
  ];
  const rows = r.trees.map((t) => [
    `\`${t.id}\` ${t.title.replace(TITLE_PREFIX, '')}`,
    int(t.count),
    ms(t.hand.p50),
    ms(t.plugin.p50),
    (t.plugin.p50 / t.hand.p50).toFixed(2),
    ms(t.preview.p95),
    ...(http ? [t.http ? ms(t.http.p95) : '–'] : []),
    ...(first ? [t.httpFirst ? ms(t.httpFirst.p95) : '–'] : []),
    ...(edit ? [t.edit ? ms(t.edit.timing.p95) : '–'] : []),
    ...(cache ? [t.edit?.cached === undefined ? '–' : `${t.edit.cached} of ${r.runs}`] : []),
  ]);
  const lines = [
    `**${r.serverVersion}, ${int(r.contacts)} contacts${r.indexes ? '' : ', without the recommended indexes'}** (${r.runs} runs; times in ms)`,
    '',
    `| ${head.join(' | ')} |`,
    `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
    targets(r),
  ];
  if (r.seeding)
    lines.push(
      `Seeding ${int(r.seeding.summary.rows)} rows: ${int(r.seeding.contactsPerSecond)} contacts/s (${int(r.seeding.rowsPerSecond)} rows/s).`,
    );
  if (r.exported)
    lines.push(
      `Export to List of \`${r.exported.tree}\`: ${int(r.exported.members)} members in ${ms(r.exported.ms)} ms (${int(r.exported.rowsPerSecond)} rows/s)${r.exported.stallMs === undefined ? '' : `; longest event-loop stall ${ms(r.exported.stallMs)} ms`}.`,
    );
  if (r.streamed) {
    const s = r.streamed;
    lines.push(
      `\`stream()\` of it: ${int(s.contacts)} contacts in ${ms(s.ms)} ms; RSS peak +${s.peakRssGrowthMb.toFixed(0)} MB, heap after GC ${s.heapGrowthAfterGcMb >= 0 ? '+' : ''}${s.heapGrowthAfterGcMb.toFixed(1)} MB.`,
    );
  }
  if (r.stall)
    lines.push(`Longest event-loop stall during the slowest count (\`${r.stall.tree}\`, ${ms(r.stall.ms)} ms): ${ms(r.stall.stallMs)} ms.`);
  return lines.join('\n');
}

/** The key of a run's section: `sqlite-100k`, `postgres-1m`, `postgres-100k-noindexes`. */
export function sectionKey(r: Pick<Result, 'client' | 'contacts' | 'indexes'>): string {
  const n = r.contacts;
  const size = n % 1_000_000 === 0 ? `${n / 1_000_000}m` : n % 1_000 === 0 ? `${n / 1_000}k` : String(n);
  return `${r.client}-${size}${r.indexes ? '' : '-noindexes'}`;
}

const OPEN = /^<!-- bench:markdown (\S+) -->$/;
const CLOSE = '<!-- /bench:markdown -->';
const section = (key: string, body: string) => `<!-- bench:markdown ${key} -->\n\n${body}\n\n${CLOSE}`;

/**
 * `text` with the sections of `tables` (key → table) rewritten, with the keys it rewrote and those it
 * kept; throws when a key of `tables` has no section, a section is not closed or a key has two.
 */
export function rewriteSections(text: string, tables: Map<string, string>): { text: string; written: string[]; kept: string[] } {
  const lines = text.split('\n');
  const out: string[] = [];
  const seen = new Set<string>();
  const written: string[] = [];
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = OPEN.exec(lines[i]);
    if (!open) {
      if (lines[i] === CLOSE) throw new Error(`line ${i + 1}: ${CLOSE} without its opening marker`);
      out.push(lines[i]);
      continue;
    }
    const key = open[1];
    if (seen.has(key)) throw new Error(`line ${i + 1}: a second section ${key}`);
    seen.add(key);
    const end = lines.indexOf(CLOSE, i + 1);
    const nextOpen = lines.findIndex((line, j) => j > i && OPEN.test(line));
    if (end < 0 || (nextOpen >= 0 && nextOpen < end)) throw new Error(`line ${i + 1}: section ${key} is not closed by ${CLOSE}`);
    const table = tables.get(key);
    if (table === undefined) {
      out.push(...lines.slice(i, end + 1));
      kept.push(key);
    } else {
      out.push(section(key, table));
      written.push(key);
    }
    i = end;
  }
  const missing = [...tables.keys()].filter((key) => !seen.has(key));
  if (missing.length > 0) {
    throw new Error(
      `no section for ${missing.join(', ')} (add <!-- bench:markdown KEY --> and ${CLOSE} where its table belongs); the file has ${[...seen].join(', ') || 'none'}`,
    );
  }
  return { text: out.join('\n'), written, kept };
}

function main(args: string[]) {
  const at = args.indexOf('--write');
  const target = at >= 0 ? args[at + 1] : undefined;
  const files = at >= 0 ? args.filter((_, i) => i !== at && i !== at + 1) : args;
  if (files.length === 0 || (at >= 0 && (!target || target.endsWith('.json')))) {
    console.error('Usage: npm run bench:markdown -- [--write docs/performance.md] result.json [more.json …]');
    process.exit(2);
  }
  const tables = new Map(merged(files).map((r) => [sectionKey(r), table(r)]));
  if (!target) {
    console.log([...tables].map(([key, body]) => section(key, body)).join('\n\n'));
    return;
  }
  try {
    const { text, written, kept } = rewriteSections(fs.readFileSync(target, 'utf8'), tables);
    fs.writeFileSync(target, text);
    console.error(`${target}: rewrote ${written.join(', ')}${kept.length > 0 ? `; kept ${kept.join(', ')}` : ''}`);
  } catch (error) {
    console.error(`${target} left as it was: ${(error as Error).message}`);
    process.exit(1);
  }
}

if (require.main === module) main(process.argv.slice(2));
