import config, { DEFAULT_COMPUTED_FIELDS, DEFAULT_CRM, resolveCrmConfig } from './index';
import { readConnectionRefusal } from '../crm/read-connection';

describe('resolveCrmConfig', () => {
  it('takes each key the host wrote whole, arrays and null blocks included, and defaults the rest', () => {
    const { crm, defaulted } = resolveCrmConfig({
      contact: 'api::person.person',
      nameFields: ['givenName'],
      emailEvents: null,
      company: { relation: 'organisation', nameField: 'title' },
    });
    expect(crm.nameFields).toEqual(['givenName']);
    expect(crm.emailEvents).toBeNull();
    expect(crm.company).toEqual({ relation: 'organisation', nameField: 'title' });
    expect(crm.activities).toEqual(DEFAULT_CRM.activities);
    expect(defaulted.sort()).toEqual(['activities', 'computedFields', 'emailField', 'unsubscribedField']);
  });

  it('renames computed fields one by one', () => {
    expect(resolveCrmConfig({ computedFields: { segment: 'inSegment' } }).crm.computedFields).toEqual({
      ...DEFAULT_COMPUTED_FIELDS,
      segment: 'inSegment',
    });
  });

  it('is the playground mapping when nothing is written, and stable when applied twice', () => {
    expect(resolveCrmConfig(undefined).crm).toEqual(DEFAULT_CRM);
    const once = resolveCrmConfig({ nameFields: ['a'] }).crm;
    expect(resolveCrmConfig(once)).toEqual({ crm: once, defaulted: [] });
  });
});

describe('the config validator Strapi runs', () => {
  it('accepts a partial mapping and refuses unknown keys and wrong shapes with their path', () => {
    expect(() => config.validator({ crm: { nameFields: ['givenName'], emailEvents: null }, ai: {} })).not.toThrow();
    expect(() => config.validator({ crm: { nameFeilds: ['x'] }, ai: {} })).toThrow(/crm: Unrecognized key: "nameFeilds"/);
    expect(() => config.validator({ crm: { nameFields: [] }, ai: {} })).toThrow(/crm\.nameFields: /);
    expect(() => config.validator({ crm: { company: { relation: 'org' } }, ai: {} })).toThrow(/crm\.company\.nameField: /);
    expect(() => config.validator({ crm: { computedFields: { segmnt: 'x' } }, ai: {} })).toThrow(
      /crm\.computedFields: Unrecognized key: "segmnt"/,
    );
  });
});

describe('the time budgets', () => {
  it('default to 5 s and take whole milliseconds from 0 (0: answer at once)', () => {
    expect(config.default()).toMatchObject({ explainBudgetMs: 5_000, countBudgetMs: 5_000 });
    expect(() => config.validator({ crm: {}, ai: {}, explainBudgetMs: 0, countBudgetMs: 250 })).not.toThrow();
    expect(() => config.validator({ crm: {}, ai: {}, explainBudgetMs: -1 })).toThrow(/explainBudgetMs: /);
    expect(() => config.validator({ crm: {}, ai: {}, countBudgetMs: 1.5 })).toThrow(/countBudgetMs: /);
  });
});

describe('createIndexes', () => {
  it('is off unless the host turns it on, and takes only a boolean', () => {
    expect(config.default()).toMatchObject({ createIndexes: false });
    expect(() => config.validator({ crm: {}, ai: {}, createIndexes: true })).not.toThrow();
    expect(() => config.validator({ crm: {}, ai: {}, createIndexes: 'yes' })).toThrow(/createIndexes: /);
  });
});

describe('timeZone', () => {
  it('is UTC unless the host names an IANA zone, and an unknown zone stops the boot with a message saying what to write', () => {
    expect(config.default()).toMatchObject({ timeZone: 'UTC' });
    expect(() => config.validator({ crm: {}, ai: {}, timeZone: 'Europe/Berlin' })).not.toThrow();
    expect(() => config.validator({ crm: {}, ai: {}, timeZone: 'Europe/Berlinn' })).toThrow(
      /invalid segments plugin config: timeZone: "Europe\/Berlinn" is not a time zone this server knows: use an IANA name such as "Europe\/Berlin"/,
    );
    expect(() => config.validator({ crm: {}, ai: {}, timeZone: 1 })).toThrow(/timeZone: /);
  });
});

describe('readConnection', () => {
  it('is off by default, and takes knex connection settings for a replica', () => {
    expect(config.default()).not.toHaveProperty('readConnection');
    expect(() => config.validator({ crm: {}, ai: {}, readConnection: { host: 'replica.internal' } })).not.toThrow();
    expect(() =>
      config.validator({
        crm: {},
        ai: {},
        readConnection: {
          host: 'r',
          port: 5433,
          database: 'crm',
          user: 'reader',
          password: 's',
          ssl: { rejectUnauthorized: false },
          pool: { max: 4 },
        },
      }),
    ).not.toThrow();
  });

  it('refuses a wrong shape with its path', () => {
    expect(() => config.validator({ crm: {}, ai: {}, readConnection: 'postgres://replica' })).toThrow(/readConnection: /);
    expect(() => config.validator({ crm: {}, ai: {}, readConnection: { port: 5433 } })).toThrow(/readConnection\.host: /);
    expect(() => config.validator({ crm: {}, ai: {}, readConnection: { host: 'r', port: '5433' } })).toThrow(/readConnection\.port: /);
    expect(() => config.validator({ crm: {}, ai: {}, readConnection: { host: 'r', hots: 'x' } })).toThrow(
      /readConnection: Unrecognized key: "hots"/,
    );
    expect(() => config.validator({ crm: {}, ai: {}, readConnection: { host: 'r', pool: { max: 0 } } })).toThrow(
      /readConnection\.pool\.max: /,
    );
  });

  it('is refused on SQLite, with what to do', () => {
    expect(readConnectionRefusal('sqlite')).toMatch(/needs PostgreSQL or MySQL\/MariaDB.*remove readConnection/);
    expect(readConnectionRefusal('postgres')).toBeUndefined();
    expect(readConnectionRefusal('mysql')).toBeUndefined();
  });
});
