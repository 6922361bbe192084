/**
 * Export to List (docs/semantics.md §9): a list freezes the segment's members at export time (member count =
 * segment count), later contacts change the segment but never the list, the list outlives its
 * segment, its members page correctly, and it can be deleted.
 *
 * The service API's `stream` (docs/api.md, "Service API for other plugins"): over 20,000 contacts inserted in bulk it yields
 * every member exactly once, in batches never larger than batchSize, for a whole CRM and for a subset
 * (exact ids), from a tree or a saved segment.
 */
import crypto from 'node:crypto';
import { setupStrapi, teardownStrapi, type TestStrapi } from './helpers/strapi';
import { createAdminAndLogin, type AdminSession } from './helpers/auth';
import { CONTACT } from './support/uids';

let t: TestStrapi;
let admin: AdminSession;

type Tree = Record<string, unknown>;
const group = (rules: unknown[], combinator = 'and'): Tree => ({ combinator, rules });
const rule = (field: string, operator: string, value?: unknown) => (value === undefined ? { field, operator } : { field, operator, value });

const segmentsService = () => t.strapi.plugin('segments').service('segments') as any;
const docs = () => (t.strapi.documents as any)(CONTACT);

async function createSegment(name: string, filters: Tree) {
  const res = await t.request.post('/segments/segments').set(admin.headers).send({ name, filters });
  expect([res.status, res.body.error]).toEqual([201, undefined]);
  return res.body.data as { documentId: string; name: string; filters: Tree };
}

async function exportSegment(documentId: string, body: Record<string, unknown> = {}) {
  const res = await t.request.post(`/segments/segments/${documentId}/export`).set(admin.headers).send(body);
  expect([res.status, res.body.error]).toEqual([201, undefined]);
  return res.body.data as { documentId: string; name: string; memberCount: number; [key: string]: unknown };
}

const getList = (id: string) => t.request.get(`/segments/lists/${id}`).set(admin.headers);
const listMembers = (id: string, query = '') => t.request.get(`/segments/lists/${id}/contacts${query}`).set(admin.headers);
const segmentTotal = async (id: string) => {
  const res = await t.request.get(`/segments/segments/${id}/contacts?pageSize=1`).set(admin.headers);
  expect(res.status).toBe(200);
  return res.body.meta.pagination.total as number;
};

/** Every member of a list, walking its pages. */
async function allListMembers(id: string, pageSize: number) {
  const out: Array<{ documentId: string; name: string; email: string | null }> = [];
  for (let page = 1; ; page++) {
    const res = await listMembers(id, `?page=${page}&pageSize=${pageSize}`);
    expect(res.status).toBe(200);
    out.push(...res.body.data);
    if (page >= res.body.meta.pagination.pageCount) break;
  }
  return out;
}

beforeAll(async () => {
  t = await setupStrapi();
  admin = await createAdminAndLogin(t.strapi, t.request);
});

afterAll(async () => {
  await teardownStrapi();
});

// ------------------------------------------------------------------------------------------------

