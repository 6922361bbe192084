import { Field, Flex, Tag, TextInput } from '@strapi/design-system';
import { Cross } from '@strapi/icons';
import { useState } from 'react';
import { NUMBER_TYPES } from '../../../shared/catalog';
import { useT } from '../../i18n';
import { parseNumberText } from './number';
import type { ValueProps } from './types';

/**
 * A list of free values (in / not in on text and numbers): Enter or a comma adds what is typed as a
 * tag. The value is always an array; on number fields each entry is a number, and text that is not a
 * number stays in the input, flagged, instead of being added.
 */
export function TagsValue({ field, value, onChange, label, disabled }: ValueProps) {
  const t = useT();
  const [draft, setDraft] = useState('');
  const [invalid, setInvalid] = useState(false);
  const values: unknown[] = Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value];
  const numeric = (NUMBER_TYPES as readonly string[]).includes(field.type);

  const add = (text: string) => {
    const entries = text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (entries.length === 0) return;
    const parsed = entries.map((entry) => (numeric ? parseNumberText(entry) : { ok: true as const, value: entry }));
    const rejected = parsed.filter((p) => !p.ok).map((p) => p.value);
    const accepted = parsed
      .filter((p) => p.ok)
      .map((p) => p.value)
      .filter((v) => !values.includes(v));
    if (accepted.length) onChange([...values, ...accepted]);
    setDraft(rejected.join(', '));
    setInvalid(rejected.length > 0);
  };

  return (
    <Flex direction="column" alignItems="flex-start" gap={1}>
      <Field.Root error={invalid ? t('builder.value.number') : undefined} width="16rem">
        <TextInput
          aria-label={label}
          size="S"
          placeholder={t('builder.tags.add')}
          value={draft}
          disabled={disabled}
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => {
            const text = e.target.value;
            setInvalid(false);
            if (text.includes(',')) add(text);
            else setDraft(text);
          }}
          onKeyDown={(e: React.KeyboardEvent<HTMLInputElement>) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add(draft);
            } else if (e.key === 'Backspace' && draft === '' && values.length) {
              onChange(values.slice(0, -1));
            }
          }}
          onBlur={() => draft && add(draft)}
        />
        <Field.Error />
      </Field.Root>
      {values.length ? (
        <Flex gap={1} wrap="wrap">
          {values.map((v, i) => (
            <Tag
              key={`${String(v)}-${i}`}
              icon={<Cross />}
              label={t('builder.tags.remove', { value: String(v) })}
              onClick={() => onChange(values.filter((_, j) => j !== i))}
              disabled={disabled}
            >
              {String(v)}
            </Tag>
          ))}
        </Flex>
      ) : null}
    </Flex>
  );
}
