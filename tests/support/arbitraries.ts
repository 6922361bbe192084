/**
 * fast-check arbitraries for valid filter trees (docs/semantics.md) over the playground catalog, with values drawn
 * mostly from a dataset's own values (so rules match some contacts and not others) and the rest
 * adversarial: case and accent variants, substrings, LIKE metacharacters, emoji, numbers as strings,
 * integers compared with fractions and out-of-int32 values, ISO datetimes with offsets, date-only
 * values, date math in every unit, `between` with its bounds in order (docs/semantics.md refuses low > high, and blank text), empty groups, `not`, nested groups,
 * to-many rules with every match mode, engagement by campaign list (with duplicates) or `last: N`,
 * `company.*`, `lastActivityAt` and `segment` rules.
 *
 *   const trees = treeArbitrary({ dataset, ids, segmentIds });
 *   fc.assert(fc.asyncProperty(trees, async (tree) => { ... }));
 */
import fc from 'fast-check';
import { boundsReversed, isBlankText } from '../../shared/bounds';
import type { FilterGroup, FilterRule } from '../../shared/filter-tree';
import { ENUMS, type Dataset, type LoadedIds } from './dataset';

export interface ArbitraryContext {
  dataset: Dataset;
  ids: LoadedIds;
  /** documentIds of saved segments that `segment` rules may name; none → no segment rules */
  segmentIds?: string[];
}

export interface TreeOptions {
  /** nesting of groups below the root (default 2) */
  maxDepth?: number;
  /** rules (or groups) per group (default 4) */
  maxRules?: number;
  /**
   * Value classes to leave out, e.g. while a known engine bug is being fixed:
   * - `enum-substring`: contains / beginsWith / endsWith on an enumeration with a part of an option;
   * - `nul`: text values holding U+0000;
   * - `docid-spelling`: relation values that spell a documentId in upper case or with a trailing space;
   * - `far-dates`: dates before year 1000 or after 9999 (ISO or date math such as now-2000y);
   * - `absolute-dates`: ISO dates and datetimes (date values are then all date math, e.g. to judge a time zone).
   */
  skip?: ReadonlySet<string>;
}

type Kind = 'text' | 'enum' | 'number' | 'boolean' | 'datetime' | 'date' | 'relation';

export interface FieldSpec {
  name: string;
  kind: Kind;
  /** enumeration options */
  options?: readonly string[];
  /** values found in the dataset: strings, numbers, epoch ms (datetime), YYYY-MM-DD (date), documentIds */
  pool: unknown[];
  /** how often the field is picked among its siblings (default 1) */
  weight?: number;
}

// Written out here rather than taken from the catalog: the test checks the engine against docs/semantics.md.
const TEXT_OPERATORS = [
  '=',
  '!=',
  'contains',
  'doesNotContain',
  'beginsWith',
  'doesNotBeginWith',
  'endsWith',
  'doesNotEndWith',
  'in',
  'notIn',
  'null',
  'notNull',
] as const;

export const OPERATORS: Record<Kind, readonly string[]> = {
  text: TEXT_OPERATORS,
  enum: TEXT_OPERATORS,
  number: ['=', '!=', '<', '<=', '>', '>=', 'between', 'notBetween', 'in', 'notIn', 'null', 'notNull'],
  boolean: ['=', '!=', 'null', 'notNull'],
  datetime: ['=', '!=', '<', '<=', '>', '>=', 'between', 'notBetween', 'null', 'notNull'],
  date: ['=', '!=', '<', '<=', '>', '>=', 'between', 'notBetween', 'null', 'notNull'],
  relation: ['=', '!=', 'in', 'notIn', 'null', 'notNull'],
};

const MATCH_MODES = ['some', 'none', 'all', 'atLeast', 'atMost', 'exactly'] as const;
const THRESHOLD_MODES = new Set(['atLeast', 'atMost', 'exactly']);

