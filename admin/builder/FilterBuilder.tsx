import { QueryBuilderDndWithoutProvider } from '@react-querybuilder/dnd';
import { createReactDnDAdapter } from '@react-querybuilder/dnd/react-dnd';
import { Box, Typography } from '@strapi/design-system';
import { useCallback, useContext, useEffect, useMemo, useRef } from 'react';
import * as ReactDnD from 'react-dnd';
import { QueryBuilder, type RuleGroupType } from 'react-querybuilder';
import type { LookupItem } from '../../shared/contracts/lookup';
import { useT } from '../i18n';
import { SHOWN, addGroup, addRuleWith, subQueryBuilderProps } from './behaviour';
import { AnnotationsContext, BuilderServicesContext, IssuesContext, RevealProblemsContext, type BuilderServices } from './context';
import { allControlElements, dndControlElements, frameElements } from './controls';
import { NodeIssues } from './controls/RuleFrames';
import { builderFields } from './fields';
import { placeByPath, placeIssues, type PlacedIssues } from './issues';
import { BuilderFrame } from './styles';
import { toBuilderQuery, toSpecTree } from './tree';
import type { TreeIssue } from '../../shared/filter-tree';
import type { FilterBuilderProps, Lookup, NodeAnnotation } from './types';

const NO_ISSUES: PlacedIssues = { byNode: new Map(), general: [] };

/**
 * Issues are placed when they arrive, on the tree of that moment: their paths name the tree the
 * server checked, and once placed they stay with their node (by id) while the user edits. Placing
 * them again on every keystroke would also hand every row a new context value.
 */
function usePlacedIssues(query: RuleGroupType, issues: TreeIssue[] | undefined): PlacedIssues {
  const queryRef = useRef(query);
  queryRef.current = query;
  // By content, so a page that rebuilds the same issues array on every render does not re-place them.
  const signature = issues?.length ? JSON.stringify(issues) : '';
  return useMemo(
    () => (signature ? placeIssues(toSpecTree(queryRef.current), JSON.parse(signature) as TreeIssue[]) : NO_ISSUES),
    [signature],
  );
}

/**
 * Annotations are placed like issues: on the tree of the moment they arrive (the tree the server
 * explained), by id, and only when their content changes, so typing does not re-render annotated rows.
 */
function usePlacedAnnotations(query: RuleGroupType, annotations: Record<string, NodeAnnotation> | undefined): Map<string, NodeAnnotation> {
  const queryRef = useRef(query);
  queryRef.current = query;
  const signature = annotations ? JSON.stringify(annotations) : '';
  return useMemo(
    () => (signature ? placeByPath(toSpecTree(queryRef.current), JSON.parse(signature) as Record<string, NodeAnnotation>) : NO_ANNOTATIONS),
    [signature],
  );
}

const NO_ANNOTATIONS = new Map<string, NodeAnnotation>();

/** react-dnd through Strapi's own provider (a second HTML5 backend would throw). */
const dnd = createReactDnDAdapter({ ...ReactDnD });

/**
 * The filter builder: react-querybuilder over the filter tree (docs/semantics.md), themed with the design system. The
 * page owns the tree; every change is emitted as a filter tree (ids kept, nothing else added).
 */
export function FilterBuilder({
  catalog,
  value,
  onChange,
  issues,
  lookup,
  segmentId,
  disabled,
  annotations,
  revealProblems = false,
}: FilterBuilderProps) {
  const t = useT();
  const fields = builderFields(catalog.fields);
  const query = useMemo(() => toBuilderQuery(value), [value]);
  const placed = usePlacedIssues(query, issues);
  const placedAnnotations = usePlacedAnnotations(query, annotations);

  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);
  const emit = useCallback((next: RuleGroupType) => onChangeRef.current(toSpecTree(next)), []);

  // A page may pass a new lookup function on every render; the pickers keep one that calls the latest.
  const lookupRef = useRef(lookup);
  useEffect(() => {
    lookupRef.current = lookup;
  }, [lookup]);
  const stableLookup = useCallback<Lookup>((query) => lookupRef.current(query), []);
  const labels = useRef(new Map<string, LookupItem>()).current;
  const services = useMemo<BuilderServices>(() => ({ lookup: stableLookup, segmentId, labels }), [stableLookup, segmentId, labels]);
  const onAddRule = addRuleWith(catalog.fields);
  // Drag and drop needs the panel's react-dnd provider; without one (a test, another host) the move buttons remain.
  const dragAndDrop = !!useContext(ReactDnD.DndContext).dragDropManager && !disabled;

  return (
    <BuilderServicesContext.Provider value={services}>
      <IssuesContext.Provider value={placed.byNode}>
        <AnnotationsContext.Provider value={placedAnnotations}>
          <RevealProblemsContext.Provider value={revealProblems}>
            <BuilderFrame role="group" aria-label={t('builder.label')}>
              {placed.general.length ? (
                <Box paddingBottom={3}>
                  <Typography fontWeight="bold" textColor="danger600">
                    {t('builder.issues.title')}
                  </Typography>
                  <NodeIssues messages={placed.general.map((issue) => issue.message)} />
                </Box>
              ) : null}
              <QueryBuilderDndWithoutProvider dnd={dnd} enableDragAndDrop={dragAndDrop} controlElements={frameElements}>
                <QueryBuilder
                  fields={fields}
                  query={query}
                  onQueryChange={emit}
                  controlElements={dragAndDrop ? dndControlElements : allControlElements}
                  getSubQueryBuilderProps={subQueryBuilderProps}
                  onAddRule={onAddRule}
                  onAddGroup={addGroup}
                  listsAsArrays
                  // Loading a tree is not a change: the page hears only what the user does.
                  enableMountQueryChange={false}
                  disabled={disabled}
                  {...SHOWN}
                />
              </QueryBuilderDndWithoutProvider>
              {value.rules.length === 0 ? (
                <Typography variant="pi" textColor="neutral600">
                  {t('builder.empty')}
                </Typography>
              ) : null}
            </BuilderFrame>
          </RevealProblemsContext.Provider>
        </AnnotationsContext.Provider>
      </IssuesContext.Provider>
    </BuilderServicesContext.Provider>
  );
}

/**
 * Brings the rule or group with `id` into view and puts the keyboard in the control it needs, so a
 * refused save lands where the work is. False when the node is not on screen.
 */
export function focusNode(container: HTMLElement | null, id: string | undefined): boolean {
  const frames = container ? [...container.querySelectorAll<HTMLElement>('[data-node-id]')] : [];
  // A tree loaded without ids has them only in the builder: then the first marked rule is the one.
  const frame = frames.find((f) => id !== undefined && f.dataset.nodeId === id) ?? frames.find((f) => f.dataset.invalid);
  if (!frame) return false;
  frame.scrollIntoView?.({ block: 'center' });
  const inputs = [...frame.querySelectorAll<HTMLInputElement>('input:not([disabled]):not([type="hidden"])')];
  const values = inputs.filter((i) => i.getAttribute('role') !== 'combobox');
  const boxes = [...frame.querySelectorAll<HTMLElement>('[role="combobox"]')];
  // The empty box the message asks for, else the rule's last value box (a range's upper bound), else its last choice (a select).
  const control = inputs.find((i) => i.value === '') ?? values[values.length - 1] ?? boxes[boxes.length - 1];
  (control ?? frame).focus({ preventScroll: true });
  return true;
}
