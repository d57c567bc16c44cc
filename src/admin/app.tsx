/**
 * Admin panel customisation: Dutch next to English (Dutch is what partner staff use), with Dutch
 * texts where Strapi's are missing; no guided tour, no update check (it calls GitHub from the
 * browser), no Media Library banner; the tool's home-page widgets first (src/admin/shell.ts); the
 * "Aanmelden met UiTID" button on the login page (src/admin/uitid-login.ts).
 */
import type { StrapiApp } from '@strapi/strapi/admin';
import { dismissMediaBanner, guardContentManager, toolWidgetsFirst, translateFixedLabels, turnOffTour } from './shell';
import { strapiDutch } from './strapi-nl';
import { addUitidToLogin } from './uitid-login';

export default {
  config: {
    locales: ['nl'],
    tutorials: false,
    notifications: { releases: false },
    translations: { nl: strapiDutch },
  },
  register(app: StrapiApp) {
    guardContentManager(app);
    toolWidgetsFirst(app);
  },
  bootstrap() {
    turnOffTour();
    void dismissMediaBanner();
    translateFixedLabels();
    // Sign-in with UiTID on the login page (issue 23; no extension point there: see uitid-login.ts).
    addUitidToLogin();
  },
};
