import { Box, Button, Flex, Loader, Typography } from '@strapi/design-system';
import type { AiGenerateResult } from '../../../shared/contracts/ai';
import type { Catalog } from '../../../shared/catalog';
import type { Lookup } from '../../builder/types';
import { Notice } from '../../components/Notice';
import { useT } from '../../i18n';
import { TreeInWords } from '../../words/TreeInWords';
import { useTreeWords } from '../../words/useTreeWords';
import { usePreview, type PreviewRequest } from '../usePreview';

/**
 * A suggestion to review before it touches the builder: what it says (the tree in words, computed
 * here, not by the model), what to check, how many it selects, and last the model's own explanation,
 * labelled as such, since it could describe a tree other than the one shown.
 * (Its props, one a line, have the shape of SaveActions' props; nothing else is alike, nothing to share.)
 */
export const AiResult = ({
  result,
  catalog,
  lookup,
  preview,
  onApply,
  onDiscard,
  disabled,
}: {
  result: AiGenerateResult;
  catalog: Catalog;
  lookup: Lookup;
  preview: PreviewRequest;
  onApply: () => void;
  onDiscard: () => void;
  disabled?: boolean;
}) => {
  const t = useT();
  const words = useTreeWords(result.filters, catalog, lookup);
  const count = usePreview(result.filters, preview, { delay: 0 });
  return (
    <Box tag="section" aria-labelledby="ai-result-title" borderColor="primary200" hasRadius padding={4}>
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Typography variant="delta" tag="h3" id="ai-result-title">
          {t('ai.result')}
        </Typography>
        <TreeInWords words={words} id="ai-result-words" />
        {result.warnings.length > 0 ? (
          <Notice variant="warning" title={t('ai.warnings')}>
            <ul>
              {result.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </Notice>
        ) : null}
        <Box aria-live="polite" data-testid="ai-count">
          {count.status === 'ready' && count.result ? (
            <Typography fontWeight="bold">{t('ai.count', { count: count.result.count })}</Typography>
          ) : count.status === 'loading' ? (
            <Loader small>{t('ai.counting')}</Loader>
          ) : (
            <Typography textColor="danger600">{t('ai.countInvalid', { message: count.message ?? '' })}</Typography>
          )}
        </Box>
        {result.explanation ? (
          <Box>
            <Typography variant="sigma" textColor="neutral600" tag="h4">
              {t('ai.modelExplanation')}
            </Typography>
            <Typography tag="p" data-testid="ai-explanation">
              {result.explanation}
            </Typography>
          </Box>
        ) : null}
        <Flex gap={2}>
          <Button onClick={onApply} disabled={disabled}>
            {t('ai.apply')}
          </Button>
          <Button variant="tertiary" onClick={onDiscard}>
            {t('ai.discard')}
          </Button>
        </Flex>
      </Flex>
    </Box>
  );
};
