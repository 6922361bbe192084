import { Badge, Flex, Typography } from '@strapi/design-system';
import { CheckCircle, CrossCircle } from '@strapi/icons';
import { useFormat } from '../../components/format';
import { useT } from '../../i18n';
import type { NodeAnnotation } from '../types';

/** Explain's line under a rule or group: its counts in words, and a chosen contact's mark. */
export function NodeAnnotationLine({ annotation }: { annotation?: NodeAnnotation }) {
  const t = useT();
  const format = useFormat();
  if (!annotation) return null;
  const { counts, contact } = annotation;
  return (
    <Flex gap={3} paddingTop={1} wrap="wrap" className="node-annotation">
      {counts ? (
        counts.timeout ? (
          <Typography variant="pi" textColor="neutral600">
            {t('explain.timeout')}
          </Typography>
        ) : (
          <Flex gap={2}>
            <Typography variant="pi" textColor="neutral600" data-testid="explain-counts">
              {counts.combinator === 'root'
                ? t('explain.root', { kept: format.count(counts.kept), before: format.count(counts.before) })
                : counts.combinator === 'and'
                  ? t('explain.keeps', {
                      alone: format.count(counts.alone),
                      kept: format.count(counts.kept),
                      before: format.count(counts.before),
                    })
                  : t('explain.adds', { alone: format.count(counts.alone), kept: format.count(counts.kept) })}
            </Typography>
            {counts.cutsMost ? (
              <Badge backgroundColor="warning100" textColor="neutral800" title={t('explain.cutsMostHint')}>
                {t('explain.cutsMost')}
              </Badge>
            ) : null}
          </Flex>
        )
      ) : null}
      {contact ? (
        <Flex gap={1} data-result={contact.result ? 'match' : 'no-match'}>
          {contact.result ? (
            <CheckCircle aria-hidden fill="success600" width="1.4rem" height="1.4rem" />
          ) : (
            <CrossCircle aria-hidden fill="danger600" width="1.4rem" height="1.4rem" />
          )}
          <Typography variant="pi" textColor={contact.result ? 'success600' : 'danger600'}>
            {contact.result ? t('explain.contactMatches') : t('explain.contactFails')}
            {contact.detail ? ` · ${contact.detail}` : ''}
          </Typography>
        </Flex>
      ) : null}
    </Flex>
  );
}
