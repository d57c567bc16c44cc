/** The "Mailings" pages: templates and sender addresses (templates/), campaigns and their statistics (campaigns/), a mailing's audience (audiences/), messages that came back (bounces/). */
import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { Page } from '@strapi/strapi/admin';

const READ = [{ action: 'plugin::segmentation.templates.read', subject: null }];

const TemplateRoutes = lazy(() => import('../templates/TemplateRoutes'));
const CampaignRoutes = lazy(() => import('../campaigns/CampaignRoutes'));
const AudiencePage = lazy(() => import('../audiences/AudiencePage'));
const BounceRoutes = lazy(() => import('../bounces/BounceRoutes'));

export function MailApp() {
  return (
    <Page.Protect permissions={READ}>
      <Suspense fallback={<Page.Loading />}>
        <Routes>
          <Route index element={<Navigate to="campaigns" replace />} />
          <Route path="templates/*" element={<TemplateRoutes />} />
          <Route path="senders/*" element={<TemplateRoutes senders />} />
          <Route path="campaigns/*" element={<CampaignRoutes />} />
          <Route path="audiences/:documentId" element={<AudiencePage />} />
          <Route path="bounces" element={<BounceRoutes />} />
        </Routes>
      </Suspense>
    </Page.Protect>
  );
}

export default MailApp;