/** Texts that trip naive SQL: LIKE metacharacters, MySQL's LIKE escape, spaces, case/accent pairs. */
const ADVERSARIAL_TEXT = [
  '%',
  '_',
  '\\',
  ' ',
  '%%',
  'a_b',
  'a%b',
  'ü',
  'Ü',
  'u',
  'ß',
  'ss',
  'SS',
  'ë',
  'Ë',
  'e',
  'zoe',
  'ZOË',
  'zoë',
  'müller',
  'MULLER',
  'MÜLLER',
  '🚀',
  '🎉',
  "'",
  '"',
  'null',
  'NULL',
  'ł',
  'Ł',
  'é',
  'E',
  '@',
  '.',
  'acme',
  'Acme ',
  ' anna',
  'anna',
  'straße',
  'STRASSE',
  'дмитрий',
  'Ø',
  '\u0000',
  'a\u0000',
];
const RANDOM_TEXT_UNITS = Array.from('aAeEëËüÜßłŁoO%_\\ .@🚀');

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const nonEmpty = (s: string) => s.length > 0;
const unique = <T>(xs: T[]) => [...new Set(xs)];

/* ------------------------------------------------------------------------------------------------
 * The catalog as the test sees it (the playground schema + the engine's computed fields)
 * ---------------------------------------------------------------------------------------------- */

export interface CatalogSpec {
  contact: FieldSpec[];
  toMany: Record<'deals' | 'activities' | 'emailEvents' | 'tags', FieldSpec[]>;
  campaignIds: string[];
}

export function catalogSpec({ dataset: ds, ids }: ArbitraryContext): CatalogSpec {
  const values = <T>(rows: T[], name: keyof T) =>
    unique(rows.map((r) => r[name]).filter((v) => v !== null && v !== undefined && v !== '')) as unknown[];
  const text = <T>(rows: T[], name: keyof T, as = String(name)): FieldSpec => ({ name: as, kind: 'text', pool: values(rows, name) });
  const en = <T>(rows: T[], name: keyof T, options: readonly string[], as = String(name)): FieldSpec => ({
    name: as,
    kind: 'enum',
    options,
    pool: values(rows, name),
  });
  const n = <T>(rows: T[], name: keyof T, as = String(name)): FieldSpec => ({ name: as, kind: 'number', pool: values(rows, name) });
  const dt = <T>(rows: T[], name: keyof T, as = String(name)): FieldSpec => ({ name: as, kind: 'datetime', pool: values(rows, name) });
  const stampsOf = <T extends { createdAt: number; updatedAt: number }>(rows: T[], prefix = '') => [
    dt(rows, 'createdAt', `${prefix}createdAt`),
    dt(rows, 'updatedAt', `${prefix}updatedAt`),
  ];

  const companyIds = ds.companies.map((c) => ids.documentId[c.key]);
  const campaignIds = ds.campaigns.map((c) => ids.documentId[c.key]);
  // a well-formed documentId that names no record
  const ghost = 'zzzzzzzzzzzzzzzzzzzzzzzz';

  return {
    contact: [
      text(ds.contacts, 'firstName'),
      text(ds.contacts, 'lastName'),
      text(ds.contacts, 'email'),
      text(ds.contacts, 'phone'),
      text(ds.contacts, 'jobTitle'),
      en(ds.contacts, 'lifecycleStage', ENUMS.lifecycleStage),
      n(ds.contacts, 'leadScore'),
      en(ds.contacts, 'source', ENUMS.source),
      { name: 'unsubscribed', kind: 'boolean', pool: [true, false] },
      ...stampsOf(ds.contacts),
      { name: 'company', kind: 'relation', pool: [...companyIds, ghost] },
      text(ds.companies, 'name', 'company.name'),
      text(ds.companies, 'domain', 'company.domain'),
      en(ds.companies, 'industry', ENUMS.industry, 'company.industry'),
      n(ds.companies, 'employees', 'company.employees'),
      text(ds.companies, 'country', 'company.country'),
      en(ds.companies, 'revenueRange', ENUMS.revenueRange, 'company.revenueRange'),
      en(ds.companies, 'tier', ENUMS.tier, 'company.tier'),
      ...stampsOf(ds.companies, 'company.'),
      dt(ds.activities, 'occurredAt', 'lastActivityAt'),
    ],
    toMany: {
      deals: [
        text(ds.deals, 'name'),
        en(ds.deals, 'stage', ENUMS.dealStage),
        n(ds.deals, 'amount'),
        text(ds.deals, 'owner'),
        // the only `date` attribute (compared by calendar day): picked more often
        { name: 'closeDate', kind: 'date', pool: values(ds.deals, 'closeDate'), weight: 4 },
        ...stampsOf(ds.deals),
        { name: 'company', kind: 'relation', pool: [...companyIds, ghost] },
      ],
      activities: [
        en(ds.activities, 'type', ENUMS.activityType),
        text(ds.activities, 'subject'),
        dt(ds.activities, 'occurredAt'),
        ...stampsOf(ds.activities),
      ],
      emailEvents: [
        en(ds.emailEvents, 'type', ENUMS.emailEventType),
        dt(ds.emailEvents, 'occurredAt'),
        ...stampsOf(ds.emailEvents),
        { name: 'campaign', kind: 'relation', pool: [...campaignIds, ghost] },
      ],
      tags: [text(ds.tags, 'name'), ...stampsOf(ds.tags)],
    },
    campaignIds,
  };
}

