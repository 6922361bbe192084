import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import { PLUGIN_ID } from '../shared/permissions';
import en from './translations/en.json';

/**
 * Every string the panel shows goes through Strapi's i18n. Ids are the keys of `translations/en.json`
 * (typed, so an id without English text does not compile); Strapi sees them prefixed with the plugin id.
 */
export type MessageId = keyof typeof en;
export type MessageValues = Record<string, string | number | boolean | null | undefined | Date>;

export const messageId = (id: MessageId) => `${PLUGIN_ID}.${id}`;

/** `translations/<locale>.json` with the plugin prefix, as `registerTrads` hands them to Strapi. */
export const prefixed = (messages: Record<string, string>) =>
  Object.fromEntries(Object.entries(messages).map(([id, text]) => [`${PLUGIN_ID}.${id}`, text]));

/** Returns t(id, values?): the message in the admin's locale, English by default. */
export function useT() {
  const { formatMessage } = useIntl();
  return useCallback(
    (id: MessageId, values?: MessageValues) => formatMessage({ id: messageId(id), defaultMessage: en[id] }, values as any),
    [formatMessage],
  );
}
export type Translate = ReturnType<typeof useT>;
