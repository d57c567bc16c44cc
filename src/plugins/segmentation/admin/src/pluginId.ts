export const PLUGIN_ID = 'segmentation';
