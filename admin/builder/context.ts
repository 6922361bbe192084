import { createContext, useContext } from 'react';
import type { LookupItem } from '../../shared/contracts/lookup';
import type { Lookup, NodeAnnotation } from './types';

/** What the pickers need from the builder's props, shared with every control without prop drilling. */
export interface BuilderServices {
  lookup: Lookup;
  segmentId?: string;
  /** Labels already resolved, by `${target}:${documentId}`, so a row re-mounted by a move does not ask again. */
  labels: Map<string, LookupItem>;
}

export const BuilderServicesContext = createContext<BuilderServices | null>(null);

export function useBuilderServices(): BuilderServices {
  const services = useContext(BuilderServicesContext);
  if (!services) throw new Error('builder controls render inside <FilterBuilder>');
  return services;
}

/** Server issues by node id; a separate context so a new set of issues re-renders only the rows showing them. */
export const IssuesContext = createContext<Map<string, string[]>>(new Map());
export const useNodeIssues = (id: string | undefined) => {
  const issues = useContext(IssuesContext);
  return id ? issues.get(id) : undefined;
};

/** Explain's annotations by node id; its own context so a keystroke elsewhere does not re-render annotated rows. */
export const AnnotationsContext = createContext<Map<string, NodeAnnotation>>(new Map());
export const useNodeAnnotation = (id: string | undefined) => {
  const annotations = useContext(AnnotationsContext);
  return id ? annotations.get(id) : undefined;
};

/**
 * Whether every incomplete rule is marked now (after a refused save), not only those the user has
 * left: a rule just added is not red before anyone had a chance to fill it in.
 */
export const RevealProblemsContext = createContext(false);
