/**
 * House styles as data (issue 20): the `house-style` records an administrator edits in the Content
 * Manager (name, logo, colours, wordmark, footer, the card systems they belong to). A new
 * installation gets the built-in regional styles once. A template's style is looked up when it is
 * rendered for a preview or a send, and a send keeps the style it started with (its snapshot).
 */
import type { Core } from '@strapi/strapi';
import { publicUrlOf } from '../common/secret';
import { HOUSE_STYLES, NEUTRAL_HOUSE_STYLE_KEY, houseStyleOf, type HouseStyle } from './house-styles';

export const HOUSE_STYLE_UID = 'plugin::segmentation.house-style';

interface Row {
  key: string;
  name: string;
  wordmark: string;
  primaryColor: string;
  accentColor: string;
  footer: string;
  cardSystems?: unknown;
  logo?: { url: string; formats?: Record<string, { url: string }> | null } | null;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const query = () => strapi.db.query(HOUSE_STYLE_UID);
  const absolute = (url: string) => (/^https?:\/\//.test(url) ? url : `${publicUrlOf(strapi)}${url}`);
  const styleOf = (r: Row): HouseStyle => ({
    key: r.key,
    name: r.name,
    wordmark: r.wordmark,
    primaryColor: r.primaryColor,
    accentColor: r.accentColor,
    footer: r.footer,
    logoUrl: r.logo ? absolute(r.logo.formats?.small?.url ?? r.logo.url) : null,
    cardSystems: Array.isArray(r.cardSystems) ? r.cardSystems.filter((c): c is string => typeof c === 'string') : [],
  });

  return {
    /** Every style, by name. */
    async list(): Promise<HouseStyle[]> {
      const rows = (await query().findMany({ populate: { logo: true }, orderBy: { name: 'asc' } })) as Row[];
      return rows.map(styleOf);
    },

    /** The style with this key; unknown keys (and none) fall back to the neutral one. */
    async resolve(key: string | null | undefined): Promise<HouseStyle> {
      const row = (await query().findOne({ where: { key: key ?? NEUTRAL_HOUSE_STYLE_KEY }, populate: { logo: true } })) as Row | null;
      if (row) return styleOf(row);
      const neutral = (await query().findOne({ where: { key: NEUTRAL_HOUSE_STYLE_KEY }, populate: { logo: true } })) as Row | null;
      return neutral ? styleOf(neutral) : houseStyleOf(null);
    },

    /** The built-in styles, once, into an installation that has none (each regional one for its card system). */
    async seed(): Promise<void> {
      if ((await query().count()) > 0) return;
      // A regional style belongs to the card system of the same key (uitpas-gent: UiTPAS Gent).
      for (const style of Object.values(HOUSE_STYLES))
        await query().create({ data: { ...style, cardSystems: style.key === NEUTRAL_HOUSE_STYLE_KEY ? [] : [style.key] } });
    },
  };
};
