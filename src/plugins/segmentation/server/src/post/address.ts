/**
 * Postal addresses: the lines on an envelope or label and the order letters are handed in in
 * (by postcode, for bpost's sorting discounts).
 */
export interface PostalAddress {
  /** The addressee, as it goes on the envelope: "An Peeters". */
  name: string;
  /** Street and number (and box): "Kerkstraat 12 bus 3". */
  street: string;
  postcode: string;
  city: string;
  /** Only for an address abroad; left out for Belgium. */
  country?: string | null;
}

const clean = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();

/** The address as its lines: name, street, "postcode city" and the country when given. */
export function addressLines(a: PostalAddress): string[] {
  const lines = [clean(a.name), clean(a.street), `${clean(a.postcode)} ${clean(a.city)}`.trim()];
  const country = clean(a.country);
  if (country) lines.push(country.toUpperCase());
  return lines.filter((l) => l.length > 0);
}

const collator = new Intl.Collator('nl-BE', { numeric: true, sensitivity: 'base' });

/** A Belgian postcode (4 digits) as its number; anything else sorts after every Belgian one. */
function postcodeNumber(postcode: string): number {
  const p = clean(postcode);
  return /^\d{4}$/.test(p) ? Number(p) : Number.POSITIVE_INFINITY;
}

/** What postal order looks at: a letter's address, or a holder (named by first and last name when `name` is absent). */
export interface PostalSortKey {
  postcode: string;
  street: string;
  name?: string | null;
  firstName?: string | null;
  lastName?: string | null;
}

const nameOf = (a: PostalSortKey): string => clean(a.name ?? [a.firstName, a.lastName].filter(Boolean).join(' '));

/** Postcode (numerically, Belgian ones first), then street (house numbers in numeric order), then name. */
export function comparePostal(a: PostalSortKey, b: PostalSortKey): number {
  const pa = postcodeNumber(a.postcode);
  const pb = postcodeNumber(b.postcode);
  if (pa !== pb) return pa < pb ? -1 : 1;
  return collator.compare(clean(a.postcode), clean(b.postcode)) || collator.compare(clean(a.street), clean(b.street)) || collator.compare(nameOf(a), nameOf(b));
}

/** A sorted copy of `rows` in postal order (see comparePostal); the sort is stable. */
export function sortForPost<T extends PostalSortKey>(rows: readonly T[]): T[] {
  return [...rows].sort(comparePostal);
}
