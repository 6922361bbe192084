import { Filter } from '@strapi/icons';

export const PluginIcon = () => <Filter />;
