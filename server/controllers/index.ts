import { Readable } from 'node:stream';
import type { Core } from '@strapi/strapi';
import type { FilterGroup } from '../../shared/filter-tree';
import { ROOT_MESSAGE } from '../engine/validate';
import { InvalidTreeError } from '../errors';
import { getService } from '../utils/get-service';
import { pluginConfig } from '../config/plugin-config';
import type { PanelSettings } from '../../shared/settings';
import { action, parse, requestSignal } from './respond';
import { aiGenerateBody, aiOutcomeBody } from '../../shared/contracts/ai';
import { contactSearchQuery } from '../../shared/contracts/contacts';
import { explainBody, explainContactBody } from '../../shared/contracts/explain';
import { listListQuery, listRenameBody } from '../../shared/contracts/lists';
import { lookupQuery } from '../../shared/contracts/lookup';
import { memberQuery } from '../../shared/contracts/members';
import { previewBody, previewCountBody } from '../../shared/contracts/preview';
import { exportBody, segmentCreateBody, segmentListQuery, segmentUpdateBody } from '../../shared/contracts/segments';
import { changesQuery, historyQuery } from '../../shared/contracts/watch';

type Ctx = any;

/** What the admin pages need of the plugin's config (shared/settings.ts). */
const settings = ({ strapi }: { strapi: Core.Strapi }) => ({
  get: action(async (): Promise<{ data: PanelSettings }> => {
    const config = pluginConfig(strapi);
    return { data: { countMaxAgeSeconds: config.countMaxAgeSeconds, contactType: config.crm.contact } };
  }),
});

const catalog = ({ strapi }: { strapi: Core.Strapi }) => ({
  get: action(async () => getService(strapi, 'audience').catalog()),
});

/** A tree from the body, or the 400 every tree-taking route gives (the service also takes documentIds). */
function treeFrom(filters: unknown): FilterGroup {
  if (typeof filters !== 'object' || filters === null || Array.isArray(filters)) {
    throw new InvalidTreeError([{ path: '(root)', message: ROOT_MESSAGE }]);
  }
  return filters as FilterGroup;
}

const documentIdOf = (ctx: Ctx) => String(ctx.params.documentId);

/** Streams CSV text as a download named `filename`. */
function csv(ctx: Ctx, filename: string, lines: AsyncIterable<string>) {
  ctx.set('Content-Type', 'text/csv; charset=utf-8');
  ctx.set('Content-Disposition', `attachment; filename="${filename.replace(/[^\w.-]+/g, '-')}.csv"`);
  return Readable.from(lines);
}

/** Answers 201 with the record an action made. */
function created(ctx: Ctx, data: unknown) {
  ctx.status = 201;
  return { data };
}

// editorPreview answers the contract's shapes: `asOf` only on an answer partly from the editor's cache.
const preview = ({ strapi }: { strapi: Core.Strapi }) => ({
  run: action(async (ctx: Ctx) => {
    const { filters, limit } = parse(previewBody, ctx.request.body);
    return getService(strapi, 'segments').editorPreview(treeFrom(filters), 'both', { limit, signal: requestSignal(ctx) });
  }),
  contacts: action(async (ctx: Ctx) => {
    const { filters, limit } = parse(previewBody, ctx.request.body);
    return getService(strapi, 'segments').editorPreview(treeFrom(filters), 'contacts', { limit, signal: requestSignal(ctx) });
  }),
  count: action(async (ctx: Ctx) => {
    const { filters } = parse(previewCountBody, ctx.request.body);
    return getService(strapi, 'segments').editorPreview(treeFrom(filters), 'count', { signal: requestSignal(ctx) });
  }),
});

const explain = ({ strapi }: { strapi: Core.Strapi }) => ({
  run: action(async (ctx: Ctx) =>
    getService(strapi, 'explain').explain(treeFrom(parse(explainBody, ctx.request.body).filters), { signal: requestSignal(ctx) }),
  ),
  contact: action(async (ctx: Ctx) => {
    const { filters, segment, contact } = parse(explainContactBody, ctx.request.body);
    return getService(strapi, 'membership').explain(segment ?? treeFrom(filters), contact);
  }),
});

const contact = ({ strapi }: { strapi: Core.Strapi }) => ({
  search: action(async (ctx: Ctx) => ({ data: await getService(strapi, 'contacts').search(parse(contactSearchQuery, ctx.query)) })),
});

const lookup = ({ strapi }: { strapi: Core.Strapi }) => ({
  find: action(async (ctx: Ctx) => ({ data: await getService(strapi, 'lookup').find(parse(lookupQuery, ctx.query)) })),
});

