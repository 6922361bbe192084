/**
 * Introspects the live CRM schemas into the one catalog every surface uses (builder, validator,
 * AI Mode) and the engine model the compiler reads. A custom attribute added to Contact appears
 * here without code; private and password attributes never do.
 */
import type { Core } from '@strapi/strapi';
import {
  DATE_TYPES,
  NUMBER_TYPES,
  OPERATORS_BY_TYPE,
  TEXT_TYPES,
  type Catalog,
  type CatalogField,
  type FieldType,
  type ScalarType,
} from '../../shared/catalog';
import { MATCH_MODES } from '../../shared/filter-tree';
import { SEGMENT_UID } from '../../shared/contracts/lookup';
import type { CrmConfig } from '../config';
import type { EngineModel, FieldBinding, Link, TableRef } from '../engine/types';
import { INTERNAL_ATTRIBUTES, TO_MANY, TO_ONE } from './attributes';
import { joinTableOf, modelMeta } from './metadata';

const SCALAR_TYPES = new Set<string>([...TEXT_TYPES, ...NUMBER_TYPES, ...DATE_TYPES, 'boolean']);

export interface CrmModel {
  catalog: Catalog;
  engine: EngineModel;
  /** The contact type's display name ("Contact", "Person"), for messages. */
  contactLabel: string;
  /** The name of the segment-membership field (`segment` unless renamed in crm.computedFields). */
  segmentField: string;
  /** Fields that exist only when a feature is mapped, by name, with why they are off here. */
  unavailable: Record<string, string>;
}