/** Every contact-level field name the arbitraries use (to compare with the engine's catalog). */
export function fieldNames(spec: CatalogSpec): { contact: string[]; toMany: Record<string, string[]> } {
  return {
    contact: [...spec.contact.map((f) => f.name), ...Object.keys(spec.toMany), 'email.opened', 'email.clicked', 'segment'],
    toMany: Object.fromEntries(Object.entries(spec.toMany).map(([k, fs]) => [k, fs.map((f) => f.name)])),
  };
}

/* ------------------------------------------------------------------------------------------------
 * Values
 * ---------------------------------------------------------------------------------------------- */

const caseVariant = (s: string, how: number): string => {
  switch (how) {
    case 0:
      return s;
    case 1:
      return s.toUpperCase();
    case 2:
      return s.toLowerCase();
    case 3:
      return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
    case 4:
      return s.normalize('NFD').replace(/[\u0300-\u036f]/g, ''); // accents stripped
    default:
      return Array.from(s)
        .map((c, i) => (i % 2 ? c.toLowerCase() : c.toUpperCase()))
        .join('');
  }
};

const fromPool = <T>(pool: readonly T[], fallback: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  pool.length > 0 ? fc.constantFrom(...pool) : fallback;

const randomText = fc.string({ unit: fc.constantFrom(...RANDOM_TEXT_UNITS), minLength: 1, maxLength: 4 });

/** A whole text value for = / != / in / notIn. */
const adversarialText = (skip: ReadonlySet<string>) =>
  fc.constantFrom(...ADVERSARIAL_TEXT.filter((x) => !(skip.has('nul') && x.includes('\u0000'))));

function textWhole(pool: string[], skip: ReadonlySet<string>): fc.Arbitrary<string> {
  const p = fromPool(pool, randomText);
  return fc.oneof(
    { weight: 5, arbitrary: p },
    {
      weight: 3,
      arbitrary: fc
        .tuple(p, fc.integer({ min: 0, max: 5 }))
        .map(([s, how]) => caseVariant(s, how))
        .filter(nonEmpty),
    },
    { weight: 1, arbitrary: adversarialText(skip) },
    { weight: 1, arbitrary: randomText },
  );
}

/** A piece of a text for contains / beginsWith / endsWith (and their negations). */
function textPart(pool: string[], operator: string, skip: ReadonlySet<string>): fc.Arbitrary<string> {
  const p = fromPool(pool, randomText);
  const part = fc
    .tuple(p, fc.nat(), fc.nat(), fc.integer({ min: 0, max: 5 }))
    .map(([s, a, b, how]) => {
      const chars = Array.from(caseVariant(s, how));
      if (chars.length === 0) return '';
      const len = 1 + (b % chars.length);
      if (/begin/i.test(operator)) return chars.slice(0, len).join('');
      if (/end/i.test(operator)) return chars.slice(chars.length - len).join('');
      const start = a % chars.length;
      return chars.slice(start, start + len).join('');
    })
    .filter(nonEmpty);
  return fc.oneof(
    { weight: 6, arbitrary: part },
    { weight: 1, arbitrary: p },
    { weight: 2, arbitrary: adversarialText(skip) },
    { weight: 1, arbitrary: randomText },
  );
}

/** An enumeration option in any letter case (the options are compared case-insensitively). */
function enumWhole(options: readonly string[]): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...options), fc.integer({ min: 0, max: 5 })).map(([s, how]) => (how === 4 ? s : caseVariant(s, how)));
}

