import { Dialog } from '@strapi/design-system';
import { ConfirmDialog } from '@strapi/strapi/admin';

/** Asks before deleting `target`; closes on cancel, confirms with `onConfirm(target)`. */
export function ConfirmDelete<T>({
  target,
  title,
  message,
  onClose,
  onConfirm,
}: {
  target: T | null;
  title: string;
  message: (target: T) => string;
  onClose: () => void;
  onConfirm: (target: T) => Promise<void>;
}) {
  return (
    <Dialog.Root open={target !== null} onOpenChange={(open: boolean) => !open && onClose()}>
      <ConfirmDialog
        title={title}
        onConfirm={async () => {
          const chosen = target!;
          onClose();
          await onConfirm(chosen);
        }}
      >
        {target !== null ? message(target) : ''}
      </ConfirmDialog>
    </Dialog.Root>
  );
}
