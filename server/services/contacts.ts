/**
 * The contact picker of the explain panel (GET /segments/contacts?q=): contacts whose name or email
 * contains every word of `q`, newest first. The search is itself a filter tree, so it has the
 * engine's text semantics (Unicode case folding, accents significant, `%` and `_` literal).
 */
import type { Core } from '@strapi/strapi';
import type { FilterGroup } from '../../shared/filter-tree';
import { pluginConfig } from '../config/plugin-config';
import { getService } from '../utils/get-service';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async search({ q, limit }: { q?: string; limit: number }) {
    const crm = pluginConfig(strapi).crm;
    const catalog = new Set(
      getService(strapi, 'audience')
        .catalog()
        .fields.map((f) => f.name),
    );
    const fields = [...crm.nameFields, crm.emailField].filter((f) => catalog.has(f));
    const words = (q ?? '').split(/\s+/).filter(Boolean).slice(0, 10);
    const tree: FilterGroup = {
      combinator: 'and',
      rules: words.map((word) => ({ combinator: 'or', rules: fields.map((field) => ({ field, operator: 'contains', value: word })) })),
    };
    const { contacts } = await getService(strapi, 'segments').preview(tree, { limit });
    return contacts;
  },
});
