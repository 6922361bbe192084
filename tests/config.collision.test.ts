import { setupStrapi, teardownStrapi } from './helpers/strapi';

/**
 * A host attribute named like a field the plugin computes (`lastActivityAt`, `segment`, `email.*`)
 * stops the boot with a message naming the config key that renames the computed field; renamed,
 * both fields are there and each means what it says.
 */
const addAttribute = (strapi: any) =>
  strapi.get('content-types').extend('api::contact.contact', (ct: any) => {
    ct.attributes.lastActivityAt = { type: 'datetime' };
  });

afterEach(() => teardownStrapi());

it('refuses to boot when a host attribute takes a computed field’s name', async () => {
  await expect(setupStrapi({ afterRegister: addAttribute })).rejects.toThrow(
    `segments plugin: the field "lastActivityAt" that the plugin computes (last activity) has the same name as a field of Contact (api::contact.contact). ` +
      `Rename the computed field in config/plugins, e.g. crm: { computedFields: { lastActivityAt: 'latestActivityAt' } }`,
  );
});

it('boots with the computed field renamed, and keeps both meanings apart', async () => {
  const t = await setupStrapi({
    afterRegister(strapi) {
      addAttribute(strapi);
      strapi.config.set('plugin::segments.crm', { computedFields: { lastActivityAt: 'latestActivityAt' } });
    },
  });
  const fields = t.strapi.plugin('segments').service('audience').catalog().fields;
  const byName = Object.fromEntries(fields.map((f: any) => [f.name, f]));
  expect(byName.lastActivityAt).toMatchObject({ type: 'datetime', group: 'Contact' });
  expect(byName.latestActivityAt).toMatchObject({ type: 'datetime', group: 'Activity' });

  const contacts = t.strapi.documents('api::contact.contact' as any);
  const stored = await contacts.create({ data: { email: 'a@x.io', lastActivityAt: '2020-01-01T00:00:00.000Z' } as any });
  await t.strapi.documents('api::activity.activity' as any).create({
    data: { type: 'call', occurredAt: new Date().toISOString(), contact: stored.documentId } as any,
  });
  const segments = t.strapi.plugin('segments').service('segments');
  const old = { combinator: 'and', rules: [{ field: 'lastActivityAt', operator: '<', value: '2021-01-01' }] };
  const recent = { combinator: 'and', rules: [{ field: 'latestActivityAt', operator: '>=', value: 'now-1d' }] };
  await expect(segments.count(old)).resolves.toBe(1);
  await expect(segments.count(recent)).resolves.toBe(1);
  await expect(
    segments.count({ combinator: 'and', rules: [{ field: 'latestActivityAt', operator: '<', value: '2021-01-01' }] }),
  ).resolves.toBe(0);
});
