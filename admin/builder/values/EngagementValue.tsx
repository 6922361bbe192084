import { Flex } from '@strapi/design-system';
import type { EngagementValue as Engagement } from '../../../shared/filter-tree';
import type { LookupItem } from '../../../shared/contracts/lookup';
import { useT } from '../../i18n';
import { OptionSelect } from '../controls/OptionSelect';
import { WholeNumberInput } from '../controls/WholeNumberInput';
import { RecordPicker } from './RecordPicker';
import type { ValueProps } from './types';

const isCampaigns = (value: unknown): value is { campaigns: string[] } =>
  typeof value === 'object' && value !== null && Array.isArray((value as { campaigns?: unknown }).campaigns);

/** Opened / clicked: chosen campaigns (`{ campaigns }`) or the N latest sent (`{ last: N }`). */
export function EngagementValue({ field, value, onChange, label, disabled }: ValueProps) {
  const t = useT();
  const byList = isCampaigns(value);
  const last = !byList && typeof value === 'object' && value !== null ? (value as { last?: unknown }).last : undefined;
  // The server lists sent campaigns first, then scheduled ones (a send date still to come), then drafts.
  const sentOn = (item: LookupItem) => {
    if (!item.detail) return t('builder.engagement.notSent');
    const date = new Date(item.detail).toLocaleDateString();
    return Date.parse(item.detail) > Date.now() ? t('builder.engagement.scheduled', { date }) : t('builder.engagement.sent', { date });
  };
  const scheduled = (item: LookupItem) =>
    item.detail && Date.parse(item.detail) > Date.now() ? t('builder.engagement.scheduledFlag') : null;
  return (
    <Flex gap={2} alignItems="flex-start">
      <OptionSelect
        label={t('builder.engagement.mode')}
        options={[
          { value: 'last', label: t('builder.engagement.last') },
          { value: 'campaigns', label: t('builder.engagement.campaigns') },
        ]}
        value={byList ? 'campaigns' : 'last'}
        onChange={(mode) => onChange((mode === 'campaigns' ? { campaigns: [] } : { last: 1 }) satisfies Engagement)}
        disabled={disabled}
      />
      {byList ? (
        field.target ? (
          <RecordPicker
            target={field.target}
            value={value.campaigns}
            multiple
            onChange={(campaigns) => onChange({ campaigns: campaigns as string[] })}
            label={label}
            describe={sentOn}
            flag={scheduled}
            disabled={disabled}
          />
        ) : null
      ) : (
        <WholeNumberInput
          value={typeof last === 'number' ? last : undefined}
          min={1}
          label={t('builder.engagement.lastCount')}
          onChange={(n) => onChange({ last: n })}
          disabled={disabled}
        />
      )}
    </Flex>
  );
}