const NUMBER_SPECIALS = [
  0,
  -1,
  1,
  0.5,
  2.5,
  -0.01,
  0.01,
  99.99,
  100,
  1500.5,
  99_999.99,
  1_000_000_000,
  3_000_000_000,
  -3_000_000_000,
  2 ** 53 + 2,
  1e300,
  -1e300,
];
const DECIMAL = /^-?\d+(\.\d+)?$/;

/** A number, as a number or a numeric string. */
function numberValue(pool: number[]): fc.Arbitrary<number | string> {
  const p = fromPool(pool, fc.integer({ min: -10, max: 200 }));
  const n = fc.oneof(
    { weight: 5, arbitrary: p },
    { weight: 2, arbitrary: fc.tuple(p, fc.constantFrom(-1, 1, -0.5, 0.5, -0.01, 0.01)).map(([x, d]) => Math.round((x + d) * 100) / 100) },
    { weight: 2, arbitrary: fc.constantFrom(...NUMBER_SPECIALS) },
    { weight: 1, arbitrary: fc.integer({ min: -10, max: 200 }) },
  );
  // as a string when it is a well-formed decimal ("1e+300" is not)
  return fc.tuple(n, fc.integer({ min: 0, max: 9 })).map(([x, how]) => (how < 3 && DECIMAL.test(String(x)) ? String(x) : x));
}

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

/** An instant written with a UTC offset (minutes), e.g. 2025-03-01T23:30:00.000-05:00. */
function withOffset(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
  const sign = offsetMinutes < 0 ? '-' : '+';
  return `${local}${sign}${pad(Math.trunc(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`;
}

const UNITS = { h: HOUR, d: DAY, w: 7 * DAY, M: 30.44 * DAY, y: 365.25 * DAY } as const;

/**
 * Date math: `now`, random `now±N unit`, one aimed near a data point (relative to the anchor), or one
 * rounded to the start of a period (`now/M`, `now-1M/M`, `now+2w/Q`): the dataset has records at the
 * midnights of UTC and of the zones the property runs in, so the rounded bounds land on data.
 */
function dateMath(pool: number[], anchor: number, skip: ReadonlySet<string>): fc.Arbitrary<string> {
  const unit = fc.constantFrom('h', 'd', 'w', 'M', 'y') as fc.Arbitrary<keyof typeof UNITS>;
  const random = fc.tuple(fc.constantFrom('+', '-', '-', '-'), unit, fc.nat({ max: 1000 })).map(([sign, u, k]) => {
    const max = { h: 12_000, d: 500, w: 70, M: 16, y: 2 }[u];
    return `now${sign}${k % (max + 1)}${u}`;
  });
  const near =
    pool.length === 0
      ? random
      : fc.tuple(fc.constantFrom(...pool), unit).map(([t, u]) => {
          // N has at most 6 digits: far points are aimed at in days
          const unitOf = Math.abs((t - anchor) / UNITS[u]) < 999_999.5 ? u : 'd';
          const n = Math.round((t - anchor) / UNITS[unitOf]);
          return `now${n < 0 ? '-' : '+'}${Math.abs(n)}${unitOf}`;
        });
  const rounded = fc
    .tuple(
      fc.option(fc.tuple(fc.constantFrom('+', '-', '-'), fc.nat({ max: 14 }), unit), { freq: 3, nil: undefined }),
      fc.constantFrom('d', 'w', 'M', 'Q', 'y'),
    )
    .map(([offset, round]) => `now${offset ? offset.join('') : ''}/${round}`);
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant('now') },
    { weight: 6, arbitrary: random },
    { weight: skip.has('absolute-dates') ? 12 : 6, arbitrary: rounded },
    { weight: 8, arbitrary: near },
    ...(skip.has('far-dates') ? [] : [{ weight: 1, arbitrary: fc.constantFrom(...EXTREME_DATE_MATH) }]),
  );
}

