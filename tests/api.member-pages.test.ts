/**
 * What the member pages and the Segments page ask of the server (docs/api.md#admin-http-api): member search and sort,
 * the CSV download of every member, renaming a list, a save that is counted, archiving that names
 * the segments built on the archived one, the count age setting, and campaigns in picker order.
 */
import { createAdminAndLogin, type AdminSession } from './helpers/auth';
import { setupStrapi, teardownStrapi, type TestStrapi } from './helpers/strapi';
import { CONTACT } from './support/uids';
import { until } from './support/until';

let t: TestStrapi;
let admin: AdminSession;

const group = (...rules: unknown[]) => ({ combinator: 'and', rules });
const LEADS = group({ field: 'lifecycleStage', operator: '=', value: 'lead' });
const get = (url: string) => t.request.get(url).set(admin.headers);
const docs = (uid: string) => (t.strapi.documents as any)(uid);
const service = () => t.strapi.plugin('segments').service('segments') as any;

// Leads, with names and emails chosen so that each sort gives a different order.
const PEOPLE: Array<[first: string, last: string, email: string]> = [
  ['carla', 'Zed', 'a.carla@x.io'],
  ['Anna', 'Young', 'c.anna@x.io'],
  ['Bert', 'Xu', 'b.bert@x.io'],
  ['Dora', '50%_off', 'd.dora@x.io'],
];
let leads: string;
let list: string;

beforeAll(async () => {
  t = await setupStrapi();
  admin = await createAdminAndLogin(t.strapi, t.request);
  const acme = await docs('api::company.company').create({ data: { name: 'Acme' } });
  for (const [i, [firstName, lastName, email]] of PEOPLE.entries()) {
    const created = await docs(CONTACT).create({
      data: { firstName, lastName, email, lifecycleStage: 'lead', company: i === 0 ? acme.documentId : undefined },
    });
    // createdAt one day apart, in the order above: carla is the oldest.
    await t.strapi.db
      .query(CONTACT as any)
      .update({ where: { documentId: created.documentId }, data: { createdAt: new Date(Date.UTC(2026, 0, 1 + i)) } });
  }
  await docs(CONTACT).create({ data: { firstName: 'Eve', lastName: 'Customer', email: 'eve@x.io', lifecycleStage: 'customer' } });
  leads = (await service().create({ name: 'Leads', filters: LEADS })).documentId;
  list = (await service().exportToList(leads, { name: 'Leads, frozen' })).documentId;
});
afterAll(() => teardownStrapi());

const names = (body: { data: Array<{ name: string }> }) => body.data.map((m) => m.name);

describe.each([
  ['segment', () => `/segments/segments/${leads}/contacts`],
  ['list', () => `/segments/lists/${list}/contacts`],
])('GET the %s members', (_kind, url) => {
  it('sorts by name, email and created, either way', async () => {
    expect(names((await get(`${url()}?sort=name`).expect(200)).body)).toEqual(['Anna Young', 'Bert Xu', 'carla Zed', 'Dora 50%_off']);
    expect(names((await get(`${url()}?sort=name&order=desc`).expect(200)).body)).toEqual([
      'Dora 50%_off',
      'carla Zed',
      'Bert Xu',
      'Anna Young',
    ]);
    expect(names((await get(`${url()}?sort=email`).expect(200)).body)).toEqual(['carla Zed', 'Bert Xu', 'Anna Young', 'Dora 50%_off']);
    expect(names((await get(`${url()}?sort=createdAt`).expect(200)).body)).toEqual(['Dora 50%_off', 'Bert Xu', 'Anna Young', 'carla Zed']);
    expect(names((await get(`${url()}?sort=createdAt&order=asc`).expect(200)).body)).toEqual([
      'carla Zed',
      'Anna Young',
      'Bert Xu',
      'Dora 50%_off',
    ]);
    const paged = await get(`${url()}?sort=name&page=2&pageSize=3`).expect(200);
    expect([names(paged.body), paged.body.meta.pagination.total]).toEqual([['Dora 50%_off'], 4]);
  });

  it('searches names and emails case-insensitively, with % and _ taken literally', async () => {
    const search = async (q: string) => names((await get(`${url()}?sort=name&q=${encodeURIComponent(q)}`).expect(200)).body);
    expect(await search('CARLA')).toEqual(['carla Zed']);
    expect(await search('young')).toEqual(['Anna Young']);
    expect(await search('b.bert@')).toEqual(['Bert Xu']);
    expect(await search('50%_')).toEqual(['Dora 50%_off']);
    expect(await search('%')).toEqual(['Dora 50%_off']);
    expect(await search('nobody')).toEqual([]);
    const found = await get(`${url()}?q=x.io&pageSize=2`).expect(200);
    expect(found.body.meta.pagination.total).toBe(4);
    expect(found.body.data[0]).toEqual({
      documentId: expect.any(String),
      name: expect.any(String),
      email: expect.any(String),
      createdAt: expect.any(String),
      ...(_kind === 'segment' ? { company: null, since: null } : {}),
    });
  });

  it('refuses an unknown sort or order with a 400 naming the choices', async () => {
    const bad = await get(`${url()}?sort=leadScore`).expect(400);
    expect(bad.body.error.message).toBe('sort: sort must be one of: name, email, createdAt');
    expect((await get(`${url()}?order=up`).expect(400)).body.error.message).toBe('order: order must be asc or desc');
  });
});

