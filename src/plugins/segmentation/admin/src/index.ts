/** Admin side of the segmentation plugin: the "Segmentatie" menu entry and its pages. */
import { PLUGIN_ID } from './pluginId';
import { PluginIcon } from './PluginIcon';

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
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = await import(`./translations/${locale}.json`);
          return { data: Object.fromEntries(Object.entries(data).map(([k, v]) => [`${PLUGIN_ID}.${k}`, v])), locale };
        } catch {
          return { data: {}, locale };
        }
      }),
    );
  },
};
