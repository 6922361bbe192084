/**
 * Segment CRUD through the admin HTTP API (docs/api.md, "Admin HTTP API"): create, list (archived tab, search), get,
 * partial update, duplicate ("Copy of …"), archive / unarchive, delete (refused with 409 while another
 * segment uses it), the live member list, and lists exported from a segment outliving it.
 */
import { setupStrapi, teardownStrapi, type TestStrapi } from './helpers/strapi';
import { createAdminAndLogin, type AdminSession } from './helpers/auth';
import { CONTACT, SEGMENT } from './support/uids';

let t: TestStrapi;
let admin: AdminSession;

type Tree = Record<string, unknown>;
const group = (rules: unknown[], combinator = 'and', extra: Record<string, unknown> = {}): Tree => ({ combinator, rules, ...extra });
const rule = (field: string, operator: string, value?: unknown) => (value === undefined ? { field, operator } : { field, operator, value });
const uses = (...ids: string[]) => rule('segment', 'in', ids);

interface Segment {
  documentId: string;
  name: string;
  description: string | null;
  filters: Tree;
  aiPrompt: string | null;
  archived: boolean;
  lastCount: number | null;
  [key: string]: unknown;
}

const api = {
  create: (body: Record<string, unknown>) => t.request.post('/segments/segments').set(admin.headers).send(body),
  list: (query = '') => t.request.get(`/segments/segments${query}`).set(admin.headers),
  get: (id: string) => t.request.get(`/segments/segments/${id}`).set(admin.headers),
  update: (id: string, body: Record<string, unknown>) => t.request.put(`/segments/segments/${id}`).set(admin.headers).send(body),
  remove: (id: string) => t.request.delete(`/segments/segments/${id}`).set(admin.headers),
  post: (id: string, action: string, body: Record<string, unknown> = {}) =>
    t.request.post(`/segments/segments/${id}/${action}`).set(admin.headers).send(body),
  members: (id: string, query = '') => t.request.get(`/segments/segments/${id}/contacts${query}`).set(admin.headers),
};

async function create(name: string, filters: Tree, extra: Record<string, unknown> = {}): Promise<Segment> {
  const res = await api.create({ name, filters, ...extra });
  expect([res.status, res.body.error]).toEqual([201, undefined]);
  return res.body.data;
}

const names = (res: any) => (res.body.data as Segment[]).map((s) => s.name).sort();

const LEADS = group([rule('lifecycleStage', '=', 'lead')]);
const HOT = group([rule('leadScore', '>=', 80)]);

let contactSeq = 0;
async function contact(data: Record<string, unknown>) {
  contactSeq += 1;
  return (t.strapi.documents as any)(CONTACT).create({
    data: { firstName: `First${contactSeq}`, lastName: `Last${contactSeq}`, email: `c${contactSeq}@example.com`, ...data },
  });
}

beforeAll(async () => {
  t = await setupStrapi();
  admin = await createAdminAndLogin(t.strapi, t.request);
  for (let i = 0; i < 7; i++) await contact({ lifecycleStage: 'lead', leadScore: i * 15 });
  for (let i = 0; i < 3; i++) await contact({ lifecycleStage: 'customer', leadScore: 90 + i });
});

afterAll(async () => {
  await teardownStrapi();
});

