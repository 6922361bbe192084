import { useMemo } from 'react';
import { useIntl } from 'react-intl';
import { useT } from '../i18n';

/** Numbers and dates in the admin's locale; a missing value reads as a dash. */
export function useFormat() {
  const intl = useIntl();
  const t = useT();
  return useMemo(
    () => ({
      count: (n: number | null | undefined) => (n == null ? t('common.none') : intl.formatNumber(n)),
      date: (iso: string | null | undefined) => (iso ? intl.formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' }) : t('common.none')),
    }),
    [intl, t]
  );
}
