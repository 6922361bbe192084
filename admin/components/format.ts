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
      date: (iso: string | null | undefined) =>
        iso ? intl.formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' }) : t('common.none'),
      /** How long ago, in the largest whole unit ("5 minutes ago", "yesterday"). */
      ago: (iso: string | null | undefined, now = Date.now()) => {
        if (!iso) return t('common.none');
        const seconds = Math.round((Date.parse(iso) - now) / 1000);
        if (Math.abs(seconds) < 60) return t('time.justNow');
        const [value, unit] = largestUnit(seconds);
        return intl.formatRelativeTime(value, unit, { numeric: 'auto' });
      },
    }),
    [intl, t],
  );
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

function largestUnit(seconds: number): [number, Intl.RelativeTimeFormatUnit] {
  for (const [unit, size] of UNITS) if (Math.abs(seconds) >= size) return [Math.trunc(seconds / size), unit];
  return [Math.trunc(seconds / 60), 'minute'];
}