describe('create and get', () => {
  it('creates a segment (201) and reads it back', async () => {
    const res = await api.create({
      name: 'Warm leads',
      description: 'Leads to call this week',
      filters: LEADS,
      aiPrompt: 'leads to call',
    });
    expect(res.status).toBe(201);
    const created = res.body.data as Segment;
    expect(created).toMatchObject({
      name: 'Warm leads',
      description: 'Leads to call this week',
      filters: LEADS,
      aiPrompt: 'leads to call',
      archived: false,
    });
    expect(created.documentId).toMatch(/^[a-z0-9]{20,}$/);

    const read = await api.get(created.documentId);
    expect(read.status).toBe(200);
    expect(read.body.data).toMatchObject({ documentId: created.documentId, name: 'Warm leads', filters: LEADS, archived: false });
  });

  it('keeps the tree exactly as sent, ids and nested groups included', async () => {
    const filters = {
      id: 'root',
      combinator: 'or',
      not: true,
      rules: [
        { id: 'r1', field: 'email', operator: 'endsWith', value: '@example.com' },
        {
          id: 'g1',
          combinator: 'and',
          rules: [
            {
              id: 'r2',
              field: 'deals',
              operator: 'matches',
              match: { mode: 'atLeast', threshold: 2 },
              value: group([rule('stage', 'in', ['proposal', 'qualified'])]),
            },
          ],
        },
      ],
    };
    const created = await create('Exact tree', filters);
    expect(created.filters).toEqual(filters);
    expect((await api.get(created.documentId)).body.data.filters).toEqual(filters);
  });

  it('creates an archived segment when asked', async () => {
    const created = await create('Born archived', HOT, { archived: true });
    expect(created.archived).toBe(true);
  });

  it('answers 404 for an unknown segment', async () => {
    const res = await api.get('nosuchsegment0000000000000');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ data: null, error: { status: 404, name: 'NotFoundError' } });
    expect(res.body.error.message).toContain('nosuchsegment0000000000000');
  });
});

describe('list', () => {
  beforeAll(async () => {
    await create('Germany enterprise', group([rule('company.country', '=', 'Germany')]), { description: 'DACH accounts' });
    await create('Old newsletter', LEADS, { description: 'kept for history', archived: true });
    await create('100% engaged', HOT, { description: 'opened everything' });
  });

  it('lists every segment without a filter', async () => {
    const res = await api.list();
    expect(res.status).toBe(200);
    expect(names(res)).toEqual(
      expect.arrayContaining(['Warm leads', 'Germany enterprise', 'Old newsletter', '100% engaged', 'Born archived']),
    );
    for (const s of res.body.data as Segment[]) {
      expect(s).toEqual(
        expect.objectContaining({
          documentId: expect.any(String),
          name: expect.any(String),
          filters: expect.any(Object),
          archived: expect.any(Boolean),
        }),
      );
    }
  });

  it('filters by the archived tab', async () => {
    const active = await api.list('?archived=false');
    const archived = await api.list('?archived=true');
    expect(active.status).toBe(200);
    expect(archived.status).toBe(200);
    expect((active.body.data as Segment[]).every((s) => !s.archived)).toBe(true);
    expect((archived.body.data as Segment[]).every((s) => s.archived)).toBe(true);
    expect(names(archived)).toEqual(['Born archived', 'Old newsletter']);
    expect(names(active)).toContain('Warm leads');
    expect(names(active)).not.toContain('Old newsletter');
    const all = await api.list();
    expect(all.body.data.length).toBe(active.body.data.length + archived.body.data.length);
  });

  it('searches names and descriptions, case-insensitively', async () => {
    expect(names(await api.list('?q=germany'))).toEqual(['Germany enterprise']);
    expect(names(await api.list('?q=DACH'))).toEqual(['Germany enterprise']);
    expect(names(await api.list('?q=LEADS'))).toEqual(['Warm leads']);
    expect(names(await api.list('?q=history'))).toEqual(['Old newsletter']);
    expect(names(await api.list('?q=no-such-thing'))).toEqual([]);
  });

  it('combines search and tab', async () => {
    expect(names(await api.list('?q=news&archived=true'))).toEqual(['Old newsletter']);
    expect(names(await api.list('?q=news&archived=false'))).toEqual([]);
  });

  it('takes % and _ in the search literally', async () => {
    expect(names(await api.list(`?q=${encodeURIComponent('%')}`))).toEqual(['100% engaged']);
    expect(names(await api.list(`?q=${encodeURIComponent('_')}`))).toEqual([]);
  });

  it('refuses an archived value other than true or false', async () => {
    const res = await api.list('?archived=maybe');
    expect(res.status).toBe(400);
    expect(res.body.error.details.path).toBe('archived');
  });
});

