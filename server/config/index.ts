import { z } from 'zod';
import { checkTimeZone, UTC } from '../../shared/dates/resolve';

/**
 * Where the CRM lives. A host app maps its own content types in `config/plugins` under
 * `segments.config.crm`; every key left out takes the playground app's name. A feature whose
 * mapping is `null` (e.g. no activities) is left out of the catalog.
 *
 * Strapi merges a plugin's config over its defaults with lodash `defaultsDeep`, which merges arrays
 * index by index and objects key by key: a host's `nameFields: ['givenName']` would come out as
 * `['givenName', 'lastName']`. So Strapi's default is empty and `resolveCrmConfig` fills in what the
 * host left out, each key whole.
 */
const name = z.string().min(1);

export const DEFAULT_BUDGETS = { explainBudgetMs: 5_000, countBudgetMs: 5_000 } as const;

/** A count older than this (s) is retaken when the Segments page shows it (plugin config `countMaxAgeSeconds`). */
export const DEFAULT_COUNT_MAX_AGE_SECONDS = 15 * 60;

/** How long the editor's cache keeps a part of a tree (plugin config `editCacheSeconds`). */
export const DEFAULT_EDIT_CACHE_SECONDS = 5 * 60;

export const computedFieldsSchema = z.object({ segment: name, lastActivityAt: name, emailOpened: name, emailClicked: name }).strict();

export const crmConfigSchema = z
  .object({
    contact: name,
    nameFields: z.array(name).min(1),
    emailField: name,
    unsubscribedField: name.nullable(),
    company: z.object({ relation: name, nameField: name }).strict().nullable(),
    activities: z.object({ relation: name, occurredAtField: name }).strict().nullable(),
    emailEvents: z
      .object({
        relation: name,
        typeField: name,
        campaignField: name,
        openedValue: name,
        clickedValue: name,
        campaignSentAtField: name,
        campaignNameField: name,
      })
      .strict()
      .nullable(),
    /**
     * Names of the fields the plugin computes (segment membership, latest activity, email
     * engagement), to rename one that would collide with a host attribute of the same name.
     */
    computedFields: computedFieldsSchema,
  })
  .strict();

/** What a host may write: any subset of the mapping, each key replacing its default whole. */
export const crmInputSchema = crmConfigSchema.extend({ computedFields: computedFieldsSchema.partial() }).partial().strict();

/** AI Mode (docs/ai.md); each key falls back to an environment variable (server/ai/config.ts). */
export const aiConfigSchema = z
  .object({
    apiKey: z.string().optional(),
    baseURL: z.string().optional(),
    model: z.string().optional(),
    /** One request to the model, in ms. */
    timeoutMs: z.number().int().min(1).max(600_000).optional(),
    /** Retries of a request that timed out, failed to connect or got a 5xx (429 is never retried: the client is told when to come back). */
    maxRetries: z.number().int().min(0).max(5).optional(),
    /** How the answer's shape is asked for (server/ai/request-format.ts); `auto` falls back once from a refused strict schema. */
    responseFormat: z.enum(['auto', 'json_schema', 'json_object', 'tools']).optional(),
    /** Sampling temperature; 0 (the default) makes the same prompt give the same tree as often as the server allows. */
    temperature: z.number().min(0).max(2).optional(),
    seed: z.number().int().optional(),
    /** Cap on the tokens of one answer. */
    maxOutputTokens: z.number().int().min(64).max(100_000).optional(),
    /** false: the literal values of a tree being refined are replaced by placeholders before it is sent. */
    sendValues: z.boolean().optional(),
    /** Each user's AI generations per UTC day; past it, 429. Unset: no limit. */
    dailyLimitPerUser: z.number().int().min(1).max(100_000).optional(),
    /** How long the record of each generation is kept. */
    auditRetentionDays: z.number().int().min(1).max(36_500).optional(),
  })
  .strict();

/** Default bound of every count, preview and member page (plugin config `queryTimeoutMs`). */
export const DEFAULT_QUERY_TIMEOUT_MS = 15_000;

const budgetMs = z.number().int().min(0).max(3_600_000);

/** Watched segments (docs/watching.md). */
export const DEFAULT_WATCH = { intervalSeconds: 300, retentionDays: 90 } as const;

export const watchConfigSchema = z
  .object({
    /** How often the cron refreshes each watched segment. */
    intervalSeconds: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 3600),
    /** How long changes and history are kept. */
    retentionDays: z.number().int().min(1).max(36_500),
  })
  .partial()
  .strict();

/** A replica every bounded read runs on (server/crm/read-connection.ts). */
export const readConnectionSchema = z
  .object({
    host: z.string().min(1),
    /** Every key left out takes the primary's value. */
    port: z.number().int().min(1).max(65_535).optional(),
    database: z.string().min(1).optional(),
    user: z.string().min(1).optional(),
    password: z.string().optional(),
    ssl: z.union([z.boolean(), z.record(z.string(), z.unknown())]).optional(),
    /** Connections to the replica per Strapi node (default 10). */
    pool: z
      .object({ max: z.number().int().min(1).max(1_000) })
      .strict()
      .optional(),
  })
  .strict();

export type ReadConnectionConfig = z.infer<typeof readConnectionSchema>;

