import type { MatchMode } from './filter-tree';

/** Field types the engine knows. Scalar types carry Strapi's attribute type names. */
export const TEXT_TYPES = ['string', 'text', 'richtext', 'email', 'uid', 'enumeration'] as const;
export const NUMBER_TYPES = ['integer', 'biginteger', 'float', 'decimal'] as const;
export const DATE_TYPES = ['date', 'datetime'] as const;

export type TextType = (typeof TEXT_TYPES)[number];
export type NumberType = (typeof NUMBER_TYPES)[number];
export type DateType = (typeof DATE_TYPES)[number];
export type ScalarType = TextType | NumberType | DateType | 'boolean';

/**
 * `relation`: a to-one relation compared by the related documentId.
 * `toMany`: a to-many relation taking a sub-query (`match` + a sub-group as value).
 * `engagement`: `email.opened` / `email.clicked`. `segment`: membership of other segments.
 */
export type FieldType = ScalarType | 'relation' | 'toMany' | 'engagement' | 'segment';

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
const NUMBER_OPERATORS = ['=', '!=', '<', '<=', '>', '>=', 'between', 'notBetween', 'in', 'notIn', 'null', 'notNull'] as const;
const DATE_OPERATORS = ['=', '!=', '<', '<=', '>', '>=', 'between', 'notBetween', 'null', 'notNull'] as const;

export const OPERATORS_BY_TYPE: Record<FieldType, readonly string[]> = {
  string: TEXT_OPERATORS,
  text: TEXT_OPERATORS,
  richtext: TEXT_OPERATORS,
  email: TEXT_OPERATORS,
  uid: TEXT_OPERATORS,
  enumeration: TEXT_OPERATORS,
  integer: NUMBER_OPERATORS,
  biginteger: NUMBER_OPERATORS,
  float: NUMBER_OPERATORS,
  decimal: NUMBER_OPERATORS,
  boolean: ['=', '!=', 'null', 'notNull'],
  date: DATE_OPERATORS,
  datetime: DATE_OPERATORS,
  relation: ['=', '!=', 'in', 'notIn', 'null', 'notNull'],
  // The match mode carries a to-many rule's meaning; the builder writes this operator.
  toMany: ['matches'],
  engagement: ['any', 'all', 'none'],
  segment: ['in', 'notIn'],
};

/** Each negative operator is the exact complement of its positive twin (docs/semantics.md). */
export const NEGATIONS: Record<string, string> = {
  '!=': '=',
  doesNotContain: 'contains',
  doesNotBeginWith: 'beginsWith',
  doesNotEndWith: 'endsWith',
  notIn: 'in',
  notBetween: 'between',
  null: 'notNull',
};

export const OPERATOR_LABELS: Record<string, string> = {
  '=': 'is',
  '!=': 'is not',
  contains: 'contains',
  doesNotContain: 'does not contain',
  beginsWith: 'begins with',
  doesNotBeginWith: 'does not begin with',
  endsWith: 'ends with',
  doesNotEndWith: 'does not end with',
  in: 'is one of',
  notIn: 'is none of',
  null: 'is empty',
  notNull: 'is not empty',
  '<': 'less than',
  '<=': 'at most',
  '>': 'greater than',
  '>=': 'at least',
  between: 'between',
  notBetween: 'not between',
  matches: 'matches',
  any: 'any of',
  all: 'all of',
  none: 'none of',
};

export interface CatalogOption {
  value: string;
  label: string;
}

export interface CatalogField {
  /** The name a rule uses: `email`, `company.country`, `deals`, `email.opened`, `segment`. */
  name: string;
  label: string;
  type: FieldType;
  operators: string[];
  /** Enumeration values with labels. */
  options?: CatalogOption[];
  /** UI grouping: the content type or feature a field comes from. */
  group: string;
  /** Content type of a relation's or a to-many sub-query's target. */
  target?: string;
  /** To-many fields only. */
  matchModes?: MatchMode[];
  subFields?: CatalogField[];
}

export interface Catalog {
  contactType: string;
  fields: CatalogField[];
}