/** Valid by the grammar (N has up to 6 digits), far from today: years below 100, BC, beyond 9999. */
const EXTREME_DATE_MATH = ['now-2000y', 'now-1990y', 'now-3000y', 'now+8000y', 'now-999999h', 'now-24000M'];
/** ISO dates far from the data: years below 100 (JavaScript's Date.UTC maps them to 19xx), 1901, 9999. */
const EXTREME_DATES = ['0001-01-01', '0050-06-15', '0099-12-31', '1901-06-15', '1901-06-15T10:00:00Z', '1970-01-01', '9999-12-31'];
const extremeDates = (skip: ReadonlySet<string>) =>
  fc.constantFrom(...EXTREME_DATES.filter((d) => !skip.has('far-dates') || Number(d.slice(0, 4)) >= 1000));

function datetimeValue(pool: number[], anchor: number, skip: ReadonlySet<string>): fc.Arbitrary<string> {
  if (skip.has('absolute-dates')) return dateMath(pool, anchor, skip);
  const p = fromPool(pool, fc.integer({ min: anchor - 400 * DAY, max: anchor + 30 * DAY }));
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return fc.oneof(
    { weight: 4, arbitrary: p.map((t) => new Date(t).toISOString()) }, // the exact instant
    { weight: 1, arbitrary: fc.tuple(p, fc.constantFrom(-300, -60, 60, 120, 330)).map(([t, off]) => withOffset(t, off)) },
    { weight: 1, arbitrary: p.map((t) => new Date(t).toISOString().slice(0, 19)) }, // no offset, no ms (read as UTC)
    { weight: 3, arbitrary: fc.tuple(p, fc.constantFrom(0, 0, -1, 1)).map(([t, d]) => day(t + d * DAY)) }, // date only
    { weight: 4, arbitrary: dateMath(pool, anchor, skip) },
    { weight: 1, arbitrary: extremeDates(skip) },
  );
}

function dateValue(pool: string[], anchor: number, skip: ReadonlySet<string>): fc.Arbitrary<string> {
  const ms = pool.map((d) => Date.parse(`${d}T00:00:00Z`));
  if (skip.has('absolute-dates')) return dateMath(ms, anchor, skip);
  const p = fromPool(ms, fc.integer({ min: anchor - 300 * DAY, max: anchor + 200 * DAY }));
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(p, fc.constantFrom(0, 0, 0, -1, 1)).map(([t, d]) => day(t + d * DAY)) },
    // instants near a day's edges, written in another zone: the UTC calendar day is what counts
    {
      weight: 4,
      arbitrary: fc
        .tuple(p, fc.constantFrom(30 * 60_000, DAY - 30 * 60_000, 12 * HOUR), fc.constantFrom(-300, 0, 120, 330))
        .map(([t, within, off]) => (off === 0 ? new Date(t + within).toISOString() : withOffset(t + within, off))),
    },
    { weight: 3, arbitrary: dateMath(ms, anchor, skip) },
    { weight: 1, arbitrary: extremeDates(skip) },
  );
}

/** The value arbitrary of one operand (a single value) of a field. */
function single(spec: FieldSpec, operator: string, anchor: number, skip: ReadonlySet<string>): fc.Arbitrary<unknown> {
  switch (spec.kind) {
    case 'text':
      return /contain|begin|end/i.test(operator) ? textPart(spec.pool as string[], operator, skip) : textWhole(spec.pool as string[], skip);
    case 'enum':
      // Only = / != / in / notIn must name an option; a part of one is a fine value for contains & co.
      return /contain|begin|end/i.test(operator) && !skip.has('enum-substring')
        ? textPart([...spec.options!], operator, skip)
        : enumWhole(spec.options!);
    case 'number':
      return numberValue(spec.pool as number[]);
    case 'boolean':
      return fc.boolean();
    case 'datetime':
      return datetimeValue(spec.pool as number[], anchor, skip);
    case 'date':
      return dateValue(spec.pool as string[], anchor, skip);
    case 'relation':
      // a documentId is an exact identifier: its upper-case or space-padded spelling names nothing
      return skip.has('docid-spelling')
        ? fc.constantFrom(...(spec.pool as string[]))
        : fc.oneof(
            { weight: 10, arbitrary: fc.constantFrom(...(spec.pool as string[])) },
            { weight: 1, arbitrary: fc.constantFrom(...(spec.pool as string[])).map((id) => id.toUpperCase()) },
            { weight: 1, arbitrary: fc.constantFrom(...(spec.pool as string[])).map((id) => `${id} `) },
          );
  }
}