describe('update', () => {
  let segment: Segment;
  beforeEach(async () => {
    segment = await create(`Editable ${Date.now()}`, LEADS, { description: 'before', aiPrompt: 'the leads' });
  });

  it('changes only the name when only the name is sent', async () => {
    const res = await api.update(segment.documentId, { name: 'Renamed' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      documentId: segment.documentId,
      name: 'Renamed',
      description: 'before',
      filters: LEADS,
      aiPrompt: 'the leads',
    });
    expect((await api.get(segment.documentId)).body.data).toMatchObject({ name: 'Renamed', filters: LEADS });
  });

  it('changes only the tree when only the tree is sent', async () => {
    const res = await api.update(segment.documentId, { filters: HOT });
    expect(res.status).toBe(200);
    expect((await api.get(segment.documentId)).body.data).toMatchObject({ name: segment.name, description: 'before', filters: HOT });
  });

  it('clears the description with null', async () => {
    const res = await api.update(segment.documentId, { description: null });
    expect(res.status).toBe(200);
    expect((await api.get(segment.documentId)).body.data.description).toBeNull();
  });

  it('refuses an empty name and keeps the segment', async () => {
    const res = await api.update(segment.documentId, { name: '  ', filters: HOT });
    expect(res.status).toBe(400);
    expect(res.body.error.details.path).toBe('name');
    expect((await api.get(segment.documentId)).body.data).toMatchObject({ name: segment.name, filters: LEADS });
  });

  it('answers 404 for an unknown segment', async () => {
    const res = await api.update('nosuchsegment0000000000000', { name: 'x' });
    expect(res.status).toBe(404);
  });

  it("forgets the counts of the segments built on it, through others, and no one else's", async () => {
    const base = await create(`Base ${Date.now()}`, LEADS);
    const direct = await create(`Uses base ${Date.now()}`, group([uses(base.documentId)]));
    const through = await create(`Uses that ${Date.now()}`, group([rule('leadScore', '>=', 0), uses(direct.documentId)]));
    // Names the base's documentId in its text without using it: a candidate the tree check must drop.
    const mentions = await create(`Mentions base ${Date.now()}`, group([rule('email', 'contains', base.documentId)]));
    const unrelated = await create(`Unrelated ${Date.now()}`, HOT);
    const all = [base, direct, through, mentions, unrelated];
    for (const s of all) expect((await api.post(s.documentId, 'count')).status).toBe(200);
    const counted = async () => Promise.all(all.map(async (s) => (await api.get(s.documentId)).body.data.lastCount !== null));
    expect(await counted()).toEqual([true, true, true, true, true]);

    // The edited segment is counted again by its save; those built on it wait for their next count.
    expect((await api.update(base.documentId, { filters: HOT })).status).toBe(200);
    expect(await counted()).toEqual([true, false, false, true, true]);
  });
});

describe('duplicate', () => {
  it('creates "Copy of …" with the same tree, leaving the source as it was', async () => {
    const source = await create('Hot customers', HOT, { description: 'score ≥ 80', aiPrompt: 'hot ones' });
    const res = await api.post(source.documentId, 'duplicate');
    expect(res.status).toBe(201);
    const copy = res.body.data as Segment;
    expect(copy.documentId).not.toBe(source.documentId);
    expect(copy).toMatchObject({
      name: 'Copy of Hot customers',
      description: 'score ≥ 80',
      filters: HOT,
      aiPrompt: 'hot ones',
      archived: false,
    });
    expect((await api.get(copy.documentId)).body.data.name).toBe('Copy of Hot customers');
    expect((await api.get(source.documentId)).body.data).toMatchObject({ name: 'Hot customers', filters: HOT });

    const again = await api.post(copy.documentId, 'duplicate');
    expect(again.status).toBe(201);
    expect(again.body.data.name).toBe('Copy of Copy of Hot customers');

    // both count the same contacts, live
    const a = await api.members(source.documentId);
    const b = await api.members(copy.documentId);
    expect(b.body.meta.pagination.total).toBe(a.body.meta.pagination.total);
  });

  it('makes an active copy of an archived segment', async () => {
    const source = await create('Archived source', LEADS, { archived: true });
    const res = await api.post(source.documentId, 'duplicate');
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ name: 'Copy of Archived source', archived: false });
    expect((await api.get(source.documentId)).body.data.archived).toBe(true);
  });

  it('answers 404 for an unknown segment', async () => {
    expect((await api.post('nosuchsegment0000000000000', 'duplicate')).status).toBe(404);
  });
});

