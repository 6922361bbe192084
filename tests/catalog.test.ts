import { DEFAULT_CRM } from '../server/config';
import { checkCrmConfig } from '../server/crm/config-check';
import { createAdminAndLogin } from './helpers/auth';
import { setupStrapi, teardownStrapi, type TestStrapi } from './helpers/strapi';

/**
 * The catalog is introspected from the live schemas: here Contact gets a custom attribute and a
 * private one at register time (as the Content-Type Builder would add them), and the catalog, the
 * validator and the compiler pick them up without code.
 */
let t: TestStrapi;
let headers: Record<string, string>;

beforeAll(async () => {
  t = await setupStrapi({
    afterRegister(strapi) {
      strapi.get('content-types').extend('api::contact.contact', (ct: any) => {
        ct.attributes.favoriteColor = { type: 'enumeration', enum: ['red', 'green'] };
        ct.attributes.loyaltyPoints = { type: 'biginteger' };
        ct.attributes.internalNote = { type: 'string', private: true };
      });
    },
  });
  ({ headers } = await createAdminAndLogin(t.strapi, t.request));
});
afterAll(() => teardownStrapi());

const catalog = async () => (await t.request.get('/segments/catalog').set(headers).expect(200)).body;

describe('GET /segments/catalog', () => {
  it('lists contact attributes, company fields, to-many sub-queries and derived fields with their operators', async () => {
    const { contactType, fields } = await catalog();
    expect(contactType).toBe('api::contact.contact');
    const byName = Object.fromEntries(fields.map((f: any) => [f.name, f]));

    expect(byName.email).toMatchObject({ type: 'email', label: 'Email', operators: expect.arrayContaining(['contains', 'notIn', 'null']) });
    expect(byName.lifecycleStage.options).toContainEqual({ value: 'mql', label: 'MQL' });
    expect(byName.leadScore).toMatchObject({ type: 'integer', operators: expect.arrayContaining(['between', 'notBetween']) });
    expect(byName.createdAt.type).toBe('datetime');
    expect(byName['company.country']).toMatchObject({ type: 'string', group: 'Company' });
    expect(byName['company.revenueRange'].options.map((o: any) => o.value)).toEqual([
      'under_1m',
      'from_1m_to_10m',
      'from_10m_to_50m',
      'from_50m_to_250m',
      'over_250m',
    ]);
    expect(byName.company).toMatchObject({ type: 'relation', target: 'api::company.company' });

    expect(byName.deals).toMatchObject({ type: 'toMany', matchModes: ['some', 'none', 'all', 'atLeast', 'atMost', 'exactly'] });
    const dealFields = byName.deals.subFields.map((f: any) => f.name);
    expect(dealFields).toEqual(expect.arrayContaining(['name', 'stage', 'amount', 'owner', 'closeDate', 'createdAt', 'company']));
    expect(dealFields).not.toContain('contacts');
    const eventFields = byName.emailEvents.subFields.map((f: any) => f.name);
    expect(eventFields).toEqual(expect.arrayContaining(['type', 'occurredAt', 'campaign']));
    expect(eventFields).not.toContain('contact');
    expect(byName.tags.subFields.map((f: any) => f.name)).toEqual(['name', 'createdAt', 'updatedAt']);

    expect(byName.lastActivityAt).toMatchObject({ type: 'datetime' });
    expect(byName['email.opened']).toMatchObject({ type: 'engagement', operators: ['any', 'all', 'none'] });
    expect(byName['email.clicked']).toMatchObject({ type: 'engagement' });
    expect(byName.segment).toMatchObject({ type: 'segment', operators: ['in', 'notIn'] });

    for (const hidden of ['id', 'documentId', 'publishedAt', 'locale', 'createdBy', 'updatedBy']) expect(byName[hidden]).toBeUndefined();
  });

  it('picks up custom attributes without code and never shows private ones', async () => {
    const names = (await catalog()).fields.map((f: any) => f.name);
    expect(names).toEqual(expect.arrayContaining(['favoriteColor', 'loyaltyPoints']));
    expect(names).not.toContain('internalNote');

    const contacts = t.strapi.documents('api::contact.contact' as any);
    await contacts.create({ data: { email: 'r@x.io', favoriteColor: 'red', loyaltyPoints: 5 } as any });
    await contacts.create({ data: { email: 'g@x.io', favoriteColor: 'green', loyaltyPoints: 50 } as any });
    const preview = (rules: unknown[]) =>
      t.request
        .post('/segments/preview')
        .set(headers)
        .send({ filters: { combinator: 'and', rules } });

    const red = await preview([{ field: 'favoriteColor', operator: '=', value: 'RED' }]).expect(200);
    expect(red.body.contacts.map((c: any) => c.email)).toEqual(['r@x.io']);
    const rich = await preview([{ field: 'loyaltyPoints', operator: '>=', value: '10' }]).expect(200);
    expect(rich.body.count).toBe(1);
    const secret = await preview([{ field: 'internalNote', operator: '=', value: 'x' }]).expect(400);
    expect(secret.body.error.details.path).toBe('rules[0].field');
  });
});

describe('CRM mapping check', () => {
  it('accepts the defaults and names every wrong key with what exists', () => {
    expect(() => checkCrmConfig(t.strapi, DEFAULT_CRM)).not.toThrow();
    const wrong = {
      ...DEFAULT_CRM,
      emailField: 'mail',
      activities: { relation: 'company', occurredAtField: 'occurredAt' },
      emailEvents: { ...DEFAULT_CRM.emailEvents!, campaignSentAtField: 'sent' },
    };
    let message = '';
    try {
      checkCrmConfig(t.strapi, wrong);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(
      /crm\.emailField: "mail" is not an attribute of Contact \(api::contact\.contact\) that fits here \(it has: firstName, lastName, email, phone, jobTitle, lifecycleStage, source, favoriteColor\)/,
    );
    expect(message).toMatch(
      /crm\.activities\.relation: api::contact\.contact\.company is a manyToOne relation, expected oneToMany or manyToMany \(it has: tags, deals, activities, emailEvents\)/,
    );
    expect(message).toMatch(
      /crm\.emailEvents\.campaignSentAtField: "sent" is not an attribute of Campaign \(api::campaign\.campaign\) that fits here \(it has: sentAt, createdAt, updatedAt\)/,
    );
    // Strapi's own attributes and private ones are never offered.
    expect(message).not.toMatch(/createdBy|updatedBy|localizations|documentId|internalNote/);
    expect(() => checkCrmConfig(t.strapi, { ...DEFAULT_CRM, contact: 'api::person.person' })).toThrow(
      /crm\.contact: content type "api::person\.person" does not exist/,
    );
  });

  it('says when a failing key was not set by the host, and how to turn its feature off', () => {
    const mapping = { ...DEFAULT_CRM, emailEvents: { ...DEFAULT_CRM.emailEvents!, relation: 'mailings' } };
    expect(() => checkCrmConfig(t.strapi, mapping, ['emailEvents'])).toThrow(
      /crm\.emailEvents\.relation: "mailings" .*\(crm\.emailEvents is not set in config\/plugins, so the playground's default applies: map it to your content types, or set it to null to turn off the email\.opened \/ email\.clicked fields\)/,
    );
    expect(() => checkCrmConfig(t.strapi, mapping, [])).not.toThrow(/is not set in config\/plugins/);
  });
});
