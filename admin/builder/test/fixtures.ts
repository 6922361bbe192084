/** The playground's real catalog, and an in-memory lookup over fixed records, for component tests. */
import type { Catalog, CatalogField } from '../../../shared/catalog';
import playgroundCatalog from '../../../tests/fixtures/playground-catalog.json';
import { SEGMENT_UID } from '../../../shared/contracts/constants';
import type { LookupItem, LookupQuery } from '../../../shared/contracts/lookup';
import type { Lookup } from '../types';

export const COMPANY_UID = 'api::company.company';
export const CAMPAIGN_UID = 'api::campaign.campaign';

/** The playground's catalog as GET /segments/catalog answers it (tests/api.ai.test.ts keeps the fixture equal to the live one). */
export const CATALOG: Catalog = playgroundCatalog as Catalog;

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
