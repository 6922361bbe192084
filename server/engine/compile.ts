/**
 * Filter tree → one SQL predicate over the contact table (SPEC §3).
 *
 * Every fragment it produces is two-valued: it is TRUE or FALSE for every row, never NULL, so
 * `NOT` is the exact complement and count(T) + count(not T) = all contacts. Relations are read
 * through EXISTS / NOT EXISTS / COUNT sub-queries on Strapi's join tables (never joins on the outer
 * query), so rows are never multiplied and each sub-query can use the join tables' indexes.
 * Values are always bound; identifiers come only from the engine model.
 */
import { NEGATIONS } from '../../shared/catalog';
import type { ScalarType } from '../../shared/catalog';
import { isGroup, type FilterGroup, type FilterRule } from '../../shared/filter-tree';
import { parseDateValue, resolveCalendarDay, resolveInstant } from './date-math';
import { FALSE, TRUE, SqlDialect, frag, joinFragments, not, type DialectOptions } from './sql';
import {
  EngineError,
  type EngagementBinding,
  type EngineModel,
  type FieldBinding,
  type Link,
  type SegmentSource,
  type SqlFragment,
} from './types';

export interface CompileOptions extends DialectOptions {
  model: EngineModel;
  /** The query's time: date math (`now-60d`, `last: N` campaigns) is evaluated against it. */
  now: Date;
  segments: SegmentSource;
}

interface Scope {
  alias: string;
  fields: Record<string, FieldBinding>;
}

const TEXT = new Set(['string', 'text', 'richtext', 'email', 'uid', 'enumeration']);
const NUMBER = new Set(['integer', 'biginteger', 'float', 'decimal']);
const COMPARISONS = new Set(['=', '<', '<=', '>', '>=']);

/** Compiles a tree to a predicate over the contact table aliased `alias`. */
export function compileFilter(tree: FilterGroup, options: CompileOptions, alias = 'c'): SqlFragment {
  return new Compiler(options).group(tree, { alias, fields: options.model.fields }, '');
}

class Compiler {
  private readonly sql: SqlDialect;
  private aliasCount = 0;
  private readonly segmentStack: string[] = [];

  constructor(private readonly options: CompileOptions) {
    this.sql = new SqlDialect(options);
  }

  group(group: FilterGroup, scope: Scope, path: string): SqlFragment {
    const parts = group.rules.map((node, i) => {
      const at = `${path}rules[${i}]`;
      return isGroup(node) ? this.group(node, scope, `${at}.`) : this.rule(node, scope, at);
    });
    let result: SqlFragment;
    if (parts.length === 0) result = TRUE;
    else if (parts.length === 1) result = parts[0];
    else result = joinFragments(parts.map(wrap), group.combinator === 'or' ? ' OR ' : ' AND ');
    return group.not ? not(result) : result;
  }

  private rule(rule: FilterRule, scope: Scope, path: string): SqlFragment {
    const binding = scope.fields[rule.field];
    if (!binding) throw new EngineError(`unknown field "${rule.field}"`, `${path}.field`);
    const positive = NEGATIONS[rule.operator];
    const operator = positive ?? rule.operator;
    let result: SqlFragment;
    switch (binding.kind) {
      case 'scalar':
        result = binding.via
          ? this.exists(binding.via, scope.alias, (t) => this.scalar(this.sql.column(t, binding.column), binding.type, operator, rule.value, path, true))
          : this.scalar(this.sql.column(scope.alias, binding.column), binding.type, operator, rule.value, path, true);
        break;
      case 'reference':
        result = this.reference(binding.via, scope.alias, operator, rule.value);
        break;
      case 'latest':
        result = this.scalar(this.latest(binding, scope.alias), binding.type, operator, rule.value, path, false);
        break;
      case 'toMany':
        return this.toMany(binding, rule, scope.alias, path);
      case 'engagement':
        return this.engagement(binding.eventType, binding.events, rule, scope.alias);
      case 'segment':
        result = this.segment(rule.value as string[], scope, path);
        break;
    }
    return positive ? not(result) : result;
  }

  // ---- scalars -------------------------------------------------------------------------------

