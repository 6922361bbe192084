import { memo } from 'react';
import type { ValueEditorProps } from 'react-querybuilder';
import { NUMBER_TYPES } from '../../../shared/catalog';
import { useT } from '../../i18n';
import { catalogFieldOf } from '../fields';
import { isListOperator, isRangeOperator, isValueless } from '../tree';
import { BooleanValue } from './BooleanValue';
import { DateValue } from './DateValue';
import { EngagementValue } from './EngagementValue';
import { EnumListValue, EnumValue } from './EnumValue';
import { NumberField } from './NumberValue';
import { RangeValue } from './RangeValue';
import { RelationValue } from './RelationValue';
import { SegmentValue } from './SegmentValue';
import { TagsValue } from './TagsValue';
import { TextValue } from './TextValue';
import type { ValueProps } from './types';

const isNumberType = (type: string) => (NUMBER_TYPES as readonly string[]).includes(type);

/** The editor for the rule's field type and operator; none for null / not null. */
export const ValueEditor = memo(function ValueEditor({ fieldData, operator, value, handleOnChange, disabled }: ValueEditorProps) {
  const t = useT();
  const field = catalogFieldOf(fieldData);
  if (!field || isValueless(operator) || field.type === 'toMany') return null;
  const props: ValueProps = {
    field,
    operator,
    value,
    onChange: handleOnChange,
    label: t('builder.value', { field: field.label }),
    disabled,
  };
  return <EditorFor {...props} />;
});

function EditorFor(props: ValueProps) {
  const { field, operator } = props;
  switch (field.type) {
    case 'engagement':
      return <EngagementValue {...props} />;
    case 'segment':
      return <SegmentValue {...props} />;
    case 'relation':
      return <RelationValue {...props} />;
    case 'boolean':
      return <BooleanValue {...props} />;
    case 'date':
    case 'datetime':
      return isRangeOperator(operator) ? <RangeValue {...props} /> : <DateValue {...props} />;
    default:
      break;
  }
  if (isNumberType(field.type)) {
    if (isRangeOperator(operator)) return <RangeValue {...props} />;
    if (isListOperator(operator)) return <TagsValue {...props} />;
    return <NumberField value={props.value} onChange={props.onChange} label={props.label} disabled={props.disabled} />;
  }
  if (field.type === 'enumeration' && field.options?.length) {
    if (isListOperator(operator)) return <EnumListValue {...props} />;
    if (operator === '=' || operator === '!=') return <EnumValue {...props} />;
  }
  if (isListOperator(operator)) return <TagsValue {...props} />;
  return <TextValue {...props} />;
}
