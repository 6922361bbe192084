/** RBAC actions, shared by the server (registration, route policies) and the admin (useRBAC). */
export const PLUGIN_ID = 'segments';

export const ACTIONS = {
  read: 'plugin::segments.read',
  create: 'plugin::segments.create',
  update: 'plugin::segments.update',
  delete: 'plugin::segments.delete',
  export: 'plugin::segments.export',
  ai: 'plugin::segments.use-ai',
} as const;

export type ActionKey = keyof typeof ACTIONS;

export const ACTION_DEFINITIONS: Array<{ key: ActionKey; displayName: string }> = [
  { key: 'read', displayName: 'Read segments and lists' },
  { key: 'create', displayName: 'Create and duplicate segments' },
  { key: 'update', displayName: 'Edit and archive segments' },
  { key: 'delete', displayName: 'Delete segments and lists' },
  { key: 'export', displayName: 'Export segments to lists' },
  { key: 'ai', displayName: 'Use AI Mode' },
];
