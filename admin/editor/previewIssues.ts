import { isGroup, type FilterGroup } from '../../shared/filter-tree';
import { nodeAtPath } from '../builder/issues';
import type { TreeIssue } from '../builder/types';

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
