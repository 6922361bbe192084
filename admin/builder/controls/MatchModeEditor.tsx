import { Flex, Typography } from '@strapi/design-system';
import { memo } from 'react';
import type { MatchModeEditorProps } from 'react-querybuilder';
import { MATCH_MODES, THRESHOLD_MODES, type Match, type MatchMode } from '../../../shared/filter-tree';
import { useT } from '../../i18n';
import { catalogFieldOf } from '../fields';
import { MATCH_MODE_MESSAGES } from '../messages';
import { OptionSelect } from './OptionSelect';
import { WholeNumberInput } from './WholeNumberInput';

/** How many related records must match the sub-group: has some / has none / all / at least N ... */
export const MatchModeEditor = memo(function MatchModeEditor({ match, fieldData, handleOnChange, disabled }: MatchModeEditorProps) {
  const t = useT();
  const field = catalogFieldOf(fieldData);
  const label = field?.label ?? '';
  const modes = field?.matchModes?.length ? field.matchModes : MATCH_MODES;
  const mode = match.mode as MatchMode;
  const needsThreshold = THRESHOLD_MODES.includes(mode);

  const changeMode = (nextMode: MatchMode) => {
    const result: Match = THRESHOLD_MODES.includes(nextMode)
      ? { mode: nextMode, threshold: typeof match.threshold === 'number' ? match.threshold : 1 }
      : { mode: nextMode };
    handleOnChange(result);
  };

  return (
    <Flex gap={2} alignItems="flex-start">
      <OptionSelect
        label={t('builder.match.mode', { field: label })}
        options={modes.map((m) => ({ value: m, label: t(MATCH_MODE_MESSAGES[m]) }))}
        value={mode}
        onChange={changeMode}
        disabled={disabled}
      />
      {needsThreshold ? (
        <WholeNumberInput
          value={match.threshold ?? undefined}
          min={0}
          label={t('builder.match.threshold', { field: label })}
          onChange={(threshold) => handleOnChange({ ...match, threshold })}
          // An empty box leaves the rule without a threshold (marked, and refused), never a silent "at least 1".
          onInvalid={() => match.threshold !== undefined && handleOnChange({ mode: match.mode })}
          disabled={disabled}
        />
      ) : null}
      <Typography textColor="neutral600" paddingTop={2}>
        {t('builder.match.where')}
      </Typography>
    </Flex>
  );
});