describe('archive and unarchive', () => {
  it('moves a segment between the tabs and back', async () => {
    const s = await create('Seasonal', LEADS);
    const archived = await api.post(s.documentId, 'archive');
    expect(archived.status).toBe(200);
    expect(archived.body.data).toMatchObject({ documentId: s.documentId, name: 'Seasonal', archived: true, filters: LEADS });
    expect(names(await api.list('?archived=true'))).toContain('Seasonal');
    expect(names(await api.list('?archived=false'))).not.toContain('Seasonal');

    // archiving twice is harmless
    expect((await api.post(s.documentId, 'archive')).body.data.archived).toBe(true);
    // an archived segment still evaluates
    expect((await api.members(s.documentId)).body.meta.pagination.total).toBe(7);

    const restored = await api.post(s.documentId, 'unarchive');
    expect(restored.status).toBe(200);
    expect(restored.body.data).toMatchObject({ documentId: s.documentId, archived: false });
    expect(names(await api.list('?archived=false'))).toContain('Seasonal');
    expect(names(await api.list('?archived=true'))).not.toContain('Seasonal');
  });

  it.each(['archive', 'unarchive'])('%s answers 404 for an unknown segment', async (action) => {
    expect((await api.post('nosuchsegment0000000000000', action)).status).toBe(404);
  });
});

describe('members', () => {
  it('pages the live members, newest first, and records the last known count', async () => {
    const s = await create('All leads', LEADS);
    const first = await api.members(s.documentId, '?page=1&pageSize=5');
    expect(first.status).toBe(200);
    expect(first.body.meta.pagination).toEqual({ page: 1, pageSize: 5, pageCount: 2, total: 7 });
    expect(first.body.data).toHaveLength(5);
    for (const c of first.body.data) {
      expect(c).toEqual({
        documentId: expect.any(String),
        name: expect.stringMatching(/^First\d+ Last\d+$/),
        email: expect.stringMatching(/@example\.com$/),
        company: null,
        createdAt: expect.any(String),
        since: null,
      });
    }
    const second = await api.members(s.documentId, '?page=2&pageSize=5');
    expect(second.body.data).toHaveLength(2);
    const ids = [...first.body.data, ...second.body.data].map((c: any) => c.documentId);
    expect(new Set(ids).size).toBe(7);
    // A page past the end is empty, and still knows the total.
    const past = await api.members(s.documentId, '?page=4&pageSize=5');
    expect(past.body).toEqual({ data: [], meta: { pagination: { page: 4, pageSize: 5, pageCount: 2, total: 7 } } });
    expect((await api.get(s.documentId)).body.data.lastCount).toBe(7);

    // a lead created now is a member now
    const fresh = await contact({ lifecycleStage: 'lead', leadScore: 1 });
    const after = await api.members(s.documentId, '?pageSize=5');
    expect(after.body.meta.pagination.total).toBe(8);
    expect(after.body.data[0].documentId).toBe(fresh.documentId);
    expect((await api.get(s.documentId)).body.data.lastCount).toBe(8);
    await (t.strapi.documents as any)(CONTACT).delete({ documentId: fresh.documentId });
    expect((await api.members(s.documentId)).body.meta.pagination.total).toBe(7);
  });

  it('refuses bad paging and unknown segments', async () => {
    const s = await create('Paging', LEADS);
    for (const q of ['?page=0', '?pageSize=0', '?pageSize=101', '?page=abc']) {
      const res = await api.members(s.documentId, q);
      expect([q, res.status]).toEqual([q, 400]);
    }
    expect((await api.members('nosuchsegment0000000000000')).status).toBe(404);
  });
});

