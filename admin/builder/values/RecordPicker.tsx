import { Combobox, Flex, Tag } from '@strapi/design-system';
import { Cross } from '@strapi/icons';
import { useState } from 'react';
import type { LookupItem } from '../../../shared/contracts/lookup';
import { useT } from '../../i18n';
import { DetailedOption } from '../controls/DetailedOption';
import { useLookupLabels, useLookupSearch } from './useLookup';

interface RecordPickerProps {
  /** The content type searched through `lookup`. */
  target: string;
  /** A documentId (single) or a list of them (multiple). */
  value: unknown;
  multiple: boolean;
  onChange: (value: string | string[]) => void;
  label: string;
  /** A documentId never offered (the segment being edited). */
  exclude?: string;
  /** The second line of an option: a campaign's send date, "archived" for a segment. */
  describe?: (item: LookupItem) => string | null;
  /** A word after a chosen record's name ("archived"), when it needs one. */
  flag?: (item: LookupItem) => string | null;
  disabled?: boolean;
}

const idsOf = (value: unknown): string[] =>
  (Array.isArray(value) ? value : typeof value === 'string' && value ? [value] : []).filter((v): v is string => typeof v === 'string');

/**
 * Records of another content type by their label, stored as documentIds: one for = / !=, a list
 * for in / not in, campaigns and segments. Searches through the builder's `lookup` as the user types.
 */
export function RecordPicker({ target, value, multiple, onChange, label, exclude, describe, flag, disabled }: RecordPickerProps) {
  const t = useT();
  const ids = idsOf(value);
  const labelOf = useLookupLabels(target, ids);
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState<string | undefined>(undefined);
  const search = useLookupSearch(target, typed ?? '', open, exclude);
  const nameOf = (id: string) => {
    const item = labelOf(id);
    if (!item) return t('builder.picker.loading');
    if (!item.label) return t('builder.picker.unknown', { id });
    const mark = flag?.(item);
    return mark ? `${item.label} (${mark})` : item.label;
  };

  const choose = (id?: string) => {
    setTyped(undefined);
    if (!id) return;
    if (!multiple) onChange(id);
    else if (!ids.includes(id)) onChange([...ids, id]);
  };

  // Open, the input is a fresh search; closed, a single picker names its record and a multiple one is empty.
  const chosenName = !multiple && ids[0] ? nameOf(ids[0]) : '';
  const shownText = open ? (typed ?? '') : chosenName;
  const options = open
    ? search.items
        .filter((item) => !multiple || !ids.includes(item.documentId))
        .map((item) => (
          <DetailedOption key={item.documentId} value={item.documentId} label={item.label} detail={describe?.(item)} stacked />
        ))
    : null;

  return (
    <Flex direction="column" alignItems="flex-start" gap={1}>
      <Combobox
        aria-label={label}
        size="S"
        placeholder={chosenName || t('builder.picker.search')}
        value={multiple ? '' : (ids[0] ?? '')}
        textValue={shownText}
        // Reached by Tab, typing replaces the shown choice instead of appending to it.
        onFocus={(e: React.FocusEvent<HTMLInputElement>) => e.currentTarget.select()}
        onTextValueChange={setTyped}
        onInputChange={(e: React.ChangeEvent<HTMLInputElement>) => setTyped(e.target.value)}
        open={open}
        onOpenChange={(next: boolean) => {
          setOpen(next);
          if (!next) setTyped(undefined);
        }}
        autocomplete="none"
        loading={search.loading}
        loadingMessage={t('builder.picker.loading')}
        noOptionsMessage={(q: string) => (search.failed ? t('builder.picker.failed') : t('builder.picker.none', { value: q }))}
        onChange={choose}
        disabled={disabled}
      >
        {options}
      </Combobox>
      {multiple && ids.length ? (
        <Flex gap={1} wrap="wrap">
          {ids.map((id) => (
            <Tag
              key={id}
              icon={<Cross />}
              label={t('builder.tags.remove', { value: nameOf(id) })}
              onClick={() => onChange(ids.filter((other) => other !== id))}
              disabled={disabled}
            >
              {nameOf(id)}
            </Tag>
          ))}
        </Flex>
      ) : null}
    </Flex>
  );
}
