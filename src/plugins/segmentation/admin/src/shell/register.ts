/**
 * The tool's shell in Strapi's admin: home-page widgets, a Help entry for everyone and
 * "UiTPAS-beheer" for those who manage partners or read the audit log.
 */
import { House, Information, Layout, Mail, Rocket, Shield, SquaresFour } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import { PLUGIN_ID } from '../pluginId';

const can = (...actions: string[]) => actions.map((action) => ({ action: `plugin::${PLUGIN_ID}.${action}`, subject: null }));
type Widgets = typeof import('./Widgets');

/** The home page's widgets: id, icon, title, what "all of them" links to, the right it needs, its component. */
const WIDGETS: [id: string, icon: typeof Mail, title: string, link: [label: string, href: string] | null, right: string | null, component: keyof Widgets][] = [
  ['mailings', Mail, 'Mailings in uitvoering', ['Alle mailings', '/plugins/mailings/campaigns'], 'campaigns.read', 'MailingsWidget'],
  ['results', Rocket, 'Laatste resultaten', null, 'campaigns.read', 'ResultsWidget'],
  ['segments', SquaresFour, 'Recente segmenten', ['Alle segmenten', '/plugins/segmentation'], 'segments.read', 'SegmentsWidget'],
  ['templates', Layout, 'Recente sjablonen', ['Alle sjablonen', '/plugins/mailings/templates'], 'templates.read', 'TemplatesWidget'],
  ['shortcuts', House, 'Snel naar', null, null, 'ShortcutsWidget'],
];

export function registerShell(app: StrapiApp) {
  app.widgets.register(
    WIDGETS.map(([id, icon, title, link, right, component]) => ({
      id,
      pluginId: PLUGIN_ID,
      icon,
      title: { id: `${PLUGIN_ID}.home.${id}.title`, defaultMessage: title },
      ...(link && { link: { label: { id: `${PLUGIN_ID}.home.${id}.link`, defaultMessage: link[0] }, href: link[1] } }),
      ...(right && { permissions: can(right) }),
      component: async () => (await import('./Widgets'))[component],
    })),
  );
  app.addMenuLink({
    to: 'plugins/help',
    icon: Information,
    intlLabel: { id: `${PLUGIN_ID}.help.menu`, defaultMessage: 'Help' },
    permissions: [],
    position: 8,
    Component: () => import('./HelpPage').then((m) => ({ default: m.HelpPage })),
  });
  app.addMenuLink({
    to: 'plugins/uitpas',
    icon: Shield,
    intlLabel: { id: `${PLUGIN_ID}.manage.menu`, defaultMessage: 'UiTPAS-beheer' },
    permissions: can('access.manage', 'audit.read'),
    Component: () => import('./ManageApp').then((m) => ({ default: m.ManageApp })),
  });
}
