/**
 * Which localisation of a template a holder gets (issue 21): their language where the template has
 * it, else the main one (Dutch, else the first of nl, fr, en, de); a mailing's forced language
 * (anything but 'holder') for everyone where the template has it.
 */
import { localeFor, mainLocale, orderLocales } from '../../src/plugins/segmentation/server/src/templates/records';

describe('template localisations', () => {
  test('the languages in their fixed order; the main one is Dutch, else the first', () => {
    expect(orderLocales(['de', 'fr', 'nl'])).toEqual(['nl', 'fr', 'de']);
    expect(mainLocale(['de', 'fr'])).toBe('fr');
    expect(mainLocale(['en', 'nl'])).toBe('nl');
    expect(mainLocale([])).toBeUndefined();
  });

  test("a holder's own language where the template has it, else the main one", () => {
    expect(localeFor(['nl', 'fr'], 'fr')).toBe('fr');
    expect(localeFor(['nl', 'fr'], 'FR')).toBe('fr');
    expect(localeFor(['nl', 'fr'], 'de')).toBe('nl');
    expect(localeFor(['nl', 'fr'], null)).toBe('nl');
    expect(localeFor(['fr', 'de'], 'en')).toBe('fr');
    expect(localeFor(['nl', 'fr'], 'fr', 'holder')).toBe('fr');
  });

  test('a forced language for everyone where the template has it, else the main one', () => {
    expect(localeFor(['nl', 'fr'], 'nl', 'fr')).toBe('fr');
    expect(localeFor(['nl', 'fr'], null, 'fr')).toBe('fr');
    expect(localeFor(['nl', 'fr'], 'fr', 'de')).toBe('nl');
    expect(localeFor(['nl', 'fr'], 'fr', 'nl')).toBe('nl');
  });
});
