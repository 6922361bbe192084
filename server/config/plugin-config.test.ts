import type { Core } from '@strapi/strapi';
import config, { DEFAULT_CRM, DEFAULT_WATCH, pluginConfigSchema } from './index';
import { pluginConfig } from './plugin-config';

/** A Strapi whose config holds `written` under the plugin's key, as Strapi's config provider reads it. */
const strapiWith = (written: Record<string, unknown> | undefined) =>
  ({ config: { get: (path: string) => (path === 'plugin::segments' ? written : undefined) } }) as unknown as Core.Strapi;

describe('pluginConfig', () => {
  it('reads what Strapi starts from (the config default), and an empty config, as the schema defaults them', () => {
    const { crm, crmDefaulted, ...rest } = pluginConfig(strapiWith(config.default()));
    const { crm: _crm, ...schemaDefaults } = pluginConfigSchema.parse({});
    // The schema leaves each watch key optional: the service defaults them one by one.
    expect(rest).toEqual({ ...schemaDefaults, watch: DEFAULT_WATCH });
    expect(crm).toEqual(DEFAULT_CRM);
    expect(crmDefaulted).toHaveLength(Object.keys(DEFAULT_CRM).length);
    expect(pluginConfig(strapiWith({}))).toEqual(pluginConfig(strapiWith(config.default())));
  });

  it('defaults every key left out or set to undefined since boot, each watch key on its own', () => {
    const read = pluginConfig(strapiWith({ queryTimeoutMs: undefined, watch: { intervalSeconds: 60 } }));
    expect(read).toMatchObject({
      queryTimeoutMs: 15_000,
      explainBudgetMs: 5_000,
      countBudgetMs: 5_000,
      countMaxAgeSeconds: 900,
      createIndexes: false,
      watch: { intervalSeconds: 60, retentionDays: 90 },
      timeZone: 'UTC',
      ai: {},
    });
    expect(pluginConfig(strapiWith(undefined)).queryTimeoutMs).toBe(15_000);
  });

  it('takes what the host wrote, 0 included, and resolves the CRM mapping', () => {
    const read = pluginConfig(
      strapiWith({
        countBudgetMs: 0,
        createIndexes: true,
        timeZone: 'Europe/Berlin',
        ai: { model: 'm' },
        crm: { nameFields: ['givenName'], emailEvents: null },
      }),
    );
    expect(read).toMatchObject({ countBudgetMs: 0, createIndexes: true, timeZone: 'Europe/Berlin', ai: { model: 'm' } });
    expect(read.crm).toEqual({ ...DEFAULT_CRM, nameFields: ['givenName'], emailEvents: null });
    expect(read.crmDefaulted).not.toContain('nameFields');
    expect(read.crmDefaulted).toContain('contact');
  });
});
