/** The plugin's pages: list, builder (new / edit), preview. */
import { Route, Routes } from 'react-router-dom';
import { Page } from '@strapi/strapi/admin';
import { SegmentListPage } from '../segments/SegmentListPage';
import { SegmentEditPage } from '../segments/SegmentEditPage';
import { PreviewPage } from '../segments/PreviewPage';

const READ = [{ action: 'plugin::segmentation.segments.read', subject: null }];

export function App() {
  return (
    <Page.Protect permissions={READ}>
      <Routes>
        <Route index element={<SegmentListPage />} />
        <Route path="new" element={<SegmentEditPage />} />
        <Route path=":documentId" element={<SegmentEditPage />} />
        <Route path=":documentId/preview" element={<PreviewPage />} />
      </Routes>
    </Page.Protect>
  );
}

export default App;
