/** Message ids for the names the builder shows, so every label goes through i18n with typed ids. */
import type { MatchMode } from '../../shared/filter-tree';
import type { MessageId } from '../i18n';
import type { Period } from '../../shared/dates/phrase';
import type { DateUnit, RelativePhrase } from './relative-date';

export const OPERATOR_MESSAGES: Record<string, MessageId> = {
  '=': 'builder.operator.eq',
  '!=': 'builder.operator.ne',
  contains: 'builder.operator.contains',
  doesNotContain: 'builder.operator.doesNotContain',
  beginsWith: 'builder.operator.beginsWith',
  doesNotBeginWith: 'builder.operator.doesNotBeginWith',
  endsWith: 'builder.operator.endsWith',
  doesNotEndWith: 'builder.operator.doesNotEndWith',
  in: 'builder.operator.in',
  notIn: 'builder.operator.notIn',
  null: 'builder.operator.null',
  notNull: 'builder.operator.notNull',
  '<': 'builder.operator.lt',
  '<=': 'builder.operator.le',
  '>': 'builder.operator.gt',
  '>=': 'builder.operator.ge',
  between: 'builder.operator.between',
  notBetween: 'builder.operator.notBetween',
  matches: 'builder.operator.matches',
  any: 'builder.operator.any',
  all: 'builder.operator.all',
  none: 'builder.operator.none',
};

/** Dates read better as "before" / "after" than "less than" / "greater than". */
export const DATE_OPERATOR_MESSAGES: Record<string, MessageId> = {
  '=': 'builder.operator.date.eq',
  '!=': 'builder.operator.date.ne',
  '<': 'builder.operator.date.lt',
  '<=': 'builder.operator.date.le',
  '>': 'builder.operator.date.gt',
  '>=': 'builder.operator.date.ge',
};

export const PHRASE_MESSAGES: Record<RelativePhrase, MessageId> = {
  last: 'builder.relative.last',
  ago: 'builder.relative.ago',
  next: 'builder.relative.next',
  later: 'builder.relative.later',
};

export const PERIOD_MESSAGES: Record<Period, MessageId> = {
  today: 'builder.period.today',
  thisWeek: 'builder.period.thisWeek',
  thisMonth: 'builder.period.thisMonth',
  thisQuarter: 'builder.period.thisQuarter',
  thisYear: 'builder.period.thisYear',
  lastMonth: 'builder.period.lastMonth',
  lastQuarter: 'builder.period.lastQuarter',
  lastYear: 'builder.period.lastYear',
};

export const UNIT_MESSAGES: Record<DateUnit, MessageId> = {
  h: 'builder.unit.h',
  d: 'builder.unit.d',
  w: 'builder.unit.w',
  M: 'builder.unit.M',
  y: 'builder.unit.y',
};

export const MATCH_MODE_MESSAGES: Record<MatchMode, MessageId> = {
  some: 'builder.match.some',
  none: 'builder.match.none',
  all: 'builder.match.all',
  atLeast: 'builder.match.atLeast',
  atMost: 'builder.match.atMost',
  exactly: 'builder.match.exactly',
};
