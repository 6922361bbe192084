/**
 * Permissions (docs/api.md, "Admin HTTP API"; README, "Permissions"): every admin route answers 401 without an admin token and checks its RBAC
 * action (403 for a role without it, through for a role holding only it); the content-API routes are
 * off for API tokens unless the token allows them.
 *
 * Strapi 5 names a plugin's content-API permissions `plugin::<plugin>.<controller>.<action>` (from the
 * route's handler): `plugin::segments.segment.count` and `plugin::segments.segment.contacts`.
 */
import { setupStrapi, teardownStrapi, type TestStrapi } from './helpers/strapi';
import { createAdminAndLogin, createApiToken, type AdminSession } from './helpers/auth';
import { CONTACT, SEGMENT, LIST } from './support/uids';

let t: TestStrapi;
let superAdmin: AdminSession;

type Action = 'read' | 'create' | 'update' | 'delete' | 'export' | 'use-ai';
const ACTIONS: Action[] = ['read', 'create', 'update', 'delete', 'export', 'use-ai'];
const uid = (a: Action) => `plugin::segments.${a}`;

/** Every admin route of docs/api.md's HTTP API and the action it needs ("METHOD path" as registered, under /segments). */
const EXPECTED: Record<string, Action> = {
  'GET /settings': 'read',
  'GET /catalog': 'read',
  'POST /preview': 'read',
  'POST /preview/contacts': 'read',
  'POST /preview/count': 'read',
  'GET /lookup': 'read',
  'POST /explain': 'read',
  'POST /explain/contact': 'read',
  'GET /contacts': 'read',
  'GET /segments': 'read',
  'POST /segments': 'create',
  'GET /segments/:documentId': 'read',
  'PUT /segments/:documentId': 'update',
  'DELETE /segments/:documentId': 'delete',
  'POST /segments/:documentId/duplicate': 'create',
  'POST /segments/:documentId/archive': 'update',
  'POST /segments/:documentId/unarchive': 'update',
  'GET /segments/:documentId/contacts': 'read',
  'GET /segments/:documentId/contacts.csv': 'read',
  'POST /segments/:documentId/count': 'read',
  'POST /segments/:documentId/export': 'export',
  'POST /segments/:documentId/refresh': 'update',
  'GET /segments/:documentId/changes': 'read',
  'GET /segments/:documentId/history': 'read',
  'GET /lists': 'read',
  'GET /lists/:documentId': 'read',
  'PUT /lists/:documentId': 'update',
  'DELETE /lists/:documentId': 'delete',
  'GET /lists/:documentId/contacts': 'read',
  'GET /lists/:documentId/contacts.csv': 'read',
  'POST /ai/generate': 'use-ai',
  'POST /ai/generations/:documentId/outcome': 'use-ai',
};

interface Route {
  method: string;
  path: string;
  handler: string;
  config?: { policies?: unknown[] };
}

const tree = { combinator: 'and', rules: [{ field: 'lifecycleStage', operator: '=', value: 'lead' }] };
const MISSING = 'nosuchdocument000000000000';

let segment: { documentId: string; name: string };
let list: { documentId: string };
/** A lead contact, for the routes that explain one. */
let leadId: string;

function adminRoutes(): Route[] {
  const routes = (t.strapi.plugin('segments') as any).routes;
  const admin = routes.admin ?? routes['admin'];
  return admin.routes as Route[];
}
const keyOf = (r: Route) => `${r.method.toUpperCase()} ${r.path}`;

/** A request for a route, with a body that would be valid, on the given documentId. */
function call(route: Route, documentId: string, headers: Record<string, string> = {}) {
  const url = `/segments${route.path.replace(':documentId', documentId)}`;
  const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
  let req = (t.request as any)[method](url).set(headers);
  const bodies: Record<string, unknown> = {
    'POST /preview': { filters: tree },
    'POST /preview/contacts': { filters: tree },
    'POST /preview/count': { filters: tree },
    'POST /explain': { filters: tree },
    'POST /explain/contact': { filters: tree, contact: leadId },
    'POST /segments': { name: 'Created by a permission test', filters: tree },
    'PUT /segments/:documentId': { name: 'Changed by a permission test' },
    'PUT /lists/:documentId': { name: 'Renamed by a permission test' },
    'POST /segments/:documentId/export': { name: 'Exported by a permission test' },
    'POST /ai/generate': { prompt: 'leads in healthcare' },
    'POST /ai/generations/:documentId/outcome': { outcome: 'applied' },
  };
  const queries: Record<string, Record<string, string>> = {
    'GET /lookup': { target: SEGMENT },
    'GET /contacts': { q: 'lead' },
  };
  const query = queries[keyOf(route)];
  if (query !== undefined) req = req.query(query);
  const body = bodies[keyOf(route)];
  if (body !== undefined) req = req.send(body);
  return req;
}