describe('Export to List', () => {
  const SCORED = group([rule('lifecycleStage', '=', 'lead'), rule('leadScore', '>=', 3), rule('email', 'endsWith', '@small.test')]);
  const expected = new Map<string, string>(); // documentId → email of the contacts matching SCORED at export
  let segment: { documentId: string; name: string };
  let list: { documentId: string; name: string; memberCount: number; [key: string]: unknown };

  beforeAll(async () => {
    for (let i = 0; i < 23; i++) {
      const c = await docs().create({
        data: { firstName: 'Lead', lastName: `No${i}`, email: `lead${i}@small.test`, lifecycleStage: 'lead', leadScore: i },
      });
      if (i >= 3) expected.set(c.documentId, c.email);
    }
    for (let i = 0; i < 5; i++) {
      await docs().create({
        data: { firstName: 'Cust', lastName: `No${i}`, email: `customer${i}@small.test`, lifecycleStage: 'customer', leadScore: 50 },
      });
    }
    segment = await createSegment('Scored leads', SCORED);
  });

  it('freezes the members: member count = segment count', async () => {
    expect(await segmentTotal(segment.documentId)).toBe(20);
    list = await exportSegment(segment.documentId, { name: 'Scored leads, frozen' });
    expect(list).toMatchObject({ name: 'Scored leads, frozen', memberCount: 20 });
    expect(list.documentId).toEqual(expect.any(String));
    expect(await segmentsService().count(segment.documentId)).toBe(list.memberCount);

    const read = await getList(list.documentId);
    expect(read.status).toBe(200);
    expect(read.body.data).toMatchObject({ documentId: list.documentId, name: 'Scored leads, frozen', memberCount: 20 });

    const all = await t.request.get('/segments/lists').set(admin.headers);
    expect(all.status).toBe(200);
    expect(all.body.data.map((l: any) => l.documentId)).toContain(list.documentId);
  });

  it('pages the members: page 2 works, totals are right, every member once', async () => {
    const p1 = await listMembers(list.documentId, '?page=1&pageSize=8');
    const p2 = await listMembers(list.documentId, '?page=2&pageSize=8');
    const p3 = await listMembers(list.documentId, '?page=3&pageSize=8');
    const p4 = await listMembers(list.documentId, '?page=4&pageSize=8');
    for (const [res, page, n] of [
      [p1, 1, 8],
      [p2, 2, 8],
      [p3, 3, 4],
      [p4, 4, 0],
    ] as const) {
      expect(res.status).toBe(200);
      expect(res.body.meta.pagination).toEqual({ page, pageSize: 8, pageCount: 3, total: 20 });
      expect(res.body.data).toHaveLength(n);
    }
    const members = [...p1.body.data, ...p2.body.data, ...p3.body.data];
    for (const m of members) {
      expect(m).toEqual({
        documentId: expect.any(String),
        name: expect.stringMatching(/^Lead No\d+$/),
        email: expect.stringMatching(/@small\.test$/),
        createdAt: expect.any(String),
      });
    }
    expect(new Set(members.map((m: any) => m.documentId)).size).toBe(20);
    expect(new Map(members.map((m: any) => [m.documentId, m.email]))).toEqual(expected);

    // the default page
    const first = await listMembers(list.documentId);
    expect(first.body.meta.pagination).toMatchObject({ page: 1, total: 20 });
    for (const q of ['?page=0', '?pageSize=0', '?pageSize=101']) {
      expect([q, (await listMembers(list.documentId, q)).status]).toEqual([q, 400]);
    }
  });

  it('does not change when contacts change afterwards; the segment does', async () => {
    const added = [];
    for (let i = 0; i < 2; i++) {
      added.push(
        await docs().create({
          data: { firstName: 'Late', lastName: `No${i}`, email: `late${i}@small.test`, lifecycleStage: 'lead', leadScore: 99 },
        }),
      );
    }
    // a member that stops matching
    const [leaving] = [...expected.keys()];
    await docs().update({ documentId: leaving, data: { lifecycleStage: 'customer' } });

    expect(await segmentTotal(segment.documentId)).toBe(21);
    expect((await getList(list.documentId)).body.data.memberCount).toBe(20);
    const members = await allListMembers(list.documentId, 7);
    expect(new Map(members.map((m) => [m.documentId, m.email]))).toEqual(expected);

    // a new export freezes the new state
    const second = await exportSegment(segment.documentId, { name: 'Scored leads, later' });
    expect(second.memberCount).toBe(21);
    const now = (await allListMembers(second.documentId, 100)).map((m) => m.documentId).sort();
    const want = [...expected.keys()]
      .filter((id) => id !== leaving)
      .concat(added.map((c) => c.documentId))
      .sort();
    expect(now).toEqual(want);
    // the first list still has 20
    expect((await listMembers(list.documentId)).body.meta.pagination.total).toBe(20);

    await docs().update({ documentId: leaving, data: { lifecycleStage: 'lead' } });
    for (const c of added) await docs().delete({ documentId: c.documentId });
  });

  it('names the list after the segment and the day when no name is given', async () => {
    const unnamed = await exportSegment(segment.documentId);
    expect(unnamed.name).toMatch(/^Scored leads \(\d{4}-\d{2}-\d{2}\)$/);
    expect(unnamed.memberCount).toBe(20);
  });

  it('exports an empty segment as an empty list', async () => {
    const none = await createSegment('Nobody', group([rule('email', '=', 'nobody@nowhere.test')]));
    const empty = await exportSegment(none.documentId, { name: 'Empty' });
    expect(empty.memberCount).toBe(0);
    const res = await listMembers(empty.documentId);
    expect(res.body).toEqual({ data: [], meta: { pagination: { page: 1, pageSize: 25, pageCount: 0, total: 0 } } });
  });

  it('refuses unknown segments and bad names', async () => {
    const unknown = await t.request.post('/segments/segments/nosuchsegment0000000000000/export').set(admin.headers).send({});
    expect(unknown.status).toBe(404);
    const long = await t.request
      .post(`/segments/segments/${segment.documentId}/export`)
      .set(admin.headers)
      .send({ name: 'x'.repeat(256) });
    expect(long.status).toBe(400);
    expect(long.body.error.details.path).toBe('name');
  });

  it('is offered by the service API too', async () => {
    const viaService = await segmentsService().exportToList(segment.documentId, { name: 'From a plugin' });
    expect(viaService).toMatchObject({ name: 'From a plugin', memberCount: 20 });
    expect((await listMembers(viaService.documentId)).body.meta.pagination.total).toBe(20);
  });

  it('announces the new list (entry.create) without loading its members', async () => {
    const seen: any[] = [];
    const listen = async (event: any) => {
      if (event.uid === 'plugin::segments.list') seen.push(event);
    };
    t.strapi.eventHub.on('entry.create', listen);
    try {
      const list = await segmentsService().exportToList(segment.documentId, { name: 'Announced' });
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ model: 'list', entry: { documentId: list.documentId, name: 'Announced', memberCount: 20 } });
      expect(seen[0].entry.segment).toEqual({ documentId: segment.documentId, name: segment.name });
      expect(seen[0].entry).not.toHaveProperty('members');
    } finally {
      t.strapi.eventHub.off('entry.create', listen);
    }
  });

  it('outlives its segment', async () => {
    const doomed = await createSegment('Doomed', SCORED);
    const kept = await exportSegment(doomed.documentId, { name: 'Kept after delete' });
    expect((await t.request.delete(`/segments/segments/${doomed.documentId}`).set(admin.headers)).status).toBe(200);
    const read = await getList(kept.documentId);
    expect(read.status).toBe(200);
    expect(read.body.data).toMatchObject({ name: 'Kept after delete', memberCount: 20 });
    expect(read.body.data.segment ?? null).toBeNull();
    expect((await allListMembers(kept.documentId, 50)).length).toBe(20);
  });

  it('deletes a list, and only the list', async () => {
    const doomed = await exportSegment(segment.documentId, { name: 'To delete' });
    const contactsBefore = await t.strapi.db.query(CONTACT as any).count({});
    const res = await t.request.delete(`/segments/lists/${doomed.documentId}`).set(admin.headers);
    expect(res.status).toBe(200);
    expect((await getList(doomed.documentId)).status).toBe(404);
    expect((await listMembers(doomed.documentId)).status).toBe(404);
    expect((await t.request.delete(`/segments/lists/${doomed.documentId}`).set(admin.headers)).status).toBe(404);
    const all = await t.request.get('/segments/lists').set(admin.headers);
    expect(all.body.data.map((l: any) => l.documentId)).not.toContain(doomed.documentId);
    expect(all.body.data.map((l: any) => l.documentId)).toContain(list.documentId);
    // the contacts, the segment and the other lists are untouched
    expect(await t.strapi.db.query(CONTACT as any).count({})).toBe(contactsBefore);
    expect(await segmentTotal(segment.documentId)).toBe(20);
    expect((await listMembers(list.documentId)).body.meta.pagination.total).toBe(20);
  });
});

