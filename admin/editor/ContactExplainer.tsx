import { Button, Flex, Loader, Typography } from '@strapi/design-system';
import { useEffect, useState } from 'react';
import type { PreviewContact } from '../../shared/contracts/preview';
import { isAbort } from '../apiErrors';
import { Notice } from '../components/Notice';
import { SearchField } from '../components/SearchField';
import { useT } from '../i18n';
import { PanelSection } from './PanelSection';
import type { ExplainState } from './useExplain';

export interface ChosenContact {
  documentId: string;
  name: string;
}

const SEARCH_DELAY_MS = 250;

/** Contacts whose name or email contains what was typed, asked once typing pauses. */
function useContactSearch(search: (q: string, options: { signal: AbortSignal }) => Promise<PreviewContact[]>, q: string) {
  const [found, setFound] = useState<PreviewContact[] | null>(null);
  useEffect(() => {
    if (!q.trim()) {
      setFound(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      search(q.trim(), { signal: controller.signal }).then(
        (contacts) => !controller.signal.aborted && setFound(contacts),
        (error) => !isAbort(error) && !controller.signal.aborted && setFound([]),
      );
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q, search]);
  return found;
}

/**
 * "Why is a contact here?": pick a contact by name or email; the builder then marks every condition
 * green or red for it, with the stored values that decided it. Members of the preview open it too.
 */
export const ContactExplainer = ({
  search,
  chosen,
  onChoose,
  state,
}: {
  search: (q: string, options: { signal: AbortSignal }) => Promise<PreviewContact[]>;
  chosen: ChosenContact | null;
  onChoose: (contact: ChosenContact | null) => void;
  state: ExplainState['contact'];
}) => {
  const t = useT();
  const [q, setQ] = useState('');
  const found = useContactSearch(search, q);
  const answer = chosen && state.result?.answer.contact.documentId === chosen.documentId ? state.result.answer : undefined;
  return (
    <PanelSection titleId="segment-explain-title" title={t('explain.title')} gap={3}>
      {chosen ? (
        <Flex justifyContent="space-between" gap={2} aria-live="polite">
          {answer ? (
            <Typography fontWeight="bold" textColor={answer.member ? 'success600' : 'danger600'}>
              {t(answer.member ? 'explain.chosen' : 'explain.chosenNot', { name: chosen.name })}
            </Typography>
          ) : state.status === 'error' || state.status === 'invalid' ? null : (
            <Loader small>{t('explain.checking')}</Loader>
          )}
          <Button variant="tertiary" size="S" onClick={() => onChoose(null)}>
            {t('explain.clear')}
          </Button>
        </Flex>
      ) : (
        <Typography variant="pi" textColor="neutral600">
          {t('explain.searchHint')}
        </Typography>
      )}
      {chosen && state.status === 'error' ? (
        <Notice variant="danger" title={t('explain.failed')}>
          {state.message}
        </Notice>
      ) : null}
      <SearchField value={q} onChange={setQ} label={t('explain.search')} />
      {found ? (
        found.length === 0 ? (
          <Typography textColor="neutral600">{t('explain.noResults')}</Typography>
        ) : (
          <Flex tag="ul" direction="column" alignItems="stretch" gap={1}>
            {found.map((c) => (
              <li key={c.documentId}>
                <Button
                  variant="ghost"
                  fullWidth
                  onClick={() => {
                    onChoose({ documentId: c.documentId, name: c.name || c.email || c.documentId });
                    setQ('');
                  }}
                >
                  {c.name || t('common.none')}
                  {c.email ? ` · ${c.email}` : ''}
                </Button>
              </li>
            ))}
          </Flex>
        )
      ) : null}
    </PanelSection>
  );
};
