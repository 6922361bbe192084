/**
 * A filter tree in plain English ("Company tier is Enterprise and opened all of the last 3
 * campaigns and has no deal created in the last 90 days"), for the editor's "In words", the
 * segments list and AI Mode's answers. Deterministic and pure: the same tree, catalog and names give
 * the same sentence on the server and in the panel.
 *
 * Date math reads as the builder's phrases (shared/dates/phrase.ts): `>=` now-N "in the last N",
 * `<` now-1M/M "before the start of last month", a period's pair of rules "created last quarter".
 * A tree the validator would refuse still renders (unknown fields by their name), so the panel can
 * show words while the user is mid-edit.
 */
import { OPERATOR_LABELS, type CatalogField } from './catalog';
import { dateMathWords, PERIODS, periodComparisonWords, readPeriod, readRelative, relativeWords } from './dates/phrase';
import { isGroup, type FilterGroup, type FilterRule } from './filter-tree';

export interface DescribeNames {
  /** Campaign documentId → name, for `email.opened` / `email.clicked` with a campaign list. */
  campaigns?: Record<string, string>;
  /** Segment documentId → name, for `segment` rules. */
  segments?: Record<string, string>;
  /** Any other related record's documentId → label (a company, a deal's company). */
  records?: Record<string, string>;
}

const DATE_TYPES = new Set(['date', 'datetime']);
const COMPARISONS: Record<string, string> = {
  '<': 'before',
  '<=': 'on or before',
  '>': 'after',
  '>=': 'on or after',
  '=': 'on',
  '!=': 'not on',
};

/** "Company › Tier" → "company tier"; acronyms ("MQL", "ID") keep their capitals. */
function lowerLabel(label: string): string {
  return label
    .split(' › ')
    .join(' ')
    .split(' ')
    .map((w) => (w.length > 1 && w === w.toUpperCase() ? w : w.charAt(0).toLowerCase() + w.slice(1)))
    .join(' ');
}

/** "Deals" → "deal", "Activities" → "activity", "Email events" → "email event". */
function singular(noun: string): string {
  if (/ies$/.test(noun)) return noun.slice(0, -3) + 'y';
  if (/ss$/.test(noun)) return noun;
  return noun.replace(/s$/, '');
}

/** A to-many field's label as nouns: "Deals" → { one: "deal", many: "deals" }. */
export function nounsOf(label: string): { one: string; many: string } {
  const many = lowerLabel(label);
  return { one: singular(many), many };
}

