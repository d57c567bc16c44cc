/**
 * Normalised postcode (docs/segment-definitions.md, "Postcodes"): trim spaces and tabs; if the
 * value then begins with exactly four ASCII digits followed by the end or a non-digit, those four
 * digits. Anything else has none (null) and matches no postcode filter.
 */
export function normalisePostcode(raw: string): string | null {
  const match = /^(\d{4})(?!\d)/.exec(raw.replace(/^[ \t]+|[ \t]+$/g, ''));
  return match ? match[1]! : null;
}