  /**
   * A positive operator on a scalar expression. `isColumn`: a plain column, guarded with IS NOT
   * NULL (index-friendly); any other expression is made two-valued with CASE.
   */
  private scalar(expr: string, type: ScalarType, operator: string, value: unknown, path: string, isColumn: boolean): SqlFragment {
    if (operator === 'notNull') {
      return TEXT.has(type) ? frag(`(${expr} IS NOT NULL AND ${this.sql.length(expr)} > 0)`) : frag(`${expr} IS NOT NULL`);
    }
    const test = this.comparison(expr, type, operator, value, path);
    return isColumn
      ? frag(`(${expr} IS NOT NULL AND ${test.sql})`, test.bindings)
      : frag(`(CASE WHEN ${test.sql} THEN 1 ELSE 0 END) = 1`, test.bindings);
  }

  /** The comparison itself; NULL when the expression is NULL (the caller makes it two-valued). */
  private comparison(expr: string, type: ScalarType, operator: string, value: unknown, path: string): SqlFragment {
    const sql = this.sql;
    if (TEXT.has(type)) {
      const lowered = sql.lower(expr);
      if (operator === 'in') {
        const values = (value as unknown[]).map((v) => sql.lowerValue(String(v)));
        return frag(`${sql.exact(lowered)} IN (${values.map(() => sql.exact('?')).join(', ')})`, values);
      }
      const needle = sql.lowerValue(String(value));
      const length = [...needle].length;
      switch (operator) {
        case '=':
          return frag(`${sql.exact(lowered)} = ${sql.exact('?')}`, [needle]);
        case 'contains':
          return frag(sql.contains(lowered, '?'), [needle]);
        case 'beginsWith':
          return frag(`${sql.exact(sql.left(lowered, String(length)))} = ${sql.exact('?')}`, [needle]);
        case 'endsWith':
          return frag(`${sql.exact(sql.right(lowered, String(length)))} = ${sql.exact('?')}`, [needle]);
      }
    } else if (NUMBER.has(type)) {
      if (operator === 'in') {
        const values = (value as unknown[]).map(Number);
        return frag(`${expr} IN (${values.map(() => sql.number()).join(', ')})`, values);
      }
      if (operator === 'between') {
        const [low, high] = (value as unknown[]).map(Number);
        return frag(`${expr} >= ${sql.number()} AND ${expr} <= ${sql.number()}`, [low, high]);
      }
      if (COMPARISONS.has(operator)) return frag(`${expr} ${operator} ${sql.number()}`, [Number(value)]);
    } else if (type === 'boolean') {
      if (operator === '=') return frag(`${expr} = ?`, [sql.boolean(value as boolean)]);
    } else if (type === 'date' || type === 'datetime') {
      const bound = (v: unknown) => {
        const parsed = parseDateValue(v);
        if (!parsed) throw new EngineError(`"${String(v)}" is not a date`, `${path}.value`);
        const instant = resolveInstant(parsed, this.options.now);
        if (Number.isNaN(instant.getTime())) throw new EngineError(`"${String(v)}" is not a valid date`, `${path}.value`);
        return type === 'date' ? resolveCalendarDay(parsed, this.options.now) : sql.instant(instant);
      };
      const placeholder = type === 'date' ? sql.day() : '?';
      if (operator === 'between') {
        const [low, high] = (value as unknown[]).map(bound);
        return frag(`${expr} >= ${placeholder} AND ${expr} <= ${placeholder}`, [low, high]);
      }
      if (COMPARISONS.has(operator)) return frag(`${expr} ${operator} ${placeholder}`, [bound(value)]);
    }
    throw new EngineError(`operator "${operator}" does not apply to a ${type} field`, `${path}.operator`);
  }

  // ---- relations -----------------------------------------------------------------------------

  private nextAlias(prefix: string): string {
    this.aliasCount += 1;
    return `${prefix}${this.aliasCount}`;
  }

