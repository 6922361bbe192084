/**
 * TEMPORARY placeholder so the editor page compiles and can be tried before the real builder
 * lands; it is replaced by the builder branch's FilterBuilder at merge. It shows the tree read-only
 * (one line per rule, indented by group) with the issues the server reported on each path.
 */
import { Box, Typography } from '@strapi/design-system';
import { isGroup, type FilterGroup, type FilterRule } from '../../shared/filter-tree';
import type { FilterBuilderProps, TreeIssue } from './types';

const issuesAt = (issues: TreeIssue[] | undefined, path: string) =>
  (issues ?? []).filter((i) => i.path === path || i.path.startsWith(`${path}.`) || i.path.startsWith(`${path}[`));

const Node = ({ node, path, issues }: { node: FilterRule | FilterGroup; path: string; issues?: TreeIssue[] }) => {
  const own = issuesAt(issues, path);
  if (isGroup(node)) {
    return (
      <Box paddingLeft={path ? 4 : 0}>
        <Typography variant="sigma">{`${node.not ? 'NOT ' : ''}${node.combinator.toUpperCase()}`}</Typography>
        {node.rules.map((child, i) => (
          <Node key={child.id ?? i} node={child} path={`${path ? `${path}.` : ''}rules[${i}]`} issues={issues} />
        ))}
      </Box>
    );
  }
  return (
    <Box paddingLeft={4}>
      <Typography>{`${node.field} ${node.operator} ${JSON.stringify(node.value ?? null)}`}</Typography>
      {own.map((i) => (
        <Typography key={i.path + i.message} textColor="danger600" variant="pi" tag="p">
          {i.message}
        </Typography>
      ))}
    </Box>
  );
};

export function FilterBuilder({ value, issues }: FilterBuilderProps) {
  return <Node node={value} path="" issues={issues} />;
}
