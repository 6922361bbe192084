/**
 * The tables of docs/performance.md ("Counts and previews") from the bench's JSON results, so that no number is copied by hand.
 *
 *   npm run bench:markdown -- bench/results/postgres-100000.json [more.json …]
 *
 * Files of the same database and size are merged: a later file's trees replace the earlier ones of
 * the same id (a `--trees chain` run after an engine change, say), and so do its export and stream
 * when they are of the same tree.
 */
import fs from 'node:fs';
import { countFlag, httpBudgetMs, httpFlag } from './segments/report';

interface Timing {
  p50: number;
  p95: number;
}
interface Result {
  client: string;
  serverVersion: string;
  contacts: number;
  runs: number;
  indexes?: { created: string[] };
  environment: { commit: string; date: string };
  trees: Array<{ id: string; title: string; count: number; hand: Timing; plugin: Timing; preview: Timing; http?: Timing }>;
  exported?: { tree: string; members: number; ms: number; rowsPerSecond: number; stallMs?: number };
  streamed?: { tree: string; contacts: number; ms: number; peakRssGrowthMb: number; heapGrowthAfterGcMb: number };
  seeding: { contactsPerSecond: number; rowsPerSecond: number; seconds: number; summary: { rows: number } };
  stall?: { tree: string; ms: number; stallMs: number };
}

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
  return `Within target: count ${counts} of ${n}${preview}.`;
}

function table(r: Result): string {
  const http = r.trees.some((t) => t.http);
  const head = ['tree', 'members', 'hand SQL p50', 'count p50', 'count / hand', 'preview p95', ...(http ? ['HTTP preview p95'] : [])];
  const rows = r.trees.map((t) => [
    `\`${t.id}\` ${t.title}`,
    int(t.count),
    ms(t.hand.p50),
    ms(t.plugin.p50),
    (t.plugin.p50 / t.hand.p50).toFixed(2),
    ms(t.preview.p95),
    ...(http ? [t.http ? ms(t.http.p95) : '–'] : []),
  ]);
  const lines = [
    `**${r.serverVersion}, ${int(r.contacts)} contacts${r.indexes ? '' : ', without the recommended indexes'}** (${r.runs} runs; times in ms)`,
    '',
    `| ${head.join(' | ')} |`,
    `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
    targets(r),
    `Seeding ${int(r.seeding.summary.rows)} rows: ${int(r.seeding.contactsPerSecond)} contacts/s (${int(r.seeding.rowsPerSecond)} rows/s).`,
  ];
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

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('Usage: npm run bench:markdown -- result.json [more.json …]');
  process.exit(2);
}
console.log(merged(files).map(table).join('\n\n'));
