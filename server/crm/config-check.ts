import type { Core } from '@strapi/strapi';
import type { CrmConfig, CrmKey } from '../config';
import { INTERNAL_ATTRIBUTES, TO_MANY, TO_ONE } from './attributes';

const TEXT = ['string', 'text', 'email', 'uid', 'enumeration'];

/** What an optional block turns on, for the hint on how to turn it off. */
const FEATURES: Partial<Record<CrmKey, string>> = {
  unsubscribedField: 'the unsubscribed filter of stream()',
  company: 'the company column of previews and member lists',
  activities: 'the lastActivityAt field',
  emailEvents: 'the email.opened / email.clicked fields',
};

/**
 * Checks that every name in the CRM mapping exists with the right kind, so a typo in
 * `config/plugins` stops the boot with a message naming the key and the attributes that would fit,
 * instead of a broken catalog. A key the host left out says that the playground's default applied.
 */
export function checkCrmConfig(strapi: Core.Strapi, crm: CrmConfig, defaulted: CrmKey[] = []): void {
  const problems: string[] = [];
  const rootKey = (key: string) => key.replace(/^crm\./, '').split(/[.[]/)[0] as CrmKey;
  const report = (key: string, message: string) => {
    const root = rootKey(key);
    let hint = '';
    if (defaulted.includes(root)) {
      hint = ` (crm.${root} is not set in config/plugins, so the playground's default applies: map it to your content types`;
      hint += FEATURES[root] ? `, or set it to null to turn off ${FEATURES[root]})` : ')';
    }
    problems.push(`${key}: ${message}${hint}`);
  };

  const typeOf = (uid: string, key: string) => {
    const ct = strapi.contentTypes[uid as keyof typeof strapi.contentTypes] as any;
    if (!ct) report(key, `content type "${uid}" does not exist`);
    return ct;
  };
  const displayName = (uid: string) => (strapi.contentTypes as any)[uid]?.info?.displayName ?? uid;
  const attr = (uid: string, ct: any, name: string, key: string, kinds: string[], relations?: string[]) => {
    if (!ct) return undefined;
    const fits = (a: any) => kinds.includes(a.type) && (!relations || relations.includes(a.relation));
    const candidates = Object.entries<any>(ct.attributes)
      .filter(([n, a]) => !INTERNAL_ATTRIBUTES.has(n) && !a.private && fits(a))
      .map(([n]) => n);
    const choices = candidates.length > 0 ? `it has: ${candidates.join(', ')}` : `it has no ${kinds.join(' or ')} attribute`;
    const attribute = ct.attributes[name];
    if (!attribute || INTERNAL_ATTRIBUTES.has(name)) {
      report(key, `"${name}" is not an attribute of ${displayName(uid)} (${uid}) that fits here (${choices})`);
      return undefined;
    }
    if (!kinds.includes(attribute.type)) {
      report(key, `${uid}.${name} is a ${attribute.type}, expected ${kinds.join(' or ')} (${choices})`);
      return undefined;
    }
    if (relations && !relations.includes(attribute.relation)) {
      report(key, `${uid}.${name} is a ${attribute.relation} relation, expected ${relations.join(' or ')} (${choices})`);
      return undefined;
    }
    return attribute;
  };

  const contact = typeOf(crm.contact, 'crm.contact');
  crm.nameFields.forEach((f, i) => attr(crm.contact, contact, f, `crm.nameFields[${i}]`, TEXT));
  attr(crm.contact, contact, crm.emailField, 'crm.emailField', TEXT);
  if (crm.unsubscribedField) attr(crm.contact, contact, crm.unsubscribedField, 'crm.unsubscribedField', ['boolean']);

  if (crm.company) {
    const rel = attr(crm.contact, contact, crm.company.relation, 'crm.company.relation', ['relation'], [...TO_ONE]);
    if (rel) attr(rel.target, typeOf(rel.target, 'crm.company.relation'), crm.company.nameField, 'crm.company.nameField', TEXT);
  }
  if (crm.activities) {
    const rel = attr(crm.contact, contact, crm.activities.relation, 'crm.activities.relation', ['relation'], [...TO_MANY]);
    if (rel) {
      attr(rel.target, typeOf(rel.target, 'crm.activities.relation'), crm.activities.occurredAtField, 'crm.activities.occurredAtField', [
        'datetime',
        'date',
      ]);
    }
  }
  if (crm.emailEvents) {
    const e = crm.emailEvents;
    const rel = attr(crm.contact, contact, e.relation, 'crm.emailEvents.relation', ['relation'], [...TO_MANY]);
    if (rel) {
      const event = typeOf(rel.target, 'crm.emailEvents.relation');
      attr(rel.target, event, e.typeField, 'crm.emailEvents.typeField', TEXT);
      const campaignRel = attr(rel.target, event, e.campaignField, 'crm.emailEvents.campaignField', ['relation'], [...TO_ONE]);
      if (campaignRel) {
        const campaign = typeOf(campaignRel.target, 'crm.emailEvents.campaignField');
        attr(campaignRel.target, campaign, e.campaignSentAtField, 'crm.emailEvents.campaignSentAtField', ['datetime']);
        attr(campaignRel.target, campaign, e.campaignNameField, 'crm.emailEvents.campaignNameField', TEXT);
      }
    }
  }

  if (problems.length > 0) {
    throw new Error(`segments plugin: the CRM mapping in config/plugins does not match the content types:\n- ${problems.join('\n- ')}`);
  }
}
