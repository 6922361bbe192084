import audience from './audience';
import segments from './segments';
import lists from './lists';
import lookup from './lookup';
import explain from './explain';
import membership from './membership';
import contacts from './contacts';

export const services = { audience, segments, lists, lookup, explain, membership, contacts };
export type Services = typeof services;
export default services;
