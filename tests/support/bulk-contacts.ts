import type { Core } from '@strapi/strapi';

/**
 * Contacts written straight into the contact table in a few statements: the Document Service would
 * take a request per contact, and the tests that need thousands want none of its side effects.
 * `values(i, column)` gives contact i's attributes, keyed by the column names `column` returns.
 */
export async function insertContacts(
  strapi: Core.Strapi,
  count: number,
  values: (i: number, column: (attribute: string) => string) => Record<string, unknown>,
  chunkSize = 500,
): Promise<void> {
  const meta = strapi.db.metadata.get('api::contact.contact' as any) as any;
  const column = (attribute: string): string => meta.attributes[attribute].columnName;
  const now = new Date();
  await strapi.db.connection.batchInsert(
    meta.tableName,
    Array.from({ length: count }, (_, i) => ({ ...values(i, column), created_at: now, updated_at: now })),
    chunkSize,
  );
}

/**
 * Contacts 0..count-1 whose lead score is their index, so a test can work out "leadScore < n" in
 * its head. Document ids are `idPrefix` then the index, zero-padded to Strapi's 24 characters.
 */
export function insertScoredContacts(
  strapi: Core.Strapi,
  count: number,
  { idPrefix, email, chunkSize }: { idPrefix: string; email: (i: number) => string; chunkSize?: number },
): Promise<void> {
  return insertContacts(
    strapi,
    count,
    (i, column) => ({
      document_id: `${idPrefix}${String(i).padStart(24 - idPrefix.length, '0')}`,
      [column('email')]: email(i),
      [column('leadScore')]: i,
    }),
    chunkSize,
  );
}