/** "A, B or C" */
function listing(items: string[], last: 'and' | 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function describeTree(tree: FilterGroup, fields: CatalogField[], names: DescribeNames = {}): string {
  return capitalize(new Describer(names).group(tree, fields, true, 'contact'));
}

class Describer {
  constructor(private readonly names: DescribeNames) {}

  group(group: FilterGroup, fields: CatalogField[], top: boolean, noun: string): string {
    const rules = Array.isArray(group.rules) ? group.rules : [];
    const period = this.period(group, fields);
    if (period) return period;
    let text: string;
    if (rules.length === 0) text = top ? `every ${noun}` : `any ${noun}`;
    else {
      const parts = rules.map((node) => {
        // Half-built or foreign trees may hold anything; words never throw.
        if (!node || typeof node !== 'object') return '(an unreadable condition)';
        if (isGroup(node)) {
          const period = this.period(node, fields);
          if (period) return period;
          const inner = this.group(node, fields, false, noun);
          // A nested group with several rules or its own NOT is bracketed so its combinator stays with it.
          return node.rules.length > 1 && !node.not ? `(${inner})` : inner;
        }
        return this.rule(node, fields);
      });
      text = parts.join(group.combinator === 'or' ? ' or ' : ' and ');
    }
    return group.not ? `not (${text})` : text;
  }

  rule(rule: FilterRule, fields: CatalogField[]): string {
    const field = fields.find((f) => f.name === rule.field);
    if (!field) return `${rule.field} ${OPERATOR_LABELS[rule.operator] ?? rule.operator} ${this.plain(rule.value)}`.trim();
    switch (field.type) {
      case 'toMany':
        return this.toMany(rule, field);
      case 'engagement':
        return this.engagement(rule, field);
      case 'segment':
        return this.segment(rule);
      default:
        return DATE_TYPES.has(field.type) ? this.date(rule, field) : this.scalar(rule, field);
    }
  }

  private scalar(rule: FilterRule, field: CatalogField): string {
    const subject = lowerLabel(field.label);
    const { operator, value } = rule;
    const word = (v: unknown) => this.value(v, field);
    switch (operator) {
      case 'null':
      case 'notNull':
        return `${subject} ${OPERATOR_LABELS[operator]}`;
      case 'in':
        return `${subject} is ${listing(this.items(value).map(word), 'or')}`;
      case 'notIn': {
        const listed = this.items(value).map(word);
        return listed.length === 1 ? `${subject} is not ${listed[0]}` : `${subject} is none of ${listing(listed, 'or')}`;
      }
      case 'between':
      case 'notBetween': {
        const [low, high] = this.items(value);
        return `${subject} is ${operator === 'between' ? 'between' : 'not between'} ${word(low)} and ${word(high)}`;
      }
      case 'contains':
      case 'doesNotContain':
      case 'beginsWith':
      case 'doesNotBeginWith':
      case 'endsWith':
      case 'doesNotEndWith':
        return `${subject} ${OPERATOR_LABELS[operator]} "${String(value)}"`;
      default: {
        const label = operator === '=' ? 'is' : (OPERATOR_LABELS[operator] ?? operator);
        return `${subject} ${label.startsWith('is') ? label : `is ${label}`} ${word(value)}`;
      }
    }
  }

  private date(rule: FilterRule, field: CatalogField): string {
    // "Created at" reads as a participle ("created in the last 90 days"); "Close date" takes "is".
    const label = lowerLabel(field.label);
    const participle = / at$/.test(label);
    const subject = participle ? label.replace(/ at$/, '') : `${label} is`;
    const { operator, value } = rule;
    if (operator === 'null' || operator === 'notNull') return `${label} ${OPERATOR_LABELS[operator]}`;
    if (operator === 'between' || operator === 'notBetween') {
      const [low, high] = this.items(value);
      return `${subject} ${operator === 'between' ? 'between' : 'not between'} ${this.when(low)} and ${this.when(high)}`;
    }
    const relative = this.relative(operator, value);
    if (relative) return `${subject} ${relative}`;
    return `${subject} ${COMPARISONS[operator] ?? OPERATOR_LABELS[operator] ?? operator} ${this.when(value)}`;
  }

  /** Date math with a comparison as the builder's phrases, or null for an absolute date. */
  private relative(operator: string, value: unknown): string | null {
    const relative = readRelative(operator, value);
    return relative ? relativeWords(relative) : periodComparisonWords(operator, value);
  }

  /** A single date value: "now", "90 days ago", "the start of this month", or the ISO text. */
  private when(value: unknown): string {
    return dateMathWords(value) ?? this.plain(value);
  }

  /** A calendar period's pair of rules on a date field: "created last month", "close date is in this quarter". */
  period(group: FilterGroup, fields: CatalogField[]): string | null {
    const period = readPeriod(group);
    const field = period && fields.find((f) => f.name === period.field);
    if (!period || !field || !DATE_TYPES.has(field.type)) return null;
    const label = lowerLabel(field.label);
    const words = PERIODS[period.period].words;
    if (/ at$/.test(label)) return `${label.replace(/ at$/, '')} ${words}`;
    return `${label} is ${period.period === 'today' ? words : `in ${words}`}`;
  }

  private toMany(rule: FilterRule, field: CatalogField): string {
    const { one, many } = nounsOf(field.label);
    const sub = (rule.value && typeof rule.value === 'object' ? rule.value : { combinator: 'and', rules: [] }) as FilterGroup;
    const condition = this.condition(sub, field.subFields ?? [], one);
    const mode = rule.match?.mode ?? 'some';
    // A threshold not entered yet reads as a gap, never as a number nobody typed.
    const n = rule.match?.threshold ?? '…';
    const counted = (prefix: string) => `has ${prefix} ${n === 1 ? one : many}${condition}`;
    switch (mode) {
      case 'none':
        return `has no ${one}${condition}`;
      case 'all':
        return condition ? `has only ${many}${condition} (or no ${one})` : `has any number of ${many}`;
      case 'atLeast':
        return counted(`at least ${n}`);
      case 'atMost':
        return counted(`at most ${n}`);
      case 'exactly':
        return counted(`exactly ${n}`);
      default:
        return `has a ${one}${condition}`;
    }
  }

  /** A to-many rule's sub-group: "" when empty, " created in the last 90 days", " where (… and …)". */
  private condition(sub: FilterGroup, fields: CatalogField[], noun: string): string {
    if (!Array.isArray(sub.rules) || (sub.rules.length === 0 && !sub.not)) return '';
    const text = this.group(sub, fields, false, noun);
    const period = readPeriod(sub);
    if (period) return / at$/.test(lowerLabel(fields.find((x) => x.name === period.field)?.label ?? '')) ? ` ${text}` : ` where ${text}`;
    const single = sub.rules.length === 1 && !sub.not && !isGroup(sub.rules[0]);
    if (single) {
      const rule = sub.rules[0] as FilterRule;
      const f = fields.find((x) => x.name === rule.field);
      if (f && DATE_TYPES.has(f.type) && / at$/.test(lowerLabel(f.label)) && !['null', 'notNull'].includes(rule.operator))
        return ` ${text}`;
      return ` where ${text}`;
    }
    return ` where (${text})`;
  }

  private engagement(rule: FilterRule, field: CatalogField): string {
    // "Opened email" → "opened": the verb of the engagement.
    const verb = lowerLabel(field.label).replace(/ email$/, '');
    const value = (rule.value ?? {}) as { last?: unknown; campaigns?: unknown };
    let set: string;
    let several: boolean;
    if (Array.isArray(value.campaigns)) {
      const ids = value.campaigns.map(String);
      const named = ids.map((id) => this.names.campaigns?.[id] ?? id);
      several = ids.length > 1;
      set = several ? `the campaigns ${listing(named, rule.operator === 'all' ? 'and' : 'or')}` : `the campaign ${named[0] ?? ''}`;
    } else {
      const n = Number(value.last);
      several = n !== 1;
      set = several ? `the last ${n} campaigns` : 'the last campaign';
    }
    if (rule.operator === 'none') return several ? `has not ${verb} any of ${set}` : `has not ${verb} ${set}`;
    if (!several) return `${verb} ${set}`;
    return `${verb} ${rule.operator === 'all' ? 'all' : 'any'} of ${set}`;
  }

  private segment(rule: FilterRule): string {
    const named = this.items(rule.value).map((id) => this.names.segments?.[String(id)] ?? String(id));
    const one = named.length === 1;
    if (rule.operator === 'notIn') return one ? `is not in the segment ${named[0]}` : `is in none of the segments ${listing(named, 'or')}`;
    return one ? `is in the segment ${named[0]}` : `is in one of the segments ${listing(named, 'or')}`;
  }

  private items(value: unknown): unknown[] {
    return Array.isArray(value) ? value : value === undefined ? [] : [value];
  }

  /** An enumeration option by its label, a related record by its name, anything else as written. */
  private value(value: unknown, field: CatalogField): string {
    if (field.options && typeof value === 'string') {
      const option = field.options.find((o) => o.value.toLowerCase() === value.toLowerCase());
      if (option) return option.label;
    }
    if (field.type === 'relation' && typeof value === 'string')
      return this.names.records?.[value] ?? this.names.campaigns?.[value] ?? value;
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    return this.plain(value);
  }

  private plain(value: unknown): string {
    if (value === undefined || value === null) return '';
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return JSON.stringify(value);
  }
}
