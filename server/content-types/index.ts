import segment from './segment/schema.json';
import list from './list/schema.json';

export default {
  segment: { schema: segment },
  list: { schema: list },
};