function scalarRule(spec: FieldSpec, anchor: number, skip: ReadonlySet<string>): fc.Arbitrary<FilterRule> {
  return fc.constantFrom(...OPERATORS[spec.kind]).chain((operator): fc.Arbitrary<FilterRule> => {
    if (operator === 'null' || operator === 'notNull') {
      // a value on a valueless operator is ignored
      return fc
        .option(fc.constantFrom<unknown>('x', 0, true), { freq: 5, nil: undefined })
        .map((value) => (value === undefined ? { field: spec.name, operator } : { field: spec.name, operator, value }));
    }
    // Blank text is invalid (docs/semantics.md#3-operators-and-values): a value of spaces only is drawn again.
    const one = single(spec, operator, anchor, skip).filter((v) => !isBlankText(v));
    const rangeKind = spec.kind === 'number' || spec.kind === 'date' || spec.kind === 'datetime' ? spec.kind : undefined;
    const value =
      operator === 'in' || operator === 'notIn'
        ? fc.array(one, { minLength: 1, maxLength: 4 })
        : operator === 'between' || operator === 'notBetween'
          ? fc.tuple(one, one).map(([a, b]) => (rangeKind && boundsReversed(rangeKind, a, b) ? [b, a] : [a, b])) // low > high is invalid
          : one;
    return value.map((v) => ({ field: spec.name, operator, value: v }));
  });
}

/* ------------------------------------------------------------------------------------------------
 * Trees
 * ---------------------------------------------------------------------------------------------- */

const optionalId = fc.option(fc.constantFrom('a1', 'rule-7', 'ffffffff-0000-4000-8000-000000000000'), { freq: 4, nil: undefined });

function clean<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** A group of exactly one rule, sometimes negated. */
function oneRuleGroup(rule: fc.Arbitrary<FilterRule>): fc.Arbitrary<FilterGroup> {
  return fc
    .record({
      combinator: fc.constantFrom('and', 'or') as fc.Arbitrary<'and' | 'or'>,
      not: fc.constantFrom<boolean | undefined>(undefined, undefined, true),
      rule,
    })
    .map(({ combinator, not, rule: r }) => clean({ combinator, not, rules: [r] }) as FilterGroup);
}

export function groupOf(rule: fc.Arbitrary<FilterRule>, depth: number, maxRules: number): fc.Arbitrary<FilterGroup> {
  const child: fc.Arbitrary<FilterRule | FilterGroup> =
    depth > 0 ? fc.oneof({ weight: 3, arbitrary: rule }, { weight: 1, arbitrary: groupOf(rule, depth - 1, maxRules) }) : rule;
  return fc
    .record({
      combinator: fc.constantFrom('and', 'or') as fc.Arbitrary<'and' | 'or'>,
      not: fc.constantFrom<boolean | undefined>(undefined, undefined, false, true, true),
      rules: fc.array(child, { maxLength: maxRules }),
      id: optionalId,
    })
    .map((g) => clean(g) as FilterGroup);
}

