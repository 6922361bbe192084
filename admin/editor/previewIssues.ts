import type { CatalogField } from '../../shared/catalog';
import { isGroup, type FilterGroup } from '../../shared/filter-tree';
import type { PlacedProblem } from '../builder/problems';
import type { Translate } from '../i18n';
import { nodeAtPath } from '../builder/issues';
import type { TreeIssue } from '../../shared/filter-tree';

const isEmpty = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/**
 * The preview's issues worth marking on the rules, while the user edits: not the empty value of a
 * rule (just added, or just cleared) that is still waiting to be filled in, which would otherwise
 * turn red the moment "Add condition" is pressed. The preview panel still says why it cannot count,
 * and a refused save marks every issue.
 */
export function issuesToMark(tree: FilterGroup, issues: TreeIssue[]): TreeIssue[] {
  const kept = issues.filter((issue) => {
    if (!/\.value$/.test(issue.path)) return true;
    const node = nodeAtPath(tree, issue.path);
    return !node || isGroup(node) || !isEmpty(node.value);
  });
  return kept.length === issues.length ? issues : kept;
}

/** What the preview says while it cannot count: the rule to finish (its field's label) and what it needs. */
export interface PreviewBlocker {
  label: string;
  message: string;
}

const labelOf = (fields: readonly CatalogField[], name: string): string =>
  fields.find((f) => f.name === name)?.label ?? fields.flatMap((f) => f.subFields ?? []).find((f) => f.name === name)?.label ?? name;

/**
 * The first incomplete rule in the builder's words; else the first rule the server refused, with the
 * server's message and never its path (`rules[2].value` means nothing to a marketer).
 */
export function previewBlocker(
  tree: FilterGroup,
  fields: readonly CatalogField[],
  problems: PlacedProblem[],
  issues: TreeIssue[],
  t: Translate,
): PreviewBlocker | undefined {
  const first = problems[0];
  if (first) return { label: first.label, message: t(first.problem.id, first.problem.values) };
  for (const issue of issues) {
    const node = nodeAtPath(tree, issue.path);
    if (node && !isGroup(node)) return { label: labelOf(fields, node.field), message: issue.message };
  }
  return undefined;
}
