/**
 * House styles of mails in the `house` format and of letters: colours, a wordmark (text, shown when
 * there is no logo or a mail client blocks images), an optional logo from the Media Library and a
 * footer line. They are data an administrator edits (the `house-style` content type,
 * house-style-records.ts); the regional styles below are what a new installation starts with, and
 * the neutral one is what an unknown key falls back to.
 */
export interface HouseStyle {
  key: string;
  /** Display name, e.g. in the template editor. */
  name: string;
  /** Header bar and button background; white text must stay readable on it. */
  primaryColor: string;
  /** Accent line under the header bar. */
  accentColor: string;
  /** The logo: a styled text wordmark in the header bar. */
  wordmark: string;
  /** Sender line in the footer. */
  footer: string;
  /** Absolute URL of the logo image (shown instead of the wordmark in mails), if any. */
  logoUrl?: string | null;
  /** The card systems (partners) whose new templates start with this style. */
  cardSystems?: string[];
}

function regional(key: string, city: string, primaryColor: string, accentColor: string, site: string): HouseStyle {
  const name = `UiTPAS ${city}`;
  return { key, name, primaryColor, accentColor, wordmark: name, footer: `${name} · ${site}` };
}

export const NEUTRAL_HOUSE_STYLE_KEY = 'neutral';

export const HOUSE_STYLES: Readonly<Record<string, HouseStyle>> = Object.freeze({
  neutral: { key: 'neutral', name: 'UiTPAS (neutraal)', primaryColor: '#1f2937', accentColor: '#e4007d', wordmark: 'UiTPAS', footer: 'UiTPAS · www.uitpas.be' },
  'uitpas-gent': regional('uitpas-gent', 'Gent', '#0b3d6b', '#f2a900', 'www.uitpas.be/gent'),
  'uitpas-leuven': regional('uitpas-leuven', 'Leuven', '#9b1b30', '#f5c242', 'www.uitpas.be/leuven'),
  'uitpas-oostende': regional('uitpas-oostende', 'Oostende', '#005b82', '#4fc3d9', 'www.uitpas.be/oostende'),
  'uitpas-aalst': regional('uitpas-aalst', 'Aalst', '#8a1538', '#ffcd00', 'www.uitpas.be/aalst'),
  'uitpas-mechelen': regional('uitpas-mechelen', 'Mechelen', '#2e2a64', '#e94e1b', 'www.uitpas.be/mechelen'),
  'uitpas-kortrijk': regional('uitpas-kortrijk', 'Kortrijk', '#00594f', '#a4d65e', 'www.uitpas.be/kortrijk'),
  'uitpas-brugge': regional('uitpas-brugge', 'Brugge', '#6d2077', '#f7a823', 'www.uitpas.be/brugge'),
  'uitpas-dender': regional('uitpas-dender', 'Dender', '#1d5c2e', '#e2001a', 'www.uitpas.be/dender'),
});

/** The house style with this key; null, unknown keys and inherited names fall back to neutral. */
export function houseStyleOf(key: string | null | undefined): HouseStyle {
  if (key && Object.prototype.hasOwnProperty.call(HOUSE_STYLES, key)) return HOUSE_STYLES[key]!;
  return HOUSE_STYLES[NEUTRAL_HOUSE_STYLE_KEY]!;
}