/** One rule of any kind over contacts (to-many rules carry a random sub-group). */
export function ruleArbitrary(ctx: ArbitraryContext, options: TreeOptions = {}): fc.Arbitrary<FilterRule> {
  const { skip = new Set<string>() } = options;
  const spec = catalogSpec(ctx);
  const anchor = ctx.dataset.anchor;

  const contactScalars = spec.contact.filter((f) => !f.name.startsWith('company') && f.name !== 'lastActivityAt');
  const companyFields = spec.contact.filter((f) => f.name.startsWith('company'));
  const lastActivity = spec.contact.filter((f) => f.name === 'lastActivityAt');
  const ruleOf = (fields: FieldSpec[]) =>
    fc.oneof(...fields.map((f) => ({ weight: f.weight ?? 1, arbitrary: scalarRule(f, anchor, skip) })));

  const toManyOf = (field: keyof CatalogSpec['toMany']): fc.Arbitrary<FilterRule> =>
    fc
      .record({
        mode: fc.constantFrom(...MATCH_MODES),
        threshold: fc.integer({ min: 0, max: 4 }),
        extraThreshold: fc.boolean(),
        // often a single condition: nothing in the sub-group masks a wrong answer
        value: fc.oneof(groupOf(ruleOf(spec.toMany[field]), 1, 3), oneRuleGroup(ruleOf(spec.toMany[field]))),
        id: optionalId,
      })
      .map(({ mode, threshold, extraThreshold, value, id }) =>
        clean({
          field,
          operator: 'matches',
          // a threshold on some / none / all is ignored
          match: THRESHOLD_MODES.has(mode) || extraThreshold ? { mode, threshold } : { mode },
          value,
          id,
        }),
      );
  const toMany = fc.oneof(...(Object.keys(spec.toMany) as Array<keyof CatalogSpec['toMany']>).map(toManyOf));

  const engagement: fc.Arbitrary<FilterRule> = fc
    .record({
      field: fc.constantFrom('email.opened', 'email.clicked'),
      operator: fc.constantFrom('any', 'all', 'none'),
      value: fc.oneof(
        // duplicates allowed: the set is deduplicated
        fc.array(fc.constantFrom(...spec.campaignIds), { minLength: 1, maxLength: 4 }).map((campaigns) => ({ campaigns })),
        fc.integer({ min: 1, max: 8 }).map((last) => ({ last })),
      ),
    })
    .map((r) => r as FilterRule);

  const segmentIds = ctx.segmentIds ?? [];
  const segment: fc.Arbitrary<FilterRule> | undefined =
    segmentIds.length > 0
      ? fc
          .record({
            operator: fc.constantFrom('in', 'notIn'),
            value: fc.array(fc.constantFrom(...segmentIds), { minLength: 1, maxLength: 3 }),
          })
          .map(({ operator, value }) => ({ field: 'segment', operator, value }))
      : undefined;

  return fc.oneof(
    { weight: 8, arbitrary: ruleOf(contactScalars) },
    { weight: 4, arbitrary: ruleOf(companyFields) },
    { weight: 1, arbitrary: ruleOf(lastActivity) },
    { weight: 5, arbitrary: toMany },
    { weight: 2, arbitrary: engagement },
    ...(segment ? [{ weight: 1, arbitrary: segment }] : []),
  );
}

/**
 * One single-rule tree arbitrary per field of the catalog (contact fields, each sub-field of each
 * to-many field, engagement, segment), so that every field is exercised on its own, however rare it is
 * among the others.
 */
export function perFieldTrees(
  ctx: ArbitraryContext,
  options: TreeOptions = {},
): Array<{ field: string; kind: string; trees: fc.Arbitrary<FilterGroup> }> {
  const { skip = new Set<string>() } = options;
  const spec = catalogSpec(ctx);
  const anchor = ctx.dataset.anchor;
  const out: Array<{ field: string; kind: string; trees: fc.Arbitrary<FilterGroup> }> = [];
  for (const f of spec.contact) {
    out.push({ field: f.name, kind: f.kind, trees: oneRuleGroup(scalarRule(f, anchor, skip)) });
  }
  for (const [field, subFields] of Object.entries(spec.toMany)) {
    for (const f of subFields) {
      const rule = fc
        .record({
          mode: fc.constantFrom(...MATCH_MODES),
          threshold: fc.integer({ min: 0, max: 3 }),
          value: oneRuleGroup(scalarRule(f, anchor, skip)),
        })
        .map(({ mode, threshold, value }) => ({
          field,
          operator: 'matches',
          match: THRESHOLD_MODES.has(mode) ? { mode, threshold } : { mode },
          value,
        }));
      out.push({ field: `${field}.${f.name}`, kind: f.kind, trees: oneRuleGroup(rule) });
    }
  }
  return out;
}

/** A random tree: nested groups (with `not`, empty ones included) of random rules. */
export function treeArbitrary(ctx: ArbitraryContext, options: TreeOptions = {}): fc.Arbitrary<FilterGroup> {
  const { maxDepth = 2, maxRules = 4 } = options;
  return groupOf(ruleArbitrary(ctx, options), maxDepth, maxRules);
}

/** A tree of exactly one rule (sometimes negated): each rule judged alone, nothing masks a wrong answer. */
export function singleRuleTree(ctx: ArbitraryContext, options: TreeOptions = {}): fc.Arbitrary<FilterGroup> {
  return oneRuleGroup(ruleArbitrary(ctx, options));
}
