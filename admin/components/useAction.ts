import { useAPIErrorHandler, useNotification } from '@strapi/strapi/admin';

/** What to tell the admin after a change: a plain success, or a notice worked out from its result. */
export type Outcome<T> = string | ((result: T) => { type: 'success' | 'warning'; message: string });

/** Runs a change, tells the admin how it went, then reloads the page's data either way. */
export function useAction(reload: () => Promise<void>) {
  const { toggleNotification } = useNotification();
  const { formatAPIError } = useAPIErrorHandler();
  return async <T>(action: () => Promise<T>, outcome: Outcome<T>) => {
    try {
      const result = await action();
      toggleNotification(typeof outcome === 'string' ? { type: 'success', message: outcome } : outcome(result));
    } catch (error) {
      toggleNotification({ type: 'danger', message: formatAPIError(error as any) });
    }
    await reload();
  };
}
