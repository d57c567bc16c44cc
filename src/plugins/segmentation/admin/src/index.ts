/**
 * Admin side of the segmentation plugin: the "Segmentatie", "Mailings" and "Evenementen" menu
 * entries and their pages, and the settings section "UiTPAS" (Partners: who works for which card system; Auditlog);
 * the home-page widgets, Help and "UiTPAS-beheer" in shell/register.ts.
 */
import { PLUGIN_ID } from './pluginId';
import { MailIcon, PluginIcon } from './PluginIcon';
import type { StrapiApp } from '@strapi/strapi/admin';
import { registerShell } from './shell/register';
import { EventsIcon } from './events/EventsIcon';

const can = (action: string) => [{ action: `plugin::segmentation.${action}`, subject: null }];

export default {
  register(app: StrapiApp) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: PluginIcon,
      intlLabel: { id: `${PLUGIN_ID}.plugin.name`, defaultMessage: 'Segmentatie' },
      permissions: can('segments.read'),
      Component: () => import('./pages/App').then((m) => ({ default: m.App })),
    });
    app.addMenuLink({
      to: 'plugins/mailings',
      icon: MailIcon,
      intlLabel: { id: `${PLUGIN_ID}.mail.menu`, defaultMessage: 'Mailings' },
      permissions: can('templates.read'),
      Component: () => import('./pages/MailApp').then((m) => ({ default: m.MailApp })),
    });
    app.addMenuLink({
      to: 'plugins/events',
      icon: EventsIcon,
      intlLabel: { id: `${PLUGIN_ID}.event.menu`, defaultMessage: 'Evenementen' },
      permissions: can('campaigns.read'),
      Component: () => import('./events/EventsApp').then((m) => ({ default: m.EventsApp })),
    });
    // Strapi 5: addSettingsLink with a section object creates the section (createSettingSection is deprecated).
    app.addSettingsLink({ id: 'uitpas', intlLabel: { id: `${PLUGIN_ID}.settings.section`, defaultMessage: 'UiTPAS' } }, [
      {
        id: 'uitpas-partners',
        to: 'uitpas/partners',
        intlLabel: { id: `${PLUGIN_ID}.settings.partners`, defaultMessage: 'Partners' },
        permissions: can('access.manage'),
        Component: () => import('./partners/PartnersPage'),
      },
      {
        id: 'uitpas-audit',
        to: 'uitpas/audit',
        intlLabel: { id: `${PLUGIN_ID}.settings.audit`, defaultMessage: 'Auditlog' },
        permissions: can('audit.read'),
        Component: () => import('./partners/AuditPage'),
      },
      {
        id: 'uitpas-access-requests',
        to: 'uitpas/access-requests',
        intlLabel: { id: `${PLUGIN_ID}.settings.accessRequests`, defaultMessage: 'Toegangsaanvragen' },
        permissions: can('access.manage'),
        Component: () => import('./sso/AccessRequestsPage'),
      },
    ]);
    registerShell(app);
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          // One file per job (segments, templates, campaigns, partners), merged under the plugin's prefix.
          const files = await Promise.all([
            import(`./translations/${locale}.json`),
            import(`./templates/translations/${locale}.json`),
            import(`./campaigns/translations/${locale}.json`),
            import(`./partners/translations/${locale}.json`),
            import(`./shell/translations/${locale}.json`),
            import(`./audiences/translations/${locale}.json`),
            import(`./holders/translations/${locale}.json`),
            import(`./channels/translations/${locale}.json`),
            import(`./events/translations/${locale}.json`),
            import(`./bounces/translations/${locale}.json`),
            import(`./sso/translations/${locale}.json`),
          ]);
          const data = Object.assign({}, ...files.map((f) => f.default)) as Record<string, string>;
          return { data: Object.fromEntries(Object.entries(data).map(([k, v]) => [`${PLUGIN_ID}.${k}`, v])), locale };
        } catch {
          return { data: {}, locale };
        }
      }),
    );
  },
};
