/**
 * Content-API routes (prefix /api/segmentation), authenticated with a Strapi API token.
 * A full-access token may call all of them; custom tokens need the matching plugin action.
 */
const route = (method: string, path: string, handler: string) => ({ method, path, handler, config: { policies: [] } });

export default {
  'content-api': {
    type: 'content-api',
    routes: [
      route('POST', '/import/:entity', 'import.import'),
      route('POST', '/preview', 'segments.preview'),
      route('POST', '/export', 'segments.export'),
      route('GET', '/segments/:documentId/preview', 'segments.savedPreview'),
      route('GET', '/segments/:documentId/export', 'segments.savedExport'),
    ],
  },
};
