/**
 * GET /segments/lookup (shared/contracts/lookup.ts): the records the builder's pickers offer, searched by label
 * (case-insensitive, `%` and `_` literal), resolved by documentId, one left out, limited; campaigns
 * latest sent first with their send date, segments by name with "archived"; targets the catalog does
 * not pick from refused with a 400. And POST /segments/segments/:documentId/count, which counts a
 * saved segment now and answers it with its recorded lastCount.
 */
import { setupStrapi, teardownStrapi, type TestStrapi } from './helpers/strapi';
import { createAdminAndLogin, type AdminSession } from './helpers/auth';
import { CONTACT, COMPANY, CAMPAIGN, SEGMENT } from './support/uids';

let t: TestStrapi;
let admin: AdminSession;

interface Item {
  documentId: string;
  label: string;
  detail?: string | null;
}

const docs = () => t.strapi.documents as any;
const ids: Record<string, string> = {};

function lookup(query: Record<string, string | number | string[]>) {
  return t.request.get('/segments/lookup').query(query).set(admin.headers);
}
async function items(query: Record<string, string | number | string[]>): Promise<Item[]> {
  const res = await lookup(query);
  expect([res.status, res.body.error]).toEqual([200, undefined]);
  return res.body.data;
}
const labels = (list: Item[]) => list.map((i) => i.label);

const COMPANIES = [
  'Acme Health',
  'acme labs',
  'Beta 100% Corp',
  'Beta 1000 Corp',
  'Gamma_Works',
  'GammaXWorks',
  'Delta Energy',
  'Omega Two',
  'Omega One',
  'Omega Three',
];
// Names whose order is the same in every database collation (no case or punctuation differences).
const PLAIN = ['Acme Health', 'Delta Energy', 'Omega One', 'Omega Three', 'Omega Two'];
// sentAt: two campaigns share the latest date, the later-created one comes first (by createdAt,
// which here runs against the insertion order, as `email.* { last: N }` breaks ties).
const CAMPAIGNS: Array<[key: string, name: string, sentAt: string | null, createdAt: string]> = [
  ['jan', 'January news', '2026-01-10T09:00:00.000Z', '2026-01-01T00:00:00.000Z'],
  ['marchB', 'March follow-up', '2026-03-01T08:00:00.000Z', '2026-02-20T00:00:00.000Z'],
  ['marchA', 'March promo', '2026-03-01T08:00:00.000Z', '2026-02-10T00:00:00.000Z'],
  ['draftB', 'Draft B', null, '2026-03-05T00:00:00.000Z'],
  ['draftA', 'Draft A', null, '2026-03-06T00:00:00.000Z'],
];

const LEADS = { combinator: 'and', rules: [{ field: 'lifecycleStage', operator: '=', value: 'lead' }] };

beforeAll(async () => {
  t = await setupStrapi();
  admin = await createAdminAndLogin(t.strapi, t.request);
  for (const name of COMPANIES) ids[name] = (await docs()(COMPANY).create({ data: { name, industry: 'other' } })).documentId;
  for (const [key, name, sentAt, createdAt] of CAMPAIGNS) {
    const { id, documentId } = await docs()(CAMPAIGN).create({ data: { name, sentAt } });
    // The Document Service sets createdAt itself; the Query Engine writes the one wanted here.
    await t.strapi.db.query(CAMPAIGN as any).update({ where: { id }, data: { createdAt: new Date(createdAt) } });
    ids[key] = documentId;
  }
  const segments = t.strapi.plugin('segments').service('segments') as any;
  for (const [name, archived] of [
    ['Gamma segment', false],
    ['Alpha segment', false],
    ['Beta segment', true],
  ] as const) {
    ids[name] = (await segments.create({ name, filters: LEADS, archived })).documentId;
  }
  for (let i = 0; i < 3; i++) {
    await docs()(CONTACT).create({
      data: { firstName: `Lead${i}`, lastName: 'Person', email: `lead${i}@example.com`, lifecycleStage: 'lead' },
    });
  }
});

afterAll(() => teardownStrapi());

