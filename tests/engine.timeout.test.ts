/**
 * The query time bound (docs/architecture.md#query-time-bound): every count, preview and member page
 * runs under the plugin's `queryTimeoutMs`.
 * A tree too big to evaluate within the bound, by construction (500 `contains` rules over the
 * 250-character job titles of 5,000 contacts: 625 million characters lowercased and searched), with
 * a 20 ms bound answers 503 with a message a person can act on, and Strapi keeps answering; a request
 * sent once such a read is running (the database lists it, or on SQLite a worker thread has it) is
 * answered while it runs. No test waits for a time it assumes a read takes.
 */
import { insertContacts } from './support/bulk-contacts';
import { watchForRead } from './support/running-read';
import { setupStrapi, teardownStrapi, type TestStrapi } from './helpers/strapi';
import { createAdminAndLogin, type AdminSession } from './helpers/auth';
import { CONTACT } from './support/uids';

let t: TestStrapi;
let admin: AdminSession;

const CONTACTS = 5000;
const rule = (field: string, operator: string, value?: unknown) => ({
  field,
  operator,
  value,
});
/**
 * 500 rules that each read every contact's email and match none of them: 2.5 million lowercasings of
 * some 30 characters, well past 20 ms and within the default bound (a segment used twice is evaluated
 * whole in the explanation test, and must then answer).
 */
const SLOW = {
  combinator: 'or',
  rules: Array.from({ length: 500 }, (_, i) => rule('email', 'contains', `Ünmatched-${i}`)),
};
/**
 * 500 rules that each read every contact's 250-character job title and match none of them: 2.5
 * million lowercasings and searches of 250 characters, 625 million characters in all (10-12 s on
 * PostgreSQL and MariaDB, 22 s on SQLite on a busy 2-core machine). No machine reads that much within
 * 20 ms, nor in the time a catalog request takes.
 */
const HUGE = {
  combinator: 'or',
  rules: Array.from({ length: 500 }, (_, i) => rule('jobTitle', 'contains', `Ünmatched-${i}`)),
};
/** A job title of 250 characters, with letters to lowercase all along. */
const jobTitle = (i: number) => `Größte Verantwortung Nr. ${i} `.padEnd(250, 'ÄÖÜ abc ');
/** The bound of the read that runs while another request is answered: the test need not wait for all of it. */
const READ_BOUND_MS = 5_000;
const FAST = { combinator: 'and', rules: [rule('leadScore', '<', 10)] };

const setTimeoutMs = (ms: number | undefined) => t.strapi.config.set('plugin::segments.queryTimeoutMs', ms);
const preview = (filters: unknown) => t.request.post('/segments/preview').set(admin.headers).send({ filters });

/** Saves a tree under a name; the saved segment's documentId. */
const save = async (name: string, filters: unknown): Promise<string> =>
  (await t.request.post('/segments/segments').set(admin.headers).send({ name, filters }).expect(201)).body.data.documentId;

beforeAll(async () => {
  t = await setupStrapi();
  admin = await createAdminAndLogin(t.strapi, t.request);
  await insertContacts(t.strapi, CONTACTS, (i, column) => ({
    document_id: `slowcontact${String(i).padStart(13, '0')}`,
    [column('email')]: `Person.${i}.Müller@Example-${i % 97}.com`,
    [column('leadScore')]: i,
    [column('jobTitle')]: jobTitle(i),
  }));
});
afterAll(async () => {
  setTimeoutMs(undefined);
  await teardownStrapi();
});

describe('queryTimeoutMs', () => {
  it('is 15 s unless configured', () => {
    expect(t.strapi.config.get('plugin::segments.queryTimeoutMs')).toBe(15_000);
  });

  it('answers 503 with what to do when a preview, a count or a member page takes too long, and keeps serving', async () => {
    setTimeoutMs(20);
    try {
      const res = await preview(HUGE).expect(503);
      expect(res.body.error).toMatchObject({
        status: 503,
        name: 'ServiceUnavailableError',
      });
      expect(res.body.error.message).toMatch(
        /^this segment took longer than 20 ms to (count|list its contacts); narrow it or add the recommended indexes/,
      );

      const id = await save('Huge', HUGE);
      const count = await t.request.post(`/segments/segments/${id}/count`).set(admin.headers).expect(503);
      expect(count.body.error.message).toMatch(/took longer than 20 ms to count/);
      await t.request.get(`/segments/segments/${id}/contacts`).set(admin.headers).expect(503);
      const service = t.strapi.plugin('segments').service('segments') as any;
      await expect(service.count(HUGE)).rejects.toMatchObject({ status: 503 });

      // Strapi still answers, the plugin included.
      await t.request.get('/segments/catalog').set(admin.headers).expect(200);
    } finally {
      setTimeoutMs(15_000);
    }
    const fast = await preview(FAST).expect(200);
    expect(fast.body.count).toBe(10);
  });

  it("bounds a contact's explanation too: where a segment used twice is read whole, past the bound a 503", async () => {
    const id = await save('Slow for one', SLOW);
    // Named twice, the segment is evaluated whole first, even for one contact: a materialized CTE on
    // PostgreSQL, a temporary table filled before the read on SQLite and MariaDB.
    const twice = {
      combinator: 'or',
      rules: [rule('segment', 'in', [id]), { combinator: 'and', not: true, rules: [rule('segment', 'in', [id])] }],
    };
    const contact = (await t.strapi.db.query(CONTACT as any).findOne({ where: { leadScore: 3 } })) as { documentId: string };
    const explain = () =>
      t.request.post('/segments/explain/contact').set(admin.headers).send({ filters: twice, contact: contact.documentId });
    setTimeoutMs(20);
    try {
      const res = await explain().expect(503);
      expect(res.body.error.message).toMatch(/^this segment took longer than 20 ms to explain this contact; narrow it/);
    } finally {
      setTimeoutMs(15_000);
    }
    const res = await explain().expect(200);
    expect(res.body.member).toBe(true);
  });

  it('bounds each statement, not the sum: a fast tree under a bound that the slow one passes', async () => {
    setTimeoutMs(5_000);
    try {
      expect((await preview(FAST).expect(200)).body.count).toBe(10);
    } finally {
      setTimeoutMs(15_000);
    }
  });

  it('answers other requests while a slow read runs (on SQLite: in a worker thread)', async () => {
    const column = (t.strapi.db.metadata.get(CONTACT as any) as any).attributes.jobTitle.columnName as string;
    const order: string[] = [];
    setTimeoutMs(READ_BOUND_MS);
    const read = watchForRead(t.strapi, column);
    try {
      const slow = preview(HUGE).then((res) => {
        order.push(`slow ${res.status}`);
        return res;
      });
      await read.running;
      const catalog = await t.request.get('/segments/catalog').set(admin.headers);
      order.push(`catalog ${catalog.status}`);
      const res = await slow;
      expect(order).toEqual(['catalog 200', expect.stringMatching(/^slow (200|503)$/)]);
      // Ended by the bound, or (on a machine fast enough) answered: either way, after the catalog.
      if (res.status === 503) expect(res.body.error.message).toMatch(/^this segment took longer than 5 s to (count|list its contacts)/);
      else expect(res.body.count).toBe(0);
    } finally {
      read.stop();
      setTimeoutMs(15_000);
    }
  });
});
