/** The Bounces page under plugins/mailings/bounces: it shows addresses, so mailings and personal data both. */
import { Page } from '@strapi/strapi/admin';
import { BouncesPage } from './BouncesPage';

const READ = [
  { action: 'plugin::segmentation.campaigns.read', subject: null },
  { action: 'plugin::segmentation.personal.read', subject: null },
];

export default function BounceRoutes() {
  return (
    <Page.Protect permissions={READ}>
      <BouncesPage />
    </Page.Protect>
  );
}
