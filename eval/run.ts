/**
 * AI Mode accuracy harness: `npm run eval:ai` runs every case of eval/ai-prompts.json through the
 * plugin's AI service against the configured endpoint (OPENAI_API_KEY, OPENAI_BASE_URL,
 * SEGMENTS_AI_MODEL) and scores execution accuracy: a case passes when its generated tree selects
 * exactly the contacts its expected tree selects, on the demo data (the seeder's 5,000 contacts, seed
 * 42, and the demo segments) in a temporary SQLite database booted like the tests boot Strapi.
 *
 *   npm run eval:ai                       all cases
 *   npm run eval:ai -- --only spec-3,tag-vip
 *   npm run eval:ai -- --check            no model: validates every expected tree and prints its count
 *   npm run eval:ai -- --contacts 2000
 *
 * Prints a table (case, pass/fail, member difference, latency, tokens) and the score, and writes the
 * run to eval/.results/<timestamp>.json. Without an endpoint it says so and exits 0.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { resolveAiSettings } from '../server/ai/config';
import type { FilterGroup } from '../shared/filter-tree';
import { seed } from '../playground/scripts/seed/index';
import { ensureDemoSegments } from '../playground/scripts/demo-segments';
import { setupStrapi, teardownStrapi, REPO_ROOT } from '../tests/helpers/strapi';

interface Case {
  id: string;
  prompt: string;
  start?: FilterGroup;
  expected: FilterGroup;
  covers: string[];
}

interface Outcome {
  id: string;
  prompt: string;
  pass: boolean;
  expectedCount: number;
  generatedCount: number | null;
  /** Contacts only the expected tree selects / only the generated one selects. */
  missing: number;
  extra: number;
  latencyMs: number;
  attempts: number;
  tokens: number;
  error?: string;
  generated?: FilterGroup;
  explanation?: string;
  warnings?: string[];
}

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};

function loadCases(): Case[] {
  const file = JSON.parse(fs.readFileSync(path.join(__dirname, 'ai-prompts.json'), 'utf8')) as { cases: Case[] };
  const only = option('only')?.split(',');
  return only ? file.cases.filter((c) => only.includes(c.id)) : file.cases;
}

/** Replaces "@campaign:<name>" / "@segment:<name>" with the demo record's documentId. */
function bindNames(tree: FilterGroup, ids: { campaign: Map<string, string>; segment: Map<string, string> }): FilterGroup {
  const bind = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const m = /^@(campaign|segment):(.+)$/.exec(value);
      if (!m) return value;
      const id = ids[m[1] as 'campaign' | 'segment'].get(m[2]);
      if (!id) throw new Error(`eval/ai-prompts.json names a ${m[1]} "${m[2]}" that the demo data does not have`);
      return id;
    }
    if (Array.isArray(value)) return value.map(bind);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bind(v)]));
    return value;
  };
  return bind(tree) as FilterGroup;
}

async function members(strapi: Core.Strapi, tree: FilterGroup): Promise<Set<string>> {
  const found = new Set<string>();
  for await (const batch of strapi.plugin('segments').service('segments').stream(tree, { batchSize: 5000 }) as AsyncIterable<Array<{ documentId: string }>>) {
    batch.forEach((c) => found.add(c.documentId));
  }
  return found;
}

const pad = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width));

function printTable(outcomes: Outcome[]) {
  const head = `${pad('case', 22)} ${pad('result', 6)} ${pad('expected', 8)} ${pad('got', 8)} ${pad('-miss/+extra', 12)} ${pad('ms', 7)} ${pad('tokens', 7)} prompt`;
  console.log(`\n${head}\n${'-'.repeat(head.length + 20)}`);
  for (const o of outcomes) {
    console.log(
      `${pad(o.id, 22)} ${pad(o.pass ? 'pass' : 'FAIL', 6)} ${pad(String(o.expectedCount), 8)} ${pad(o.generatedCount === null ? '—' : String(o.generatedCount), 8)} ` +
        `${pad(o.error ? 'error' : `-${o.missing}/+${o.extra}`, 12)} ${pad(String(o.latencyMs), 7)} ${pad(String(o.tokens), 7)} ${o.prompt}` +
        (o.error ? `\n${' '.repeat(24)}${o.error}` : '')
    );
  }
}

