/** Admin panel customisation: Dutch next to English (Dutch is what partner staff use). */
export default {
  config: {
    locales: ['nl'],
  },
  bootstrap() {},
};
