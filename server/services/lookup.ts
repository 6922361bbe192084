/**
 * The builder's pickers: records of the types the catalog points at (companies, a deal's company,
 * campaigns, segments), searched by label or resolved by documentId (contract: shared/contracts/lookup.ts).
 * Read through the Query Engine only, so the host's own content types need no code here.
 */
import type { Core } from '@strapi/strapi';
import type { CatalogField } from '../../shared/catalog';
import { LOOKUP_DEFAULT_LIMIT, SEGMENT_UID, type LookupItem, type LookupQuery } from '../../shared/contracts/lookup';
import { pluginConfig } from '../config/plugin-config';
import { badRequest } from '../errors';
import { getService } from '../utils/get-service';
import { isoDate } from '../utils/iso-date';

/** How records of one target type are labelled and ordered. */
export interface LookupTarget {
  uid: string;
  /** The attribute shown as the label; `documentId` when the type has no usable one. */
  labelField: string;
  kind: 'campaign' | 'segment' | 'other';
  /** Campaigns only: the send date attribute (detail, order). */
  sentAtField?: string;
}

const LABEL_CANDIDATES = ['name', 'title', 'label', 'subject', 'email'];
const LABEL_TYPES = new Set(['string', 'text', 'email', 'uid']);
// Picker fields: a to-one relation compares documentIds of its target, `email.*` lists campaigns.
const PICKER_TYPES = new Set(['relation', 'engagement']);

type Row = Record<string, unknown>;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const contentType = (uid: string) => strapi.contentTypes[uid as keyof typeof strapi.contentTypes] as any;

  /** Every uid a catalog field or sub-field picks from, plus saved segments. */
  function pickerUids(): Set<string> {
    const uids = new Set<string>([SEGMENT_UID]);
    const visit = (fields: CatalogField[] | undefined) => {
      for (const f of fields ?? []) {
        if (PICKER_TYPES.has(f.type) && f.target && contentType(f.target)) uids.add(f.target);
        visit(f.subFields);
      }
    };
    visit(getService(strapi, 'audience').catalog().fields);
    return uids;
  }

  function describeTarget(uid: string): LookupTarget {
    if (uid === SEGMENT_UID) return { uid, labelField: 'name', kind: 'segment' };
    const crm = pluginConfig(strapi).crm;
    const contactAttributes = contentType(crm.contact).attributes;
    if (crm.emailEvents) {
      const eventUid = contactAttributes[crm.emailEvents.relation].target;
      if (contentType(eventUid).attributes[crm.emailEvents.campaignField].target === uid) {
        return { uid, labelField: crm.emailEvents.campaignNameField, kind: 'campaign', sentAtField: crm.emailEvents.campaignSentAtField };
      }
    }
    if (crm.company && contactAttributes[crm.company.relation].target === uid) {
      return { uid, labelField: crm.company.nameField, kind: 'other' };
    }
    const attributes = contentType(uid).attributes;
    const labelField = LABEL_CANDIDATES.find((name) => LABEL_TYPES.has(attributes[name]?.type)) ?? 'documentId';
    return { uid, labelField, kind: 'other' };
  }

  const service = {
    /** The target's description, or a 400 naming the types a picker may ask for. */
    target(uid: string): LookupTarget {
      const allowed = pickerUids();
      if (!allowed.has(uid)) {
        throw badRequest(`target "${uid}" is not a type the segment builder picks from; use one of: ${[...allowed].sort().join(', ')}`, {
          path: 'target',
        });
      }
      return describeTarget(uid);
    },

    async find(query: LookupQuery): Promise<LookupItem[]> {
      const target = service.target(query.target);
      const { labelField } = target;
      const conditions: Row[] = [];
      // A draft and its published version share a documentId: a picker offers the document once.
      if (contentType(target.uid).options?.draftAndPublish) conditions.push({ publishedAt: { $notNull: true } });
      if (query.exclude) conditions.push({ documentId: { $ne: query.exclude } });
      let limit = query.limit ?? LOOKUP_DEFAULT_LIMIT;
      if (query.ids) {
        if (query.ids.length === 0) return [];
        conditions.push({ documentId: { $in: query.ids } });
        // Resolving chosen values answers all of them, whatever the page size of a search.
        limit = query.ids.length;
      } else if (query.q) {
        conditions.push({ [labelField]: { $containsi: query.q } });
      }

      const select = new Set(['id', 'documentId', labelField]);
      if (target.sentAtField) select.add(target.sentAtField);
      if (target.kind === 'segment') select.add('archived');
      const findMany = (extra: Row[], orderBy: Row[], n: number) =>
        strapi.db
          .query(target.uid as any)
          .findMany({ select: [...select], where: { $and: [...conditions, ...extra] }, orderBy, limit: n }) as Promise<Row[]>;

      let rows: Row[];
      if (target.sentAtField) {
        // Sent campaigns first (latest first), then scheduled ones (soonest first), then unsent: one
        // query each rather than one ORDER BY, since databases disagree on where NULLs sort in DESC
        // order (PostgreSQL first, SQLite and MySQL last). Ties go to the later-created campaign, as
        // in `email.* { last: N }` (compile.ts).
        const sentAt = target.sentAtField;
        const now = new Date();
        const groups: Array<[Row[], Row[]]> = [
          [[{ [sentAt]: { $lte: now } }], [{ [sentAt]: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }]],
          [[{ [sentAt]: { $gt: now } }], [{ [sentAt]: 'asc' }, { id: 'asc' }]],
          [[{ [sentAt]: { $null: true } }], [{ [labelField]: 'asc' }, { id: 'asc' }]],
        ];
        rows = [];
        for (const [where, orderBy] of groups) {
          if (rows.length < limit) rows = rows.concat(await findMany(where, orderBy, limit - rows.length));
        }
      } else {
        rows = await findMany([], [{ [labelField]: 'asc' }, { id: 'asc' }], limit);
      }
      return rows.map((row) => toItem(row, target));
    },
  };
  return service;
};

function toItem(row: Row, target: LookupTarget): LookupItem {
  const documentId = String(row.documentId);
  const value = row[target.labelField];
  // An unnamed record still needs something to show and pick.
  const label = typeof value === 'string' && value.trim() !== '' ? value : documentId;
  let detail: string | null = null;
  if (target.sentAtField) detail = isoDate(row[target.sentAtField]);
  else if (target.kind === 'segment') detail = row.archived ? 'archived' : null;
  return { documentId, label, detail };
}