async function main() {
  const check = flag('check');
  const settings = resolveAiSettings(undefined, process.env);
  if (!settings && !check) {
    console.log(
      'No AI endpoint is configured: set OPENAI_API_KEY (and OPENAI_BASE_URL / SEGMENTS_AI_MODEL for another OpenAI-compatible server) to run the AI Mode accuracy eval.\n' +
        'Nothing was run. (`npm run eval:ai -- --check` validates the expected trees on the demo data without a model.)'
    );
    return;
  }
  const cases = loadCases();

  if (process.env.SEGMENTS_SKIP_BUILD !== '1') {
    // The playground loads the built plugin; build it from the current source as the tests do.
    const built = spawnSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'strapi-plugin'), ['build'], { cwd: REPO_ROOT, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`strapi-plugin build failed:\n${built.stdout}${built.stderr}`);
  }
  const contacts = Number(option('contacts') ?? 5000);
  console.log(`Seeding ${contacts} demo contacts into a temporary SQLite database…`);
  const t = await setupStrapi({ env: { DATABASE_CLIENT: 'sqlite' } });
  try {
    const strapi = t.strapi;
    await seed(strapi, { contacts, seed: 42 });
    await ensureDemoSegments(strapi);
    const campaigns = (await strapi.db.query('api::campaign.campaign' as any).findMany({ select: ['documentId', 'name'] })) as Array<{ documentId: string; name: string }>;
    const segments = (await strapi.db.query('plugin::segments.segment' as any).findMany({ select: ['documentId', 'name'] })) as Array<{ documentId: string; name: string }>;
    const ids = {
      campaign: new Map(campaigns.map((c) => [c.name, c.documentId])),
      segment: new Map(segments.map((s) => [s.name, s.documentId])),
    };
    const ai = strapi.plugin('segments').service('ai');
    const outcomes: Outcome[] = [];

    for (const c of cases) {
      const expected = bindNames(c.expected, ids);
      const start = c.start ? bindNames(c.start, ids) : undefined;
      const want = await members(strapi, expected);
      const outcome: Outcome = { id: c.id, prompt: c.prompt, pass: false, expectedCount: want.size, generatedCount: null, missing: 0, extra: 0, latencyMs: 0, attempts: 0, tokens: 0 };
      if (check) {
        if (start) await members(strapi, start);
        outcome.pass = true;
        outcomes.push(outcome);
        continue;
      }
      const started = Date.now();
      try {
        const result = await ai.generate(
          { prompt: c.prompt, filters: start },
          {
            onAttempt: (info: { totalTokens?: number }) => {
              outcome.attempts += 1;
              outcome.tokens += info.totalTokens ?? 0;
            },
          }
        );
        outcome.latencyMs = Date.now() - started;
        const got = await members(strapi, result.filters);
        outcome.generatedCount = got.size;
        outcome.missing = [...want].filter((id) => !got.has(id)).length;
        outcome.extra = [...got].filter((id) => !want.has(id)).length;
        outcome.pass = outcome.missing === 0 && outcome.extra === 0;
        Object.assign(outcome, { generated: result.filters, explanation: result.explanation, warnings: result.warnings });
      } catch (error) {
        outcome.latencyMs = Date.now() - started;
        outcome.error = (error as Error).message;
      }
      outcomes.push(outcome);
      process.stdout.write(outcome.pass ? '.' : 'F');
    }

    printTable(outcomes);
    const passed = outcomes.filter((o) => o.pass).length;
    if (check) {
      console.log(`\n--check: ${outcomes.length} expected trees valid on the demo data (no model was called).`);
      const empty = outcomes.filter((o) => o.expectedCount === 0);
      if (empty.length) console.log(`Cases whose expected tree selects nobody (weak tests): ${empty.map((o) => o.id).join(', ')}`);
      return;
    }
    const score = outcomes.length ? passed / outcomes.length : 0;
    console.log(`\nScore: ${passed}/${outcomes.length} (${(score * 100).toFixed(1)}%) · model ${settings!.model}${settings!.baseURL ? ` at ${settings!.baseURL}` : ''}`);
    const dir = path.join(__dirname, '.results');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    // The key is never written: only the model and the base URL identify the run.
    fs.writeFileSync(file, JSON.stringify({ model: settings!.model, baseURL: settings!.baseURL ?? null, contacts, score, passed, total: outcomes.length, outcomes }, null, 2));
    console.log(`Results written to ${path.relative(REPO_ROOT, file)}`);
  } finally {
    await teardownStrapi();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