// ------------------------------------------------------------------------------------------------

describe('stream over 20,000 contacts', () => {
  const N = 20_000;
  const STAGES = ['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer', 'evangelist'];
  const bulk: Array<{ documentId: string; stage: string; score: number }> = [];
  let insertMs = 0;

  const stageOf = (i: number) => STAGES[i % STAGES.length];
  const scoreOf = (i: number) => (i * 37) % 1000;

  beforeAll(async () => {
    const meta = t.strapi.db.metadata.get(CONTACT as any) as any;
    const col = (attribute: string) => meta.attributes[attribute].columnName as string;
    const knex = t.strapi.db.connection;
    const chunk = t.client === 'sqlite' ? 50 : 1000;
    const started = Date.now();
    const now = new Date();
    await knex.transaction(async (trx) => {
      for (let from = 0; from < N; from += chunk) {
        const rows = [];
        for (let i = from; i < Math.min(N, from + chunk); i++) {
          const documentId = `b${i.toString(36).padStart(5, '0')}${crypto.randomBytes(9).toString('hex')}`; // 24 chars
          bulk.push({ documentId, stage: stageOf(i), score: scoreOf(i) });
          rows.push({
            document_id: documentId,
            [col('firstName')]: 'Bulk',
            [col('lastName')]: `Contact ${i}`,
            [col('email')]: `bulk${i}@bulk.test`,
            [col('lifecycleStage')]: stageOf(i),
            [col('leadScore')]: scoreOf(i),
            created_at: now,
            updated_at: now,
            published_at: now,
            locale: null,
          });
        }
        await trx(meta.tableName).insert(rows);
      }
    });
    insertMs = Date.now() - started;
    if (process.env.SEGMENTS_TEST_VERBOSE) console.log(`inserted ${N} contacts in ${insertMs} ms`);
    expect(new Set(bulk.map((b) => b.documentId)).size).toBe(N);
    expect(bulk[0].documentId).toHaveLength(24);
  });

  async function collect(input: unknown, options: Record<string, unknown>) {
    const batches: Array<Array<Record<string, any>>> = [];
    for await (const batch of segmentsService().stream(input, options)) batches.push(batch);
    return batches;
  }

  function expectBatches(batches: Array<Array<Record<string, any>>>, batchSize: number) {
    expect(batches.length).toBeGreaterThan(0);
    for (const [i, batch] of batches.entries()) {
      expect(batch.length).toBeGreaterThan(0);
      expect(batch.length).toBeLessThanOrEqual(batchSize);
      // every batch but the last is full (the iteration reads one batch at a time)
      if (i < batches.length - 1) expect(batch.length).toBe(batchSize);
    }
    const ids = batches.flat().map((c) => c.documentId as string);
    expect(new Set(ids).size).toBe(ids.length); // exactly once
    return ids;
  }

  it('yields every contact exactly once, in batches of at most batchSize', async () => {
    const all = (await t.strapi.db.connection((t.strapi.db.metadata.get(CONTACT as any) as any).tableName).select('document_id')).map(
      (r: any) => r.document_id as string,
    );
    expect(all.length).toBeGreaterThanOrEqual(N);
    for (const batchSize of [1000, 777]) {
      const batches = await collect(group([]), { batchSize });
      const ids = expectBatches(batches, batchSize);
      expect(ids.length).toBe(all.length);
      expect(ids.sort()).toEqual([...all].sort());
      expect(batches.length).toBe(Math.ceil(all.length / batchSize));
    }
  });

  it('yields contact entities', async () => {
    const [first] = await collect(group([rule('email', '=', 'bulk7@bulk.test')]), { batchSize: 10 });
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      documentId: bulk[7].documentId,
      email: 'bulk7@bulk.test',
      firstName: 'Bulk',
      lastName: 'Contact 7',
      lifecycleStage: stageOf(7),
      leadScore: scoreOf(7),
    });
    const stored = await t.strapi.db.query('api::contact.contact' as any).findOne({ where: { documentId: bulk[7].documentId } });
    expect(first[0].id).toBe(stored.id);
  });

  describe('a segment matching a subset', () => {
    // customers and evangelists scoring 100..499: about 1/7 * 2 * 0.4 of the bulk
    const SUBSET = group([
      rule('email', 'endsWith', '@bulk.test'),
      rule('lifecycleStage', 'in', ['customer', 'evangelist']),
      rule('leadScore', 'between', [100, 499]),
    ]);
    const want = () =>
      bulk
        .filter((b) => (b.stage === 'customer' || b.stage === 'evangelist') && b.score >= 100 && b.score <= 499)
        .map((b) => b.documentId)
        .sort();

    it('from a tree: exactly its members', async () => {
      expect(want().length).toBeGreaterThan(1000);
      const ids = expectBatches(await collect(SUBSET, { batchSize: 500 }), 500);
      expect(ids.sort()).toEqual(want());
      expect(await segmentsService().count(SUBSET)).toBe(want().length);
    });

    it('from a saved segment, by documentId or by object', async () => {
      const saved = await createSegment('Bulk subset', SUBSET);
      for (const input of [saved.documentId, { documentId: saved.documentId }]) {
        const ids = expectBatches(await collect(input, { batchSize: 250 }), 250);
        expect(ids.sort()).toEqual(want());
      }
      // the admin API agrees, and so does an export of it
      expect(await segmentTotal(saved.documentId)).toBe(want().length);
      const exported = await exportSegment(saved.documentId, { name: 'Bulk subset, frozen' });
      expect(exported.memberCount).toBe(want().length);
      const frozen = (await allListMembers(exported.documentId, 100)).map((m) => m.documentId).sort();
      expect(frozen).toEqual(want());
    });

    it('with batchSize 1 and a small tree', async () => {
      const tiny = group([rule('email', 'in', ['bulk1@bulk.test', 'bulk2@bulk.test', 'bulk3@bulk.test'])]);
      const batches = await collect(tiny, { batchSize: 1 });
      expect(batches.map((b) => b.length)).toEqual([1, 1, 1]);
      expect(
        batches
          .flat()
          .map((c) => c.email)
          .sort(),
      ).toEqual(['bulk1@bulk.test', 'bulk2@bulk.test', 'bulk3@bulk.test']);
    });

    it("toWhere combines with a caller's own conditions", async () => {
      const where = await segmentsService().toWhere(SUBSET);
      const n = await t.strapi.db.query(CONTACT as any).count({ where: { $and: [where, { leadScore: { $lt: 300 } }] } });
      expect(n).toBe(bulk.filter((b) => (b.stage === 'customer' || b.stage === 'evangelist') && b.score >= 100 && b.score < 300).length);
    });
  });

  it('evaluates the tree once, when the iteration starts: a member deleted since is skipped, one who unsubscribed since is left out, a newcomer waits', async () => {
    const snap = (i: number) => ({ firstName: 'Snap', lastName: `Contact ${i}`, email: `snap${i}@snap.test`, unsubscribed: false });
    const created = [];
    for (let i = 0; i < 6; i++) created.push(await docs().create({ data: snap(i) }));
    const tree = group([rule('email', 'endsWith', '@snap.test')]);
    const iteration = segmentsService().stream(tree, { batchSize: 2, excludeUnsubscribed: true })[Symbol.asyncIterator]();

    const first = await iteration.next();
    expect(first.value.map((c: any) => c.email)).toEqual(['snap0@snap.test', 'snap1@snap.test']);
    // While the sender works on the first batch: one member is deleted, one unsubscribes, one stops
    // matching (it was a member when the send started, so it stays in), and a new contact matches.
    await docs().delete({ documentId: created[2].documentId });
    await docs().update({ documentId: created[3].documentId, data: { unsubscribed: true } });
    await docs().update({ documentId: created[4].documentId, data: { email: 'moved4@elsewhere.test' } });
    await docs().create({ data: snap(6) });

    const rest: string[] = [];
    for (let next = await iteration.next(); !next.done; next = await iteration.next()) rest.push(...next.value.map((c: any) => c.email));
    expect(rest).toEqual(['moved4@elsewhere.test', 'snap5@snap.test']);
    // The next send sees the segment as it is now.
    const again = (await collect(tree, { batchSize: 10, excludeUnsubscribed: true })).flat().map((c) => c.email);
    expect(again).toEqual(['snap0@snap.test', 'snap1@snap.test', 'snap5@snap.test', 'snap6@snap.test']);
  });

  it('an empty audience yields no batch', async () => {
    expect(await collect(group([rule('email', '=', 'nobody@bulk.test')]), { batchSize: 100 })).toEqual([]);
  });

  it('refuses a bad batchSize, an invalid tree and an unknown segment', async () => {
    for (const batchSize of [0, -1, 1.5, 10_001]) {
      await expect(collect(group([]), { batchSize })).rejects.toMatchObject({ status: 400 });
    }
    await expect(collect(group([], 'xor'), { batchSize: 10 })).rejects.toMatchObject({ status: 400 });
    await expect(collect('nosuchsegment0000000000000', { batchSize: 10 })).rejects.toMatchObject({ status: 404 });
  });
});
