import segment from './segment/schema.json';
import list from './list/schema.json';
import aiGeneration from './ai-generation/schema.json';

export default {
  segment: { schema: segment },
  list: { schema: list },
  'ai-generation': { schema: aiGeneration },
};
