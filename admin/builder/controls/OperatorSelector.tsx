import { SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { memo } from 'react';
import { generateID, type OperatorSelectorProps } from 'react-querybuilder';
import { DATE_TYPES } from '../../../shared/catalog';
import type { FilterRule } from '../../../shared/filter-tree';
import { useT } from '../../i18n';
import { catalogFieldOf } from '../fields';
import { PERIOD_NAMES, periodRules } from '../../../shared/dates/phrase';
import { DATE_OPERATOR_MESSAGES, OPERATOR_MESSAGES, PERIOD_MESSAGES, PHRASE_MESSAGES } from '../messages';
import {
  DEFAULT_RELATIVE,
  RELATIVE_PHRASES,
  periodOfOperator,
  periodOperator,
  phraseOfOperator,
  phraseOperator,
  readRelative,
  writeRelative,
} from '../relative-date';
import { ruleWithOperator } from '../tree';
import { useReplaceNode } from './useReplaceNode';

const isDateType = (type: string | undefined) => (DATE_TYPES as readonly string[]).includes(type ?? '');

/**
 * The rule's operator, labelled in words. Date fields also offer relative phrases ("in the last",
 * "more than … ago", ...): picking one writes its operator and date math in one change, and a
 * comparison with date math reads as its phrase. They offer calendar periods too ("this month", "last
 * quarter"): picking one replaces the rule with a group of its two rules (relative-date.ts).
 */
export const OperatorSelector = memo(function OperatorSelector({ rule, fieldData, schema, path, disabled }: OperatorSelectorProps) {
  const t = useT();
  const replace = useReplaceNode(schema, path);
  const field = catalogFieldOf(fieldData);
  if (!field) return null;
  const dated = isDateType(field.type);
  const relative = dated ? readRelative(rule.operator, rule.value) : null;
  const selected = relative ? phraseOperator(relative.phrase) : rule.operator;
  const labelOf = (op: string) => t((dated && DATE_OPERATOR_MESSAGES[op]) || OPERATOR_MESSAGES[op] || 'builder.operator');

  const choose = (option: string | number) => {
    const choice = String(option);
    if (choice === selected) return;
    const period = periodOfOperator(choice);
    if (period) {
      replace({ id: rule.id, combinator: 'and', rules: periodRules(rule.field, period).map((r) => ({ ...r, id: generateID() })) });
      return;
    }
    const phrase = phraseOfOperator(choice);
    if (phrase) {
      const { amount, unit } = relative ?? DEFAULT_RELATIVE;
      replace({ ...rule, ...writeRelative({ phrase, amount, unit }) });
      return;
    }
    // Leaving a phrase for a plain comparison starts from an empty date rather than reading as the phrase again.
    const from = (relative ? { ...rule, value: undefined } : rule) as FilterRule;
    replace(ruleWithOperator(from, field, choice));
  };

  return (
    <SingleSelect aria-label={t('builder.operator')} size="S" value={selected} onChange={choose} disabled={disabled}>
      {dated && field.operators.some((op) => op === '<' || op === '>=')
        ? RELATIVE_PHRASES.map((phrase) => (
            <SingleSelectOption key={phrase} value={phraseOperator(phrase)}>
              {t(PHRASE_MESSAGES[phrase])}
            </SingleSelectOption>
          ))
        : null}
      {dated && field.operators.includes('>=') && field.operators.includes('<')
        ? PERIOD_NAMES.map((period) => (
            <SingleSelectOption key={period} value={periodOperator(period)}>
              {t(PERIOD_MESSAGES[period])}
            </SingleSelectOption>
          ))
        : null}
      {field.operators.map((op) => (
        <SingleSelectOption key={op} value={op}>
          {labelOf(op)}
        </SingleSelectOption>
      ))}
    </SingleSelect>
  );
});
