/**
 * The tool's shell in Strapi's admin: home-page widgets, a Help entry for everyone and
 * "UiTPAS-beheer" for those who manage partners or read the audit log.
 */
import { House, Information, Layout, Mail, Rocket, Shield, SquaresFour } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import { PLUGIN_ID } from '../pluginId';

const can = (...actions: string[]) => actions.map((action) => ({ action: `plugin::${PLUGIN_ID}.${action}`, subject: null }));
const title = (key: string, defaultMessage: string) => ({ id: `${PLUGIN_ID}.home.${key}.title`, defaultMessage });
const widgets = () => import('./Widgets');

export function registerShell(app: StrapiApp) {
  app.widgets.register([
    {
      id: 'mailings',
      pluginId: PLUGIN_ID,
      icon: Mail,
      title: title('mailings', 'Mailings in uitvoering'),
      link: { label: { id: `${PLUGIN_ID}.home.mailings.link`, defaultMessage: 'Alle mailings' }, href: '/plugins/mailings/campaigns' },
      permissions: can('campaigns.read'),
      component: async () => (await widgets()).MailingsWidget,
    },
    {
      id: 'results',
      pluginId: PLUGIN_ID,
      icon: Rocket,
      title: title('results', 'Laatste resultaten'),
      permissions: can('campaigns.read'),
      component: async () => (await widgets()).ResultsWidget,
    },
    {
      id: 'segments',
      pluginId: PLUGIN_ID,
      icon: SquaresFour,
      title: title('segments', 'Recente segmenten'),
      link: { label: { id: `${PLUGIN_ID}.home.segments.link`, defaultMessage: 'Alle segmenten' }, href: '/plugins/segmentation' },
      permissions: can('segments.read'),
      component: async () => (await widgets()).SegmentsWidget,
    },
    {
      id: 'templates',
      pluginId: PLUGIN_ID,
      icon: Layout,
      title: title('templates', 'Recente sjablonen'),
      link: { label: { id: `${PLUGIN_ID}.home.templates.link`, defaultMessage: 'Alle sjablonen' }, href: '/plugins/mailings/templates' },
      permissions: can('templates.read'),
      component: async () => (await widgets()).TemplatesWidget,
    },
    {
      id: 'shortcuts',
      pluginId: PLUGIN_ID,
      icon: House,
      title: title('shortcuts', 'Snel naar'),
      component: async () => (await widgets()).ShortcutsWidget,
    },
  ]);
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
