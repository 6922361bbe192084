import { styled } from 'styled-components';

/**
 * Lays out react-querybuilder's standard class names with the design system's theme, in place of
 * its own stylesheet (which the admin must not load).
 */
export const BuilderFrame = styled.div`
  .ruleGroup {
    display: flex;
    flex-direction: column;
    gap: ${({ theme }) => theme.spaces[2]};
    padding: ${({ theme }) => theme.spaces[3]};
    border: 1px solid ${({ theme }) => theme.colors.neutral200};
    border-radius: ${({ theme }) => theme.borderRadius};
    background: ${({ theme }) => theme.colors.neutral0};
  }
  .ruleGroup .ruleGroup {
    background: ${({ theme }) => theme.colors.neutral100};
  }
  .ruleGroup-header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${({ theme }) => theme.spaces[2]};
  }
  .ruleGroup-body {
    display: flex;
    flex-direction: column;
    gap: ${({ theme }) => theme.spaces[2]};
  }
  .ruleGroup-body:empty {
    display: none;
  }
  .rule {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    gap: ${({ theme }) => theme.spaces[2]};
    padding: ${({ theme }) => theme.spaces[2]};
    border: 1px solid ${({ theme }) => theme.colors.neutral150};
    border-radius: ${({ theme }) => theme.borderRadius};
    background: ${({ theme }) => theme.colors.neutral0};
  }
  .rule-frame[data-invalid] > .rule {
    border-color: ${({ theme }) => theme.colors.danger600};
  }
  /* A to-many rule: its sub-group's header sits in the row, its body below, indented. */
  .rule-hasSubQuery > .ruleGroup-body {
    flex-basis: 100%;
    margin-left: ${({ theme }) => theme.spaces[6]};
    padding-left: ${({ theme }) => theme.spaces[3]};
    border-left: 2px solid ${({ theme }) => theme.colors.primary200};
  }
  .betweenRules {
    color: ${({ theme }) => theme.colors.neutral600};
  }
  .dndDragging {
    opacity: 0.5;
  }
  .dndOver.rule,
  .dndOver.ruleGroup-header {
    box-shadow: 0 2px 0 0 ${({ theme }) => theme.colors.primary600};
  }
  .dndOver.dndGroup {
    outline: 2px dashed ${({ theme }) => theme.colors.primary600};
  }
  .dndDropNotAllowed {
    cursor: no-drop;
  }
`;
