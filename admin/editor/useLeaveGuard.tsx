import { Dialog } from '@strapi/design-system';
import { ConfirmDialog } from '@strapi/strapi/admin';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useBlocker } from 'react-router-dom';
import { useT } from '../i18n';

/**
 * Asks before leaving a form with unsaved changes: inside the panel through react-router's blocker
 * (Strapi's admin runs on a data router, where useBlocker works), and on reload or tab close
 * through the browser's own beforeunload prompt.
 */
export function useLeaveGuard(dirty: boolean) {
  const t = useT();
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  // Set just before a navigation the page means (after save, delete or duplicate).
  const allowed = useRef(false);

  const blocker = useBlocker(
    useCallback(
      ({ currentLocation, nextLocation }: { currentLocation: { pathname: string }; nextLocation: { pathname: string } }) =>
        dirtyRef.current && !allowed.current && currentLocation.pathname !== nextLocation.pathname,
      [],
    ),
  );

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  // The same element while the blocker is the same: the editor re-renders on every keystroke.
  const dialog = useMemo(
    () => (
      <Dialog.Root
        open={blocker.state === 'blocked'}
        onOpenChange={(open: boolean) => !open && blocker.state === 'blocked' && blocker.reset()}
      >
        <ConfirmDialog title={t('leave.title')} variant="danger" onConfirm={() => blocker.proceed?.()} onCancel={() => blocker.reset?.()}>
          {t('leave.message')}
        </ConfirmDialog>
      </Dialog.Root>
    ),
    [blocker, t],
  );

  return { leaveDialog: dialog, allowNavigation: () => (allowed.current = true) };
}
