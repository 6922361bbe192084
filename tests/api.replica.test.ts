/**
 * Reads on a replica (plugin config `readConnection`, docs/architecture.md, "Several nodes: one primary
 * and replicas"): the test starts its own PostgreSQL primary and streaming replica
 * (tests/support/pg-replica.ts), boots the playground on the primary with `readConnection` on the
 * replica, and holds the replica's WAL replay. A contact created through Strapi meanwhile is on the
 * primary but missing from every count, preview, explain, member page, CSV, Export to List and watched
 * refresh, which therefore read the replica; the counts recorded, the list and the watch membership
 * are on the primary, which is where they were written (the replica is read-only). Once replay resumes
 * and catches up, the same reads include the contact.
 *
 * PostgreSQL run only (jest.config.js leaves it out of the SQLite and MySQL runs).
 */
import { setupStrapi, teardownStrapi, type TestStrapi } from './helpers/strapi';
import { createAdminAndLogin, type AdminSession } from './helpers/auth';
import { startReplicaPair, type ReplicaPair } from './support/pg-replica';
import { CONTACT } from './support/uids';

let pair: ReplicaPair;
let t: TestStrapi;
let admin: AdminSession;

const FILTERS = { combinator: 'and', rules: [{ field: 'email', operator: 'endsWith', value: '@replica.test' }] };
const docs = () => (t.strapi.documents as any)(CONTACT);
const onPrimary = (sql: string) => pair.query('primary', sql, t.database);
const onReplica = (sql: string) => pair.query('replica', sql, t.database);
const contactsOn = async (query: (sql: string) => Promise<Record<string, any>[]>) =>
  Number((await query(`SELECT COUNT(*) AS n FROM contacts WHERE email LIKE '%@replica.test'`))[0].n);

async function ok(res: { status: number; body: any }, status = 200) {
  expect([res.status, res.body?.error]).toEqual([status, undefined]);
  return res.body;
}

beforeAll(async () => {
  pair = await startReplicaPair();
  t = await setupStrapi({
    env: {
      DATABASE_HOST: pair.primary.host,
      DATABASE_PORT: String(pair.primary.port),
      DATABASE_USERNAME: 'postgres',
      DATABASE_PASSWORD: '',
      SEGMENTS_READ_CONNECTION: JSON.stringify({ host: pair.replica.host, port: pair.replica.port }),
    },
  });
  admin = await createAdminAndLogin(t.strapi, t.request);
}, 180_000);

afterAll(async () => {
  try {
    await pair?.resume().catch(() => undefined);
    await teardownStrapi();
  } finally {
    await pair?.stop();
  }
});

