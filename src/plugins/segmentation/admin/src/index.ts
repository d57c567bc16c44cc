/** Admin side of the segmentation plugin: the "Segmentatie" and "Mailings" menu entries and its pages. */
import { PLUGIN_ID } from './pluginId';
import { MailIcon, PluginIcon } from './PluginIcon';

export default {
  register(app: any) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: PluginIcon,
      intlLabel: { id: `${PLUGIN_ID}.plugin.name`, defaultMessage: 'Segmentatie' },
      permissions: [{ action: 'plugin::segmentation.segments.read', subject: null }],
      Component: async () => {
        const { App } = await import('./pages/App');
        return App;
      },
    });
    app.addMenuLink({
      to: 'plugins/mailings',
      icon: MailIcon,
      intlLabel: { id: `${PLUGIN_ID}.mail.menu`, defaultMessage: 'Mailings' },
      permissions: [{ action: 'plugin::segmentation.templates.read', subject: null }],
      Component: async () => {
        const { MailApp } = await import('./pages/MailApp');
        return MailApp;
      },
    });
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          // One file per job (segments, templates, campaigns), merged under the plugin's prefix.
          const files = await Promise.all([
            import(`./translations/${locale}.json`),
            import(`./templates/translations/${locale}.json`),
            import(`./campaigns/translations/${locale}.json`),
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
