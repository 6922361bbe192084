/**
 * The stored data a contact's explanation shows beside each rule: the value(s) a scalar rule
 * compared, the related records of a to-many rule, and campaign sets. Read through Strapi's query
 * engine from the CRM mapping and the catalog, never from the compiler, so that what the panel shows
 * is what is stored (e.g. "company.country is 'Deutschland'").
 */
import type { Core } from '@strapi/strapi';
import type { CampaignRef } from '../../shared/contracts/explain';
import type { FilterRule } from '../../shared/filter-tree';
import { pluginConfig } from '../config/plugin-config';

const hasDraftAndPublish = (strapi: Core.Strapi, uid: string) => Boolean((strapi.contentTypes as any)[uid]?.options?.draftAndPublish);
const published = (strapi: Core.Strapi, uid: string) => (hasDraftAndPublish(strapi, uid) ? { publishedAt: { $notNull: true } } : {});

/** JSON-friendly as stored: dates as ISO strings, everything else untouched. */
const stored = (value: unknown) => (value instanceof Date ? value.toISOString() : value === undefined ? null : value);

export interface ContactFacts {
  id: number;
  documentId: string;
  name: string;
  email: string | null;
  /** The stored value(s) a scalar or to-one rule on `field` compares; [] when there is no related record. */
  values(field: string): unknown[];
  /** Related records of a to-many field that the engine counts (published ones for draft & publish types). */
  relatedTotal(field: string): number;
}

export function contactFacts(strapi: Core.Strapi) {
  const crm = pluginConfig(strapi).crm;
  const attributes = (uid: string) => ((strapi.contentTypes as any)[uid]?.attributes ?? {}) as Record<string, any>;
  const contactAttributes = attributes(crm.contact);
  const isRelation = (name: string) => contactAttributes[name]?.type === 'relation';
  const lastActivity = crm.activities ? crm.computedFields.lastActivityAt : undefined;

  return {
    /** The contact with what `fields` need, or null when there is no such (published) contact. */
    async load(documentId: string, fields: { scalar: string[]; toMany: string[] }): Promise<ContactFacts | null> {
      const select = new Set<string>(['id', 'documentId', ...crm.nameFields, crm.emailField]);
      const populate: Record<string, any> = {};
      const addPopulate = (relation: string, columns: string[]) => {
        const target = contactAttributes[relation].target;
        const entry = (populate[relation] ??= { select: ['id'], where: published(strapi, target) });
        for (const c of columns) if (!entry.select.includes(c)) entry.select.push(c);
      };
      for (const field of fields.scalar) {
        if (field === lastActivity) addPopulate(crm.activities!.relation, [crm.activities!.occurredAtField]);
        else if (isRelation(field)) addPopulate(field, ['documentId']);
        else if (field.includes('.') && isRelation(field.split('.')[0])) {
          const [relation, attribute] = field.split('.');
          addPopulate(relation, [attribute]);
        } else if (contactAttributes[field]) select.add(field);
      }
      for (const field of fields.toMany) addPopulate(field, []);

      const row = (await strapi.db.query(crm.contact as any).findOne({
        where: { documentId, ...published(strapi, crm.contact) },
        select: [...select],
        populate,
      })) as Record<string, any> | null;
      if (!row) return null;

      const list = (relation: string): any[] => {
        const value = row[relation];
        return value == null ? [] : Array.isArray(value) ? value : [value];
      };
      return {
        id: Number(row.id),
        documentId: row.documentId,
        name: crm.nameFields
          .map((f) => row[f])
          .filter((v) => v != null && v !== '')
          .join(' '),
        email: row[crm.emailField] ?? null,
        values(field) {
          if (field === lastActivity) {
            const times = list(crm.activities!.relation)
              .map((a) => a[crm.activities!.occurredAtField])
              .filter((v) => v != null)
              .map((v) => new Date(v).getTime());
            return times.length ? [new Date(Math.max(...times)).toISOString()] : [];
          }
          if (isRelation(field)) return list(field).map((r) => r.documentId);
          if (field.includes('.') && isRelation(field.split('.')[0])) {
            const [relation, attribute] = field.split('.');
            return list(relation).map((r) => stored(r[attribute]));
          }
          return [stored(row[field])];
        },
        relatedTotal: (field) => list(field).length,
      };
    },

    /** The campaigns an engagement rule's value names, evaluated at `now` like the engine does. */
    async campaignSet(value: FilterRule['value'], now: Date): Promise<CampaignRef[]> {
      const events = crm.emailEvents;
      if (!events) return [];
      const eventUid = contactAttributes[events.relation].target;
      const campaignUid = attributes(eventUid)[events.campaignField].target;
      const nameOf = (r: any): CampaignRef => ({ documentId: r.documentId, name: r[events.campaignNameField] ?? null });
      const select = ['id', 'documentId', events.campaignNameField];
      const v = value as { campaigns?: string[]; last?: number };
      if (v.campaigns) {
        const ids = [...new Set(v.campaigns)];
        const rows = await strapi.db.query(campaignUid).findMany({ where: { documentId: { $in: ids } }, select });
        const byId = new Map(rows.map((r: any) => [r.documentId, nameOf(r)]));
        return ids.map((id) => byId.get(id) ?? { documentId: id, name: null });
      }
      const rows = await strapi.db.query(campaignUid).findMany({
        where: { [events.campaignSentAtField]: { $notNull: true, $lte: now }, ...published(strapi, campaignUid) },
        orderBy: [{ [events.campaignSentAtField]: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }],
        limit: Math.trunc(v.last ?? 0),
        select,
      });
      return rows.map(nameOf);
    },
  };
}