/** Calls each route on this file's real list (for /lists routes) or segment, as `headers`: each must answer 403. */
async function expectForbidden(routes: Route[], headers: Record<string, string>) {
  for (const route of routes) {
    const id = route.path.startsWith('/lists') ? list.documentId : segment.documentId;
    const res = await call(route, id, headers);
    expect([keyOf(route), res.status]).toEqual([keyOf(route), 403]);
  }
}

async function snapshot() {
  return {
    segments: await t.strapi.db
      .query(SEGMENT as any)
      .findMany({ select: ['documentId', 'name', 'archived', 'filters', 'lastCount'], orderBy: { id: 'asc' } }),
    lists: await t.strapi.db.query(LIST as any).findMany({ select: ['documentId', 'name'], orderBy: { id: 'asc' } }),
  };
}

beforeAll(async () => {
  // No AI key, whatever the machine's environment: the AI route must answer without calling a model.
  t = await setupStrapi({ env: { OPENAI_API_KEY: undefined } });
  superAdmin = await createAdminAndLogin(t.strapi, t.request);
  const docs = t.strapi.documents as any;
  const leads: string[] = [];
  for (let i = 0; i < 3; i++) {
    const c = await docs(CONTACT).create({
      data: { firstName: `Lead${i}`, lastName: 'Person', email: `lead${i}@example.com`, lifecycleStage: 'lead' },
    });
    leads.push(c.documentId);
  }
  leadId = leads[0];
  await docs(CONTACT).create({ data: { firstName: 'Cust', lastName: 'Omer', email: 'customer@example.com', lifecycleStage: 'customer' } });

  const created = await t.request.post('/segments/segments').set(superAdmin.headers).send({ name: 'Leads', filters: tree });
  expect(created.status).toBe(201);
  segment = created.body.data;
  // made directly, so this file does not depend on Export to List (tests/api.export-stream.test.ts)
  list = await docs(LIST).create({
    data: { name: 'Leads frozen', segment: segment.documentId, segmentName: 'Leads', filters: tree, memberCount: 3, members: leads },
  });
});

afterAll(async () => {
  await teardownStrapi();
});

