import register from './register';
import bootstrap from './bootstrap';
import config from './config';
import contentTypes from './content-types';
import controllers from './controllers';
import routes from './routes';
import services from './services';
import { stopBoundedWorkers } from './crm/bounded';

export default {
  register,
  bootstrap,
  destroy: ({ strapi }: { strapi: Parameters<typeof stopBoundedWorkers>[0] }) => stopBoundedWorkers(strapi),
  config,
  contentTypes,
  controllers,
  routes,
  services,
};
