import { Button, Field, Modal } from '@strapi/design-system';
import { Pencil } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { useState } from 'react';
import type { ListRecord } from '../../shared/contracts/records';
import { readApiError } from '../apiErrors';
import { useT } from '../i18n';

/** "Rename" on a list's page: asks for the new name; a blank one is refused before it is sent. */
export const RenameListButton = ({
  name,
  rename,
  onRenamed,
}: {
  name: string;
  rename: (name: string) => Promise<ListRecord>;
  onRenamed: () => Promise<void>;
}) => {
  const t = useT();
  const { toggleNotification } = useNotification();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState(name);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!value.trim()) return setError(t('lists.rename.blank'));
    setBusy(true);
    try {
      const renamed = await rename(value.trim());
      setOpen(false);
      toggleNotification({ type: 'success', message: t('lists.rename.done', { name: renamed.name }) });
      await onRenamed();
    } catch (e) {
      setError(readApiError(e).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal.Root
      open={open}
      onOpenChange={(next: boolean) => {
        if (busy) return;
        setOpen(next);
        setValue(name);
        setError(null);
      }}
    >
      <Modal.Trigger>
        <Button variant="secondary" startIcon={<Pencil />}>
          {t('lists.rename')}
        </Button>
      </Modal.Trigger>
      <Modal.Content>
        <form onSubmit={submit} noValidate>
          <Modal.Header>
            <Modal.Title>{t('lists.rename.title', { name })}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Field.Root name="listName" error={error ?? undefined} required>
              <Field.Label>{t('lists.rename.name')}</Field.Label>
              <Field.Input
                value={value}
                onChange={(e: React.ChangeEvent<HTMLInputElement>) => {
                  setValue(e.target.value);
                  setError(null);
                }}
                disabled={busy}
              />
              <Field.Error />
            </Field.Root>
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary" disabled={busy}>
                {t('editor.cancel')}
              </Button>
            </Modal.Close>
            <Button type="submit" loading={busy}>
              {t('lists.rename.save')}
            </Button>
          </Modal.Footer>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
};
