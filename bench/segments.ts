/**
 * The segment bench (`npm run bench`): a fresh database (DATABASE_CLIENT: sqlite, postgres or mysql),
 * the playground Strapi booted on it and seeded with the demo CRM at a fixed `now` and seed, then
 * for each tree of bench/segments/trees.ts: the plugin's count checked against hand-written SQL,
 * and the timings of the hand SQL, the service's count and preview, POST /segments/preview, and the preview
 * after a one-rule edit (bench/segments/edit-scenario.ts).
 * Then Export to List and stream() of the largest segment, on SQLite the event loop's longest
 * stall during the slowest count, and the refreshes of a watched segment (bench/segments/watch-refresh.ts). Fails (exit 1) when a hand count differs from the plugin's.
 *
 *   npm run bench -- --contacts 5000 --runs 3
 *   DATABASE_CLIENT=postgres npm run bench -- --trees p1,p5 --json /tmp/pg.json
 *
 * Options: bench/segments/options.ts. Output: a table, and JSON (default bench/results/<db>-<contacts>.json).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { adminToken, bootStrapi, buildPlugin, REPO_ROOT } from './segments/boot';
import { createScratchDatabase, existingDatabase, type ScratchDatabase } from './segments/database';
import { environment } from './segments/environment';
import { longestStall } from './segments/event-loop-stall';
import { measureExport, measureStream, saveSegment } from './segments/export-and-stream';
import { httpFirstContacts, httpPreview } from './segments/http-preview';
import { measureTree, pluginCountSql, type TreeResult } from './segments/measure-tree';
import { parseOptions, USAGE, wantsHelp, type BenchOptions } from './segments/options';
import { renderReport, treeLine, watchLine, type Report } from './segments/report';
import { readNames } from './segments/schema-names';
import { seedCrm } from './segments/seeding';
import { prepareTreeContext } from './segments/tree-context';
import { selectTrees } from './segments/trees';
import { measureWatch } from './segments/watch-refresh';

const step = (message: string) => console.log(`· ${message}`);
// Strapi boots from the playground directory (process.chdir): paths given on the command line are the caller's.
const START_DIR = process.cwd();

async function run(options: BenchOptions, strapi: Core.Strapi, baseUrl: string): Promise<{ report: Report; failures: string[] }> {
  const seeding = options.reuse ? undefined : await seedCrm(strapi, options.client, options);
  const report: Report = {
    client: options.client,
    serverVersion: '',
    contacts: options.contacts,
    now: options.now,
    runs: options.runs,
    trees: [],
    seeding,
  };
  if (!seeding) step(`reusing ${options.reuse} as it is: not seeded, and no export, stream or watch (they write)`);
  else
    step(
      `seeded ${seeding.summary.contacts.toLocaleString('en-US')} contacts, ${seeding.summary.rows.toLocaleString('en-US')} rows in ${seeding.seconds.toFixed(1)} s ` +
        `(${Math.round(seeding.contactsPerSecond).toLocaleString('en-US')} contacts/s, ${Math.round(seeding.rowsPerSecond).toLocaleString('en-US')} rows/s)`,
    );

  if (options.indexes) {
    const started = performance.now();
    const created = (await strapi.plugin('segments').service('audience').createIndexes()).filter((i: { created: boolean }) => i.created);
    const ms = performance.now() - started;
    report.indexes = { created: created.map((i: { table: string; columns: string[] }) => `${i.table}(${i.columns.join(', ')})`), ms };
    step(`created the ${created.length} recommended indexes in ${(ms / 1000).toFixed(1)} s: ${report.indexes.created.join(', ')}`);
  } else step('no recommended index (--no-indexes)');

  const names = readNames(strapi);
  const ctx = await prepareTreeContext(strapi, names, options.contacts);
  const token = options.http ? await adminToken(strapi, baseUrl) : undefined;
  const http = token ? httpPreview(baseUrl, token) : undefined;
  const httpFirst = token ? httpFirstContacts(baseUrl, token) : undefined;
  step(`saved the chain A ← B ← C and the 30-segment lattice, and picked ${ctx.emails.length} emails${http ? '; admin logged in' : ''}`);

  const results: TreeResult[] = [];
  for (const bench of selectTrees(options.trees)) {
    const tree = bench.build(ctx);
    const result = await measureTree(bench, tree, {
      strapi,
      handEnv: (now) => ({ n: names, db: options.client, now, ctx }),
      runs: options.runs,
      warmups: options.warmups,
      http,
      httpFirst,
    });
    results.push(result);
    step(treeLine(result));
    if (options.printSql || result.mismatch) {
      const plugin = await pluginCountSql(strapi, tree);
      console.log(`  hand SQL: ${result.handSql.sql}\n  bindings: ${JSON.stringify(result.handSql.bindings)}`);
      console.log(`  plugin SQL: ${plugin.sql}\n  bindings: ${JSON.stringify(plugin.bindings)}`);
    }
  }

  report.trees = results;

  if (options.client === 'sqlite' && results.length > 0) {
    const slowest = results.reduce((a, b) => (b.plugin.p50 > a.plugin.p50 ? b : a));
    const segments = strapi.plugin('segments').service('segments');
    report.stall = { tree: slowest.id, ...(await longestStall(() => segments.count(slowest.tree))) };
    step(`event loop: longest stall ${report.stall.stallMs.toFixed(1)} ms during "${slowest.id}" (${report.stall.ms.toFixed(0)} ms)`);
  }

  if (results.length > 0 && !options.reuse) {
    const largest = results.reduce((a, b) => (b.count > a.count ? b : a));
    const documentId = await saveSegment(strapi, `Bench: ${largest.title}`, largest.tree);
    report.exported = { tree: largest.id, ...(await measureExport(strapi, documentId)) };
    step(`exported "${largest.id}": ${report.exported.members.toLocaleString('en-US')} members in ${report.exported.ms.toFixed(0)} ms`);
    report.streamed = { tree: largest.id, ...(await measureStream(strapi, documentId)) };
    step(`streamed "${largest.id}": ${report.streamed.contacts.toLocaleString('en-US')} contacts in ${report.streamed.ms.toFixed(0)} ms`);
  }
  if (!options.reuse) {
    report.watched = await measureWatch(strapi);
    step(watchLine(report.watched));
  }
  const failures = results.flatMap((r) => (r.mismatch ? [r.mismatch] : []));
  if (report.watched && report.watched.churn.entered + report.watched.churn.left !== report.watched.churn.contacts) {
    failures.push(
      `the watched segment's refresh found ${report.watched.churn.entered + report.watched.churn.left} changes, ${report.watched.churn.contacts} contacts crossed`,
    );
  }
  if (report.streamed && report.exported && report.streamed.contacts !== report.exported.members) {
    failures.push(`stream() gave ${report.streamed.contacts} contacts, Export to List froze ${report.exported.members}`);
  }
  return { report, failures };
}

function writeJson(file: string, report: Report, env: unknown, options: BenchOptions, failures: string[]) {
  const target = path.resolve(START_DIR, file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const { trees, ...rest } = report;
  const json = {
    environment: env,
    options: {
      contacts: options.contacts,
      now: options.now,
      seed: options.seed,
      runs: options.runs,
      warmups: options.warmups,
      http: options.http,
      indexes: options.indexes,
    },
    ...rest,
    trees: trees.map(({ handSql, ...t }) => ({ ...t, handSql: handSql.sql, handBindings: handSql.bindings })),
    failures,
  };
  fs.writeFileSync(target, `${JSON.stringify(json, null, 2)}\n`);
  return target;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (wantsHelp(argv)) {
    console.log(USAGE);
    return 0;
  }
  let options: BenchOptions;
  try {
    options = parseOptions(argv);
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }

  step(`building the plugin`);
  buildPlugin();
  const db: ScratchDatabase = options.reuse ? existingDatabase(options.client, options.reuse) : await createScratchDatabase(options.client);
  step(`${options.reuse ? 'the kept' : 'fresh'} ${options.client} database ${db.name}`);
  let strapi: Core.Strapi | undefined;
  const cleanUp = async () => {
    await strapi?.destroy().catch((e: Error) => console.error(`Strapi did not stop cleanly: ${e.message}`));
    if (options.keep || options.reuse) step(`kept the database ${db.name}`);
    else await db.drop().catch((e: Error) => console.error(`could not drop ${db.name}: ${e.message}`));
  };
  // An interrupted run (Ctrl-C) still drops its scratch database, which can be gigabytes.
  process.once('SIGINT', () => {
    console.error('\ninterrupted: cleaning up');
    cleanUp().finally(() => process.exit(130));
  });
  try {
    const booted = await bootStrapi(options.client);
    strapi = booted.strapi;
    const env = await environment(strapi, options.client, REPO_ROOT);
    step(`Strapi listening at ${booted.baseUrl} on ${env.serverVersion}`);
    const { report, failures } = await run(options, strapi, booted.baseUrl);
    report.serverVersion = env.serverVersion;
    console.log(`\n${renderReport(report)}\n`);
    const file = writeJson(options.json, report, env, options, failures);
    step(`wrote ${path.relative(START_DIR, file).startsWith('..') ? file : path.relative(START_DIR, file)}`);
    if (failures.length > 0) {
      console.error(`\nFAILED: ${failures.length} count check(s) differ:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
      return 1;
    }
    return 0;
  } finally {
    await cleanUp();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
