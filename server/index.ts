import register from './register';
import bootstrap from './bootstrap';
import config from './config';
import contentTypes from './content-types';

export default {
  register,
  bootstrap,
  config,
  contentTypes,
  controllers: {},
  routes: {},
  services: {},
};
