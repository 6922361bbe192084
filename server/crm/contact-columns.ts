/**
 * How a contact is shown (documentId, name from the configured name fields, email), as columns of
 * the contact table: built from the mapping and the contact model's metadata by the contact
 * repository (server/crm/contact-repository.ts), which runs every query that selects them.
 */
import type { CrmConfig } from '../config';
import type { ContactIdentity } from '../../shared/contracts/contacts';
import { columnOf, type ModelMeta } from './metadata';

export type { ContactIdentity };

export interface IdentityColumns {
  /** The contact table. */
  table: string;
  /** Aliases to the identity columns of the table aliased `alias`: documentId, email, name0, name1, … */
  select: Record<string, string>;
  /** The contact's creation time, as a column of the table aliased `alias` (member pages sort on it). */
  createdAt: string;
  /** The aliases of the name fields, in the mapping's order. */
  nameKeys: string[];
  /** A selected row as the identity it shows. */
  read(row: Record<string, any>): ContactIdentity;
}

/** The identity columns of the contact table (`meta`, the mapping's contact type) aliased `alias`. */
export function identityColumns(meta: ModelMeta, crm: CrmConfig, alias: string): IdentityColumns {
  const col = (attribute: string) => `${alias}.${columnOf(meta, attribute)}`;
  // Strapi's system attributes, named by the metadata like the others (its snake names where it names none).
  const system = (attribute: string, fallback: string) => `${alias}.${meta.attributes[attribute]?.columnName ?? fallback}`;
  const select: Record<string, string> = { documentId: system('documentId', 'document_id'), email: col(crm.emailField) };
  const nameKeys = crm.nameFields.map((f, i) => {
    select[`name${i}`] = col(f);
    return `name${i}`;
  });
  return {
    table: meta.tableName,
    select,
    createdAt: system('createdAt', 'created_at'),
    nameKeys,
    read: (row) => ({
      documentId: row.documentId,
      name: crm.nameFields
        .map((_, i) => row[`name${i}`])
        .filter((v) => v != null && v !== '')
        .join(' '),
      email: row.email ?? null,
    }),
  };
}
