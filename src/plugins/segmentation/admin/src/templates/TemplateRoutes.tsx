/** The template pages (list, new, edit) and, with `senders`, the sender addresses page. */
import { Route, Routes } from 'react-router-dom';
import { SendersPage } from './SendersPage';
import { TemplateEditPage } from './TemplateEditPage';
import { TemplateListPage } from './TemplateListPage';

export default function TemplateRoutes({ senders }: { senders?: boolean }) {
  if (senders) return <SendersPage />;
  return (
    <Routes>
      <Route index element={<TemplateListPage />} />
      <Route path="new" element={<TemplateEditPage />} />
      <Route path=":documentId" element={<TemplateEditPage />} />
    </Routes>
  );
}
