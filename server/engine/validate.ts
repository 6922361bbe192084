/**
 * The one validator of filter trees (docs/semantics.md §8), used by the API, segment saves,
 * the service API and AI Mode. It reports every problem with the path of the offending rule
 * (`rules[2].rules[0].value`) and a message a person can act on.
 */
import { NUMBER_TYPES, TEXT_TYPES, type CatalogField } from '../../shared/catalog';
import {
  forEachRule,
  MATCH_MODES,
  MAX_DEPTH,
  MAX_RULES,
  MAX_SEGMENT_CHAIN,
  THRESHOLD_MODES,
  type FilterRule,
  type MatchMode,
  type TreeIssue,
} from '../../shared/filter-tree';
import { boundsReversed, isBlankText, isNumberValue } from '../../shared/bounds';
import { dateMathProblem, DATE_FORMS, parseDateValue } from '../../shared/dates/parse';
import { resolveInstant } from '../../shared/dates/resolve';

/** The shared TreeIssue, under the name the server's callers use. */
export type ValidationIssue = TreeIssue;

export interface SegmentInfo {
  name: string;
  filters: unknown;
}

export interface ValidateOptions {
  /** The contact fields of the catalog. */
  fields: CatalogField[];
  /** Saved segments by documentId, for `segment` rules (existence, cycles, chain depth). */
  segments?: (documentId: string) => SegmentInfo | undefined;
  /** The segment being saved, if any: a reference back to it is a cycle. */
  self?: { documentId?: string; name: string };
  /** Campaigns by documentId, for `email.*` rules naming campaigns. */
  campaignExists?: (documentId: string) => boolean;
  /** The contact type's display name, for messages ("unknown field … for Person"). */
  contactLabel?: string;
  /** Fields that would exist if a feature were mapped, with why they are off. */
  unavailable?: Record<string, string>;
  /** The zone date math resolves in (plugin config `timeZone`), for the range checks; UTC if none. */
  timeZone?: string;
}

