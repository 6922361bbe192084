import { Field, Flex, SingleSelect, SingleSelectOption, TextInput } from '@strapi/design-system';
import { useState } from 'react';
import type { EngagementValue as Engagement } from '../../../shared/filter-tree';
import type { LookupItem } from '../../../shared/lookup';
import { useT } from '../../i18n';
import { RecordPicker } from './RecordPicker';
import type { ValueProps } from './types';

const isCampaigns = (value: unknown): value is { campaigns: string[] } =>
  typeof value === 'object' && value !== null && Array.isArray((value as { campaigns?: unknown }).campaigns);

/** Opened / clicked: chosen campaigns (`{ campaigns }`) or the N latest sent (`{ last: N }`). */
export function EngagementValue({ field, value, onChange, label, disabled }: ValueProps) {
  const t = useT();
  const byList = isCampaigns(value);
  const last = !byList && typeof value === 'object' && value !== null ? (value as { last?: unknown }).last : undefined;
  const sentOn = (item: LookupItem) => (item.detail ? new Date(item.detail).toLocaleDateString() : t('builder.engagement.notSent'));
  return (
    <Flex gap={2} alignItems="flex-start">
      <SingleSelect
        aria-label={t('builder.engagement.mode')}
        size="S"
        value={byList ? 'campaigns' : 'last'}
        onChange={(mode: string | number) => onChange((mode === 'campaigns' ? { campaigns: [] } : { last: 1 }) satisfies Engagement)}
        disabled={disabled}
      >
        <SingleSelectOption value="last">{t('builder.engagement.last')}</SingleSelectOption>
        <SingleSelectOption value="campaigns">{t('builder.engagement.campaigns')}</SingleSelectOption>
      </SingleSelect>
      {byList ? (
        field.target ? (
          <RecordPicker
            target={field.target}
            value={value.campaigns}
            multiple
            onChange={(campaigns) => onChange({ campaigns: campaigns as string[] })}
            label={label}
            describe={sentOn}
            disabled={disabled}
          />
        ) : null
      ) : (
        <LastCount value={last} onChange={(n) => onChange({ last: n })} disabled={disabled} />
      )}
    </Flex>
  );
}

function LastCount({ value, onChange, disabled }: { value: unknown; onChange: (n: number) => void; disabled?: boolean }) {
  const t = useT();
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? (typeof value === 'number' ? String(value) : '');
  const valid = /^\d+$/.test(text.trim()) && Number(text) >= 1;
  return (
    <Field.Root error={valid ? undefined : t('builder.value.wholeNumber', { min: 1 })} width="8rem">
      <TextInput
        aria-label={t('builder.engagement.lastCount')}
        size="S"
        inputMode="numeric"
        value={text}
        disabled={disabled}
        onChange={(e: React.ChangeEvent<HTMLInputElement>) => {
          const next = e.target.value;
          setDraft(next);
          if (/^\d+$/.test(next.trim()) && Number(next) >= 1) onChange(Number(next));
        }}
        onBlur={() => valid && setDraft(null)}
      />
      <Field.Error />
    </Field.Root>
  );
}
