/**
 * What the plugin reads of Strapi's database metadata (`strapi.db.metadata`): a model's table, the
 * columns of its attributes, and the join table of a relation. Table and column names always come
 * from here (a host's content types have their own names), never from the playground's.
 */
import type { Core } from '@strapi/strapi';

/** A relation's link table (Strapi's `*_lnk`): the owner's column, the target's, and the order column when there is one. */
export interface JoinTableMeta {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
  orderColumnName?: string;
}

export interface AttributeMeta {
  type: string;
  /** Set on every attribute stored in the model's own table. */
  columnName?: string;
  /** Relations: the target's uid. */
  target?: string;
  /** Relations stored in a link table. */
  joinTable?: JoinTableMeta;
}

export interface ModelMeta {
  uid: string;
  tableName: string;
  attributes: Record<string, AttributeMeta | undefined>;
}

/** The metadata of the model `uid` (a content type's uid); Strapi throws when there is none. */
export function modelMeta(strapi: Core.Strapi, uid: string): ModelMeta {
  // Strapi types attributes as a union over every kind of relation (a morph one has no inverse
  // column): the plugin reads only what ModelMeta names.
  return strapi.db.metadata.get(uid) as unknown as ModelMeta;
}

/** The column of `attribute`, or an error naming the model and the attribute. */
export function columnOf(meta: ModelMeta, attribute: string): string {
  const column = meta.attributes[attribute]?.columnName;
  if (!column) throw new Error(`segments plugin: ${meta.uid}.${attribute} is not a column of ${meta.tableName}`);
  return column;
}

/** The link table of the relation `attribute`, or an error naming the model and the attribute. */
export function joinTableOf(meta: ModelMeta, attribute: string): JoinTableMeta {
  const joinTable = meta.attributes[attribute]?.joinTable;
  if (!joinTable?.inverseJoinColumn) throw new Error(`segments plugin: ${meta.uid}.${attribute} is not a relation with a link table`);
  return joinTable;
}
