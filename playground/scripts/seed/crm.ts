/**
 * The CRM as the seeder sees it: the content types it fills, and where Strapi keeps their rows and
 * relations. Table and column names always come from Strapi's metadata, never spelled out here, so
 * the seeder follows the schema (and the database's naming) instead of guessing it.
 */
import type { Core } from '@strapi/strapi';

export type Strapi = Core.Strapi;
export type Row = Record<string, unknown>;
/** Rows to insert, by table name. */
export type Tables = Map<string, Row[]>;

export const CRM_UIDS = {
  contact: 'api::contact.contact',
  company: 'api::company.company',
  deal: 'api::deal.deal',
  activity: 'api::activity.activity',
  campaign: 'api::campaign.campaign',
  emailEvent: 'api::email-event.email-event',
  tag: 'api::tag.tag',
} as const;

export type CrmType = keyof typeof CRM_UIDS;
/** In this order the entity tables are written (and counted in messages). */
export const CRM_TYPES = Object.keys(CRM_UIDS) as CrmType[];

/** A relation's join table: owner column, target column, and the order columns if it has them. */
export interface Link {
  table: string;
  join: string;
  inverse: string;
  order?: string;
  inverseOrder?: string;
}

export function tableOf(strapi: Strapi, type: CrmType): string {
  return strapi.db.metadata.get(CRM_UIDS[type]).tableName;
}

export function linkOf(strapi: Strapi, type: CrmType, attribute: string): Link {
  const attr = (strapi.db.metadata.get(CRM_UIDS[type]).attributes as any)[attribute];
  const jt = attr?.joinTable;
  if (!jt) throw new Error(`seed: ${CRM_UIDS[type]}.${attribute} has no join table`);
  return {
    table: jt.name,
    join: jt.joinColumn.name,
    inverse: jt.inverseJoinColumn.name,
    order: jt.orderColumnName,
    inverseOrder: jt.inverseOrderColumnName,
  };
}
