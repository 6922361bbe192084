import register from './register';
import bootstrap from './bootstrap';
import config from './config';
import contentTypes from './content-types';
import controllers from './controllers';
import routes from './routes';
import services from './services';
import { stopBoundedWorkers } from './crm/bounded';
import { closeReadConnection } from './crm/read-connection';

export default {
  register,
  bootstrap,
  destroy: async ({ strapi }: { strapi: Parameters<typeof stopBoundedWorkers>[0] }) => {
    await stopBoundedWorkers(strapi);
    await closeReadConnection(strapi);
  },
  config,
  contentTypes,
  controllers,
  routes,
  services,
};
