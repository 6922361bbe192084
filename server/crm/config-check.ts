import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../../shared/permissions';
import type { CrmConfig } from '../config';

export function readCrmConfig(strapi: Core.Strapi): CrmConfig {
  return strapi.config.get(`plugin::${PLUGIN_ID}.crm`) as CrmConfig;
}

const TO_ONE = ['manyToOne', 'oneToOne'];
const TO_MANY = ['oneToMany', 'manyToMany'];

/**
 * Checks that every name in the CRM mapping exists with the right kind, so a typo in
 * `config/plugins` stops the boot with a message naming the key, instead of a broken catalog.
 */
export function checkCrmConfig(strapi: Core.Strapi, crm: CrmConfig): void {
  const problems: string[] = [];

  const typeOf = (uid: string, key: string) => {
    const ct = strapi.contentTypes[uid as keyof typeof strapi.contentTypes] as any;
    if (!ct) problems.push(`${key}: content type "${uid}" does not exist`);
    return ct;
  };
  const attr = (uid: string, ct: any, name: string, key: string, kinds: string[], relations?: string[]) => {
    if (!ct) return undefined;
    const attribute = ct.attributes[name];
    const available = Object.keys(ct.attributes).join(', ');
    if (!attribute) {
      problems.push(`${key}: "${name}" is not an attribute of ${uid} (it has: ${available})`);
      return undefined;
    }
    if (!kinds.includes(attribute.type)) {
      problems.push(`${key}: ${uid}.${name} is a ${attribute.type}, expected ${kinds.join(' or ')}`);
      return undefined;
    }
    if (relations && !relations.includes(attribute.relation)) {
      problems.push(`${key}: ${uid}.${name} is a ${attribute.relation} relation, expected ${relations.join(' or ')}`);
      return undefined;
    }
    return attribute;
  };
  const TEXT = ['string', 'text', 'email', 'uid', 'enumeration'];

  const contact = typeOf(crm.contact, 'crm.contact');
  crm.nameFields.forEach((f, i) => attr(crm.contact, contact, f, `crm.nameFields[${i}]`, TEXT));
  attr(crm.contact, contact, crm.emailField, 'crm.emailField', TEXT);
  if (crm.unsubscribedField) attr(crm.contact, contact, crm.unsubscribedField, 'crm.unsubscribedField', ['boolean']);

  if (crm.company) {
    const rel = attr(crm.contact, contact, crm.company.relation, 'crm.company.relation', ['relation'], TO_ONE);
    if (rel) attr(rel.target, typeOf(rel.target, 'crm.company.relation'), crm.company.nameField, 'crm.company.nameField', TEXT);
  }
  if (crm.activities) {
    const rel = attr(crm.contact, contact, crm.activities.relation, 'crm.activities.relation', ['relation'], TO_MANY);
    if (rel) {
      attr(rel.target, typeOf(rel.target, 'crm.activities.relation'), crm.activities.occurredAtField,
        'crm.activities.occurredAtField', ['datetime', 'date']);
    }
  }
  if (crm.emailEvents) {
    const e = crm.emailEvents;
    const rel = attr(crm.contact, contact, e.relation, 'crm.emailEvents.relation', ['relation'], TO_MANY);
    if (rel) {
      const event = typeOf(rel.target, 'crm.emailEvents.relation');
      attr(rel.target, event, e.typeField, 'crm.emailEvents.typeField', TEXT);
      const campaignRel = attr(rel.target, event, e.campaignField, 'crm.emailEvents.campaignField', ['relation'], TO_ONE);
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
