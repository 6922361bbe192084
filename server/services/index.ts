import audience from './audience';
import segments from './segments';
import lists from './lists';

export const services = { audience, segments, lists };
export type Services = typeof services;
export default services;