describe('GET /segments/lookup on companies', () => {
  it('lists them by label, with documentIds', async () => {
    const all = await items({ target: COMPANY });
    expect(all.map((i) => [i.label, i.documentId]).sort()).toEqual(COMPANIES.map((name) => [name, ids[name]]).sort());
    expect(labels(all).filter((l) => PLAIN.includes(l))).toEqual(PLAIN);
    expect(all.every((i) => i.detail === null)).toBe(true);
  });

  it('searches the label case-insensitively', async () => {
    expect(labels(await items({ target: COMPANY, q: 'ACME' })).sort()).toEqual(['Acme Health', 'acme labs']);
    expect(labels(await items({ target: COMPANY, q: 'eNeRgY' }))).toEqual(['Delta Energy']);
    expect(await items({ target: COMPANY, q: 'nothing like this' })).toEqual([]);
  });

  it('takes % and _ literally', async () => {
    expect(labels(await items({ target: COMPANY, q: '100%' }))).toEqual(['Beta 100% Corp']);
    expect(labels(await items({ target: COMPANY, q: 'Gamma_W' }))).toEqual(['Gamma_Works']);
    expect(labels(await items({ target: COMPANY, q: '%' }))).toEqual(['Beta 100% Corp']);
  });

  it('resolves chosen documentIds, ignoring q and unknown ids', async () => {
    const res = await items({ target: COMPANY, ids: `${ids['Delta Energy']}, ${ids['acme labs']},nosuchdocument`, q: 'Beta' });
    expect(res.map((i) => i.documentId).sort()).toEqual([ids['Delta Energy'], ids['acme labs']].sort());
    expect(res.find((i) => i.documentId === ids['Delta Energy'])?.label).toBe('Delta Energy');
  });

  it('resolves every chosen id even past the default limit of a search', async () => {
    const res = await items({ target: COMPANY, ids: COMPANIES.map((n) => ids[n]).join(','), limit: 2 });
    expect(res).toHaveLength(COMPANIES.length);
  });

  it('leaves the excluded documentId out', async () => {
    expect(labels(await items({ target: COMPANY, q: 'acme', exclude: ids['Acme Health'] }))).toEqual(['acme labs']);
  });

  it('answers at most limit records', async () => {
    expect(labels(await items({ target: COMPANY, q: 'omega', limit: 2 }))).toEqual(['Omega One', 'Omega Three']);
    expect(await items({ target: COMPANY, limit: 1 })).toHaveLength(1);
    // every company has an "a"; the default limit (20) is above their number
    expect(await items({ target: COMPANY, q: 'a' })).toHaveLength(COMPANIES.length);
  });

  it('serves a sub-field target: a deal’s company, as the catalog names it', async () => {
    const catalog = await t.request.get('/segments/catalog').set(admin.headers);
    const deals = catalog.body.fields.find((f: any) => f.name === 'deals');
    const company = deals.subFields.find((f: any) => f.name === 'company');
    expect(company).toMatchObject({ type: 'relation', target: COMPANY });
    expect(labels(await items({ target: company.target, q: 'delta' }))).toEqual(['Delta Energy']);
  });
});

describe('GET /segments/lookup on campaigns', () => {
  it('lists the latest sent first (ties: later created first), unsent last, detail = send date', async () => {
    const res = await items({ target: CAMPAIGN });
    expect(res).toEqual([
      { documentId: ids.marchB, label: 'March follow-up', detail: '2026-03-01T08:00:00.000Z' },
      { documentId: ids.marchA, label: 'March promo', detail: '2026-03-01T08:00:00.000Z' },
      { documentId: ids.jan, label: 'January news', detail: '2026-01-10T09:00:00.000Z' },
      { documentId: ids.draftA, label: 'Draft A', detail: null },
      { documentId: ids.draftB, label: 'Draft B', detail: null },
    ]);
  });

  it('cuts the same order at limit, across sent and unsent', async () => {
    expect(labels(await items({ target: CAMPAIGN, limit: 2 }))).toEqual(['March follow-up', 'March promo']);
    expect(labels(await items({ target: CAMPAIGN, limit: 4 }))).toEqual(['March follow-up', 'March promo', 'January news', 'Draft A']);
  });

  it('searches, excludes and resolves like any target', async () => {
    expect(labels(await items({ target: CAMPAIGN, q: 'MARCH' }))).toEqual(['March follow-up', 'March promo']);
    expect(labels(await items({ target: CAMPAIGN, q: 'draft', exclude: ids.draftA }))).toEqual(['Draft B']);
    expect(await items({ target: CAMPAIGN, ids: `${ids.draftB},${ids.jan}` })).toEqual([
      { documentId: ids.jan, label: 'January news', detail: '2026-01-10T09:00:00.000Z' },
      { documentId: ids.draftB, label: 'Draft B', detail: null },
    ]);
  });

  it('is the target of email.opened and of an email event’s campaign in the catalog', async () => {
    const catalog = await t.request.get('/segments/catalog').set(admin.headers);
    const opened = catalog.body.fields.find((f: any) => f.name === 'email.opened');
    const events = catalog.body.fields.find((f: any) => f.name === 'emailEvents');
    expect(opened.target).toBe(CAMPAIGN);
    expect(events.subFields.find((f: any) => f.name === 'campaign').target).toBe(CAMPAIGN);
  });
});