export const pluginConfigSchema = z
  .object({
    crm: crmInputSchema.default({}),
    ai: aiConfigSchema.default({}),
    /** How long one count, preview or member page may run before it is stopped (503), in ms. */
    queryTimeoutMs: z.number().int().min(1).max(600_000).default(DEFAULT_QUERY_TIMEOUT_MS),
    /** Time for explain's per-node counts; what is not counted by then answers `status: 'timeout'`. */
    explainBudgetMs: budgetMs.default(DEFAULT_BUDGETS.explainBudgetMs),
    /** How long `POST /segments/:id/count` waits before answering 202 "still counting" with the last count. */
    countBudgetMs: budgetMs.default(DEFAULT_BUDGETS.countBudgetMs),
    /** A segment count older than this, in seconds, is retaken when the Segments page shows it; 0: every time. */
    countMaxAgeSeconds: z.number().int().min(0).max(31_536_000).default(DEFAULT_COUNT_MAX_AGE_SECONDS),
    /**
     * How long, in seconds, the editor's previews keep the members of the part of a tree an edit left
     * unchanged (server/crm/edit-cache.ts; PostgreSQL only); 0: not at all.
     */
    editCacheSeconds: z.number().int().min(0).max(3_600).default(DEFAULT_EDIT_CACHE_SECONDS),
    /** Create the indexes segments need on the CRM tables at boot (README, "Indexes to add"); off by default: it changes the host's schema. */
    createIndexes: z.boolean().default(false),
    watch: watchConfigSchema.default({}),
    /** The IANA zone whose midnight starts the days and periods of date math (`now/d`, `now-1M/M`); UTC by default. */
    timeZone: z
      .string()
      .superRefine((zone, ctx) => {
        const checked = checkTimeZone(zone);
        if ('problem' in checked) ctx.addIssue({ code: 'custom', message: checked.problem });
      })
      .default(UTC),
    /** A replica every bounded read runs on; writes stay on the primary (server/crm/read-connection.ts). */
    readConnection: readConnectionSchema.optional(),
  })
  .strict();

export type CrmConfig = z.infer<typeof crmConfigSchema>;
export type CrmInput = z.infer<typeof crmInputSchema>;
export type CrmKey = keyof CrmConfig;
export type ComputedFieldNames = z.infer<typeof computedFieldsSchema>;
export type PluginConfig = z.infer<typeof pluginConfigSchema>;
export type WatchConfig = { intervalSeconds: number; retentionDays: number };
export type AiConfig = z.infer<typeof aiConfigSchema>;

/**
 * The value of every key a host may leave out, but `crm` (resolveCrmConfig) and `ai` (each AI key
 * falls back to an environment variable, server/ai/config.ts): what Strapi starts from, and what
 * `pluginConfig(strapi)` (server/config/plugin-config.ts) reads a missing key as.
 */
export const PLUGIN_DEFAULTS = {
  queryTimeoutMs: DEFAULT_QUERY_TIMEOUT_MS,
  ...DEFAULT_BUDGETS,
  countMaxAgeSeconds: DEFAULT_COUNT_MAX_AGE_SECONDS,
  editCacheSeconds: DEFAULT_EDIT_CACHE_SECONDS,
  createIndexes: false,
  watch: DEFAULT_WATCH,
  timeZone: UTC,
} as const;

export const DEFAULT_COMPUTED_FIELDS: ComputedFieldNames = {
  segment: 'segment',
  lastActivityAt: 'lastActivityAt',
  emailOpened: 'email.opened',
  emailClicked: 'email.clicked',
};

/** The playground app's names (README, "Install in your own Strapi"). */
export const DEFAULT_CRM: CrmConfig = {
  contact: 'api::contact.contact',
  nameFields: ['firstName', 'lastName'],
  emailField: 'email',
  unsubscribedField: 'unsubscribed',
  company: { relation: 'company', nameField: 'name' },
  activities: { relation: 'activities', occurredAtField: 'occurredAt' },
  emailEvents: {
    relation: 'emailEvents',
    typeField: 'type',
    campaignField: 'campaign',
    openedValue: 'opened',
    clickedValue: 'clicked',
    campaignSentAtField: 'sentAt',
    campaignNameField: 'name',
  },
  computedFields: DEFAULT_COMPUTED_FIELDS,
};

/**
 * The effective mapping: each key the host wrote (a `null` included) replaces its default whole;
 * `defaulted` names the keys that took the playground's names, so that a mismatch can say so.
 */
export function resolveCrmConfig(input: CrmInput | undefined): { crm: CrmConfig; defaulted: CrmKey[] } {
  const given = input ?? {};
  const defaulted: CrmKey[] = [];
  const crm = { ...DEFAULT_CRM } as Record<CrmKey, unknown>;
  for (const key of Object.keys(DEFAULT_CRM) as CrmKey[]) {
    if (given[key] === undefined) defaulted.push(key);
    else crm[key] = given[key];
  }
  crm.computedFields = { ...DEFAULT_COMPUTED_FIELDS, ...given.computedFields };
  return { crm: crm as CrmConfig, defaulted };
}

export default {
  default: () => ({ crm: {}, ai: {}, ...PLUGIN_DEFAULTS, watch: { ...PLUGIN_DEFAULTS.watch } }),
  validator(config: unknown) {
    const parsed = pluginConfigSchema.safeParse(config);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
      throw new Error(`invalid segments plugin config: ${issues.join('; ')}`);
    }
  },
};