it('gives segment members their company, and records the count only when not searching', async () => {
  const page = await get(`/segments/segments/${leads}/contacts?sort=createdAt&order=asc&pageSize=1`).expect(200);
  expect(page.body.data[0]).toMatchObject({ name: 'carla Zed', company: 'Acme', createdAt: '2026-01-01T00:00:00.000Z' });
  await t.request.post(`/segments/segments/${leads}/count`).set(admin.headers).expect(200);
  await get(`/segments/segments/${leads}/contacts?q=carla`).expect(200);
  expect((await service().load(leads)).lastCount).toBe(4);
});

describe.each([
  ['segment', (id = leads) => `/segments/segments/${id}/contacts.csv`, 'Leads.csv'],
  ['list', (id = list) => `/segments/lists/${id}/contacts.csv`, 'Leads-frozen.csv'],
])('GET the %s members as CSV', (_kind, url, filename) => {
  it('downloads every member, quoted where needed', async () => {
    const res = await get(url())
      .buffer(true)
      .parse((r, done) => {
        let text = '';
        r.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        r.on('end', () => done(null, text));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${filename}"`);
    const lines = (res.body as string).split('\r\n');
    expect(lines[0]).toBe('documentId,name,email,createdAt');
    expect(lines.pop()).toBe('');
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[1])
        .sort(),
    ).toEqual(['Anna Young', 'Bert Xu', 'Dora 50%_off', 'carla Zed']);
    expect(lines.filter((l) => /^\w+,carla Zed,a\.carla@x\.io,2026-01-01T00:00:00\.000Z$/.test(l))).toHaveLength(1);
  });

  it('answers 404 for an unknown audience and 403 without read permission', async () => {
    expect((await get(url('nosuchdocument000000000')).expect(404)).body.error.message).toMatch(/does not exist/);
    const outsider = await createAdminAndLogin(t.strapi, t.request, { permissions: ['admin::users.read'] });
    await t.request.get(url()).set(outsider.headers).expect(403);
  });
});

describe('PUT /segments/lists/:documentId', () => {
  it('renames a list, trimmed', async () => {
    const res = await t.request.put(`/segments/lists/${list}`).set(admin.headers).send({ name: '  Spring leads ' }).expect(200);
    expect(res.body.data).toMatchObject({ documentId: list, name: 'Spring leads', memberCount: 4 });
    expect((await get(`/segments/lists/${list}`).expect(200)).body.data.name).toBe('Spring leads');
    await t.request.put(`/segments/lists/${list}`).set(admin.headers).send({ name: 'Leads, frozen' }).expect(200);
  });

  it.each([
    [{ name: '   ' }, 'name: name is empty: the list needs a name'],
    [{}, 'name: name is required: the list needs a name'],
  ])('refuses %j with a 400 and keeps the name', async (body, message) => {
    const res = await t.request.put(`/segments/lists/${list}`).set(admin.headers).send(body).expect(400);
    expect(res.body.error.message).toBe(message);
    expect((await get(`/segments/lists/${list}`).expect(200)).body.data.name).toBe('Leads, frozen');
  });

  it('needs the update permission, and an existing list', async () => {
    const reader = await createAdminAndLogin(t.strapi, t.request, { permissions: ['plugin::segments.read'] });
    await t.request.put(`/segments/lists/${list}`).set(reader.headers).send({ name: 'Mine' }).expect(403);
    await t.request.put('/segments/lists/nosuchlist00000000000000').set(admin.headers).send({ name: 'Mine' }).expect(404);
    expect((await get(`/segments/lists/${list}`).expect(200)).body.data.name).toBe('Leads, frozen');
  });
});

