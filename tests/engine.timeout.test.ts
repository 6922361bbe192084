/**
 * The query time bound (docs/architecture.md#query-time-bound): every count, preview and member page
 * runs under the plugin's `queryTimeoutMs`.
 * A deliberately slow tree (500 `contains` rules over 5,000 contacts: 2.5 million Unicode
 * lowercasings and substring searches, seconds on every database) with a 20 ms bound answers 503
 * with a message a person can act on, and Strapi keeps answering; a request sent while a slow read
 * runs is answered before it ends (on SQLite too, where the read runs in a worker thread).
 */
import { insertScoredContacts } from './support/bulk-contacts';
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
/** 500 rules that each read every contact's email and match none of them. */
const SLOW = {
  combinator: 'or',
  rules: Array.from({ length: 500 }, (_, i) => rule('email', 'contains', `Ünmatched-${i}`)),
};
const FAST = { combinator: 'and', rules: [rule('leadScore', '<', 10)] };

const setTimeoutMs = (ms: number | undefined) => t.strapi.config.set('plugin::segments.queryTimeoutMs', ms);
const preview = (filters: unknown) => t.request.post('/segments/preview').set(admin.headers).send({ filters });

/** Saves SLOW under a name; the saved segment's documentId. */
const saveSlow = async (name: string): Promise<string> =>
  (await t.request.post('/segments/segments').set(admin.headers).send({ name, filters: SLOW }).expect(201)).body.data.documentId;

beforeAll(async () => {
  t = await setupStrapi();
  admin = await createAdminAndLogin(t.strapi, t.request);
  await insertScoredContacts(t.strapi, CONTACTS, {
    idPrefix: 'slowcontact',
    email: (i) => `Person.${i}.Müller@Example-${i % 97}.com`,
  });
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
      const res = await preview(SLOW).expect(503);
      expect(res.body.error).toMatchObject({
        status: 503,
        name: 'ServiceUnavailableError',
      });
      expect(res.body.error.message).toMatch(
        /^this segment took longer than 20 ms to (count|list its contacts); narrow it or add the recommended indexes/,
      );

      const id = await saveSlow('Slow');
      const count = await t.request.post(`/segments/segments/${id}/count`).set(admin.headers).expect(503);
      expect(count.body.error.message).toMatch(/took longer than 20 ms to count/);
      await t.request.get(`/segments/segments/${id}/contacts`).set(admin.headers).expect(503);
      const service = t.strapi.plugin('segments').service('segments') as any;
      await expect(service.count(SLOW)).rejects.toMatchObject({ status: 503 });

      // Strapi still answers, the plugin included.
      await t.request.get('/segments/catalog').set(admin.headers).expect(200);
    } finally {
      setTimeoutMs(15_000);
    }
    const fast = await preview(FAST).expect(200);
    expect(fast.body.count).toBe(10);
  });

  it("bounds a contact's explanation too: where a segment used twice is read whole, past the bound a 503", async () => {
    const id = await saveSlow('Slow for one');
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
    const order: string[] = [];
    const slow = preview(SLOW).then((res) => {
      order.push(`slow ${res.status}`);
      return res;
    });
    // Sent once the slow read has started in its worker.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const catalog = await t.request.get('/segments/catalog').set(admin.headers);
    order.push(`catalog ${catalog.status}`);
    const res = await slow;
    expect(order).toEqual(['catalog 200', 'slow 200']);
    expect(res.body.count).toBe(0);
  });
});
