/** The campaign pages under plugins/mailings/campaigns: list, editor (new / existing), statistics. */
import { Route, Routes } from 'react-router-dom';
import { Page } from '@strapi/strapi/admin';
import { CampaignEditPage } from './CampaignEditPage';
import { CampaignListPage } from './CampaignListPage';
import { StatsPage } from './stats/StatsPage';

const READ = [{ action: 'plugin::segmentation.campaigns.read', subject: null }];

export default function CampaignRoutes() {
  return (
    <Page.Protect permissions={READ}>
      <Routes>
        <Route index element={<CampaignListPage />} />
        <Route path="new" element={<CampaignEditPage />} />
        <Route path=":documentId" element={<CampaignEditPage />} />
        <Route path=":documentId/stats" element={<StatsPage />} />
      </Routes>
    </Page.Protect>
  );
}
