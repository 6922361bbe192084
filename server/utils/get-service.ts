import type { Core } from '@strapi/strapi';
import type { Services } from '../services';
import { PLUGIN_ID } from '../../shared/permissions';

/** Typed access to this plugin's services. */
export function getService<K extends keyof Services>(strapi: Core.Strapi, name: K): ReturnType<Services[K]> {
  return strapi.plugin(PLUGIN_ID).service(name) as ReturnType<Services[K]>;
}
