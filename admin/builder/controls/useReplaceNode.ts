import { useCallback } from 'react';
import type { Path, RuleGroupType, Schema } from 'react-querybuilder';
import { replaceAt } from '../tree';

/**
 * Replaces the rule or group at `path` in one change. Field and operator changes go through here
 * instead of react-querybuilder's per-property update, whose resets (a threshold on every match,
 * '' values for lists) are not the filter tree's shapes.
 */
export function useReplaceNode(schema: Schema<any, any>, path: Path) {
  return useCallback((node: object) => schema.dispatchQuery(replaceAt(schema.getQuery() as RuleGroupType, path, node)), [schema, path]);
}
