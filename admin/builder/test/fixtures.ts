/** A catalog shaped like the playground's, and an in-memory lookup over fixed records, for component tests. */
import { OPERATORS_BY_TYPE, type Catalog, type CatalogField, type FieldType } from '../../../shared/catalog';
import { SEGMENT_UID } from '../../../shared/contracts/constants';
import type { LookupItem, LookupQuery } from '../../../shared/contracts/lookup';
import type { Lookup } from '../types';

const field = (name: string, label: string, type: FieldType, group: string, extra: Partial<CatalogField> = {}): CatalogField => ({
  name,
  label,
  type,
  group,
  operators: [...OPERATORS_BY_TYPE[type]],
  ...extra,
});

export const COMPANY_UID = 'api::company.company';
export const CAMPAIGN_UID = 'api::campaign.campaign';

export const CATALOG: Catalog = {
  contactType: 'api::contact.contact',
  fields: [
    field('email', 'Email', 'email', 'Contact'),
    field('lifecycleStage', 'Lifecycle stage', 'enumeration', 'Contact', {
      options: [
        { value: 'subscriber', label: 'Subscriber' },
        { value: 'lead', label: 'Lead' },
        { value: 'customer', label: 'Customer' },
      ],
    }),
    field('leadScore', 'Lead score', 'integer', 'Contact'),
    field('unsubscribed', 'Unsubscribed', 'boolean', 'Contact'),
    field('createdAt', 'Created at', 'datetime', 'Contact'),
    field('company', 'Company', 'relation', 'Contact', { target: COMPANY_UID }),
    field('company.country', 'Company country', 'string', 'Company'),
    field('company.employees', 'Company employees', 'integer', 'Company'),
    field('deals', 'Deals', 'toMany', 'Deals', {
      target: 'api::deal.deal',
      matchModes: ['some', 'none', 'all', 'atLeast', 'atMost', 'exactly'],
      subFields: [
        field('stage', 'Stage', 'enumeration', 'Deal', {
          options: [
            { value: 'proposal', label: 'Proposal' },
            { value: 'closed_won', label: 'Closed won' },
          ],
        }),
        field('amount', 'Amount', 'decimal', 'Deal'),
        field('closeDate', 'Close date', 'date', 'Deal'),
        field('company', 'Company', 'relation', 'Deal', { target: COMPANY_UID }),
      ],
    }),
    field('email.opened', 'Opened email', 'engagement', 'Email', { target: CAMPAIGN_UID }),
    field('segment', 'Segment', 'segment', 'Segments', { target: SEGMENT_UID }),
  ],
};

export const fieldNamed = (name: string, fields: CatalogField[] = CATALOG.fields) => {
  const found = fields.find((f) => f.name === name);
  if (!found) throw new Error(`no field ${name}`);
  return found;
};

export const RECORDS: Record<string, LookupItem[]> = {
  [COMPANY_UID]: [
    { documentId: 'co-acme', label: 'Acme' },
    { documentId: 'co-globex', label: 'Globex' },
    { documentId: 'co-initech', label: 'Initech' },
  ],
  [CAMPAIGN_UID]: [
    { documentId: 'ca-spring', label: 'Spring sale', detail: '2026-03-01T09:00:00.000Z' },
    { documentId: 'ca-winter', label: 'Winter sneak peek', detail: '2099-01-05T09:00:00.000Z' },
    { documentId: 'ca-summer', label: 'Summer news', detail: null },
  ],
  [SEGMENT_UID]: [
    { documentId: 'seg-vip', label: 'VIP customers' },
    { documentId: 'seg-self', label: 'This segment' },
    { documentId: 'seg-old', label: 'Old leads', detail: 'archived' },
  ],
};

/** The lookup route's contract over RECORDS, recording every query. */
export function memoryLookup() {
  const calls: LookupQuery[] = [];
  const lookup: Lookup = async (query) => {
    calls.push(query);
    const records = RECORDS[query.target] ?? [];
    if (query.ids) return records.filter((r) => query.ids!.includes(r.documentId));
    const q = (query.q ?? '').toLowerCase();
    return records.filter((r) => r.documentId !== query.exclude && r.label.toLowerCase().includes(q)).slice(0, query.limit ?? 20);
  };
  return { lookup, calls };
}
