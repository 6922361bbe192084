import { Box, Flex, Typography } from '@strapi/design-system';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { memo, useCallback, useDeferredValue, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { Catalog } from '../../shared/catalog';
import type { LastRefresh, WatchState } from '../../shared/contracts/watch';
import { treeKey, type FilterGroup, type TreeIssue } from '../../shared/filter-tree';
import type { SegmentRecord } from '../../shared/contracts/records';
import type { PreviewContact } from '../../shared/contracts/preview';
import type { SegmentsApi } from '../api';
import { readApiError } from '../apiErrors';
import { FilterBuilder, focusNode } from '../builder/FilterBuilder';
import { treeProblems } from '../builder/problems';
import { Notice } from '../components/Notice';
import { useDeleteSegment } from '../components/useDeleteSegment';
import { useHandler } from '../components/useHandler';
import { useT } from '../i18n';
import { paths } from '../paths';
import { archiveNotice } from '../segments/archiveNotice';
import type { Allowed } from '../permissions';
import { TreeInWords } from '../words/TreeInWords';
import { useTreeWords } from '../words/useTreeWords';
import { AiPanel } from './ai/AiPanel';
import { SegmentToolbar } from './EditorActions';
import { EditorHeader } from './EditorHeader';
import { ExportDialog } from './ExportDialog';
import { ContactExplainer, type ChosenContact } from './ContactExplainer';
import { CountBar, EditorGrid, EditorMain, EditorMore, EditorSide } from './EditorLayout';
import { ExplainLegend } from './ExplainLegend';
import { NameCard } from './NameCard';
import { PreviewPanel } from './PreviewPanel';
import { useSameName } from './useSameName';
import { issuesToMark, previewBlocker } from './previewIssues';
import { SegmentFreshness } from './SegmentFreshness';
import { UndoRedo, useUndoKeys } from './UndoRedo';
import { useLeaveGuard } from './useLeaveGuard';
import { useExplain } from './useExplain';
import { usePreviewParts, type PreviewParts } from './usePreview';
import { useSegmentForm } from './useSegmentForm';
import { WatchPanel } from './watch/WatchPanel';

// Around the builder, they re-render only when what they show changes, not on every keystroke
// (the page's handlers they get are stable: useHandler).
const Builder = memo(FilterBuilder);
const Words = memo(TreeInWords);
const Ai = memo(AiPanel);
const Preview = memo(PreviewPanel);
const Explainer = memo(ContactExplainer);
const Legend = memo(ExplainLegend);
const History = memo(UndoRedo);
const Bar = memo(CountBar);
const Watch = memo(WatchPanel);
const Freshness = memo(SegmentFreshness);
const Export = memo(ExportDialog);

const NO_ISSUES: TreeIssue[] = [];

interface SaveProblem {
  message: string;
  issues: TreeIssue[];
  /** The tree the server refused; its issues are shown until the tree changes. */
  treeKey: string;
}

/** Creates or edits one segment: its name and description, its filter tree, the live preview and the segment's actions. */
export const SegmentEditor = ({
  api,
  catalog,
  initial,
  allowed,
}: {
  api: SegmentsApi;
  catalog: Catalog;
  initial: SegmentRecord | null;
  allowed: Allowed;
}) => {
  const t = useT();
  const navigate = useNavigate();
  const { toggleNotification } = useNotification();
  const [segment, setSegment] = useState<(SegmentRecord & { lastRefresh?: LastRefresh | null }) | null>(initial);
  const form = useSegmentForm(initial);
  const { draft, dirty } = form;
  const isNew = segment === null;
  const editable = Boolean(isNew ? allowed.canCreate : allowed.canUpdate);

  const [saving, setSaving] = useState(false);
  const [nameMissing, setNameMissing] = useState(false);
  const [saveProblem, setSaveProblem] = useState<SaveProblem | null>(null);
  const [exporting, setExporting] = useState(false);
  const { leaveDialog, allowNavigation } = useLeaveGuard(dirty);
  const { askToDelete, dialogs: deleteDialogs } = useDeleteSegment(api, () => {
    allowNavigation();
    navigate(paths.segments);
  });

  const request = useCallback((filters: FilterGroup, signal: AbortSignal) => api.preview(filters, { signal }), [api]);
  // A keystroke re-renders the builder at once; what follows from the tree (words, counts, explain,
  // AI Mode's context) catches up in a render React may interrupt, so typing stays fast in big trees.
  const settled = useDeferredValue(draft.filters);
  // The rule for a complete tree (shared/bounds.ts, docs/semantics.md#3-operators-and-values), checked here first: an incomplete one is not sent to be counted.
  const problems = useMemo(() => treeProblems(settled, catalog.fields), [settled, catalog.fields]);
  const parts = useMemo<PreviewParts>(
    () => ({
      contacts: (filters, signal) => api.previewContacts(filters, { signal }),
      count: (filters, signal) => api.previewCount(filters, { signal }),
    }),
    [api],
  );
  const preview = usePreviewParts(settled, parts, { hold: problems.length > 0 });
  const blocker = useMemo(
    () => previewBlocker(settled, catalog.fields, problems, preview.issues, t),
    [settled, catalog.fields, problems, preview.issues, t],
  );
  const [revealProblems, setRevealProblems] = useState(false);
  const nameBox = useRef<HTMLDivElement>(null);
  const conditionsSection = useRef<HTMLElement>(null);
  const conditions = useRef<HTMLDivElement>(null);
  useUndoKeys(conditionsSection, form.undo, form.redo, editable);
  const [chosen, setChosen] = useState<ChosenContact | null>(null);
  const [recount, setRecount] = useState({ counting: false, pending: false });
  const explain = useExplain(api, catalog, settled, chosen?.documentId ?? null);
  const words = useTreeWords(settled, catalog, api.lookup);
  const sameName = useSameName(api.segments, editable ? draft.name : '', segment?.documentId);
  // What an AI apply replaced, for Undo.
  const [beforeAi, setBeforeAi] = useState<{ filters: FilterGroup; aiPrompt: string | null } | null>(null);
  const { setGenerated } = form;
  const applyAi = useHandler((filters: FilterGroup, prompt: string) => {
    setBeforeAi({ filters: draft.filters, aiPrompt: draft.aiPrompt ?? null });
    setGenerated(filters, prompt);
  });
  const undoAi = useHandler(() => {
    if (!beforeAi) return;
    setGenerated(beforeAi.filters, beforeAi.aiPrompt);
    setBeforeAi(null);
  });
  const explainContact = useCallback(
    (c: PreviewContact) => setChosen({ documentId: c.documentId, name: c.name || c.email || c.documentId }),
    [],
  );
  const currentKey = treeKey(draft.filters);
  const saveIssues = saveProblem && saveProblem.treeKey === currentKey ? saveProblem.issues : NO_ISSUES;
  const issues = useMemo(
    () => (saveIssues.length > 0 ? saveIssues : issuesToMark(settled, preview.issues)),
    [saveIssues, settled, preview.issues],
  );

  const save = useHandler(async () => {
    // Refused here, where it can be shown: the first thing to fix is scrolled into view and focused.
    const unnamed = !draft.name.trim();
    const problems = treeProblems(draft.filters, catalog.fields);
    if (unnamed || problems.length) {
      setNameMissing(unnamed);
      setRevealProblems(problems.length > 0);
      if (unnamed) {
        const input = nameBox.current?.querySelector('input');
        input?.scrollIntoView?.({ block: 'center' });
        input?.focus({ preventScroll: true });
      } else {
        // After the render that marks every rule (a rule's own message names what to enter).
        requestAnimationFrame(() => focusNode(conditions.current, problems[0].id));
        toggleNotification({
          type: 'warning',
          message: t('builder.problem.saveCount', {
            count: problems.length,
            label: problems[0].label,
            message: t(problems[0].problem.id, problems[0].problem.values),
          }),
        });
      }
      return;
    }
    setSaving(true);
    setSaveProblem(null);
    try {
      const body = { ...draft, name: draft.name.trim() };
      const stored = isNew ? await api.createSegment(body) : await api.updateSegment(segment.documentId, body);
      toggleNotification({ type: 'success', message: t('editor.saved', { name: stored.name }) });
      if (isNew) {
        allowNavigation();
        navigate(paths.segment(stored.documentId), { replace: true });
        return;
      }
      setSegment(stored);
      form.markSaved(stored);
    } catch (error) {
      // The form keeps everything typed; the message says what to fix and the builder marks the rules.
      // A refused tree is said in words at its rules, and above them without the path.
      const problem = readApiError(error);
      const blocker = problem.issues.length ? previewBlocker(draft.filters, catalog.fields, [], problem.issues, t) : undefined;
      const message = blocker ? `${blocker.label}: ${blocker.message}` : problem.message;
      setSaveProblem({ message, issues: problem.issues, treeKey: currentKey });
      if (problem.issues.length) setRevealProblems(true);
      toggleNotification({ type: 'danger', message });
    } finally {
      setSaving(false);
    }
  });

  const run = async (action: () => Promise<void>) => {
    try {
      await action();
    } catch (error) {
      toggleNotification({ type: 'danger', message: readApiError(error).message });
    }
  };

  const duplicate = useHandler(() =>
    run(async () => {
      const copy = await api.duplicate(segment!.documentId);
      toggleNotification({ type: 'success', message: t('segments.duplicated', { name: segment!.name }) });
      navigate(paths.segment(copy.documentId));
    }),
  );

  const toggleArchived = useHandler(() =>
    run(async () => {
      const changed = await api.setArchived(segment!.documentId, !segment!.archived);
      setSegment((s) => (s ? { ...s, archived: changed.archived, updatedAt: changed.updatedAt } : s));
      toggleNotification(archiveNotice(t, changed));
    }),
  );

  // The server answers 202 with the last count when counting is over its budget, and records the result later.
  const countNow = useHandler(() =>
    run(async () => {
      const documentId = segment!.documentId;
      setRecount({ counting: true, pending: false });
      try {
        const counted = await api.countSegment(documentId);
        const { lastCount, lastCountAt, lastCountMs, lastCountError } = counted;
        setSegment((s) => (s ? { ...s, lastCount, lastCountAt, lastCountMs, lastCountError } : s));
        setRecount({ counting: false, pending: Boolean(counted.pending) });
      } catch (error) {
        setRecount({ counting: false, pending: false });
        // The failure is recorded on the segment: show it where the freshness is.
        const stored = await api.segment(documentId).catch(() => null);
        if (stored) setSegment((s) => (s ? { ...s, lastCountError: stored.lastCountError } : s));
        throw error;
      }
    }),
  );
  const cancel = useHandler(() => navigate(paths.segments));
  const startExport = useCallback(() => setExporting(true), []);
  const closeExport = useCallback(() => setExporting(false), []);
  const exportAs = useHandler((name: string) => api.exportSegment(segment!.documentId, name));
  const deleteThis = useHandler(() => segment && askToDelete(segment));
  const watchChanged = useCallback((watch: Partial<WatchState>) => setSegment((s) => (s ? { ...s, ...watch } : s)), []);
  const hasCounts = Object.values(explain.annotations).some((a) => a.counts);

  const title = isNew ? t('editor.newTitle') : segment.name;
  return (
    <Page.Main>
      <EditorHeader
        title={title}
        subtitle={segment?.archived ? t('editor.archivedSubtitle') : isNew ? t('editor.newSubtitle') : undefined}
        allowed={allowed}
        isNew={isNew}
        dirty={dirty}
        saving={saving}
        onSave={save}
        onCancel={cancel}
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {segment ? (
            <SegmentToolbar
              allowed={allowed}
              documentId={segment.documentId}
              archived={segment.archived}
              dirty={dirty}
              onExport={startExport}
              onDuplicate={duplicate}
              onToggleArchived={toggleArchived}
              onDelete={deleteThis}
            />
          ) : null}
          {saveProblem ? (
            <Notice variant="danger" title={t('editor.saveFailed')}>
              {saveProblem.message}
            </Notice>
          ) : null}
          {/* 3 to 1, like the Content Manager's fields and side panel: nested rules need the width. */}
          <EditorGrid>
            <EditorMain>
              <Bar state={preview} />
              <NameCard
                name={draft.name}
                description={draft.description}
                nameMissing={nameMissing}
                sameName={sameName}
                editable={editable}
                onName={form.setName}
                onDescription={form.setDescription}
                boxRef={nameBox}
              />
              <Box
                background="neutral0"
                hasRadius
                shadow="tableShadow"
                padding={6}
                marginTop={4}
                tag="section"
                aria-labelledby="segment-conditions"
                ref={conditionsSection}
              >
                <Flex justifyContent="space-between">
                  <Typography variant="delta" tag="h2" id="segment-conditions">
                    {t('editor.conditions')}
                  </Typography>
                  {editable ? <History canUndo={form.canUndo} canRedo={form.canRedo} onUndo={form.undo} onRedo={form.redo} /> : null}
                </Flex>
                {hasCounts ? <Legend /> : null}
                <Box paddingTop={4} ref={conditions}>
                  <Builder
                    catalog={catalog}
                    value={draft.filters}
                    onChange={form.setFilters}
                    issues={issues}
                    lookup={api.lookup}
                    segmentId={segment?.documentId}
                    disabled={!editable}
                    annotations={explain.annotations}
                    revealProblems={revealProblems}
                  />
                </Box>
                <Box paddingTop={4}>
                  <Words words={words} />
                </Box>
              </Box>
            </EditorMain>
            <EditorMore>
              {/* Below the conditions: they are what the page is for, and AI Mode refines what they show. */}
              {allowed.canUseAi && editable ? (
                <Box>
                  <Ai
                    request={api.generate}
                    report={api.reportAiOutcome}
                    preview={request}
                    catalog={catalog}
                    lookup={api.lookup}
                    current={settled}
                    onApply={applyAi}
                    onUndo={beforeAi ? undoAi : undefined}
                  />
                </Box>
              ) : null}
              {segment ? (
                <Box marginTop={4}>
                  <Watch
                    api={api}
                    segment={segment}
                    canUpdate={Boolean(allowed.canUpdate)}
                    onChange={watchChanged}
                    notify={toggleNotification}
                  />
                </Box>
              ) : null}
            </EditorMore>
            <EditorSide>
              <Flex direction="column" alignItems="stretch" gap={4}>
                {segment ? <Freshness segment={segment} onCount={countNow} counting={recount.counting} pending={recount.pending} /> : null}
                <Preview state={preview} blocker={blocker} onExplain={explainContact} />
                <Explainer search={api.searchContacts} chosen={chosen} onChoose={setChosen} state={explain.contact} />
              </Flex>
            </EditorSide>
          </EditorGrid>
        </Flex>
        {segment ? <Export open={exporting} segmentName={segment.name} onClose={closeExport} onExport={exportAs} /> : null}
        {deleteDialogs}
        {leaveDialog}
      </Layouts.Content>
    </Page.Main>
  );
};
