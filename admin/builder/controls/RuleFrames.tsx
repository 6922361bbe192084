import { Flex, Typography } from '@strapi/design-system';
import { WarningCircle } from '@strapi/icons';
import { memo } from 'react';
import { Rule, RuleGroup, type RuleGroupProps, type RuleProps } from 'react-querybuilder';
import { useNodeAnnotation, useNodeIssues } from '../context';
import { NodeAnnotationLine } from './NodeAnnotation';

/** The server's messages about one node, under it. */
export function NodeIssues({ messages }: { messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <Flex direction="column" alignItems="flex-start" gap={1} paddingTop={1} role="alert">
      {messages.map((message) => (
        <Flex key={message} gap={1} color="danger600">
          <WarningCircle aria-hidden width="1.2rem" height="1.2rem" />
          <Typography variant="pi" textColor="danger600">
            {message}
          </Typography>
        </Flex>
      ))}
    </Flex>
  );
}

/** react-querybuilder's rule with explain's line and the issues its path names underneath. */
export const RuleWithIssues = memo(function RuleWithIssues(props: RuleProps) {
  const messages = useNodeIssues(props.rule.id ?? props.id);
  const annotation = useNodeAnnotation(props.rule.id ?? props.id);
  return (
    <div className="rule-frame" data-invalid={messages ? true : undefined}>
      <Rule {...props} />
      <NodeAnnotationLine annotation={annotation} />
      <NodeIssues messages={messages} />
    </div>
  );
});

/** react-querybuilder's group with explain's line and its issues underneath (the root's issues are shown atop the builder). */
export const RuleGroupWithIssues = memo(function RuleGroupWithIssues(props: RuleGroupProps) {
  const messages = useNodeIssues(props.path.length ? (props.ruleGroup.id ?? props.id) : undefined);
  const annotation = useNodeAnnotation(props.ruleGroup.id ?? props.id);
  return (
    <>
      <RuleGroup {...props} />
      <NodeAnnotationLine annotation={annotation} />
      <NodeIssues messages={messages} />
    </>
  );
});