export const MAX_LAST_CAMPAIGNS = 1000;
export const MAX_THRESHOLD = 2_147_483_647;
/** Values listed in one tree (in / notIn lists, campaigns, segments): every one is a bound parameter. */
export const MAX_LISTED_VALUES = 5_000;
export const ROOT_MESSAGE = 'expected a group: { combinator: "and" | "or", rules: [...] }';
/** Dates must land in years 1000–9999 (date math included), which every database can store. */
const MIN_DATE = Date.UTC(1000, 0, 1);
const MAX_DATE = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const TEXT = new Set<string>(TEXT_TYPES);
const NUMBER = new Set<string>(NUMBER_TYPES);
const VALUELESS = new Set(['null', 'notNull']);
/** Operators whose enumeration values must be options; contains & co. take any text. */
const EXACT_OPTION_OPERATORS = new Set(['=', '!=', 'in', 'notIn']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const describe = (v: unknown) => (typeof v === 'string' ? `"${v}"` : (JSON.stringify(v) ?? String(v)));
const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** Every segment documentId a tree refers to through its segment-membership field, in order of appearance. */
export function segmentReferences(tree: unknown, segmentField = 'segment'): string[] {
  const found: string[] = [];
  forEachRule(tree, (rule) => {
    if (rule.field !== segmentField || !Array.isArray(rule.value)) return;
    rule.value.forEach((id) => typeof id === 'string' && !found.includes(id) && found.push(id));
  });
  return found;
}

export function validateTree(tree: unknown, options: ValidateOptions): ValidationIssue[] {
  return new Validator(options).run(tree);
}

class Validator {
  private readonly issues: ValidationIssue[] = [];
  private ruleCount = 0;
  private listedValues = 0;

  private readonly segmentField: string;
  /** chainProblem's results per saved segment, shared by every segment rule of the tree. */
  private chainMemo?: Map<string, Chain>;

  constructor(private readonly options: ValidateOptions) {
    this.segmentField = options.fields.find((f) => f.type === 'segment')?.name ?? 'segment';
  }

  run(tree: unknown): ValidationIssue[] {
    this.group(tree, '', 1, this.options.fields, true);
    if (this.ruleCount > MAX_RULES) {
      this.issue('rules', `the tree has ${this.ruleCount} rules; at most ${MAX_RULES} are allowed`);
    }
    if (this.listedValues > MAX_LISTED_VALUES) {
      this.issue('rules', `the tree lists ${this.listedValues} values; at most ${MAX_LISTED_VALUES} are allowed in all its lists`);
    }
    return this.issues;
  }

  private issue(path: string, message: string) {
    this.issues.push({ path, message });
  }

  private group(node: unknown, path: string, depth: number, fields: CatalogField[], topLevel: boolean) {
    const where = path || '(root)';
    if (!isObject(node) || !Array.isArray(node.rules)) {
      this.issue(where, ROOT_MESSAGE);
      return;
    }
    if (depth > MAX_DEPTH) {
      this.issue(where, `groups are nested deeper than ${MAX_DEPTH} levels`);
      return;
    }
    if (node.combinator !== 'and' && node.combinator !== 'or') {
      this.issue(join(path, 'combinator'), `combinator must be "and" or "or", not ${describe(node.combinator)}`);
    }
    if (node.not !== undefined && typeof node.not !== 'boolean') {
      this.issue(join(path, 'not'), 'not must be true or false');
    }
    node.rules.forEach((child, i) => {
      const at = join(path, `rules[${i}]`);
      if (isObject(child) && Array.isArray(child.rules)) this.group(child, at, depth + 1, fields, topLevel);
      else this.rule(child, at, depth, fields, topLevel);
    });
  }

  private rule(node: unknown, path: string, depth: number, fields: CatalogField[], topLevel: boolean) {
    this.ruleCount += 1;
    if (!isObject(node)) {
      this.issue(path, 'expected a rule { field, operator, value } or a group { combinator, rules }');
      return;
    }
    const rule = node as unknown as FilterRule;
    if (typeof rule.field !== 'string') {
      this.issue(join(path, 'field'), 'field must be a string');
      return;
    }
    const field = fields.find((f) => f.name === rule.field);
    if (!field) {
      const scope = topLevel ? (this.options.contactLabel ?? 'contacts') : 'this sub-query';
      const why = topLevel ? this.options.unavailable?.[rule.field] : undefined;
      this.issue(join(path, 'field'), `unknown field ${describe(rule.field)} for ${scope}${why ? `: ${why}` : ''}`);
      return;
    }
    if (typeof rule.operator !== 'string') {
      this.issue(join(path, 'operator'), 'operator must be a string');
      return;
    }
    if (!field.operators.includes(rule.operator)) {
      this.issue(
        join(path, 'operator'),
        `operator ${describe(rule.operator)} does not apply to ${field.label} (${field.type}); use one of ${field.operators.join(', ')}`,
      );
      return;
    }
    if (field.type === 'toMany') {
      this.toMany(rule, field, path, depth);
      return;
    }
    if (rule.match !== undefined && rule.match !== null) {
      this.issue(join(path, 'match'), `match applies only to to-many fields; ${field.label} is not one`);
    }
    this.value(rule, field, join(path, 'value'));
  }

  private toMany(rule: FilterRule, field: CatalogField, path: string, depth: number) {
    const match = rule.match as unknown;
    if (!isObject(match)) {
      this.issue(join(path, 'match'), `${field.label} is a to-many field: give match { mode: ${MATCH_MODES.join(' | ')} }`);
    } else if (!MATCH_MODES.includes(match.mode as MatchMode)) {
      this.issue(join(path, 'match.mode'), `match mode must be one of ${MATCH_MODES.join(', ')}, not ${describe(match.mode)}`);
    } else if (THRESHOLD_MODES.includes(match.mode as MatchMode)) {
      const t = match.threshold;
      if (typeof t !== 'number' || !Number.isInteger(t) || t < 0 || t > MAX_THRESHOLD) {
        this.issue(join(path, 'match.threshold'), `match mode ${match.mode} needs a whole-number threshold from 0 to ${MAX_THRESHOLD}`);
      }
    }
    this.group(rule.value, join(path, 'value'), depth + 1, field.subFields ?? [], false);
  }

  private value(rule: FilterRule, field: CatalogField, path: string) {
    const { operator, value } = rule;
    const type = field.type;
    if (VALUELESS.has(operator)) return;

    if (Array.isArray(value)) this.listedValues += value.length;
    else if (type === 'engagement' && isObject(value) && Array.isArray(value.campaigns)) this.listedValues += value.campaigns.length;
    if (type === 'segment') return this.segmentValue(value, path);
    if (type === 'engagement') return this.engagementValue(value, path);

    const list = operator === 'in' || operator === 'notIn';
    const range = operator === 'between' || operator === 'notBetween';
    if (list) {
      if (!Array.isArray(value) || value.length === 0) {
        this.issue(path, `operator ${operator} needs a non-empty array of values`);
        return;
      }
      value.forEach((v, i) => this.single(v, field, rule.operator, `${path}[${i}]`));
    } else if (range) {
      if (!Array.isArray(value) || value.length !== 2) {
        this.issue(path, `operator ${operator} needs [low, high]`);
        return;
      }
      const before = this.issues.length;
      value.forEach((v, i) => this.single(v, field, rule.operator, `${path}[${i}]`));
      if (this.issues.length === before) this.rangeOrder(value as [unknown, unknown], field, path);
    } else {
      this.single(value, field, rule.operator, path);
    }
  }

  private single(value: unknown, field: CatalogField, operator: string, path: string) {
    const type = field.type;
    if (TEXT.has(type) || type === 'relation') {
      if (typeof value === 'string' && value.includes('\u0000')) {
        this.issue(path, `${field.label} values cannot contain the NUL character`);
        return;
      }
      if (typeof value !== 'string' || isBlankText(value)) {
        const hint = typeof value === 'string' ? ' (to match empty values use "null")' : '';
        this.issue(path, `${field.label} takes a non-empty text value, not ${describe(value)}${hint}`);
        return;
      }
      if (
        field.options &&
        EXACT_OPTION_OPERATORS.has(operator) &&
        !field.options.some((o) => o.value.toLowerCase() === value.toLowerCase())
      ) {
        this.issue(path, `${describe(value)} is not a ${field.label} value; use one of ${field.options.map((o) => o.value).join(', ')}`);
      }
    } else if (NUMBER.has(type)) {
      if (!isNumberValue(value)) this.issue(path, `${field.label} takes a number, not ${describe(value)}`);
    } else if (type === 'boolean') {
      if (typeof value !== 'boolean') this.issue(path, `${field.label} takes true or false, not ${describe(value)}`);
    } else if (type === 'date' || type === 'datetime') {
      const parsed = parseDateValue(value);
      if (!parsed) {
        const problem = dateMathProblem(value);
        this.issue(path, `${field.label} takes ${DATE_FORMS}, not ${describe(value)}${problem ? `: ${problem}` : ''}`);
      } else {
        const time = resolveInstant(parsed, new Date(), this.options.timeZone).getTime();
        if (!(time >= MIN_DATE && time <= MAX_DATE)) this.issue(path, `${describe(value)} is outside the years 1000 to 9999`);
      }
    }
  }

  /** Both bounds are well-formed here; a range that could never hold a value is refused (docs/semantics.md#numbers, #dates). */
  private rangeOrder([low, high]: [unknown, unknown], field: CatalogField, path: string) {
    const kind = NUMBER.has(field.type) ? 'number' : field.type === 'date' || field.type === 'datetime' ? field.type : undefined;
    if (kind && boundsReversed(kind, low, high, new Date(), this.options.timeZone)) {
      this.issue(
        path,
        `${field.label}: the low bound ${describe(low)} is above the high bound ${describe(high)}; put the smaller value first`,
      );
    }
  }

  private engagementValue(value: unknown, path: string) {
    if (!isObject(value) || 'campaigns' in value === 'last' in value) {
      this.issue(path, 'email engagement takes { "campaigns": [campaign documentIds] } or { "last": N }');
      return;
    }
    if ('campaigns' in value) {
      const campaigns = value.campaigns;
      if (
        !Array.isArray(campaigns) ||
        campaigns.length === 0 ||
        campaigns.some((c) => typeof c !== 'string' || isBlankText(c) || c.includes('\u0000'))
      ) {
        this.issue(join(path, 'campaigns'), 'campaigns must be a non-empty array of campaign documentIds');
        return;
      }
      const { campaignExists } = this.options;
      campaigns.forEach((id, i) => {
        if (campaignExists && !campaignExists(id as string))
          this.issue(`${path}.campaigns[${i}]`, `campaign ${describe(id)} does not exist`);
      });
    } else {
      const last = value.last;
      if (typeof last !== 'number' || !Number.isInteger(last) || last < 1 || last > MAX_LAST_CAMPAIGNS) {
        this.issue(join(path, 'last'), `last must be a whole number from 1 to ${MAX_LAST_CAMPAIGNS}, not ${describe(last)}`);
      }
    }
  }

  private segmentValue(value: unknown, path: string) {
    if (!Array.isArray(value) || value.length === 0 || value.some((v) => typeof v !== 'string' || isBlankText(v) || v.includes('\u0000'))) {
      this.issue(path, 'segment takes a non-empty array of segment documentIds');
      return;
    }
    const lookup = this.options.segments;
    if (!lookup) return;
    value.forEach((id: string, i) => {
      const at = `${path}[${i}]`;
      const target = lookup(id);
      if (!target) {
        this.issue(at, `segment "${id}" does not exist`);
        return;
      }
      const problem = this.chainProblem(id, lookup);
      if (problem) this.issue(at, problem);
    });
  }

  /**
   * Follows references from a segment: refuses a chain that comes back to the segment being
   * saved (or loops among saved ones) and one deeper than MAX_SEGMENT_CHAIN. Memoised per saved
   * segment for the whole tree, so a segment reached by many paths is walked once: the walk is
   * linear in the number of segments and references, not in the number of paths (3 segments a
   * level, each using the 3 below, is 3^levels paths).
   */
  private chainProblem(start: string, lookup: (id: string) => SegmentInfo | undefined): string | undefined {
    const self = this.options.self;
    const nameOf = (id: string) => (id === self?.documentId ? self.name : (lookup(id)?.name ?? id));
    const memo = (this.chainMemo ??= new Map());
    const onPath: string[] = [];
    /** The longest chain of segments starting at `id`, or the problem found below it. */
    const walk = (id: string): Chain => {
      if (self?.documentId && id === self.documentId) {
        return { problem: `segments would reference each other in a cycle: ${[self.name, ...onPath, id].map(nameOf).join(' → ')}` };
      }
      if (onPath.includes(id)) {
        return {
          problem: `saved segments reference each other in a cycle: ${[...onPath.slice(onPath.indexOf(id)), id].map(nameOf).join(' → ')}`,
        };
      }
      const known = memo.get(id);
      if (known) return known;
      let longest: string[] = [id];
      const target = lookup(id);
      onPath.push(id);
      try {
        for (const next of target ? segmentReferences(target.filters, this.segmentField) : []) {
          const below = walk(next);
          if ('problem' in below) {
            memo.set(id, below);
            return below;
          }
          if (below.chain.length + 1 > longest.length) longest = [id, ...below.chain];
          if (longest.length > MAX_SEGMENT_CHAIN + 1) break;
        }
      } finally {
        onPath.pop();
      }
      const result = { chain: longest };
      memo.set(id, result);
      return result;
    };
    const found = walk(start);
    if ('problem' in found) return found.problem;
    if (found.chain.length > MAX_SEGMENT_CHAIN) {
      return `segments reference each other more than ${MAX_SEGMENT_CHAIN} deep: ${[self?.name ?? '(this tree)', ...found.chain.slice(0, MAX_SEGMENT_CHAIN + 1).map(nameOf)].join(' → ')}`;
    }
    return undefined;
  }
}

type Chain = { chain: string[] } | { problem: string };
