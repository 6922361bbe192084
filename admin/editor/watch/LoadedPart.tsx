import { Loader, Typography } from '@strapi/design-system';
import type { ReactNode } from 'react';

/** What the watch panel shows of a request: its answer once there is one, or why it failed, and whether one is running. */
export interface Loading<T> {
  data?: T;
  error?: string;
  loading: boolean;
}

/**
 * One part of the watch panel (the chart, the changes) in its states: why it failed, a small loader
 * until the first answer, its empty state, else its content (kept while a reload runs).
 */
export function LoadedPart<T>({
  state,
  loading,
  failed,
  isEmpty,
  empty,
  children,
}: {
  state: Loading<T>;
  loading: string;
  failed: (message: string) => string;
  isEmpty: (data: T) => boolean;
  empty: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (state.error) {
    return (
      <Typography textColor="danger600" role="alert">
        {failed(state.error)}
      </Typography>
    );
  }
  if (!state.data) return <Loader small>{loading}</Loader>;
  if (isEmpty(state.data)) return <>{empty}</>;
  return <>{children(state.data)}</>;
}