  /** FROM/WHERE of the rows a link leads to from `sourceAlias`; `build` adds conditions on them. */
  private linked(link: Link, sourceAlias: string): { alias: string; from: string; where: string[] } {
    const sql = this.sql;
    const j = this.nextAlias('j');
    const t = this.nextAlias('t');
    const where = [`${sql.column(j, link.sourceColumn)} = ${sql.column(sourceAlias, 'id')}`];
    if (link.target.publishedOnly) where.push(`${sql.column(t, 'published_at')} IS NOT NULL`);
    return {
      alias: t,
      from: `${sql.id(link.joinTable)} ${sql.id(j)} JOIN ${sql.id(link.target.table)} ${sql.id(t)} ON ${sql.column(t, 'id')} = ${sql.column(j, link.targetColumn)}`,
      where,
    };
  }

  private exists(link: Link, sourceAlias: string, condition?: (alias: string) => SqlFragment): SqlFragment {
    const { alias, from, where } = this.linked(link, sourceAlias);
    const extra = condition ? condition(alias) : undefined;
    const clauses = extra ? [...where, extra.sql] : where;
    return frag(`EXISTS (SELECT 1 FROM ${from} WHERE ${clauses.join(' AND ')})`, extra?.bindings ?? []);
  }

  private reference(link: Link, sourceAlias: string, operator: string, value: unknown): SqlFragment {
    if (operator === 'notNull') return this.exists(link, sourceAlias);
    const ids = operator === 'in' ? (value as string[]) : [value as string];
    return this.exists(link, sourceAlias, (t) =>
      frag(`${this.sql.column(t, 'document_id')} IN (${ids.map(() => '?').join(', ')})`, ids)
    );
  }

  private latest(binding: Extract<FieldBinding, { kind: 'latest' }>, sourceAlias: string): string {
    const { alias, from, where } = this.linked(binding.via, sourceAlias);
    return `(SELECT MAX(${this.sql.column(alias, binding.column)}) FROM ${from} WHERE ${where.join(' AND ')})`;
  }

  private toMany(binding: Extract<FieldBinding, { kind: 'toMany' }>, rule: FilterRule, sourceAlias: string, path: string): SqlFragment {
    const match = rule.match!;
    const sub = (rule.value ?? { combinator: 'and', rules: [] }) as FilterGroup;
    const { alias, from, where } = this.linked(binding.via, sourceAlias);
    const condition = this.group(sub, { alias, fields: binding.fields }, `${path}.value.`);
    const matching = (negate: boolean) => {
      const c = negate ? not(condition) : condition;
      return frag(`SELECT 1 FROM ${from} WHERE ${[...where, wrap(c).sql].join(' AND ')}`, c.bindings);
    };
    const counted = () =>
      frag(
        `(SELECT COUNT(DISTINCT ${this.sql.column(alias, 'id')}) FROM ${from} WHERE ${[...where, wrap(condition).sql].join(' AND ')})`,
        condition.bindings
      );
    const threshold = match.threshold ?? 0;
    const existsSome = () => {
      const m = matching(false);
      return frag(`EXISTS (${m.sql})`, m.bindings);
    };
    switch (match.mode) {
      case 'some':
        return existsSome();
      case 'none':
        return not(existsSome());
      case 'all': {
        const m = matching(true);
        return frag(`NOT EXISTS (${m.sql})`, m.bindings);
      }
      case 'atLeast': {
        if (threshold <= 0) return TRUE;
        if (threshold === 1) return existsSome();
        const c = counted();
        return frag(`${c.sql} >= ?`, [...c.bindings, threshold]);
      }
      case 'atMost': {
        if (threshold === 0) return not(existsSome());
        const c = counted();
        return frag(`${c.sql} <= ?`, [...c.bindings, threshold]);
      }
      case 'exactly': {
        if (threshold === 0) return not(existsSome());
        const c = counted();
        return frag(`${c.sql} = ?`, [...c.bindings, threshold]);
      }
    }
  }

  // ---- email engagement ------------------------------------------------------------------------

