import { ACTIONS, type ActionKey } from '../../shared/permissions';

const can = (...actions: ActionKey[]) => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: actions.map((a) => ACTIONS[a]) } }],
});

const route = (method: string, path: string, handler: string, ...actions: ActionKey[]) => ({
  method,
  path,
  handler,
  config: can(...actions),
});

/** Admin routes, mounted by Strapi under /segments; every one checks an RBAC action. */
const admin = {
  type: 'admin',
  routes: [
    route('GET', '/settings', 'settings.get', 'read'),
    route('GET', '/catalog', 'catalog.get', 'read'),
    route('POST', '/preview', 'preview.run', 'read'),
    route('POST', '/preview/contacts', 'preview.contacts', 'read'),
    route('POST', '/preview/count', 'preview.count', 'read'),
    route('GET', '/lookup', 'lookup.find', 'read'),
    route('POST', '/explain', 'explain.run', 'read'),
    route('POST', '/explain/contact', 'explain.contact', 'read'),
    route('GET', '/contacts', 'contact.search', 'read'),
    route('GET', '/segments', 'segment.find', 'read'),
    route('POST', '/segments', 'segment.create', 'create'),
    route('GET', '/segments/:documentId', 'segment.findOne', 'read'),
    route('PUT', '/segments/:documentId', 'segment.update', 'update'),
    route('DELETE', '/segments/:documentId', 'segment.delete', 'delete'),
    route('POST', '/segments/:documentId/duplicate', 'segment.duplicate', 'create'),
    route('POST', '/segments/:documentId/archive', 'segment.archive', 'update'),
    route('POST', '/segments/:documentId/unarchive', 'segment.unarchive', 'update'),
    route('GET', '/segments/:documentId/contacts', 'segment.contacts', 'read'),
    route('GET', '/segments/:documentId/contacts.csv', 'segment.contactsCsv', 'read'),
    route('POST', '/segments/:documentId/count', 'segment.recount', 'read'),
    route('POST', '/segments/:documentId/export', 'segment.export', 'export'),
    route('POST', '/segments/:documentId/refresh', 'segment.refresh', 'update'),
    route('GET', '/segments/:documentId/changes', 'segment.changes', 'read'),
    route('GET', '/segments/:documentId/history', 'segment.history', 'read'),
    route('GET', '/lists', 'list.find', 'read'),
    route('GET', '/lists/:documentId', 'list.findOne', 'read'),
    route('PUT', '/lists/:documentId', 'list.rename', 'update'),
    route('DELETE', '/lists/:documentId', 'list.delete', 'delete'),
    route('GET', '/lists/:documentId/contacts', 'list.contacts', 'read'),
    route('GET', '/lists/:documentId/contacts.csv', 'list.contactsCsv', 'read'),
    route('POST', '/ai/generate', 'ai.generate', 'ai'),
    route('POST', '/ai/generations/:documentId/outcome', 'ai.outcome', 'ai'),
  ],
};

/**
 * Read-only routes for API tokens, under /api/segments. Off for read-only tokens (they allow only
 * find/findOne): a custom token must grant `plugin::segments.segment.count` / `.contacts` / `.changes`.
 */
const contentApi = {
  type: 'content-api',
  routes: [
    { method: 'GET', path: '/segments/:documentId/count', handler: 'segment.count', config: { policies: [] } },
    { method: 'GET', path: '/segments/:documentId/contacts', handler: 'segment.contacts', config: { policies: [] } },
    { method: 'GET', path: '/segments/:documentId/changes', handler: 'segment.changes', config: { policies: [] } },
  ],
};

export default { admin, 'content-api': contentApi };
