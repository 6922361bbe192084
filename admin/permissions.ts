import { ACTIONS, type ActionKey } from '../shared/permissions';

/** The plugin's RBAC actions in the shape useRBAC takes: allowedActions.canRead, canCreate, ... */
export const PERMISSIONS = Object.fromEntries(
  (Object.keys(ACTIONS) as ActionKey[]).map((key) => [key, [{ action: ACTIONS[key], subject: null }]]),
) as Record<ActionKey, Array<{ action: string; subject: null }>>;

/**
 * The RBAC answers a page got from useRBAC (canCreate, canUpdate, ...), handed to components as a prop; missing means not allowed.
 * useRBAC names each from the action's last segment, not from our keys: `plugin::segments.use-ai` is `canUseAi`.
 */
export type Allowed = Partial<Record<string, boolean>>;
