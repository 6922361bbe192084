import { EmptyStateLayout, Flex, Loader } from '@strapi/design-system';
import { Page } from '@strapi/strapi/admin';
import type { ReactNode } from 'react';

/**
 * A loader's states in one place: a spinner on the first load, Strapi's error page, an empty state,
 * else the content (kept on screen while a reload runs).
 */
export function Loaded<T>({
  state,
  loading,
  isEmpty,
  empty,
  children,
}: {
  state: { data?: T; error?: unknown; loading: boolean };
  loading: string;
  isEmpty: (data: T) => boolean;
  empty: string;
  children: (data: T) => ReactNode;
}) {
  if (state.error) return <Page.Error />;
  if (state.data === undefined) {
    return (
      <Flex justifyContent="center" padding={8}>
        <Loader>{loading}</Loader>
      </Flex>
    );
  }
  if (isEmpty(state.data)) return <EmptyStateLayout content={empty} />;
  return <>{children(state.data)}</>;
}