describe('readConnection on a streaming replica', () => {
  let segment: string;
  let late: { id: number; documentId: string };

  it('boots with its reads on a server in recovery, and the same answers while the replica is caught up', async () => {
    expect((await onReplica('SELECT pg_is_in_recovery() AS r'))[0].r).toBe(true);
    expect((await onPrimary('SELECT pg_is_in_recovery() AS r'))[0].r).toBe(false);
    for (let i = 0; i < 3; i++) await docs().create({ data: { firstName: 'Early', lastName: `N${i}`, email: `early${i}@replica.test` } });
    await docs().create({ data: { firstName: 'Other', lastName: 'One', email: 'other@elsewhere.test' } });
    segment = (
      await ok(await t.request.post('/segments/segments').set(admin.headers).send({ name: 'On the replica', filters: FILTERS }), 201)
    ).data.documentId;
    await ok(await t.request.put(`/segments/segments/${segment}`).set(admin.headers).send({ watched: true }));
    await pair.caughtUp();
    expect((await ok(await t.request.post('/segments/preview').set(admin.headers).send({ filters: FILTERS }))).count).toBe(3);
    const baseline = (await ok(await t.request.post(`/segments/segments/${segment}/refresh`).set(admin.headers))).data;
    expect(baseline).toMatchObject({ count: 3, entered: 0, left: 0 });
  });

  it('while replay is held, a contact written on the primary is missing from every read', async () => {
    await pair.pause();
    late = await docs().create({ data: { firstName: 'Late', lastName: 'Comer', email: 'late@replica.test' } });
    expect(await contactsOn(onPrimary)).toBe(4);
    expect(await contactsOn(onReplica)).toBe(3);

    const preview = await ok(await t.request.post('/segments/preview').set(admin.headers).send({ filters: FILTERS }));
    expect(preview.count).toBe(3);
    expect(preview.contacts.map((c: any) => c.email)).not.toContain('late@replica.test');

    const count = await ok(await t.request.post(`/segments/segments/${segment}/count`).set(admin.headers));
    expect(count.data.lastCount).toBe(3);
    // The count was recorded on the primary (the replica, held, still has none recorded).
    const recorded = `SELECT last_count FROM segments_segments WHERE document_id = '${segment}' AND last_count IS NOT NULL`;
    expect((await onPrimary(recorded)).map((r) => Number(r.last_count))).toContain(3);

    const explain = await ok(await t.request.post('/segments/explain').set(admin.headers).send({ filters: FILTERS }));
    expect([explain.count, explain.total]).toEqual([3, 4]);
    const who = await t.request.post('/segments/explain/contact').set(admin.headers).send({ filters: FILTERS, contact: late.documentId });
    expect(who.status).toBe(503);
    expect(who.body.error.message).toMatch(/not on the read replica yet/);

    const page = await ok(await t.request.get(`/segments/segments/${segment}/contacts?pageSize=10`).set(admin.headers));
    expect(page.meta.pagination.total).toBe(3);
    const csv = await t.request.get(`/segments/segments/${segment}/contacts.csv`).set(admin.headers);
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('early0@replica.test');
    expect(csv.text).not.toContain('late@replica.test');

    const streamed: number[] = [];
    const service = t.strapi.plugin('segments').service('segments') as any;
    for await (const batch of service.stream(FILTERS, { batchSize: 2 })) streamed.push(...batch.map((c: any) => c.id));
    expect(streamed).toHaveLength(3);
    expect(streamed).not.toContain(late.id);

    const list = (await ok(await t.request.post(`/segments/segments/${segment}/export`).set(admin.headers).send({ name: 'Held' }), 201))
      .data;
    expect(list.memberCount).toBe(3);
    const listed = await ok(await t.request.get(`/segments/lists/${list.documentId}/contacts`).set(admin.headers));
    expect(listed.meta.pagination.total).toBe(3);
    const lists = `SELECT COUNT(*) AS n FROM segments_lists WHERE document_id = '${list.documentId}'`;
    expect(Number((await onPrimary(lists))[0].n)).toBeGreaterThan(0);
    expect(Number((await onReplica(lists))[0].n)).toBe(0);

    const refresh = (await ok(await t.request.post(`/segments/segments/${segment}/refresh`).set(admin.headers))).data;
    expect(refresh).toMatchObject({ count: 3, entered: 0, left: 0 });
    const members = `SELECT COUNT(*) AS n FROM segments_watch_members m JOIN segments_segments s ON s.id = m.segment_id WHERE s.document_id = '${segment}'`;
    expect(Number((await onPrimary(members))[0].n)).toBe(3);
  });

  it('once the replica has replayed the primary, the reads include it and a refresh sees it enter', async () => {
    await pair.resume();
    await pair.caughtUp();
    expect(await contactsOn(onReplica)).toBe(4);

    const preview = await ok(await t.request.post('/segments/preview').set(admin.headers).send({ filters: FILTERS }));
    expect(preview.count).toBe(4);
    expect(preview.contacts.map((c: any) => c.email)).toContain('late@replica.test');
    const who = await ok(
      await t.request.post('/segments/explain/contact').set(admin.headers).send({ filters: FILTERS, contact: late.documentId }),
    );
    expect(who.member).toBe(true);
    const page = await ok(await t.request.get(`/segments/segments/${segment}/contacts?pageSize=10`).set(admin.headers));
    expect(page.meta.pagination.total).toBe(4);

    const refresh = (await ok(await t.request.post(`/segments/segments/${segment}/refresh`).set(admin.headers))).data;
    expect(refresh).toMatchObject({ count: 4, entered: 1, left: 0 });
    const changes = await ok(await t.request.get(`/segments/segments/${segment}/changes`).set(admin.headers));
    expect(changes.data.map((c: any) => [c.kind, c.contact.email])).toEqual([['entered', 'late@replica.test']]);

    const list = (
      await ok(await t.request.post(`/segments/segments/${segment}/export`).set(admin.headers).send({ name: 'Caught up' }), 201)
    ).data;
    expect(list.memberCount).toBe(4);
  });

  it('with the replica gone, reads answer 503 with the database’s words and writes still work', async () => {
    await pair.stopReplica();
    const preview = await t.request.post('/segments/preview').set(admin.headers).send({ filters: FILTERS });
    expect(preview.status).toBe(503);
    expect(preview.body.error.message).toMatch(/the database could not answer/);
    await ok(await t.request.put(`/segments/segments/${segment}`).set(admin.headers).send({ name: 'Written on the primary' }));
    expect((await onPrimary(`SELECT name FROM segments_segments WHERE document_id = '${segment}'`))[0].name).toBe('Written on the primary');
  });
});
