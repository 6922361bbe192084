import { Box, Button, Field, Flex, Loader, Textarea, TextButton, Typography } from '@strapi/design-system';
import { useState } from 'react';
import type { AiOutcome } from '../../../shared/contracts/ai';
import { AI_PROMPT_MAX } from '../../../shared/contracts/constants';
import type { Catalog } from '../../../shared/catalog';
import type { FilterGroup } from '../../../shared/filter-tree';
import type { Lookup } from '../../builder/types';
import { Notice } from '../../components/Notice';
import { useT, type MessageId } from '../../i18n';
import { PanelSection } from '../PanelSection';
import type { PreviewRequest } from '../usePreview';
import { AiResult } from './AiResult';
import { useAiGenerate, type AiRequest } from './useAiGenerate';

/** The five example prompts (README, "Quick start"; docs/ai.md), offered as examples. */
const EXAMPLES: MessageId[] = ['ai.example.1', 'ai.example.2', 'ai.example.3', 'ai.example.4', 'ai.example.5'];

export interface AiPanelProps {
  request: AiRequest;
  preview: PreviewRequest;
  catalog: Catalog;
  lookup: Lookup;
  /** The builder's tree, sent along when refining. */
  current: FilterGroup;
  /** Replaces the builder's tree; the prompt is kept as the segment's aiPrompt. */
  onApply: (filters: FilterGroup, prompt: string) => void;
  /** Brings back the tree from before the last apply; absent when there is nothing to undo. */
  onUndo?: () => void;
  disabled?: boolean;
  /** Records what the admin did with a proposal (the server's audit of generations). */
  report?: (generationId: string, outcome: AiOutcome) => Promise<void>;
}

/**
 * AI Mode in the editor: a description in words becomes a suggested tree, reviewed here (its
 * explanation, warnings, words and live count) and applied to the builder only on request.
 */
export const AiPanel = ({ request, preview, catalog, lookup, current, onApply, onUndo, disabled, report }: AiPanelProps) => {
  const t = useT();
  const [prompt, setPrompt] = useState('');
  const { state, generate, clear, cancel } = useAiGenerate(request);
  const [applied, setApplied] = useState(false);
  const text = prompt.trim();
  const tooLong = prompt.length > AI_PROMPT_MAX;
  const busy = state.status === 'generating';
  const canSend = Boolean(text) && !tooLong && !busy && !disabled;

  // The audit's outcome must never stand in the admin's way: a failed report is left unrecorded.
  const tell = (generationId: string, outcome: AiOutcome) => void report?.(generationId, outcome).catch(() => undefined);

  const send = (refine: boolean) => {
    setApplied(false);
    void generate({ prompt: text, ...(refine ? { filters: current } : {}) });
  };

  return (
    <PanelSection titleId="ai-mode-title" title={t('ai.title')} gap={4}>
      <Typography textColor="neutral600">{t('ai.intro')}</Typography>
      <Field.Root
        name="aiPrompt"
        hint={t('ai.promptHint', { max: AI_PROMPT_MAX })}
        error={tooLong ? t('ai.tooLong', { max: AI_PROMPT_MAX }) : undefined}
      >
        <Field.Label>{t('ai.prompt')}</Field.Label>
        <Textarea value={prompt} disabled={disabled} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setPrompt(e.target.value)} />
        <Field.Hint />
        <Field.Error />
      </Field.Root>
      <Box>
        <Typography variant="sigma" textColor="neutral600" tag="h3">
          {t('ai.examples')}
        </Typography>
        <Flex tag="ul" direction="column" alignItems="flex-start" gap={1} paddingTop={1}>
          {EXAMPLES.map((id) => (
            <li key={id}>
              <TextButton onClick={() => setPrompt(t(id))} disabled={disabled}>
                {t(id)}
              </TextButton>
            </li>
          ))}
        </Flex>
      </Box>
      <Flex gap={2} wrap="wrap">
        <Button onClick={() => send(false)} disabled={!canSend}>
          {t('ai.generate')}
        </Button>
        <Button variant="secondary" onClick={() => send(true)} disabled={!canSend || current.rules.length === 0}>
          {t('ai.refine')}
        </Button>
        {busy ? (
          <>
            <Loader small>{t('ai.generating')}</Loader>
            <Button variant="tertiary" onClick={cancel}>
              {t('ai.cancel')}
            </Button>
          </>
        ) : null}
      </Flex>
      {state.status === 'cancelled' ? <Typography role="status">{t('ai.cancelled')}</Typography> : null}
      {state.status === 'error' ? (
        state.notConfigured ? (
          <Notice variant="info" title={t('ai.notConfigured')}>
            {t('ai.notConfiguredHelp')}
          </Notice>
        ) : (
          <Notice variant="danger" title={t('ai.failed')}>
            {state.message}
          </Notice>
        )
      ) : null}
      {state.status === 'ready' && !applied ? (
        <AiResult
          result={state.result}
          catalog={catalog}
          lookup={lookup}
          preview={preview}
          disabled={disabled}
          onApply={() => {
            onApply(state.result.filters, state.prompt);
            setApplied(true);
            tell(state.result.generationId, 'applied');
          }}
          onDiscard={() => {
            tell(state.result.generationId, 'discarded');
            clear();
          }}
        />
      ) : null}
      {applied && onUndo ? (
        <Flex gap={2} role="status">
          <Typography>{t('ai.applied')}</Typography>
          <Button
            variant="tertiary"
            onClick={() => {
              onUndo();
              setApplied(false);
            }}
          >
            {t('ai.undo')}
          </Button>
        </Flex>
      ) : null}
    </PanelSection>
  );
};
