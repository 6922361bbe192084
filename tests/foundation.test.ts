/**
 * The harness boots the real playground with the real (built) plugin on a fresh database, and the
 * pieces every other test relies on are really there: a plugin that fails to load in Strapi 5 is loaded
 * EMPTY without any error, so this file checks the registrations themselves.
 */
import { setupStrapi, teardownStrapi, type TestStrapi } from './helpers/strapi';
import { createAdminAndLogin, createApiToken } from './helpers/auth';

let t: TestStrapi;

beforeAll(async () => {
  t = await setupStrapi();
});

afterAll(async () => {
  await teardownStrapi();
});

describe('the plugin is loaded', () => {
  it('runs on the requested database, fresh', async () => {
    const expected = { sqlite: 'sqlite', postgres: 'postgres', mysql: 'mysql' }[t.client];
    expect(t.strapi.db.dialect.client).toBe(expected);
    expect(await t.strapi.db.query('api::contact.contact').count({})).toBe(0);
    expect(await t.strapi.db.query('admin::user').count({})).toBe(0);
    expect(await t.strapi.db.query('plugin::segments.segment').count({})).toBe(0);
  });

  it('registers the plugin and its content types', () => {
    const plugin = t.strapi.plugin('segments');
    expect(plugin).toBeDefined();
    expect(Object.keys(plugin.contentTypes).sort()).toEqual(['ai-generation', 'list', 'segment']);

    const segment = t.strapi.contentTypes['plugin::segments.segment' as keyof typeof t.strapi.contentTypes] as any;
    const list = t.strapi.contentTypes['plugin::segments.list' as keyof typeof t.strapi.contentTypes] as any;
    expect(segment).toBeDefined();
    expect(list).toBeDefined();
    expect(segment.attributes.filters.type).toBe('json');
    expect(segment.attributes.lists).toMatchObject({ relation: 'oneToMany', target: 'plugin::segments.list', mappedBy: 'segment' });
    expect(list.attributes.segment).toMatchObject({ relation: 'manyToOne', target: 'plugin::segments.segment', inversedBy: 'lists' });
    // the members' target comes from the plugin's CRM config (register phase)
    expect(list.attributes.members).toMatchObject({ relation: 'manyToMany', target: 'api::contact.contact' });
  });

  it('creates the plugin tables', async () => {
    expect(t.strapi.db.metadata.get('plugin::segments.segment').tableName).toBe('segments_segments');
    expect(t.strapi.db.metadata.get('plugin::segments.list').tableName).toBe('segments_lists');
    const created = await t.strapi.db.query('plugin::segments.segment').create({
      data: { name: 'Everyone', filters: { combinator: 'and', rules: [] }, archived: false },
    });
    const read = await t.strapi.db.query('plugin::segments.segment').findOne({ where: { id: created.id } });
    expect(read.filters).toEqual({ combinator: 'and', rules: [] });
    await t.strapi.db.query('plugin::segments.segment').delete({ where: { id: created.id } });
  });

  it('registers the RBAC actions', () => {
    const { actionProvider } = t.strapi.service('admin::permission') as any;
    for (const action of ['read', 'create', 'update', 'delete', 'export', 'use-ai']) {
      const registered = actionProvider.get(`plugin::segments.${action}`);
      expect(registered).toBeDefined();
      expect(registered).toMatchObject({ actionId: `plugin::segments.${action}`, section: 'plugins', pluginName: 'segments' });
    }
  });
});

