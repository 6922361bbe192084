/**
 * The preview in two parts, and reads that stop when their caller gives up (docs/api.md, "Preview"):
 * - `POST /segments/preview/contacts` and `/preview/count` answer what `POST /segments/preview` answers,
 *   each part on its own, so the editor shows a large audience's first contacts while its count runs;
 * - a preview, a count, first contacts or an explanation whose request closes before the answer
 *   (the tree changed in the editor) stops its database statement: PostgreSQL cancels it, MySQL/MariaDB kill the
 *   query, SQLite's worker thread is terminated. The service API takes the same `signal`.
 * The slow tree reads 625 million characters (tests/engine.timeout.test.ts): it cannot finish before
 * the test gives it up, and the test waits on signals (the statement seen running, the service's
 * call settled), never on a time it assumes a read takes.
 */
import { insertContacts } from './support/bulk-contacts';
import { runningStatements, watchForRead } from './support/running-read';
import { until } from './support/until';
import { setupStrapi, teardownStrapi, type TestStrapi } from './helpers/strapi';
import { createAdminAndLogin, type AdminSession } from './helpers/auth';
import { CONTACT } from './support/uids';

let t: TestStrapi;
let admin: AdminSession;
let jobTitleColumn: string;

const CONTACTS = 5000;
const rule = (field: string, operator: string, value?: unknown) => ({ field, operator, value });
/** 500 rules over 5,000 job titles of 250 characters that match nothing: seconds of work on any machine here. */
const HUGE = {
  combinator: 'or',
  rules: Array.from({ length: 500 }, (_, i) => rule('jobTitle', 'contains', `Ünmatched-${i}`)),
};
const jobTitle = (i: number) => `Größte Verantwortung Nr. ${i} `.padEnd(250, 'ÄÖÜ abc ');
const tree = (...rules: unknown[]) => ({ combinator: 'and', rules });

const post = (path: string, body: unknown) =>
  t.request
    .post(`/segments${path}`)
    .set(admin.headers)
    .send(body as object);
const service = () => t.strapi.plugin('segments').service('segments') as any;

/**
 * Records how the segments service's `method` calls end ("resolved", "rejected 499"), for requests
 * the test closes before they are answered; undoes itself with the returned function.
 */
function recordOutcomes(method: string, of = 'segments'): { outcomes: string[]; restore(): void } {
  const target = t.strapi.plugin('segments').service(of) as any;
  const original = target[method];
  const outcomes: string[] = [];
  target[method] = (...args: unknown[]) =>
    original.apply(target, args).then(
      (value: unknown) => {
        outcomes.push('resolved');
        return value;
      },
      (error: { status?: number }) => {
        outcomes.push(`rejected ${error.status}`);
        throw error;
      },
    );
  return { outcomes, restore: () => (target[method] = original) };
}

beforeAll(async () => {
  t = await setupStrapi();
  admin = await createAdminAndLogin(t.strapi, t.request);
  await insertContacts(t.strapi, CONTACTS, (i, column) => ({
    document_id: `cancelcontact${String(i).padStart(11, '0')}`,
    [column('email')]: `person.${i}@example-${i % 7}.com`,
    [column('leadScore')]: i % 100,
    [column('jobTitle')]: jobTitle(i),
  }));
  jobTitleColumn = (t.strapi.db.metadata.get(CONTACT as any) as any).attributes.jobTitle.columnName;
  // Far past anything the slow tree takes: only a cancel ends its reads.
  t.strapi.config.set('plugin::segments.queryTimeoutMs', 120_000);
});
afterAll(async () => {
  t.strapi.config.set('plugin::segments.queryTimeoutMs', undefined);
  await teardownStrapi();
});

describe('the preview in two parts', () => {
  const trees = {
    'one rule': tree(rule('leadScore', '<', 3)),
    'two rules and a group': tree(rule('email', 'endsWith', 'example-3.com'), {
      combinator: 'or',
      rules: [rule('leadScore', '>=', 90), rule('leadScore', '=', 7)],
    }),
    nobody: tree(rule('leadScore', '>', 1000)),
    everybody: tree(),
  };

  it.each(Object.entries(trees))('answers what the one-request preview answers: %s', async (_name, filters) => {
    for (const limit of [undefined, 3, 0]) {
      const whole = await post('/preview', { filters, limit }).expect(200);
      const contacts = await post('/preview/contacts', { filters, limit }).expect(200);
      const count = await post('/preview/count', { filters }).expect(200);
      expect({ count: count.body.count, contacts: contacts.body.contacts }).toEqual(whole.body);
      expect(whole.body.contacts).toHaveLength(Math.min(limit ?? 10, whole.body.count));
    }
  });

  it('refuses what the preview refuses, with the path of the problem', async () => {
    const bad = tree(rule('leadScore', 'between', [9, 2]));
    for (const path of ['/preview', '/preview/contacts', '/preview/count']) {
      const res = await post(path, { filters: bad }).expect(400);
      expect([path, res.body.error.details.path]).toEqual([path, 'rules[0].value']);
    }
    await post('/preview/contacts', { filters: tree(), limit: 101 }).expect(400);
    await post('/preview/count', {}).expect(400);
  });
});

