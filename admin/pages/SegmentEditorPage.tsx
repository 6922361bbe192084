import { Page, useRBAC } from '@strapi/strapi/admin';
import { useParams } from 'react-router-dom';
import { useSegmentsApi } from '../api';
import { useLoader } from '../components/useLoader';
import { SegmentEditor } from '../editor/SegmentEditor';
import { PERMISSIONS } from '../permissions';

/**
 * `segments/new` and `segments/:documentId`. Keyed by the segment so that moving to another one
 * (after a duplicate, or from a "used by" link) starts a fresh form.
 */
export const SegmentEditorPage = () => {
  const { documentId } = useParams();
  return <LoadedEditor key={documentId ?? 'new'} documentId={documentId} />;
};

const LoadedEditor = ({ documentId }: { documentId?: string }) => {
  const api = useSegmentsApi();
  const { allowedActions, isLoading } = useRBAC(PERMISSIONS);
  const catalog = useLoader('catalog', () => api.catalog());
  const segment = useLoader(documentId ?? null, async () => (documentId ? api.segment(documentId) : null));

  if (catalog.error || segment.error) return <Page.Error />;
  if (isLoading || catalog.data === undefined || segment.data === undefined) return <Page.Loading />;
  if (!documentId && !allowedActions.canCreate) return <Page.NoPermissions />;
  return <SegmentEditor api={api} catalog={catalog.data} initial={segment.data} allowed={allowedActions} />;
};
