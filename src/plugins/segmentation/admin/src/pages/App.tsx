/** The plugin's pages: list, builder (new / edit), preview; pass holders (search, a holder's card and history). */
import { Route, Routes } from 'react-router-dom';
import { Page } from '@strapi/strapi/admin';
import { SegmentListPage } from '../segments/SegmentListPage';
import { SegmentEditPage } from '../segments/SegmentEditPage';
import { PreviewPage } from '../segments/PreviewPage';
import { HolderPage } from '../holders/HolderPage';
import { HolderSearchPage } from '../holders/HolderSearchPage';

const READ = [{ action: 'plugin::segmentation.segments.read', subject: null }];

export function App() {
  return (
    <Page.Protect permissions={READ}>
      <Routes>
        <Route index element={<SegmentListPage />} />
        <Route path="holders" element={<HolderSearchPage />} />
        <Route path="holders/:uid" element={<HolderPage />} />
        <Route path="new" element={<SegmentEditPage />} />
        <Route path=":documentId" element={<SegmentEditPage />} />
        <Route path=":documentId/preview" element={<PreviewPage />} />
      </Routes>
    </Page.Protect>
  );
}

export default App;