describe('the playground CRM (README, "Install in your own Strapi")', () => {
  const scalars: Record<string, Record<string, string>> = {
    'api::contact.contact': {
      firstName: 'string',
      lastName: 'string',
      email: 'email',
      phone: 'string',
      jobTitle: 'string',
      lifecycleStage: 'enumeration',
      leadScore: 'integer',
      source: 'enumeration',
      unsubscribed: 'boolean',
    },
    'api::company.company': {
      name: 'string',
      domain: 'string',
      industry: 'enumeration',
      employees: 'integer',
      country: 'string',
      revenueRange: 'enumeration',
      tier: 'enumeration',
    },
    'api::deal.deal': { name: 'string', stage: 'enumeration', amount: 'decimal', owner: 'string', closeDate: 'date' },
    'api::activity.activity': { type: 'enumeration', subject: 'string', occurredAt: 'datetime' },
    'api::campaign.campaign': { name: 'string', subject: 'string', sentAt: 'datetime' },
    'api::email-event.email-event': { type: 'enumeration', occurredAt: 'datetime' },
    'api::tag.tag': { name: 'string' },
  };

  it.each(Object.keys(scalars))('%s exists, without draft & publish, with its attributes', (uid) => {
    const ct = t.strapi.contentTypes[uid as keyof typeof t.strapi.contentTypes] as any;
    expect(ct).toBeDefined();
    expect(ct.options?.draftAndPublish ?? false).toBe(false);
    for (const [name, type] of Object.entries(scalars[uid])) {
      expect([name, ct.attributes[name]?.type]).toEqual([name, type]);
    }
  });

  it('has the enumeration values of the spec', () => {
    const attr = (uid: string, name: string) => (t.strapi.contentTypes[uid as keyof typeof t.strapi.contentTypes] as any).attributes[name];
    expect(attr('api::contact.contact', 'lifecycleStage').enum).toEqual([
      'subscriber',
      'lead',
      'mql',
      'sql',
      'opportunity',
      'customer',
      'evangelist',
    ]);
    expect(attr('api::contact.contact', 'source').enum).toEqual(['website', 'referral', 'event', 'paid', 'outbound', 'import']);
    expect(attr('api::company.company', 'tier').enum).toEqual(['smb', 'mid_market', 'enterprise']);
    expect(attr('api::deal.deal', 'stage').enum).toEqual([
      'appointment',
      'qualified',
      'proposal',
      'negotiation',
      'closed_won',
      'closed_lost',
    ]);
    expect(attr('api::email-event.email-event', 'type').enum).toEqual(['delivered', 'opened', 'clicked', 'bounced', 'unsubscribed']);
  });

  // [uid, attribute, relation, target, the attribute on the other side, its relation]
  const relations: Array<[string, string, string, string, string, string]> = [
    ['api::contact.contact', 'company', 'manyToOne', 'api::company.company', 'contacts', 'oneToMany'],
    ['api::contact.contact', 'tags', 'manyToMany', 'api::tag.tag', 'contacts', 'manyToMany'],
    ['api::contact.contact', 'deals', 'manyToMany', 'api::deal.deal', 'contacts', 'manyToMany'],
    ['api::contact.contact', 'activities', 'oneToMany', 'api::activity.activity', 'contact', 'manyToOne'],
    ['api::contact.contact', 'emailEvents', 'oneToMany', 'api::email-event.email-event', 'contact', 'manyToOne'],
    ['api::deal.deal', 'company', 'manyToOne', 'api::company.company', 'deals', 'oneToMany'],
    ['api::email-event.email-event', 'campaign', 'manyToOne', 'api::campaign.campaign', 'emailEvents', 'oneToMany'],
  ];

  it.each(relations)('%s.%s is %s %s, and %s.%s points back', (uid, name, relation, target, back, backRelation) => {
    const ct = t.strapi.contentTypes[uid as keyof typeof t.strapi.contentTypes] as any;
    const other = t.strapi.contentTypes[target as keyof typeof t.strapi.contentTypes] as any;
    expect(ct.attributes[name]).toMatchObject({ type: 'relation', relation, target });
    expect(other.attributes[back]).toMatchObject({ type: 'relation', relation: backRelation, target: uid });
    const owner = ct.attributes[name].inversedBy ?? other.attributes[back].inversedBy;
    const mapped = ct.attributes[name].mappedBy ?? other.attributes[back].mappedBy;
    expect([owner, mapped].sort()).toEqual([name, back].sort());
  });

  it('stores and reads a contact with its relations, on both sides', async () => {
    const docs = t.strapi.documents as any;
    const company = await docs('api::company.company').create({ data: { name: 'Müller GmbH', country: 'Germany' } });
    const contact = await docs('api::contact.contact').create({
      data: { firstName: 'Zoë', lastName: 'Müller', email: 'zoe@example.com', company: company.documentId },
    });
    await docs('api::deal.deal').create({ data: { name: 'Big', stage: 'proposal', contacts: [contact.documentId] } });
    const read = await docs('api::contact.contact').findOne({ documentId: contact.documentId, populate: ['company', 'deals'] });
    expect(read.firstName).toBe('Zoë');
    expect(read.company.name).toBe('Müller GmbH');
    expect(read.deals.map((d: any) => d.name)).toEqual(['Big']);
    const back = await docs('api::company.company').findOne({ documentId: company.documentId, populate: ['contacts'] });
    expect(back.contacts.map((c: any) => c.email)).toEqual(['zoe@example.com']);
  });
});

describe('the test helpers', () => {
  it('logs a super admin in', async () => {
    const admin = await createAdminAndLogin(t.strapi, t.request);
    expect(admin.role.code).toBe('strapi-super-admin');
    const me = await t.request.get('/admin/users/me').set(admin.headers);
    expect(me.status).toBe(200);
    expect(me.body.data.email).toBe(admin.email);
    expect((await t.request.get('/admin/users/me')).status).toBe(401);
  });

  it('logs in a user whose role holds only the chosen permissions', async () => {
    const reader = await createAdminAndLogin(t.strapi, t.request, { permissions: ['plugin::segments.read'] });
    expect(reader.role.code).not.toBe('strapi-super-admin');
    const res = await t.request.get('/admin/users/me/permissions').set(reader.headers);
    expect(res.status).toBe(200);
    expect(res.body.data.map((p: any) => p.action)).toEqual(['plugin::segments.read']);

    const nobody = await createAdminAndLogin(t.strapi, t.request, { permissions: [] });
    const none = await t.request.get('/admin/users/me/permissions').set(nobody.headers);
    expect(none.body.data).toEqual([]);
  });

  it('creates API tokens that authenticate on the content API', async () => {
    const readOnly = await createApiToken(t.strapi, { type: 'read-only' });
    expect(readOnly.accessKey).toMatch(/^[0-9a-f]{256}$/);
    expect((await t.request.get('/api/upload/files').set(readOnly.headers)).status).toBe(200);
    expect((await t.request.get('/api/upload/files').set({ Authorization: 'Bearer nope' })).status).toBe(401);

    const custom = await createApiToken(t.strapi, { type: 'custom', permissions: ['plugin::upload.content-api.find'] });
    expect((await t.request.get('/api/upload/files').set(custom.headers)).status).toBe(200);
    const full = await createApiToken(t.strapi, { type: 'full-access' });
    expect(full.type).toBe('full-access');
  });
});
