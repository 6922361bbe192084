import type { Core } from '@strapi/strapi';
import { readCrmConfig } from './config-check';
import type { ContactIdentity } from '../../shared/contracts/contacts';

export type { ContactIdentity };

/**
 * How a contact is shown (documentId, name from the configured name fields, email): the columns
 * to select from the contact table aliased `alias`, and the row to identity mapping.
 */
export function contactIdentity(strapi: Core.Strapi, alias: string) {
  const crm = readCrmConfig(strapi);
  const meta = strapi.db.metadata.get(crm.contact as any) as any;
  const col = (attribute: string) => `${alias}.${meta.attributes[attribute].columnName}`;
  const select: Record<string, string> = { documentId: `${alias}.document_id`, email: col(crm.emailField) };
  crm.nameFields.forEach((f, i) => (select[`name${i}`] = col(f)));
  return {
    table: meta.tableName as string,
    select,
    read: (row: Record<string, any>): ContactIdentity => ({
      documentId: row.documentId,
      name: crm.nameFields
        .map((_, i) => row[`name${i}`])
        .filter((v) => v != null && v !== '')
        .join(' '),
      email: row.email ?? null,
    }),
  };
}
