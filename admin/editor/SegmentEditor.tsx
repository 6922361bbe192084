import { Box, Field, Flex, Textarea, Typography } from '@strapi/design-system';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { Catalog } from '../../shared/catalog';
import type { FilterGroup } from '../../shared/filter-tree';
import type { SegmentRecord } from '../../server/types';
import type { SegmentsApi } from '../api';
import { readApiError } from '../apiErrors';
import { FilterBuilder } from '../builder/FilterBuilder';
import type { TreeIssue } from '../builder/types';
import { Notice } from '../components/Notice';
import { SubPageHeader } from '../components/SubPageHeader';
import { useDeleteSegment } from '../components/useDeleteSegment';
import { useT } from '../i18n';
import { paths } from '../paths';
import { archiveNotice } from '../segments/archiveNotice';
import type { Allowed } from '../permissions';
import { TreeInWords } from '../words/TreeInWords';
import { useTreeWords } from '../words/useTreeWords';
import { AiPanel } from './ai/AiPanel';
import { SaveActions, SegmentToolbar } from './EditorActions';
import { ExportDialog } from './ExportDialog';
import { ContactExplainer, type ChosenContact } from './ContactExplainer';
import { CountBar, EditorGrid, EditorMain, EditorMore, EditorSide } from './EditorLayout';
import { ExplainLegend } from './ExplainLegend';
import { PreviewPanel } from './PreviewPanel';
import { useSameName } from './useSameName';
import { issuesToMark } from './previewIssues';
import { SegmentFreshness } from './SegmentFreshness';
import { treeKey } from './treeKey';
import { useLeaveGuard } from './useLeaveGuard';
import { useExplain } from './useExplain';
import { usePreview } from './usePreview';
import { useSegmentForm } from './useSegmentForm';

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
  const [segment, setSegment] = useState(initial);
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
  const preview = usePreview(draft.filters, request);
  const [chosen, setChosen] = useState<ChosenContact | null>(null);
  const [recount, setRecount] = useState({ counting: false, pending: false });
  const explain = useExplain(api, catalog, draft.filters, chosen?.documentId ?? null);
  const words = useTreeWords(draft.filters, catalog, api.lookup);
  const sameName = useSameName(api.segments, editable ? draft.name : '', segment?.documentId);
  // What an AI apply replaced, for Undo.
  const [beforeAi, setBeforeAi] = useState<{ filters: FilterGroup; aiPrompt: string | null } | null>(null);
  const applyAi = (filters: FilterGroup, prompt: string) => {
    setBeforeAi({ filters: draft.filters, aiPrompt: draft.aiPrompt ?? null });
    form.setGenerated(filters, prompt);
  };
  const undoAi = () => {
    if (!beforeAi) return;
    form.setGenerated(beforeAi.filters, beforeAi.aiPrompt);
    setBeforeAi(null);
  };
  const currentKey = treeKey(draft.filters);
  const saveIssues = saveProblem && saveProblem.treeKey === currentKey ? saveProblem.issues : [];
  const issues = saveIssues.length > 0 ? saveIssues : issuesToMark(draft.filters, preview.issues);

  const save = async () => {
    if (!draft.name.trim()) {
      setNameMissing(true);
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
      const problem = readApiError(error);
      setSaveProblem({ message: problem.message, issues: problem.issues, treeKey: currentKey });
      toggleNotification({ type: 'danger', message: problem.message });
    } finally {
      setSaving(false);
    }
  };

  const run = async (action: () => Promise<void>) => {
    try {
      await action();
    } catch (error) {
      toggleNotification({ type: 'danger', message: readApiError(error).message });
    }
  };

  const duplicate = () =>
    run(async () => {
      const copy = await api.duplicate(segment!.documentId);
      toggleNotification({ type: 'success', message: t('segments.duplicated', { name: segment!.name }) });
      navigate(paths.segment(copy.documentId));
    });

  const toggleArchived = () =>
    run(async () => {
      const changed = await api.setArchived(segment!.documentId, !segment!.archived);
      setSegment((s) => (s ? { ...s, archived: changed.archived, updatedAt: changed.updatedAt } : s));
      toggleNotification(archiveNotice(t, changed));
    });

  // The server answers 202 with the last count when counting is over its budget, and records the result later.
  const countNow = () =>
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
    });

  const title = isNew ? t('editor.newTitle') : segment.name;
  return (
    <Page.Main>
      <SubPageHeader
        title={title}
        back={{ to: paths.segments, label: t('segments.title') }}
        subtitle={segment?.archived ? t('editor.archivedSubtitle') : isNew ? t('editor.newSubtitle') : undefined}
        primaryAction={<SaveActions allowed={allowed} isNew={isNew} dirty={dirty} saving={saving} onSave={save} onCancel={() => navigate(paths.segments)} />}
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {segment ? (
            <SegmentToolbar
              allowed={allowed}
              documentId={segment.documentId}
              archived={segment.archived}
              dirty={dirty}
              onExport={() => setExporting(true)}
              onDuplicate={duplicate}
              onToggleArchived={toggleArchived}
              onDelete={() => askToDelete(segment)}
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
              <CountBar state={preview} />
              <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
                <Flex direction="column" alignItems="stretch" gap={4}>
                  <Field.Root
                    name="name"
                    required
                    error={nameMissing && !draft.name.trim() ? t('editor.nameRequired') : undefined}
                    hint={sameName ? t('editor.sameName', { name: sameName }) : undefined}
                  >
                    <Field.Label>{t('editor.name')}</Field.Label>
                    <Field.Input
                      value={draft.name}
                      disabled={!editable}
                      onChange={(e: React.ChangeEvent<HTMLInputElement>) => form.setName(e.target.value)}
                    />
                    <Field.Error />
                    <Field.Hint />
                  </Field.Root>
                  <Field.Root name="description">
                    <Field.Label>{t('editor.description')}</Field.Label>
                    <Textarea
                      value={draft.description ?? ''}
                      disabled={!editable}
                      onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => form.setDescription(e.target.value)}
                    />
                  </Field.Root>
                </Flex>
              </Box>
              <Box background="neutral0" hasRadius shadow="tableShadow" padding={6} marginTop={4} tag="section" aria-labelledby="segment-conditions">
                <Typography variant="delta" tag="h2" id="segment-conditions">
                  {t('editor.conditions')}
                </Typography>
                {Object.values(explain.annotations).some((a) => a.counts) ? <ExplainLegend /> : null}
                <Box paddingTop={4}>
                  <FilterBuilder
                    catalog={catalog}
                    value={draft.filters}
                    onChange={form.setFilters}
                    issues={issues}
                    lookup={api.lookup}
                    segmentId={segment?.documentId}
                    disabled={!editable}
                    annotations={explain.annotations}
                  />
                </Box>
                <Box paddingTop={4}>
                  <TreeInWords words={words} />
                </Box>
              </Box>
            </EditorMain>
            <EditorMore>
              {/* Below the conditions: they are what the page is for, and AI Mode refines what they show. */}
              {allowed.canUseAi && editable ? (
                <Box>
                  <AiPanel
                    request={api.generate}
                    preview={request}
                    catalog={catalog}
                    lookup={api.lookup}
                    current={draft.filters}
                    onApply={applyAi}
                    onUndo={beforeAi ? undoAi : undefined}
                  />
                </Box>
              ) : null}
            </EditorMore>
            <EditorSide>
              <Flex direction="column" alignItems="stretch" gap={4}>
                {segment ? <SegmentFreshness segment={segment} onCount={countNow} counting={recount.counting} pending={recount.pending} /> : null}
                <PreviewPanel state={preview} onExplain={(c) => setChosen({ documentId: c.documentId, name: c.name || c.email || c.documentId })} />
                <ContactExplainer search={api.searchContacts} chosen={chosen} onChoose={setChosen} state={explain.contact} />
              </Flex>
            </EditorSide>
          </EditorGrid>
        </Flex>
        {segment ? (
          <ExportDialog
            open={exporting}
            segmentName={segment.name}
            onClose={() => setExporting(false)}
            onExport={(name) => api.exportSegment(segment.documentId, name)}
          />
        ) : null}
        {deleteDialogs}
        {leaveDialog}
      </Layouts.Content>
    </Page.Main>
  );
};
