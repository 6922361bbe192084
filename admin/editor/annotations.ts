/**
 * Turns explain's answers into what the builder shows beside each node (NodeAnnotation, keyed by
 * path). Pure, so the reading of alone / kept / before and the "cuts most" mark are tested alone.
 */
import type { CatalogField } from '../../shared/catalog';
import { CUTS_MOST_SHARE, type ContactExplanation, type ContactNode, type Explanation } from '../../shared/explain';
import { isGroup, type FilterGroup } from '../../shared/filter-tree';
import type { NodeAnnotation } from '../builder/types';
import type { Translate } from '../i18n';

type Counts = NonNullable<NodeAnnotation['counts']>;

const childPath = (parent: string, i: number) => (parent ? `${parent}.rules[${i}]` : `rules[${i}]`);

/**
 * Counts by path. A child of an AND group keeps `kept` of `before`: what the group held before it
 * (every contact for the first child, else the previous sibling's `kept`); it "cuts most" when it
 * keeps less than CUTS_MOST_SHARE of that. A child of an OR group adds to a running union.
 */
export function countAnnotations(tree: FilterGroup, explanation: Explanation): Record<string, NodeAnnotation> {
  const byPath = new Map(explanation.nodes.map((n) => [n.path, n]));
  const out: Record<string, NodeAnnotation> = {};
  const root = byPath.get('');
  if (root) {
    out[''] = { counts: { alone: root.alone, kept: root.kept, before: explanation.total, combinator: 'root', cutsMost: false, timeout: root.status === 'timeout' } };
  }
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
          cutsMost: group.combinator === 'and' && node.kept !== null && before !== null && before > 0 && node.kept < CUTS_MOST_SHARE * before,
          timeout: node.status === 'timeout',
        };
        out[at] = { counts };
        before = node.kept;
      }
      if (isGroup(child)) walk(child, at);
    });
  };
  walk(tree, '');
  return out;
}

const quoted = (value: unknown) => (typeof value === 'string' ? `'${value}'` : String(value));
const empty = (value: unknown) => value === null || value === undefined || value === '';

/** The stored data that decided one node, in words. */
export function contactDetail(node: ContactNode, field: CatalogField | undefined, name: string, t: Translate): string | undefined {
  const label = field?.label ?? name;
  if (node.values) {
    if (node.values.length === 0) return t('explain.noRelated', { field: name.includes('.') ? name.split('.')[0] : label });
    if (node.values.every(empty)) return t('explain.valueEmpty', { field: label });
    return t('explain.value', { field: label, values: node.values.map((v) => (empty(v) ? t('common.none') : quoted(v))).join(', ') });
  }
  if (node.related) return t('explain.related', node.related);
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
export function contactAnnotations(tree: FilterGroup, explanation: ContactExplanation, fields: CatalogField[], t: Translate): Record<string, NodeAnnotation> {
  const catalog = new Map(fields.map((f) => [f.name, f]));
  const rules = new Map<string, string>();
  const walk = (group: FilterGroup, path: string) =>
    group.rules.forEach((child, i) => {
      const at = childPath(path, i);
      if (isGroup(child)) walk(child, at);
      else rules.set(at, child.field);
    });
  walk(tree, '');
  const out: Record<string, NodeAnnotation> = {};
  for (const node of explanation.nodes) {
    const field = rules.get(node.path);
    out[node.path] = { contact: { result: node.result, detail: field ? contactDetail(node, catalog.get(field), field, t) : undefined } };
  }
  return out;
}

/** Both kinds of annotation on one node. */
export function mergeAnnotations(...sets: Array<Record<string, NodeAnnotation> | undefined>): Record<string, NodeAnnotation> {
  const out: Record<string, NodeAnnotation> = {};
  for (const set of sets) for (const [path, a] of Object.entries(set ?? {})) out[path] = { ...out[path], ...a };
  return out;
}
