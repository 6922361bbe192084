import { useAPIErrorHandler, useNotification } from '@strapi/strapi/admin';

/** Runs a change, tells the admin how it went, then reloads the page's data either way. */
export function useAction(reload: () => Promise<void>) {
  const { toggleNotification } = useNotification();
  const { formatAPIError } = useAPIErrorHandler();
  return async (action: () => Promise<unknown>, success: string) => {
    try {
      await action();
      toggleNotification({ type: 'success', message: success });
    } catch (error) {
      toggleNotification({ type: 'danger', message: formatAPIError(error as any) });
    }
    await reload();
  };
}