/** "lifecycleStage" → "Lifecycle stage"; "closed_won" → "Closed won"; "mql" → "MQL". */
export function humanize(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map((w) => (w.length <= 4 && !/[aeiouy]/i.test(w) && /^[a-z]+$/i.test(w) ? w.toUpperCase() : w.toLowerCase()));
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const field = (name: string, label: string, type: FieldType, group: string, extra: Partial<CatalogField> = {}): CatalogField => ({
  name,
  label,
  type,
  operators: [...OPERATORS_BY_TYPE[type]],
  group,
  ...extra,
});

export function buildCrmModel(strapi: Core.Strapi, crm: CrmConfig): CrmModel {
  const contentType = (uid: string) => strapi.contentTypes[uid as keyof typeof strapi.contentTypes] as any;
  const metadata = (uid: string) => modelMeta(strapi, uid);

  /** A type's table and its system columns, named as Strapi's metadata names them (snake case if it names none). */
  const tableRef = (uid: string): TableRef => {
    const meta = metadata(uid);
    const system = (attribute: string, fallback: string): string => meta.attributes[attribute]?.columnName ?? fallback;
    return {
      table: meta.tableName,
      documentIdColumn: system('documentId', 'document_id'),
      createdAtColumn: system('createdAt', 'created_at'),
      ...(contentType(uid)?.options?.draftAndPublish ? { publishedAtColumn: system('publishedAt', 'published_at') } : {}),
    };
  };

  const link = (uid: string, attribute: string): Link => {
    const meta = metadata(uid);
    const joinTable = joinTableOf(meta, attribute);
    return {
      joinTable: joinTable.name,
      sourceColumn: joinTable.joinColumn.name,
      targetColumn: joinTable.inverseJoinColumn.name,
      target: tableRef(meta.attributes[attribute]!.target!),
    };
  };

  const column = (uid: string, attribute: string): string => metadata(uid).attributes[attribute]?.columnName ?? attribute;

  const visibleAttributes = (uid: string) =>
    Object.entries<any>(contentType(uid).attributes).filter(
      ([name, a]) => !INTERNAL_ATTRIBUTES.has(name) && !a.private && a.type !== 'password',
    );

  /** Scalar fields of a type, named with `prefix`, optionally read through a to-one link. */
  const scalars = (uid: string, prefix: string, group: string, labelPrefix: string, via?: Link) => {
    const out: Array<{ catalog: CatalogField; binding: FieldBinding }> = [];
    for (const [name, a] of visibleAttributes(uid)) {
      if (!SCALAR_TYPES.has(a.type)) continue;
      const type = a.type as ScalarType;
      const options = a.type === 'enumeration' ? (a.enum as string[]).map((v) => ({ value: v, label: humanize(v) })) : undefined;
      out.push({
        catalog: field(`${prefix}${name}`, `${labelPrefix}${humanize(name)}`, type, group, options ? { options } : {}),
        binding: { kind: 'scalar', type, column: column(uid, name), via, ...(options ? { options: a.enum as string[] } : {}) },
      });
    }
    return out;
  };

  const fields: CatalogField[] = [];
  const bindings: Record<string, FieldBinding> = {};
  const contactLabel: string = contentType(crm.contact).info?.displayName ?? 'Contact';
  // One name, one field: the validator and the compiler resolve a rule's field by the same name, so a
  // host attribute named like a computed field must not silently shadow it (or be shadowed).
  const add = (entry: { catalog: CatalogField; binding: FieldBinding }, renameKey?: keyof CrmConfig['computedFields']) => {
    const { name } = entry.catalog;
    if (bindings[name]) {
      if (!renameKey) throw new Error(`segments plugin: two fields of ${contactLabel} are both named "${name}"`);
      const key = renameKey;
      throw new Error(
        `segments plugin: the field "${name}" that the plugin computes (${entry.catalog.label.toLowerCase()}) has the same name as ` +
          `a field of ${contactLabel} (${crm.contact}). Rename the computed field in config/plugins, e.g. ` +
          `crm: { computedFields: { ${key}: '${suggestedRename(key)}' } }`,
      );
    }
    fields.push(entry.catalog);
    bindings[name] = entry.binding;
  };
  const names = crm.computedFields;
  const unavailable: Record<string, string> = {};
  scalars(crm.contact, '', contactLabel, '').forEach((entry) => add(entry));

  for (const [name, a] of visibleAttributes(crm.contact)) {
    if (a.type !== 'relation' || !a.target || !contentType(a.target)) continue;
    const targetLabel = humanize(name);
    if (TO_ONE.has(a.relation)) {
      const via = link(crm.contact, name);
      add({
        catalog: field(name, targetLabel, 'relation', targetLabel, { target: a.target }),
        binding: { kind: 'reference', via },
      });
      scalars(a.target, `${name}.`, targetLabel, `${targetLabel} › `, via).forEach((entry) => add(entry));
    } else if (TO_MANY.has(a.relation)) {
      const subFields: CatalogField[] = [];
      const subBindings: Record<string, FieldBinding> = {};
      for (const s of scalars(a.target, '', targetLabel, '')) {
        subFields.push(s.catalog);
        subBindings[s.catalog.name] = s.binding;
      }
      // To-one relations of the related type (a deal's company, an email event's campaign),
      // except the way back to the contact.
      for (const [subName, sub] of visibleAttributes(a.target)) {
        if (sub.type !== 'relation' || !TO_ONE.has(sub.relation) || sub.target === crm.contact || !contentType(sub.target)) continue;
        subFields.push(field(subName, humanize(subName), 'relation', targetLabel, { target: sub.target }));
        subBindings[subName] = { kind: 'reference', via: link(a.target, subName) };
      }
      fields.push(field(name, targetLabel, 'toMany', targetLabel, { target: a.target, matchModes: [...MATCH_MODES], subFields }));
      bindings[name] = { kind: 'toMany', via: link(crm.contact, name), fields: subBindings };
    }
  }

  if (!crm.activities) {
    unavailable[names.lastActivityAt] = `last activity is off: crm.activities is null in the segments plugin config`;
  } else {
    const via = link(crm.contact, crm.activities.relation);
    const target = contentType(crm.contact).attributes[crm.activities.relation].target;
    const type = contentType(target).attributes[crm.activities.occurredAtField].type as 'date' | 'datetime';
    add(
      {
        catalog: field(names.lastActivityAt, 'Last activity', type, 'Activity'),
        binding: { kind: 'latest', type, column: column(target, crm.activities.occurredAtField), via },
      },
      'lastActivityAt',
    );
  }

  if (!crm.emailEvents) {
    const off = `email engagement is off: crm.emailEvents is null in the segments plugin config`;
    unavailable[names.emailOpened] = off;
    unavailable[names.emailClicked] = off;
  } else {
    const e = crm.emailEvents;
    const eventUid = contentType(crm.contact).attributes[e.relation].target;
    const campaignUid = contentType(eventUid).attributes[e.campaignField].target;
    const events = {
      eventsLink: link(crm.contact, e.relation),
      typeColumn: column(eventUid, e.typeField),
      campaignLink: link(eventUid, e.campaignField),
      campaignSentAtColumn: column(campaignUid, e.campaignSentAtField),
    };
    add(
      {
        catalog: field(names.emailOpened, 'Opened email', 'engagement', 'Email', { target: campaignUid }),
        binding: { kind: 'engagement', eventType: e.openedValue, events },
      },
      'emailOpened',
    );
    add(
      {
        catalog: field(names.emailClicked, 'Clicked email', 'engagement', 'Email', { target: campaignUid }),
        binding: { kind: 'engagement', eventType: e.clickedValue, events },
      },
      'emailClicked',
    );
  }

  add(
    {
      catalog: field(names.segment, 'Segment', 'segment', 'Segments', { target: SEGMENT_UID }),
      binding: { kind: 'segment' },
    },
    'segment',
  );

  return {
    catalog: { contactType: crm.contact, fields },
    engine: { contact: tableRef(crm.contact), fields: bindings },
    contactLabel,
    segmentField: names.segment,
    unavailable,
  };
}

/** A free name to offer when a computed field collides: `segment` → `inSegment`. */
function suggestedRename(key: keyof CrmConfig['computedFields']): string {
  return { segment: 'inSegment', lastActivityAt: 'latestActivityAt', emailOpened: 'engagement.opened', emailClicked: 'engagement.clicked' }[
    key
  ];
}
