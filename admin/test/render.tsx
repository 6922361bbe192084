/**
 * Renders a piece of the panel the way Strapi's admin does around a plugin: the design system's
 * theme, react-intl with the plugin's English messages, and a router.
 */
import { DesignSystemProvider } from '@strapi/design-system';
import { render, type RenderOptions } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import { MemoryRouter } from 'react-router-dom';
import { prefixed } from '../i18n';
import en from '../translations/en.json';

export const MESSAGES = prefixed(en);

export function Providers({ children, route = '/' }: { children: ReactNode; route?: string }) {
  return (
    <IntlProvider
      locale="en"
      messages={MESSAGES}
      onError={(e) => {
        throw e;
      }}
    >
      <DesignSystemProvider locale="en">
        <MemoryRouter initialEntries={[route]}>{children}</MemoryRouter>
      </DesignSystemProvider>
    </IntlProvider>
  );
}

export function renderWithProviders(ui: ReactElement, { route, ...options }: RenderOptions & { route?: string } = {}) {
  return render(ui, { wrapper: ({ children }) => <Providers route={route}>{children}</Providers>, ...options });
}
