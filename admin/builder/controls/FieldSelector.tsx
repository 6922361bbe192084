import { Combobox } from '@strapi/design-system';
import { memo, useMemo, useState } from 'react';
import type { FieldSelectorProps, FullField, OptionGroup } from 'react-querybuilder';
import { useT } from '../../i18n';
import { catalogFieldOf, type BuilderField } from '../fields';
import { ruleForField } from '../tree';
import { DetailedOption } from './DetailedOption';
import { useReplaceNode } from './useReplaceNode';

interface Choice {
  field: BuilderField;
  group: string;
}

const flattened = new WeakMap<object, Choice[]>();
function choicesOf(options: FieldSelectorProps['options']): Choice[] {
  const known = flattened.get(options);
  if (known) return known;
  const choices = (options as Array<FullField | OptionGroup<FullField>>).flatMap((entry) =>
    Array.isArray(entry.options)
      ? (entry as OptionGroup<FullField>).options.map((field) => ({ field: field as BuilderField, group: entry.label }))
      : [{ field: entry as BuilderField, group: '' }],
  );
  flattened.set(options, choices);
  return choices;
}

/**
 * The rule's field, searchable (a catalog can have 200 fields), each option naming its group.
 * Options are only rendered while the list is open: a hundred closed rows stay cheap.
 */
export const FieldSelector = memo(function FieldSelector({ options, rule, schema, path, disabled }: FieldSelectorProps) {
  const t = useT();
  const replace = useReplaceNode(schema, path);
  const choices = choicesOf(options);
  const current = choices.find((c) => c.field.name === rule.field);
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState<string | undefined>(undefined);
  const items = useMemo(
    () =>
      open
        ? choices.map(({ field, group }) => <DetailedOption key={field.name} value={field.name} label={field.label} detail={group} />)
        : null,
    [open, choices],
  );

  const choose = (name?: string) => {
    const next = choices.find((c) => c.field.name === name);
    setTyped(undefined);
    if (!next || name === rule.field) return;
    replace(ruleForField(next.field.catalogField, rule.id));
  };

  return (
    <Combobox
      aria-label={t('builder.field')}
      // Open, the input is a fresh search with the current field as its placeholder.
      placeholder={current?.field.label ?? t('builder.field.search')}
      size="S"
      value={rule.field}
      // Closed, it always names the rule's field, whatever the search left behind.
      textValue={open ? (typed ?? '') : (current?.field.label ?? rule.field)}
      // Reached by Tab, typing replaces the shown choice instead of appending to it.
      onFocus={(e: React.FocusEvent<HTMLInputElement>) => e.currentTarget.select()}
      onTextValueChange={setTyped}
      open={open}
      onOpenChange={(next: boolean) => {
        setOpen(next);
        if (!next) setTyped(undefined);
      }}
      autocomplete={{ type: 'list', filter: 'contains' }}
      noOptionsMessage={(value: string) => t('builder.field.none', { value })}
      onChange={choose}
      disabled={disabled}
      hasError={!catalogFieldOf(schema.fieldMap[rule.field])}
    >
      {items}
    </Combobox>
  );
});