describe('the admin routes', () => {
  it("are the routes of the README's HTTP API, each guarded by its RBAC action", () => {
    const routes = adminRoutes();
    const registered = routes.map(keyOf);
    // every registered route is one we know the action of
    expect(registered.filter((k) => !(k in EXPECTED))).toEqual([]);
    // every route of the spec is registered
    expect(Object.keys(EXPECTED).filter((k) => !registered.includes(k))).toEqual([]);

    for (const route of routes) {
      const policies = route.config?.policies ?? [];
      expect([keyOf(route), policies]).toEqual([
        keyOf(route),
        expect.arrayContaining([
          'admin::isAuthenticatedAdmin',
          { name: 'admin::hasPermissions', config: { actions: [uid(EXPECTED[keyOf(route)])] } },
        ]),
      ]);
    }
  });

  it('answer 401 without a token, or with a bad one, and change nothing', async () => {
    const before = await snapshot();
    for (const route of adminRoutes()) {
      for (const headers of <Array<Record<string, string>>>[
        {},
        { Authorization: 'Bearer not-a-token' },
        { Authorization: `Bearer ${superAdmin.token}x` },
      ]) {
        const res = await call(route, segment.documentId, headers);
        expect([keyOf(route), headers, res.status]).toEqual([keyOf(route), headers, 401]);
      }
      const listRes = await call(route, list.documentId);
      expect([keyOf(route), listRes.status]).toEqual([keyOf(route), 401]);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('answer 403 to a user whose role holds no plugin action', async () => {
    const nobody = await createAdminAndLogin(t.strapi, t.request, { permissions: [] });
    const before = await snapshot();
    await expectForbidden(adminRoutes(), nobody.headers);
    expect(await snapshot()).toEqual(before);
  });

  describe.each(ACTIONS)('the %s action', (action) => {
    let without: AdminSession;
    let only: AdminSession;
    beforeAll(async () => {
      without = await createAdminAndLogin(t.strapi, t.request, { permissions: ACTIONS.filter((a) => a !== action).map(uid) });
      only = await createAdminAndLogin(t.strapi, t.request, { permissions: [uid(action)] });
    });

    const routesNeeding = () => adminRoutes().filter((r) => EXPECTED[keyOf(r)] === action);

    it('is required: every other plugin action is not enough (403, nothing changed)', async () => {
      expect(routesNeeding().length).toBeGreaterThan(0);
      const before = await snapshot();
      await expectForbidden(routesNeeding(), without.headers);
      expect(await snapshot()).toEqual(before);
    });

    it('is enough on its own for its routes', async () => {
      for (const route of routesNeeding()) {
        // unknown documents, so that nothing real is changed: past the policy means 404; AI Mode has
        // no key in this file, so past the policy it answers 503 (tests/api.ai.test.ts calls a model)
        const res = await call(route, MISSING, only.headers);
        const expected = route.path.includes(':documentId')
          ? 404
          : keyOf(route) === 'POST /segments'
            ? 201
            : keyOf(route) === 'POST /ai/generate'
              ? 503
              : 200;
        expect([keyOf(route), res.status]).toEqual([keyOf(route), expected]);
      }
    });

    it('does not open the routes of the other actions', async () => {
      await expectForbidden(
        adminRoutes().filter((r) => EXPECTED[keyOf(r)] !== action),
        only.headers,
      );
    });
  });

  it('a role with just read can read everything but change nothing', async () => {
    const reader = await createAdminAndLogin(t.strapi, t.request, { permissions: [uid('read')] });
    const h = reader.headers;
    const catalog = await t.request.get('/segments/catalog').set(h);
    expect(catalog.status).toBe(200);
    expect(catalog.body.contactType).toBe(CONTACT);
    const preview = await t.request.post('/segments/preview').set(h).send({ filters: tree });
    expect(preview.status).toBe(200);
    expect(preview.body.count).toBe(3);
    expect((await t.request.get('/segments/segments').set(h)).body.data.map((s: any) => s.documentId)).toContain(segment.documentId);
    expect((await t.request.get(`/segments/segments/${segment.documentId}`).set(h)).body.data.name).toBe('Leads');
    expect((await t.request.get(`/segments/segments/${segment.documentId}/contacts`).set(h)).body.meta.pagination.total).toBe(3);
    expect((await t.request.get('/segments/lists').set(h)).status).toBe(200);
    expect((await t.request.get(`/segments/lists/${list.documentId}`).set(h)).status).toBe(200);
    expect((await t.request.get(`/segments/lists/${list.documentId}/contacts`).set(h)).body.meta.pagination.total).toBe(3);
    const lookup = await t.request.get('/segments/lookup').query({ target: SEGMENT, ids: segment.documentId }).set(h);
    expect(lookup.body.data).toEqual([{ documentId: segment.documentId, label: 'Leads', detail: null }]);
    const explained = await t.request.post('/segments/explain').set(h).send({ filters: tree });
    expect(explained.body).toEqual({
      total: 4,
      count: 3,
      nodes: [
        { path: '', alone: 3, kept: 3, status: 'ok' },
        { path: 'rules[0]', alone: 3, kept: 3, status: 'ok' },
      ],
    });
    const why = await t.request.post('/segments/explain/contact').set(h).send({ segment: segment.documentId, contact: leadId });
    expect([why.status, why.body.member, why.body.nodes[1]]).toEqual([200, true, { path: 'rules[0]', result: true, values: ['lead'] }]);
    const found = await t.request.get('/segments/contacts').query({ q: 'lead0' }).set(h);
    expect(found.body.data).toEqual([{ documentId: leadId, name: 'Lead0 Person', email: 'lead0@example.com', company: null }]);
    const counted = await t.request.post(`/segments/segments/${segment.documentId}/count`).set(h);
    expect([counted.status, counted.body.data?.lastCount]).toEqual([200, 3]);

    const before = await snapshot();
    expect((await t.request.post('/segments/segments').set(h).send({ name: 'Nope', filters: tree })).status).toBe(403);
    expect((await t.request.put(`/segments/segments/${segment.documentId}`).set(h).send({ name: 'Nope' })).status).toBe(403);
    expect((await t.request.delete(`/segments/segments/${segment.documentId}`).set(h)).status).toBe(403);
    expect((await t.request.post(`/segments/segments/${segment.documentId}/duplicate`).set(h)).status).toBe(403);
    expect((await t.request.post(`/segments/segments/${segment.documentId}/archive`).set(h)).status).toBe(403);
    expect((await t.request.post(`/segments/segments/${segment.documentId}/export`).set(h).send({})).status).toBe(403);
    expect((await t.request.delete(`/segments/lists/${list.documentId}`).set(h)).status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });
});

describe('the content API', () => {
  const count = (id: string, headers: Record<string, string> = {}) => t.request.get(`/api/segments/segments/${id}/count`).set(headers);
  const contacts = (id: string, headers: Record<string, string> = {}, query = '') =>
    t.request.get(`/api/segments/segments/${id}/contacts${query}`).set(headers);

  it('names its permissions plugin::segments.segment.count, .contacts and .changes, and exposes nothing else', () => {
    const keys: string[] = (t.strapi as any).contentAPI.permissions.providers.action.keys();
    const ours = keys.filter((k) => k.startsWith('plugin::segments.')).sort();
    expect(ours).toEqual(['plugin::segments.segment.changes', 'plugin::segments.segment.contacts', 'plugin::segments.segment.count']);
  });

  it('is refused without a token or with a bad one', async () => {
    for (const res of [await count(segment.documentId), await contacts(segment.documentId)]) {
      // The plugin's content-API routes are not open to the Public role: no token, no answer.
      expect([res.status, res.body.data]).toEqual([401, null]);
    }
    expect((await count(segment.documentId, { Authorization: 'Bearer nope' })).status).toBe(401);
    // an admin session is not an API token
    expect((await count(segment.documentId, superAdmin.headers)).status).toBe(401);
  });

  it('is off for a read-only token', async () => {
    const token = await createApiToken(t.strapi, { type: 'read-only' });
    expect((await count(segment.documentId, token.headers)).status).toBe(403);
    expect((await contacts(segment.documentId, token.headers)).status).toBe(403);
  });

  it('answers the live count to a token allowed plugin::segments.segment.count, and only that', async () => {
    const token = await createApiToken(t.strapi, { type: 'custom', permissions: ['plugin::segments.segment.count'] });
    const first = await count(segment.documentId, token.headers);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ data: { count: 3 } });

    const docs = t.strapi.documents as any;
    const added = await docs(CONTACT).create({
      data: { firstName: 'New', lastName: 'Lead', email: 'new@example.com', lifecycleStage: 'lead' },
    });
    expect((await count(segment.documentId, token.headers)).body).toEqual({ data: { count: 4 } });
    await docs(CONTACT).delete({ documentId: added.documentId });
    expect((await count(segment.documentId, token.headers)).body).toEqual({ data: { count: 3 } });

    expect((await count(MISSING, token.headers)).status).toBe(404);
    expect((await contacts(segment.documentId, token.headers)).status).toBe(403);
  });

  it('pages the live members for a token allowed plugin::segments.segment.contacts, and only that', async () => {
    const token = await createApiToken(t.strapi, { type: 'custom', permissions: ['plugin::segments.segment.contacts'] });
    const page1 = await contacts(segment.documentId, token.headers, '?page=1&pageSize=2');
    expect(page1.status).toBe(200);
    expect(page1.body.meta.pagination).toEqual({ page: 1, pageSize: 2, pageCount: 2, total: 3 });
    expect(page1.body.data).toHaveLength(2);
    const page2 = await contacts(segment.documentId, token.headers, '?page=2&pageSize=2');
    expect(page2.body.data).toHaveLength(1);
    const emails = [...page1.body.data, ...page2.body.data].map((c: any) => c.email).sort();
    expect(emails).toEqual(['lead0@example.com', 'lead1@example.com', 'lead2@example.com']);

    expect((await contacts(MISSING, token.headers)).status).toBe(404);
    expect((await count(segment.documentId, token.headers)).status).toBe(403);
  });

  it('is open to a full-access token, and read-only even then', async () => {
    const token = await createApiToken(t.strapi, { type: 'full-access' });
    expect((await count(segment.documentId, token.headers)).body).toEqual({ data: { count: 3 } });
    expect((await contacts(segment.documentId, token.headers)).status).toBe(200);
    // the admin routes do not take API tokens
    expect((await t.request.get('/segments/segments').set(token.headers)).status).toBe(401);
    expect((await t.request.delete(`/segments/segments/${segment.documentId}`).set(token.headers)).status).toBe(401);
    // and no content-API route writes
    for (const method of ['post', 'put', 'delete'] as const) {
      const res = await (t.request as any)[method](`/api/segments/segments/${segment.documentId}`).set(token.headers).send({ name: 'x' });
      expect([method, res.status]).toEqual([method, 405]);
    }
    expect((await t.request.get(`/segments/segments/${segment.documentId}`).set(superAdmin.headers)).body.data.name).toBe('Leads');
  });
});
