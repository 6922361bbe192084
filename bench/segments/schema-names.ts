/**
 * The playground's table, link-table and column names, read from Strapi's metadata (never guessed),
 * for the hand-written SQL. Each is checked to be a plain lowercase identifier, so the SQL can use
 * it unquoted on the three databases.
 */
import type { Core } from '@strapi/strapi';

const UIDS = {
  contact: 'api::contact.contact',
  company: 'api::company.company',
  deal: 'api::deal.deal',
  activity: 'api::activity.activity',
  emailEvent: 'api::email-event.email-event',
  campaign: 'api::campaign.campaign',
} as const;

export interface Link {
  table: string;
  /** the column pointing at the attribute's owner */
  from: string;
  /** the column pointing at the related row */
  to: string;
}

const plain = (name: string, what: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`${what} is "${name}", not a plain identifier the hand SQL can use unquoted`);
  return name;
};

export function readNames(strapi: Core.Strapi) {
  const meta = (uid: string) => strapi.db.metadata.get(uid as any) as any;
  const table = (type: keyof typeof UIDS) => plain(meta(UIDS[type]).tableName, `${UIDS[type]}'s table`);
  const columns = <K extends string>(type: keyof typeof UIDS, attributes: K[]): Record<K | 'id', string> => {
    const out = {} as Record<K | 'id', string>;
    for (const attribute of ['id', ...attributes] as (K | 'id')[]) {
      const column = meta(UIDS[type]).attributes[attribute]?.columnName;
      if (!column) throw new Error(`${UIDS[type]}.${attribute} has no column`);
      out[attribute] = plain(column, `${UIDS[type]}.${attribute}'s column`);
    }
    return out;
  };
  const link = (type: keyof typeof UIDS, attribute: string): Link => {
    const joinTable = meta(UIDS[type]).attributes[attribute]?.joinTable;
    if (!joinTable) throw new Error(`${UIDS[type]}.${attribute} has no join table`);
    const what = `${UIDS[type]}.${attribute}'s join table`;
    return {
      table: plain(joinTable.name, what),
      from: plain(joinTable.joinColumn.name, what),
      to: plain(joinTable.inverseJoinColumn.name, what),
    };
  };
  return {
    contacts: table('contact'),
    companies: table('company'),
    deals: table('deal'),
    activities: table('activity'),
    events: table('emailEvent'),
    campaigns: table('campaign'),
    // links seen from the contact (from = the contact's column), and from the email event
    contactCompany: link('contact', 'company'),
    contactDeals: link('contact', 'deals'),
    contactActivities: link('contact', 'activities'),
    contactEvents: link('contact', 'emailEvents'),
    eventCampaign: link('emailEvent', 'campaign'),
    c: columns('contact', ['email', 'lifecycleStage', 'leadScore', 'source', 'unsubscribed', 'createdAt']),
    co: columns('company', ['industry', 'employees', 'country', 'tier']),
    d: columns('deal', ['stage', 'amount', 'closeDate', 'createdAt']),
    a: columns('activity', ['occurredAt']),
    e: columns('emailEvent', ['type']),
    m: columns('campaign', ['sentAt', 'createdAt']),
  };
}

export type Names = ReturnType<typeof readNames>;
