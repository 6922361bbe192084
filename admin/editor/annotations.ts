/**
 * Turns explain's answers into what the builder shows beside each node (NodeAnnotation, keyed by
 * path). Pure, so the reading of alone / kept / before and the "cuts most" mark are tested alone.
 */
import type { CatalogField } from '../../shared/catalog';
import { CUTS_MOST_SHARE } from '../../shared/contracts/constants';
import type { ContactExplanation, ContactNode, Explanation } from '../../shared/contracts/explain';
import { nounsOf } from '../../shared/describe-tree';
import { isGroup, type FilterGroup, type FilterRule } from '../../shared/filter-tree';
import type { NodeAnnotation } from '../builder/types';
import type { Translate } from '../i18n';

type Counts = NonNullable<NodeAnnotation['counts']>;

const childPath = (parent: string, i: number) => (parent ? `${parent}.rules[${i}]` : `rules[${i}]`);

/**
 * Counts by path. A child of an AND group keeps `kept` of `before`: what the group held before it
 * (every contact for the first child, else the previous sibling's `kept`). One node in the whole
 * tree "cuts most": the AND child keeping the smallest share of what came before it, when that
 * share is under CUTS_MOST_SHARE. A child of an OR group adds to a running union.
 */
export function countAnnotations(tree: FilterGroup, explanation: Explanation): Record<string, NodeAnnotation> {
  const byPath = new Map(explanation.nodes.map((n) => [n.path, n]));
  const out: Record<string, NodeAnnotation> = {};
  const root = byPath.get('');
  if (root) {
    out[''] = {
      counts: {
        alone: root.alone,
        kept: root.kept,
        before: explanation.total,
        combinator: 'root',
        cutsMost: false,
        timeout: root.status === 'timeout',
      },
    };
  }
  let strongest: { counts: Counts; share: number } | undefined;
  const walk = (group: FilterGroup, path: string) => {
    let before: number | null = group.combinator === 'and' ? explanation.total : 0;
    group.rules.forEach((child, i) => {
      const at = childPath(path, i);
      const node = byPath.get(at);
      if (node) {
        const counts: Counts = {
          alone: node.alone,
          kept: node.kept,
          before,
          combinator: group.combinator,
          cutsMost: false,
          timeout: node.status === 'timeout',
        };
        if (group.combinator === 'and' && node.kept !== null && before !== null && before > 0) {
          const share = node.kept / before;
          if (share < CUTS_MOST_SHARE && (!strongest || share < strongest.share)) strongest = { counts, share };
        }
        out[at] = { counts };
        before = node.kept;
      }
      if (isGroup(child)) walk(child, at);
    });
  };
  walk(tree, '');
  if (strongest) strongest.counts.cutsMost = true;
  return out;
}

const empty = (value: unknown) => value === null || value === undefined || value === '';

/** A stored value as the builder shows it: an enumeration's label, not its stored value. */
const shown = (value: unknown, field: CatalogField | undefined) =>
  (typeof value === 'string' && field?.options?.find((o) => o.value === value)?.label) || String(value);

/** What a to-many rule needs of the related records that match its sub-group. */
function needed(rule: FilterRule, total: number, t: Translate): string {
  const n = rule.match?.threshold ?? 0;
  switch (rule.match?.mode ?? 'some') {
    case 'none':
      return t('explain.need.none');
    case 'all':
      return t('explain.need.all', { total });
    case 'atLeast':
      return t('explain.need.atLeast', { n });
    case 'atMost':
      return t('explain.need.atMost', { n });
    case 'exactly':
      return t('explain.need.exactly', { n });
    default:
      return t('explain.need.some');
  }
}

/** The stored data that decided one rule, in words. */
export function contactDetail(node: ContactNode, field: CatalogField | undefined, rule: FilterRule, t: Translate): string | undefined {
  const name = rule.field;
  const label = field?.label ?? name;
  if (node.values) {
    if (node.values.length === 0) return t('explain.noRelated', { field: name.includes('.') ? name.split('.')[0] : label });
    if (node.values.every(empty)) return t('explain.valueEmpty', { field: label });
    return t('explain.value', { field: label, values: node.values.map((v) => (empty(v) ? t('common.none') : shown(v, field))).join(', ') });
  }
  if (node.related) {
    const { one, many } = nounsOf(field?.label ?? name);
    const { matched, total } = node.related;
    const all = matched === total;
    return t('explain.related', {
      matched,
      total,
      all: all ? 'yes' : 'no',
      noun: all && matched === 1 ? one : many,
      need: needed(rule, total, t),
    });
  }
  if (node.campaigns) {
    const engaged = node.campaigns.set.filter((c) => node.campaigns!.engaged.includes(c.documentId));
    return t('explain.engaged', {
      engaged: engaged.length,
      total: node.campaigns.set.length,
      names: engaged.length ? engaged.map((c) => c.name ?? c.documentId).join(', ') : 'none',
    });
  }
  if (node.segments) {
    return node.segments.map((s) => t(s.result ? 'explain.segmentMember' : 'explain.segmentNotMember', { name: s.name })).join(', ');
  }
  return undefined;
}

/** A chosen contact's result at every node, with the deciding values of each rule. */
export function contactAnnotations(
  tree: FilterGroup,
  explanation: ContactExplanation,
  fields: CatalogField[],
  t: Translate,
): Record<string, NodeAnnotation> {
  const catalog = new Map(fields.map((f) => [f.name, f]));
  const rules = new Map<string, FilterRule>();
  const walk = (group: FilterGroup, path: string) =>
    group.rules.forEach((child, i) => {
      const at = childPath(path, i);
      if (isGroup(child)) walk(child, at);
      else rules.set(at, child);
    });
  walk(tree, '');
  const out: Record<string, NodeAnnotation> = {};
  for (const node of explanation.nodes) {
    const rule = rules.get(node.path);
    out[node.path] = { contact: { result: node.result, detail: rule ? contactDetail(node, catalog.get(rule.field), rule, t) : undefined } };
  }
  return out;
}

/** Both kinds of annotation on one node. */
export function mergeAnnotations(...sets: Array<Record<string, NodeAnnotation> | undefined>): Record<string, NodeAnnotation> {
  const out: Record<string, NodeAnnotation> = {};
  for (const set of sets) for (const [path, a] of Object.entries(set ?? {})) out[path] = { ...out[path], ...a };
  return out;
}
