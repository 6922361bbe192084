import audience from './audience';
import segments from './segments';
import lists from './lists';
import lookup from './lookup';
import ai from './ai';

export const services = { audience, segments, lists, lookup, ai };
export type Services = typeof services;
export default services;