  /** The campaigns a rule's value names: listed documentIds, or the last N sent by `now`. */
  private campaignSet(events: EngagementBinding, value: { campaigns?: string[]; last?: number }, campaignAlias: string) {
    const sql = this.sql;
    const campaign = events.campaignLink.target;
    if (value.campaigns) {
      const ids = [...new Set(value.campaigns)];
      return {
        member: frag(`${sql.column(campaignAlias, 'document_id')} IN (${ids.map(() => '?').join(', ')})`, ids),
        size: frag('?', [ids.length]),
      };
    }
    const last = (alias: string) => {
      const k = this.nextAlias('k');
      const conditions = [
        `${sql.column(k, events.campaignSentAtColumn)} IS NOT NULL`,
        `${sql.column(k, events.campaignSentAtColumn)} <= ?`,
      ];
      if (campaign.publishedOnly) conditions.push(`${sql.column(k, 'published_at')} IS NOT NULL`);
      // The derived table lets MySQL/MariaDB use LIMIT inside IN (...); N is a validated integer.
      return frag(
        `(SELECT ${sql.column(k, 'id')} FROM ${sql.id(campaign.table)} ${sql.id(k)} WHERE ${conditions.join(' AND ')} ` +
          `ORDER BY ${sql.column(k, events.campaignSentAtColumn)} DESC, ${sql.column(k, 'created_at')} DESC, ${sql.column(k, 'id')} DESC ` +
          `LIMIT ${Math.trunc(value.last!)}) ${sql.id(alias)}`,
        [sql.instant(this.options.now)]
      );
    };
    const inner = this.nextAlias('n');
    const memberSet = last(inner);
    const counted = this.nextAlias('n');
    const countSet = last(counted);
    return {
      member: frag(`${sql.column(campaignAlias, 'id')} IN (SELECT ${sql.column(inner, 'id')} FROM ${memberSet.sql})`, memberSet.bindings),
      size: frag(`(SELECT COUNT(*) FROM ${countSet.sql})`, countSet.bindings),
    };
  }

  private engagement(eventType: string, events: EngagementBinding, rule: FilterRule, contactAlias: string): SqlFragment {
    const sql = this.sql;
    const value = rule.value as { campaigns?: string[]; last?: number };
    const ev = this.linked(events.eventsLink, contactAlias);
    const camp = this.linked(events.campaignLink, ev.alias);
    const set = this.campaignSet(events, value, camp.alias);
    const where = [...ev.where, `${sql.column(ev.alias, events.typeColumn)} = ?`, ...camp.where, set.member.sql];
    const bindings = [eventType, ...set.member.bindings];
    // The campaign link is joined through its WHERE conditions (an inner join to every planner).
    const body = `FROM ${ev.from} CROSS JOIN ${camp.from} WHERE ${where.join(' AND ')}`;
    switch (rule.operator) {
      case 'any':
        return frag(`EXISTS (SELECT 1 ${body})`, bindings);
      case 'none':
        return frag(`NOT EXISTS (SELECT 1 ${body})`, bindings);
      case 'all':
        return frag(
          `(SELECT COUNT(DISTINCT ${sql.column(camp.alias, 'document_id')}) ${body}) = ${set.size.sql}`,
          [...bindings, ...set.size.bindings]
        );
      default:
        throw new EngineError(`operator "${rule.operator}" does not apply to email engagement`, 'operator');
    }
  }

  // ---- segments --------------------------------------------------------------------------------

  private segment(ids: string[], scope: Scope, path: string): SqlFragment {
    const parts = ids.map((documentId) => {
      if (this.segmentStack.includes(documentId)) {
        const cycle = [...this.segmentStack.slice(this.segmentStack.indexOf(documentId)), documentId];
        throw new EngineError(`segments reference each other in a cycle: ${cycle.join(' → ')}`, `${path}.value`);
      }
      const tree = this.options.segments(documentId);
      if (!tree) throw new EngineError(`segment "${documentId}" does not exist`, `${path}.value`);
      this.segmentStack.push(documentId);
      try {
        // A segment's tree is always over contacts, whatever scope refers to it.
        return this.group(tree, { alias: scope.alias, fields: this.options.model.fields }, '');
      } catch (error) {
        if (error instanceof EngineError && this.segmentStack.length === 1) {
          throw new EngineError(`in segment "${documentId}": ${error.message}`, `${path}.value`);
        }
        throw error;
      } finally {
        this.segmentStack.pop();
      }
    });
    return parts.length === 0 ? FALSE : parts.length === 1 ? parts[0] : joinFragments(parts.map(wrap), ' OR ');
  }
}

const wrap = (p: SqlFragment): SqlFragment => frag(`(${p.sql})`, p.bindings);
