/**
 * The plugin's config as the code reads it: `pluginConfig(strapi)`, read again at every call so
 * that a config changed at runtime (`strapi.config.set('plugin::segments.queryTimeoutMs', …)`)
 * applies to the next query. Every key a host left out takes its default (PLUGIN_DEFAULTS), and the
 * CRM mapping is resolved (resolveCrmConfig). The values are not checked again here: Strapi runs the
 * config validator (server/config/index.ts) at boot, and the time zone is checked where it is used
 * (server/services/audience.ts).
 */
import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../../shared/permissions';
import {
  PLUGIN_DEFAULTS,
  resolveCrmConfig,
  type AiConfig,
  type CrmConfig,
  type CrmInput,
  type CrmKey,
  type PluginConfig,
  type ReadConnectionConfig,
  type WatchConfig,
} from './index';

/**
 * The config with its defaults: the keys of the schema (each documented there), but the CRM mapping
 * resolved, and `crmDefaulted`, the `crm` keys that took the playground's names (for the mapping
 * check's hints). A key added to the schema must be read here too, or this does not compile.
 */
export type SegmentsConfig = Omit<PluginConfig, 'crm' | 'watch'> & { crm: CrmConfig; crmDefaulted: CrmKey[]; watch: WatchConfig };

/** What Strapi holds under the plugin's key: what the host wrote over the defaults, or a test set since. */
type Written = Partial<Record<keyof PluginConfig, unknown>>;

const number = (value: unknown, fallback: number) => (value === undefined || value === null ? fallback : Number(value));

/** The plugin's config with every default applied. */
export function pluginConfig(strapi: Core.Strapi): SegmentsConfig {
  const written = (strapi.config.get(`plugin::${PLUGIN_ID}`) ?? {}) as Written;
  const { crm, defaulted } = resolveCrmConfig(written.crm as CrmInput | undefined);
  const watch = (written.watch ?? {}) as Partial<WatchConfig>;
  return {
    crm,
    crmDefaulted: defaulted,
    ai: (written.ai ?? {}) as AiConfig,
    queryTimeoutMs: number(written.queryTimeoutMs, PLUGIN_DEFAULTS.queryTimeoutMs),
    explainBudgetMs: number(written.explainBudgetMs, PLUGIN_DEFAULTS.explainBudgetMs),
    countBudgetMs: number(written.countBudgetMs, PLUGIN_DEFAULTS.countBudgetMs),
    countMaxAgeSeconds: number(written.countMaxAgeSeconds, PLUGIN_DEFAULTS.countMaxAgeSeconds),
    editCacheSeconds: number(written.editCacheSeconds, PLUGIN_DEFAULTS.editCacheSeconds),
    createIndexes: Boolean(written.createIndexes ?? PLUGIN_DEFAULTS.createIndexes),
    watch: {
      intervalSeconds: number(watch.intervalSeconds, PLUGIN_DEFAULTS.watch.intervalSeconds),
      retentionDays: number(watch.retentionDays, PLUGIN_DEFAULTS.watch.retentionDays),
    },
    timeZone: String(written.timeZone ?? PLUGIN_DEFAULTS.timeZone),
    readConnection: written.readConnection as ReadConnectionConfig | undefined,
  };
}
