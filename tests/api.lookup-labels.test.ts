/**
 * How GET /segments/lookup labels records: the CRM mapping's names for the company type
 * (`crm.company.nameField`) and campaigns (`crm.emailEvents.campaignNameField`), and for any other
 * type a picker reaches, the first string attribute among name, title, label, subject, email, else the
 * documentId. The deal type gets two extra to-one relations here (to activities and to email events),
 * so that the builder has pickers over types without a name.
 */
import { DEFAULT_CRM } from '../server/config';
import { setupStrapi, teardownStrapi, type TestStrapi } from './helpers/strapi';
import { createAdminAndLogin, type AdminSession } from './helpers/auth';
import { COMPANY, CAMPAIGN, ACTIVITY, EMAIL_EVENT } from './support/uids';

let t: TestStrapi;
let admin: AdminSession;

const docs = () => t.strapi.documents as any;
const lookup = async (query: Record<string, string>) => {
  const res = await t.request.get('/segments/lookup').query(query).set(admin.headers);
  expect([res.status, res.body.error]).toEqual([200, undefined]);
  return res.body.data as Array<{ documentId: string; label: string; detail?: string | null }>;
};

beforeAll(async () => {
  t = await setupStrapi({
    afterRegister(strapi) {
      strapi.get('content-types').extend('api::deal.deal', (ct: any) => {
        ct.attributes.nextStep = { type: 'relation', relation: 'manyToOne', target: ACTIVITY };
        ct.attributes.sourceEvent = { type: 'relation', relation: 'manyToOne', target: EMAIL_EVENT };
      });
    },
  });
  admin = await createAdminAndLogin(t.strapi, t.request);
  // The mapping is read when a lookup runs: point the labels at other attributes (each block is replaced whole).
  t.strapi.config.set('plugin::segments.crm.company', { ...DEFAULT_CRM.company, nameField: 'domain' });
  t.strapi.config.set('plugin::segments.crm.emailEvents', { ...DEFAULT_CRM.emailEvents, campaignNameField: 'subject' });
});
afterAll(() => teardownStrapi());

describe('lookup labels', () => {
  it('the company type uses crm.company.nameField, for searching too', async () => {
    const acme = await docs()(COMPANY).create({ data: { name: 'Acme', domain: 'acme.example' } });
    await docs()(COMPANY).create({ data: { name: 'Zeta acme', domain: 'zeta.example' } });
    expect(await lookup({ target: COMPANY, q: 'ACME' })).toEqual([{ documentId: acme.documentId, label: 'acme.example', detail: null }]);
  });

  it('campaigns use crm.emailEvents.campaignNameField', async () => {
    const c = await docs()(CAMPAIGN).create({ data: { name: 'Internal name', subject: 'Spring sale', sentAt: null } });
    expect(await lookup({ target: CAMPAIGN, q: 'spring' })).toEqual([{ documentId: c.documentId, label: 'Spring sale', detail: null }]);
    expect(await lookup({ target: CAMPAIGN, q: 'internal' })).toEqual([]);
  });

  it('another type uses its first string attribute among name, title, label, subject, email', async () => {
    const catalog = (await t.request.get('/segments/catalog').set(admin.headers)).body;
    const deals = catalog.fields.find((f: any) => f.name === 'deals');
    expect(deals.subFields.find((f: any) => f.name === 'nextStep')).toMatchObject({ type: 'relation', target: ACTIVITY });

    const call = await docs()(ACTIVITY).create({ data: { type: 'call', subject: 'Call about renewal' } });
    const note = await docs()(ACTIVITY).create({ data: { type: 'note', subject: 'Budget note' } });
    expect(await lookup({ target: ACTIVITY })).toEqual([
      { documentId: note.documentId, label: 'Budget note', detail: null },
      { documentId: call.documentId, label: 'Call about renewal', detail: null },
    ]);
    expect((await lookup({ target: ACTIVITY, q: 'RENEWAL' })).map((i) => i.label)).toEqual(['Call about renewal']);
  });

  it('a type without one is labelled, searched and ordered by documentId', async () => {
    const a = await docs()(EMAIL_EVENT).create({ data: { type: 'opened' } });
    const b = await docs()(EMAIL_EVENT).create({ data: { type: 'clicked' } });
    const sorted = [a.documentId, b.documentId].sort();
    expect(await lookup({ target: EMAIL_EVENT })).toEqual(sorted.map((documentId) => ({ documentId, label: documentId, detail: null })));
    expect(await lookup({ target: EMAIL_EVENT, q: a.documentId.slice(2, 12).toUpperCase() })).toEqual([
      { documentId: a.documentId, label: a.documentId, detail: null },
    ]);
  });
});
