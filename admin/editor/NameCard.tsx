import { Box, Field, Flex, Textarea } from '@strapi/design-system';
import { memo, type RefObject } from 'react';
import { useT } from '../i18n';

/** The segment's name and description; memoised, so typing in the conditions does not re-render it. */
export const NameCard = memo(function NameCard({
  name,
  description,
  nameMissing,
  sameName,
  editable,
  onName,
  onDescription,
  boxRef,
}: {
  name: string;
  description: string | null | undefined;
  /** Save was refused for want of a name. */
  nameMissing: boolean;
  /** Another segment's name, when this one is already taken. */
  sameName: string | null | undefined;
  editable: boolean;
  onName: (name: string) => void;
  onDescription: (description: string) => void;
  boxRef: RefObject<HTMLDivElement>;
}) {
  const t = useT();
  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
      <Flex direction="column" alignItems="stretch" gap={4} ref={boxRef}>
        <Field.Root
          name="name"
          required
          error={nameMissing && !name.trim() ? t('editor.nameRequired') : undefined}
          hint={sameName ? t('editor.sameName', { name: sameName }) : undefined}
        >
          <Field.Label>{t('editor.name')}</Field.Label>
          <Field.Input value={name} disabled={!editable} onChange={(e: React.ChangeEvent<HTMLInputElement>) => onName(e.target.value)} />
          <Field.Error />
          <Field.Hint />
        </Field.Root>
        <Field.Root name="description">
          <Field.Label>{t('editor.description')}</Field.Label>
          <Textarea
            value={description ?? ''}
            disabled={!editable}
            onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => onDescription(e.target.value)}
          />
        </Field.Root>
      </Flex>
    </Box>
  );
});
