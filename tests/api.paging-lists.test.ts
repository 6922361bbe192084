/**
 * Paged collection routes (GET /segments/segments and /segments/lists answer `meta.pagination` like the
 * member routes), what a static list means once a member is deleted, and the byte limit on a tree.
 */
import { MAX_TREE_BYTES } from '../shared/filter-tree';
import { createAdminAndLogin, type AdminSession } from './helpers/auth';
import { setupStrapi, teardownStrapi, type TestStrapi } from './helpers/strapi';

let t: TestStrapi;
let admin: AdminSession;

const group = (...rules: unknown[]) => ({ combinator: 'and', rules });
const LEADS = group({ field: 'lifecycleStage', operator: '=', value: 'lead' });
const get = (url: string) => t.request.get(url).set(admin.headers);

beforeAll(async () => {
  t = await setupStrapi();
  admin = await createAdminAndLogin(t.strapi, t.request);
  const segments = t.strapi.plugin('segments').service('segments');
  // Created oldest first: the list shows the most recently edited first.
  for (let i = 1; i <= 5; i++) await segments.create({ name: `Active ${i}`, filters: LEADS });
  for (let i = 1; i <= 2; i++) await segments.create({ name: `Archived ${i}`, filters: LEADS, archived: true });
});
afterAll(() => teardownStrapi());

describe('GET /segments/segments', () => {
  it('answers one page with its pagination meta', async () => {
    const first = await get('/segments/segments?archived=false&page=1&pageSize=2').expect(200);
    expect(first.body.data.map((s: { name: string }) => s.name)).toEqual(['Active 5', 'Active 4']);
    expect(first.body.meta).toEqual({ pagination: { page: 1, pageSize: 2, pageCount: 3, total: 5 } });
    const last = await get('/segments/segments?archived=false&page=3&pageSize=2').expect(200);
    expect(last.body.data.map((s: { name: string }) => s.name)).toEqual(['Active 1']);
    const archived = await get('/segments/segments?archived=true').expect(200);
    expect(archived.body.meta.pagination).toEqual({ page: 1, pageSize: 25, pageCount: 1, total: 2 });
    const search = await get('/segments/segments?q=ACTIVE%203').expect(200);
    expect(search.body.data.map((s: { name: string }) => s.name)).toEqual(['Active 3']);
    expect(search.body.meta.pagination.total).toBe(1);
  });

  it.each(['page=0', 'pageSize=0', 'pageSize=101', 'page=two'])('refuses %s with a 400 naming it', async (query) => {
    const res = await get(`/segments/segments?${query}`).expect(400);
    expect(res.body.error.message).toMatch(new RegExp(query.split('=')[0]));
  });
});

describe('static lists', () => {
  it('page like segments, and lose a member when its contact is deleted: memberCount and the members page agree', async () => {
    const contacts = t.strapi.documents('api::contact.contact' as any);
    const made = [];
    for (const email of ['a@x.io', 'b@x.io', 'c@x.io'])
      made.push(await contacts.create({ data: { email, lifecycleStage: 'lead' } as any }));
    const segments = t.strapi.plugin('segments').service('segments');
    const source = await segments.create({ name: 'Leads to freeze', filters: LEADS });
    const frozen = await segments.exportToList(source.documentId, { name: 'Frozen leads' });
    await segments.exportToList(source.documentId, { name: 'Second freeze' });
    expect([frozen.memberCount, frozen.frozenCount]).toEqual([3, 3]);

    const page = await get('/segments/lists?page=2&pageSize=1').expect(200);
    expect(page.body.data.map((l: { name: string }) => l.name)).toEqual(['Frozen leads']);
    expect(page.body.meta.pagination).toEqual({ page: 2, pageSize: 1, pageCount: 2, total: 2 });

    await contacts.delete({ documentId: made[1].documentId });
    const list = (await get(`/segments/lists/${frozen.documentId}`).expect(200)).body.data;
    expect([list.memberCount, list.frozenCount]).toEqual([2, 3]);
    const members = (await get(`/segments/lists/${frozen.documentId}/contacts`).expect(200)).body;
    expect(members.meta.pagination.total).toBe(2);
    expect(members.data.map((m: { email: string }) => m.email)).toEqual(['a@x.io', 'c@x.io']);
    const listed = (await get('/segments/lists?q=frozen').expect(200)).body.data;
    expect(listed.map((l: { memberCount: number }) => l.memberCount)).toEqual([2]);
    // A contact created later that matches the segment never joins the frozen list.
    await contacts.create({ data: { email: 'd@x.io', lifecycleStage: 'lead' } as any });
    expect((await get(`/segments/lists/${frozen.documentId}`).expect(200)).body.data.memberCount).toBe(2);
  });
});

describe('a whole filter tree', () => {
  it('is refused with the path when a key it does not use holds NUL (PostgreSQL cannot store it)', async () => {
    const tree = { combinator: 'and', rules: [{ field: 'email', operator: '=', value: 'x@y.z', extra: { 'a\u0000': 1 } }] };
    const res = await t.request.post('/segments/segments').set(admin.headers).send({ name: 'With NUL', filters: tree }).expect(400);
    expect(res.body.error.details.errors).toEqual([
      { path: 'rules[0].extra.a\u0000', message: 'a filter tree cannot contain the NUL character' },
    ]);
  });

  it(`refuses a tree over ${MAX_TREE_BYTES} bytes with a 400 and saves nothing`, async () => {
    const long = 'x'.repeat(200);
    const values = Array.from({ length: 3000 }, (_, i) => `${long}${i}`);
    const tree = group({ field: 'email', operator: 'in', value: values });
    const bytes = Buffer.byteLength(JSON.stringify(tree));
    expect(bytes).toBeGreaterThan(MAX_TREE_BYTES);
    const preview = await t.request.post('/segments/preview').set(admin.headers).send({ filters: tree }).expect(400);
    expect(preview.body.error.message).toBe(
      `Invalid filters at (root): the filter tree takes ${bytes} bytes; at most ${MAX_TREE_BYTES} are allowed`,
    );
    const before = (await get('/segments/segments?pageSize=100').expect(200)).body.meta.pagination.total;
    await t.request.post('/segments/segments').set(admin.headers).send({ name: 'Too big', filters: tree }).expect(400);
    expect((await get('/segments/segments?pageSize=100').expect(200)).body.meta.pagination.total).toBe(before);
  });
});