describe('delete', () => {
  it('deletes a segment', async () => {
    const s = await create('Short-lived', LEADS);
    const res = await api.remove(s.documentId);
    expect(res.status).toBe(200);
    expect((await api.get(s.documentId)).status).toBe(404);
    expect(names(await api.list())).not.toContain('Short-lived');
    expect(await t.strapi.db.query(SEGMENT as any).count({ where: { documentId: s.documentId } })).toBe(0);
    expect((await api.remove(s.documentId)).status).toBe(404);
  });

  it('is refused (409) while other segments use it, naming them', async () => {
    const base = await create('Base audience', LEADS);
    const userA = await create('Uses base', group([uses(base.documentId), rule('leadScore', '>', 10)]));
    const userB = await create('Excludes base', group([group([rule('segment', 'notIn', [base.documentId])], 'or')]), { archived: true });
    await create('Unrelated', HOT);

    const res = await api.remove(base.documentId);
    expect(res.status).toBe(409);
    expect(res.body.data).toBeNull();
    expect(res.body.error).toMatchObject({ status: 409, name: 'ConflictError' });
    expect(res.body.error.message).toContain('Uses base');
    expect(res.body.error.message).toContain('Excludes base');
    expect(res.body.error.message).not.toContain('Unrelated');
    const usedBy = (res.body.error.details.usedBy as Array<{ documentId: string; name: string }>).map((u) => [u.name, u.documentId]).sort();
    expect(usedBy).toEqual([
      ['Excludes base', userB.documentId],
      ['Uses base', userA.documentId],
    ]);
    expect((await api.get(base.documentId)).status).toBe(200);

    // once nothing uses it, it can go
    expect((await api.update(userA.documentId, { filters: HOT })).status).toBe(200);
    expect((await api.remove(base.documentId)).status).toBe(409);
    expect((await api.remove(userB.documentId)).status).toBe(200);
    expect((await api.remove(base.documentId)).status).toBe(200);
    expect((await api.get(base.documentId)).status).toBe(404);
  });

  it('leaves the lists exported from the segment', async () => {
    const s = await create('Export then delete', LEADS, { description: 'to be frozen' });
    const exported = await api.post(s.documentId, 'export', { name: 'Frozen leads' });
    expect([exported.status, exported.body.error]).toEqual([201, undefined]);
    const list = exported.body.data;
    expect(list).toMatchObject({ name: 'Frozen leads', memberCount: 7 });

    expect((await api.remove(s.documentId)).status).toBe(200);
    expect((await api.get(s.documentId)).status).toBe(404);

    const read = await t.request.get(`/segments/lists/${list.documentId}`).set(admin.headers);
    expect(read.status).toBe(200);
    expect(read.body.data).toMatchObject({ documentId: list.documentId, name: 'Frozen leads', memberCount: 7 });
    const listMembers = await t.request.get(`/segments/lists/${list.documentId}/contacts`).set(admin.headers);
    expect(listMembers.status).toBe(200);
    expect(listMembers.body.meta.pagination.total).toBe(7);
    const all = await t.request.get('/segments/lists').set(admin.headers);
    expect(all.body.data.map((l: any) => l.documentId)).toContain(list.documentId);
  });

  it('answers 404 for an unknown segment', async () => {
    const res = await api.remove('nosuchsegment0000000000000');
    expect(res.status).toBe(404);
    expect(res.body.error.name).toBe('NotFoundError');
  });
});