describe('GET /segments/lookup on segments', () => {
  it('lists them by name, archived ones marked', async () => {
    expect(await items({ target: SEGMENT })).toEqual([
      { documentId: ids['Alpha segment'], label: 'Alpha segment', detail: null },
      { documentId: ids['Beta segment'], label: 'Beta segment', detail: 'archived' },
      { documentId: ids['Gamma segment'], label: 'Gamma segment', detail: null },
    ]);
  });

  it('leaves out the segment being edited, searches and resolves', async () => {
    expect(labels(await items({ target: SEGMENT, exclude: ids['Alpha segment'] }))).toEqual(['Beta segment', 'Gamma segment']);
    expect(labels(await items({ target: SEGMENT, q: 'GAMMA' }))).toEqual(['Gamma segment']);
    expect(await items({ target: SEGMENT, ids: ids['Beta segment'] })).toEqual([
      { documentId: ids['Beta segment'], label: 'Beta segment', detail: 'archived' },
    ]);
  });
});

describe('GET /segments/lookup refuses what it does not serve', () => {
  const refused = async (query: Record<string, string | number | string[]>, message: RegExp) => {
    const res = await lookup(query);
    expect([res.status, res.body.error?.name]).toEqual([400, 'ValidationError']);
    expect(res.body.error.message).toMatch(message);
    return res;
  };

  it.each([
    ['admin::user', 'an admin type'],
    ['api::tag.tag', 'a to-many target (tags take a sub-query, not a picker)'],
    ['api::deal.deal', 'a to-many target'],
    ['api::contact.contact', 'the contact type itself'],
    ['api::nope.nope', 'a type that does not exist'],
  ])('target %s (%s)', async (target) => {
    const res = await refused(
      { target },
      new RegExp(`target "${target.replace(/\./g, '\\.')}" is not a type the segment builder picks from`),
    );
    // the message tells what would be accepted
    expect(res.body.error.message).toContain(`${CAMPAIGN}, ${COMPANY}, ${SEGMENT}`);
  });

  it('a missing or repeated target', async () => {
    await refused({}, /^target: target is required/);
    await refused({ target: [COMPANY, CAMPAIGN] }, /^target: target must be one content-type uid/);
  });

  it.each([
    ['0', /^limit: limit must be at least 1/],
    ['101', /^limit: limit must be at most 100/],
    ['abc', /^limit: limit must be a whole number/],
    ['2.5', /^limit: limit must be a whole number/],
  ])('limit=%s', async (limit, message) => {
    await refused({ target: COMPANY, limit }, message);
  });

  it('more than 100 ids', async () => {
    const many = Array.from({ length: 101 }, (_, i) => `doc${i}`).join(',');
    await refused({ target: COMPANY, ids: many }, /^ids: ids takes at most 100 documentIds/);
  });
});

describe('POST /segments/segments/:documentId/count', () => {
  const stored = async (documentId: string) =>
    t.strapi.db.query(SEGMENT as any).findOne({ where: { documentId }, select: ['lastCount', 'lastCountAt', 'lastCountMs'] });

  it('counts the segment now and answers it with the recorded count', async () => {
    const id = ids['Alpha segment'];
    expect((await stored(id)).lastCount).toBeNull();

    const first = await t.request.post(`/segments/segments/${id}/count`).set(admin.headers);
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({ documentId: id, name: 'Alpha segment', lastCount: 3 });
    expect(Date.parse(first.body.data.lastCountAt)).toBeGreaterThan(Date.now() - 60_000);
    expect((await stored(id)).lastCount).toBe(3);

    await docs()(CONTACT).create({ data: { firstName: 'New', lastName: 'Lead', email: 'new-lead@example.com', lifecycleStage: 'lead' } });
    const second = await t.request.post(`/segments/segments/${id}/count`).set(admin.headers);
    expect(second.body.data.lastCount).toBe(4);
    expect((await stored(id)).lastCount).toBe(4);
    const service = t.strapi.plugin('segments').service('segments') as any;
    expect(await service.count(LEADS)).toBe(4);
  });

  it('answers 404 for an unknown segment', async () => {
    const res = await t.request.post('/segments/segments/nosuchdocument000000000000/count').set(admin.headers);
    expect([res.status, res.body.error?.name]).toEqual([404, 'NotFoundError']);
    expect(res.body.error.message).toMatch(/does not exist/);
  });
});
