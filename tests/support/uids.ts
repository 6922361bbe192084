/** The content types the tests read and write: the playground CRM's, and the plugin's own. */
export { SEGMENT_UID as SEGMENT } from '../../shared/contracts/lookup';
export { LIST_UID as LIST } from '../../server/repositories/list-repository';

export const CONTACT = 'api::contact.contact';
export const COMPANY = 'api::company.company';
export const CAMPAIGN = 'api::campaign.campaign';
export const ACTIVITY = 'api::activity.activity';
export const EMAIL_EVENT = 'api::email-event.email-event';
