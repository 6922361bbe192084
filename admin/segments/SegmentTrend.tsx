import { Sparkline, type SparkPoint } from '../components/Sparkline';
import { WATCH_HISTORY_DAYS } from '../../shared/contracts/constants';
import { useT } from '../i18n';

/** A watched segment's recent counts as a sparkline in its list row; nothing for a segment not watched. */
export const SegmentTrend = ({ name, points }: { name: string; points: SparkPoint[] }) => {
  const t = useT();
  if (points.length === 0) return null;
  const label = t('watch.trend', { name, days: WATCH_HISTORY_DAYS, first: points[0].count, last: points[points.length - 1].count });
  return <Sparkline points={points} label={label} />;
};
