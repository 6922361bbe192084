import { Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';
import { PERMISSIONS } from '../permissions';
import { ListMembersPage } from './ListMembersPage';
import { ListsPage } from './ListsPage';
import { SegmentEditorPage } from './SegmentEditorPage';
import { SegmentMembersPage } from './SegmentMembersPage';
import { SegmentsPage } from './SegmentsPage';

const App = () => (
  <Page.Protect permissions={PERMISSIONS.read}>
    <Routes>
      <Route index element={<SegmentsPage />} />
      <Route path="segments/new" element={<SegmentEditorPage />} />
      <Route path="segments/:documentId" element={<SegmentEditorPage />} />
      <Route path="segments/:documentId/members" element={<SegmentMembersPage />} />
      <Route path="lists" element={<ListsPage />} />
      <Route path="lists/:documentId" element={<ListMembersPage />} />
      <Route path="*" element={<Page.Error />} />
    </Routes>
  </Page.Protect>
);

export default App;
