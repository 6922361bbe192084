import { memo } from 'react';
import { SubPageHeader } from '../components/SubPageHeader';
import { useT } from '../i18n';
import { paths } from '../paths';
import { SaveActions } from './EditorActions';

type SaveActionsProps = Parameters<typeof SaveActions>[0];

/**
 * The editor's head: its title, the way back to the list, Save and Cancel. Memoised (given stable
 * handlers), so typing in the conditions does not re-render it.
 */
export const EditorHeader = memo(function EditorHeader({
  title,
  subtitle,
  ...actions
}: SaveActionsProps & { title: string; subtitle?: string }) {
  const t = useT();
  return (
    <SubPageHeader
      title={title}
      back={{ to: paths.segments, label: t('segments.title') }}
      subtitle={subtitle}
      primaryAction={<SaveActions {...actions} />}
    />
  );
});