describe('a read its caller gives up', () => {
  // The three preview routes answer through the service's editorPreview (which may use the editor's cache).
  const routes: [path: string, method: string, service: string][] = [
    ['/preview/count', 'editorPreview', 'segments'],
    ['/preview/contacts', 'editorPreview', 'segments'],
    ['/preview', 'editorPreview', 'segments'],
    ['/explain', 'explain', 'explain'],
  ];

  it.each(routes)('%s: closing the request stops the statement on the database, and the server goes on', async (path, method, of) => {
    const record = recordOutcomes(method, of);
    const read = watchForRead(t.strapi, jobTitleColumn);
    try {
      const request = post(path, { filters: HUGE });
      request.end(() => undefined);
      await read.running;
      request.abort();
      // The service call ends as cancelled (499), not with the rows: nothing but the cancel could end it.
      await until(`${path}'s read settled`, () => record.outcomes.length > 0);
      expect(record.outcomes).toEqual(['rejected 499']);
      if (t.client !== 'sqlite') expect(await runningStatements(t.strapi, jobTitleColumn)).toBe(0);
    } finally {
      read.stop();
      record.restore();
    }
    // The connection (or the SQLite worker's replacement) serves the next read.
    expect((await post(path, { filters: tree(rule('leadScore', '<', 2)) }).expect(200)).body).toBeDefined();
    expect((await post('/preview', { filters: tree(rule('leadScore', '<', 2)) }).expect(200)).body.count).toBe(100);
  });

  it('stops a read whose saved segments are being staged first, and leaves nothing behind', async () => {
    // Saved through the service: the admin route counts what it saves, and that count would run here too.
    const slow = (await service().create({ name: 'Slow to stage', filters: HUGE })).documentId;
    const low = (await service().create({ name: 'Low scores', filters: tree(rule('leadScore', '<', 5)) })).documentId;
    // Named twice, a segment is evaluated once first: staged into a temporary table on SQLite and MariaDB.
    const twice = (id: string) => ({
      combinator: 'or',
      rules: [rule('segment', 'in', [id]), { combinator: 'and', not: true, rules: [rule('segment', 'in', [id])] }],
    });
    const record = recordOutcomes('editorPreview');
    const read = watchForRead(t.strapi, jobTitleColumn);
    try {
      const request = post('/preview/count', { filters: twice(slow) });
      request.end(() => undefined);
      await read.running;
      request.abort();
      await until('the staged count settled', () => record.outcomes.length > 0);
      expect(record.outcomes).toEqual(['rejected 499']);
      if (t.client !== 'sqlite') expect(await runningStatements(t.strapi, jobTitleColumn)).toBe(0);
    } finally {
      read.stop();
      record.restore();
    }
    for (let i = 0; i < 3; i += 1) {
      expect((await post('/preview/count', { filters: twice(low) }).expect(200)).body.count).toBe(CONTACTS);
      expect((await post('/preview/count', { filters: tree(rule('segment', 'in', [low])) }).expect(200)).body.count).toBe(250);
    }
  });

  it('service API: count and preview take a signal; aborted, they reject with 499 and the statement stops', async () => {
    for (const call of [
      (signal: AbortSignal) => service().count(HUGE, { signal }),
      (signal: AbortSignal) => service().preview(HUGE, { signal }),
      (signal: AbortSignal) => service().firstContacts(HUGE, { signal }),
    ]) {
      const read = watchForRead(t.strapi, jobTitleColumn);
      const controller = new AbortController();
      try {
        const pending = call(controller.signal);
        const outcome = pending.then(
          () => 'resolved',
          (error: { status?: number; message?: string }) => `rejected ${error.status}: ${error.message}`,
        );
        await read.running;
        controller.abort();
        expect(await outcome).toMatch(/^rejected 499: the (count|preview) was cancelled$/);
        if (t.client !== 'sqlite') expect(await runningStatements(t.strapi, jobTitleColumn)).toBe(0);
      } finally {
        read.stop();
      }
    }
    // Aborted before it starts: nothing is read.
    const gone = AbortSignal.abort();
    await expect(service().count(tree(rule('leadScore', '<', 3)), { signal: gone })).rejects.toMatchObject({ status: 499 });
    expect(await service().count(tree(rule('leadScore', '<', 3)), { signal: new AbortController().signal })).toBe(150);
  });
});
