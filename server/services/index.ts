import audience from './audience';
import segments from './segments';
import lists from './lists';
import lookup from './lookup';

export const services = { audience, segments, lists, lookup };
export type Services = typeof services;
export default services;
