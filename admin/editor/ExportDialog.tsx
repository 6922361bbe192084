import { Button, Field, Flex, Link, Modal, Typography } from '@strapi/design-system';
import { useEffect, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import type { ListRecord } from '../../shared/contracts/records';
import { readApiError } from '../apiErrors';
import { Notice } from '../components/Notice';
import { useT } from '../i18n';
import { paths } from '../paths';

/** The list name offered by default: the segment's name and today's date, as the server would name it. */
export const defaultListName = (segmentName: string, today = new Date()) => `${segmentName} (${today.toISOString().slice(0, 10)})`;

/** Asks for the new list's name, freezes the segment's members into it, then links to the list. */
export const ExportDialog = ({
  open,
  segmentName,
  onClose,
  onExport,
}: {
  open: boolean;
  segmentName: string;
  onClose: () => void;
  onExport: (name: string) => Promise<ListRecord>;
}) => {
  const t = useT();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [list, setList] = useState<ListRecord | null>(null);

  // Every opening starts afresh, with today's default name.
  useEffect(() => {
    if (!open) return;
    setName(defaultListName(segmentName));
    setError(null);
    setList(null);
  }, [open, segmentName]);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setList(await onExport(name.trim()));
    } catch (e) {
      setError(readApiError(e).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal.Root open={open} onOpenChange={(o: boolean) => !o && !busy && onClose()}>
      <Modal.Content>
        <form onSubmit={submit}>
          <Modal.Header>
            <Modal.Title>{t('export.title', { name: segmentName })}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            {list ? (
              <Flex direction="column" alignItems="flex-start" gap={2} role="status">
                <Typography>{t('export.done', { count: list.memberCount, name: list.name })}</Typography>
                <Link tag={RouterLink} to={paths.list(list.documentId)}>
                  {t('export.openList', { name: list.name })}
                </Link>
              </Flex>
            ) : (
              <Flex direction="column" alignItems="stretch" gap={4}>
                <Typography textColor="neutral600">{t('export.explain')}</Typography>
                <Field.Root name="listName" hint={t('export.nameHint')}>
                  <Field.Label>{t('export.name')}</Field.Label>
                  <Field.Input
                    value={name}
                    onChange={(e: React.ChangeEvent<HTMLInputElement>) => setName(e.target.value)}
                    disabled={busy}
                  />
                  <Field.Hint />
                </Field.Root>
                {error ? (
                  <Notice variant="danger" title={t('export.failed')}>
                    {error}
                  </Notice>
                ) : null}
              </Flex>
            )}
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary" disabled={busy}>
                {list ? t('common.close') : t('editor.cancel')}
              </Button>
            </Modal.Close>
            {list ? null : (
              <Button type="submit" loading={busy}>
                {t('export.submit')}
              </Button>
            )}
          </Modal.Footer>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
};