describe('saving from the editor', () => {
  it('answers the new segment counted, and an edited tree counted anew', async () => {
    const created = await t.request.post('/segments/segments').set(admin.headers).send({ name: 'Leads again', filters: LEADS }).expect(201);
    expect(created.body.data).toMatchObject({ lastCount: 4, lastCountError: null });
    expect(Date.parse(created.body.data.lastCountAt)).toBeGreaterThan(Date.now() - 60_000);
    const id = created.body.data.documentId;
    const edited = await t.request
      .put(`/segments/segments/${id}`)
      .set(admin.headers)
      .send({ filters: group({ field: 'lifecycleStage', operator: '=', value: 'customer' }) })
      .expect(200);
    expect(edited.body.data.lastCount).toBe(1);
    expect((await service().load(id)).lastCount).toBe(1);
  });

  it('saves uncounted when the count is over its budget, and records it when done', async () => {
    t.strapi.config.set('plugin::segments.countBudgetMs', 0);
    try {
      const created = await t.request.post('/segments/segments').set(admin.headers).send({ name: 'Slow', filters: LEADS }).expect(201);
      expect(created.body.data.lastCount).toBeNull();
      const stored = await until('the count recorded', async () => {
        const s = await service().load(created.body.data.documentId);
        return s.lastCount !== null && s;
      });
      expect(stored.lastCount).toBe(4);
    } finally {
      t.strapi.config.set('plugin::segments.countBudgetMs', 5_000);
    }
  });
});

describe('POST /segments/segments/:documentId/archive', () => {
  it('names the segments that use the archived one, directly or through others', async () => {
    const base = (await service().create({ name: 'Base', filters: LEADS })).documentId;
    const direct = await service().create({ name: 'Uses base', filters: group({ field: 'segment', operator: 'in', value: [base] }) });
    await service().create({ name: 'Uses that', filters: group({ field: 'segment', operator: 'notIn', value: [direct.documentId] }) });
    const res = await t.request.post(`/segments/segments/${base}/archive`).set(admin.headers).expect(200);
    expect(res.body.data).toMatchObject({ documentId: base, archived: true });
    expect(res.body.meta.usedBy.map((s: { name: string }) => s.name).sort()).toEqual(['Uses base', 'Uses that']);
    const alone = await t.request.post(`/segments/segments/${direct.documentId}/archive`).set(admin.headers).expect(200);
    expect(alone.body.meta.usedBy.map((s: { name: string }) => s.name)).toEqual(['Uses that']);
  });
});

describe('GET /segments/settings', () => {
  it('answers the count age from the plugin config, to readers only', async () => {
    expect((await get('/segments/settings').expect(200)).body).toEqual({ data: { countMaxAgeSeconds: 900, contactType: CONTACT } });
    t.strapi.config.set('plugin::segments.countMaxAgeSeconds', 60);
    try {
      expect((await get('/segments/settings').expect(200)).body.data.countMaxAgeSeconds).toBe(60);
    } finally {
      t.strapi.config.set('plugin::segments.countMaxAgeSeconds', 900);
    }
    const outsider = await createAdminAndLogin(t.strapi, t.request, { permissions: ['admin::users.read'] });
    await t.request.get('/segments/settings').set(outsider.headers).expect(403);
  });
});

describe('campaign pickers', () => {
  it('list sent campaigns first (latest first), then scheduled ones (soonest first), then drafts', async () => {
    const day = 86_400_000;
    const at = (days: number) => new Date(Date.now() + days * day).toISOString();
    for (const [name, sentAt] of [
      ['Sent long ago', at(-30)],
      ['Next week', at(7)],
      ['Draft', null],
      ['Sent yesterday', at(-1)],
      ['Tomorrow', at(1)],
    ] as const) {
      await docs('api::campaign.campaign').create({ data: { name, sentAt } });
    }
    const items = (await get('/segments/lookup?target=api::campaign.campaign').expect(200)).body.data;
    expect(items.map((i: { label: string }) => i.label)).toEqual(['Sent yesterday', 'Sent long ago', 'Tomorrow', 'Next week', 'Draft']);
    const tomorrow = items.find((i: { label: string }) => i.label === 'Tomorrow');
    expect(Date.parse(tomorrow.detail)).toBeGreaterThan(Date.now());
  });
});
