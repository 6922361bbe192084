import { z } from 'zod';

/**
 * Where the CRM lives. Defaults are the playground app's names; a host app maps its own content
 * types in `config/plugins.ts` under `segments.config.crm`. A feature whose mapping is `null`
 * (e.g. no activities) is left out of the catalog.
 */
export const crmConfigSchema = z.object({
  contact: z.string().min(1),
  nameFields: z.array(z.string().min(1)),
  emailField: z.string().min(1),
  unsubscribedField: z.string().min(1).nullable(),
  company: z.object({ relation: z.string().min(1), nameField: z.string().min(1) }).nullable(),
  activities: z.object({ relation: z.string().min(1), occurredAtField: z.string().min(1) }).nullable(),
  emailEvents: z
    .object({
      relation: z.string().min(1),
      typeField: z.string().min(1),
      campaignField: z.string().min(1),
      openedValue: z.string().min(1),
      clickedValue: z.string().min(1),
      campaignSentAtField: z.string().min(1),
      campaignNameField: z.string().min(1),
    })
    .nullable(),
});

export const aiConfigSchema = z.object({
  apiKey: z.string().optional(),
  baseURL: z.string().optional(),
  model: z.string().optional(),
});

export const pluginConfigSchema = z.object({
  crm: crmConfigSchema,
  ai: aiConfigSchema,
});

export type CrmConfig = z.infer<typeof crmConfigSchema>;
export type PluginConfig = z.infer<typeof pluginConfigSchema>;

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
};

export default {
  default: () => ({ crm: DEFAULT_CRM, ai: {} }),
  validator(config: unknown) {
    const parsed = pluginConfigSchema.safeParse(config);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
      throw new Error(`invalid segments plugin config: ${issues.join('; ')}`);
    }
  },
};
