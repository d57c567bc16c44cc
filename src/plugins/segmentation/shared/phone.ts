/**
 * Mobile numbers (issue 20): what a holder's phone field holds, as the E.164 number an SMS goes to.
 * Shared by the server (who can get an SMS) and the admin (checking a number as it is typed).
 */
import { parsePhoneNumberFromString, isSupportedCountry, type CountryCode } from 'libphonenumber-js/max';

const MOBILE_TYPES = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE']);

/** Whether `region` is a country code libphonenumber knows (e.g. BE, NL). */
export const isRegion = (region: string): region is CountryCode => isSupportedCountry(region);

/**
 * `raw` as an E.164 number (`+32475123456`) when it is a valid mobile number, national numbers read
 * as `region`'s (`0475 12 34 56`, `0032 475...`); null for landlines, invalid numbers and garbage.
 */
export function normaliseMobile(raw: string, region: string = 'BE'): string | null {
  if (typeof raw !== 'string' || !raw.trim()) return null;
  const number = parsePhoneNumberFromString(raw, isRegion(region) ? region : undefined);
  if (!number?.isValid()) return null;
  const type = number.getType();
  return type && MOBILE_TYPES.has(type) ? number.number : null;
}
