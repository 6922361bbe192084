import audience from './audience';
import segments from './segments';
import lists from './lists';
import lookup from './lookup';
import explain from './explain';
import membership from './membership';
import contacts from './contacts';
import ai from './ai';
import watch from './watch';

export const services = { audience, segments, lists, lookup, explain, membership, contacts, ai, watch };
export type Services = typeof services;
export default services;
