import { Flex, Typography } from '@strapi/design-system';
import { WarningCircle } from '@strapi/icons';
import { memo, useContext, useMemo, useState } from 'react';
import { Rule, RuleGroup, type RuleGroupProps, type RuleProps } from 'react-querybuilder';
import type { FilterGroup, FilterRule } from '../../../shared/filter-tree';
import { useT } from '../../i18n';
import { RevealProblemsContext, useNodeAnnotation, useNodeIssues } from '../context';
import { catalogFieldOf } from '../fields';
import { isEmptyInnerGroup, ruleProblem } from '../problems';
import { NodeAnnotationLine } from './NodeAnnotation';

/** Messages about one node, under it: what it still needs, or what the server said of it. */
export function NodeIssues({ messages, tone = 'danger600' }: { messages?: string[]; tone?: 'danger600' | 'warning600' }) {
  if (!messages?.length) return null;
  return (
    <Flex direction="column" alignItems="flex-start" gap={1} paddingTop={1} role="alert" className="node-issues">
      {messages.map((message) => (
        <Flex key={message} gap={1} color={tone}>
          <WarningCircle aria-hidden width="1.2rem" height="1.2rem" />
          <Typography variant="pi" textColor={tone}>
            {message}
          </Typography>
        </Flex>
      ))}
    </Flex>
  );
}

/** Focus moving into a select's or picker's pop-up (rendered elsewhere in the page) has not left the rule. */
const leftFrame = (e: React.FocusEvent<HTMLElement>) => {
  const next = e.relatedTarget as HTMLElement | null;
  if (!next) return true;
  return !e.currentTarget.contains(next) && !next.closest('[role="listbox"],[role="dialog"],[data-radix-popper-content-wrapper]');
};

/**
 * react-querybuilder's rule with explain's line and what the rule still needs underneath. A rule's
 * own problem, in words, is shown once the user has left it (or after a refused save), and stands
 * in for the server's message about the same rule; a server message with no local words is shown as is.
 */
export const RuleWithIssues = memo(function RuleWithIssues(props: RuleProps) {
  const t = useT();
  const id = props.rule.id ?? props.id;
  const server = useNodeIssues(id);
  const annotation = useNodeAnnotation(id);
  const revealAll = useContext(RevealProblemsContext);
  const [left, setLeft] = useState(false);
  const field = catalogFieldOf(props.schema.fieldMap[props.rule.field]);
  const problem = useMemo(() => ruleProblem(props.rule as FilterRule, field), [props.rule, field]);
  const local = problem && (left || revealAll || server) ? [t(problem.id, problem.values)] : undefined;
  const messages = local ?? server;
  return (
    <div
      className="rule-frame"
      data-node-id={id}
      data-invalid={messages ? true : undefined}
      onBlur={(e) => !left && leftFrame(e) && setLeft(true)}
    >
      <Rule {...props} />
      <NodeAnnotationLine annotation={annotation} />
      <NodeIssues messages={messages} />
    </div>
  );
});

/** react-querybuilder's group with explain's line and its issues underneath (the root's issues are shown atop the builder). */
export const RuleGroupWithIssues = memo(function RuleGroupWithIssues(props: RuleGroupProps) {
  const t = useT();
  const id = props.ruleGroup.id ?? props.id;
  const messages = useNodeIssues(props.path.length ? id : undefined);
  const annotation = useNodeAnnotation(id);
  const empty = isEmptyInnerGroup(props.ruleGroup as FilterGroup, props.path.length);
  return (
    <div className="group-frame" data-node-id={id}>
      <RuleGroup {...props} />
      <NodeAnnotationLine annotation={annotation} />
      <NodeIssues messages={messages} />
      {empty ? <NodeIssues tone="warning600" messages={[t('builder.problem.emptyGroup')]} /> : null}
    </div>
  );
});