const segment = ({ strapi }: { strapi: Core.Strapi }) => {
  const segments = () => getService(strapi, 'segments');
  // Segments as answered: with `watched` and `lastRefresh` (and the list's `recentCounts`).
  const present = (segment: Parameters<ReturnType<typeof watch>['present']>[0]) => watch().present(segment);
  const watch = () => getService(strapi, 'watch');
  return {
    find: action(async (ctx: Ctx) => watch().presentPage(await segments().findPage(parse(segmentListQuery, ctx.query)))),
    findOne: action(async (ctx: Ctx) => ({ data: await present(await segments().load(documentIdOf(ctx))) })),
    // Saved from the editor: counted now, so the count shown after Save is the server's for the saved tree.
    create: action(async (ctx: Ctx) =>
      created(ctx, await present(await segments().countSaved(await segments().create(parse(segmentCreateBody, ctx.request.body) as any)))),
    ),
    update: action(async (ctx: Ctx) => ({
      data: await present(
        await segments().countSaved(await segments().update(documentIdOf(ctx), parse(segmentUpdateBody, ctx.request.body) as any)),
      ),
    })),
    delete: action(async (ctx: Ctx) => {
      await segments().delete(documentIdOf(ctx));
      return { data: { documentId: documentIdOf(ctx) } };
    }),
    duplicate: action(async (ctx: Ctx) => created(ctx, await present(await segments().duplicate(documentIdOf(ctx))))),
    // Archiving changes nothing for the segments built on this one: the answer names them, for the warning.
    archive: action(async (ctx: Ctx) => ({
      data: await present(await segments().setArchived(documentIdOf(ctx), true)),
      meta: { usedBy: await segments().usedBy(documentIdOf(ctx)) },
    })),
    unarchive: action(async (ctx: Ctx) => ({ data: await present(await segments().setArchived(documentIdOf(ctx), false)) })),
    refresh: action(async (ctx: Ctx) => ({ data: await segments().refresh(documentIdOf(ctx)) })),
    changes: action(async (ctx: Ctx) => segments().changes(documentIdOf(ctx), parse(changesQuery, ctx.query))),
    history: action(async (ctx: Ctx) => ({ data: await segments().history(documentIdOf(ctx), parse(historyQuery, ctx.query)) })),
    contacts: action(async (ctx: Ctx) => segments().members(documentIdOf(ctx), parse(memberQuery, ctx.query))),
    contactsCsv: action(async (ctx: Ctx) => {
      const segment = await segments().load(documentIdOf(ctx));
      return csv(ctx, segment.name, await segments().membersCsv(segment.documentId));
    }),
    count: action(async (ctx: Ctx) => ({ data: { count: await segments().count(documentIdOf(ctx)) } })),
    recount: action(async (ctx: Ctx) => {
      const { segment, pending } = await segments().recount(documentIdOf(ctx));
      if (!pending) return { data: await present(segment) };
      ctx.status = 202;
      return { data: await present(segment), pending: true };
    }),
    export: action(async (ctx: Ctx) => {
      const { name, description } = parse(exportBody, ctx.request.body);
      return created(ctx, await segments().exportToList(documentIdOf(ctx), { name, description }));
    }),
  };
};

const list = ({ strapi }: { strapi: Core.Strapi }) => {
  const lists = () => getService(strapi, 'lists');
  return {
    find: action(async (ctx: Ctx) => lists().findPage(parse(listListQuery, ctx.query))),
    findOne: action(async (ctx: Ctx) => ({ data: await lists().load(documentIdOf(ctx)) })),
    delete: action(async (ctx: Ctx) => {
      await lists().delete(documentIdOf(ctx));
      return { data: { documentId: documentIdOf(ctx) } };
    }),
    rename: action(async (ctx: Ctx) => ({ data: await lists().rename(documentIdOf(ctx), parse(listRenameBody, ctx.request.body).name) })),
    contacts: action(async (ctx: Ctx) => lists().members(documentIdOf(ctx), parse(memberQuery, ctx.query))),
    contactsCsv: action(async (ctx: Ctx) => {
      const list = await lists().load(documentIdOf(ctx));
      return csv(ctx, list.name, await lists().membersCsv(list.documentId));
    }),
  };
};

const ai = ({ strapi }: { strapi: Core.Strapi }) => ({
  generate: action(async (ctx: Ctx) => {
    const { prompt, filters } = parse(aiGenerateBody, ctx.request.body);
    return getService(strapi, 'ai').generate(
      { prompt, filters: (filters ?? undefined) as FilterGroup | undefined },
      { signal: requestSignal(ctx), user: ctx.state.user },
    );
  }),
  outcome: action(async (ctx: Ctx) => {
    const { outcome } = parse(aiOutcomeBody, ctx.request.body);
    return { data: await getService(strapi, 'ai').setOutcome(documentIdOf(ctx), outcome, ctx.state.user) };
  }),
});

export default { settings, catalog, preview, lookup, segment, list, explain, contact, ai };
