/** The admin downloads' columns, with their headers in Dutch and English, and statuses in words. */
import type { Column, Lang } from './table-file';

export const SEGMENT_COLUMNS: Column[] = [
  { key: 'uid', label: { nl: 'UiTPAS-nummer (UID)', en: 'UiTPAS number (UID)' }, width: 24 },
  { key: 'firstName', label: { nl: 'Voornaam', en: 'First name' } },
  { key: 'lastName', label: { nl: 'Achternaam', en: 'Last name' } },
  { key: 'email', label: { nl: 'E-mailadres', en: 'E-mail address' }, width: 30 },
  { key: 'phone', label: { nl: 'Telefoon', en: 'Phone' } },
];

export const PEOPLE_COLUMNS: Column[] = [
  { key: 'uid', label: { nl: 'UiTPAS-nummer (UID)', en: 'UiTPAS number (UID)' }, width: 24 },
  { key: 'firstName', label: { nl: 'Voornaam', en: 'First name' } },
  { key: 'lastName', label: { nl: 'Achternaam', en: 'Last name' } },
  { key: 'email', label: { nl: 'E-mailadres', en: 'E-mail address' }, width: 30 },
  { key: 'status', label: { nl: 'Status', en: 'Status' }, width: 28 },
  { key: 'sentAt', label: { nl: 'Verstuurd op', en: 'Sent at' }, width: 18 },
  { key: 'opens', label: { nl: 'Geopend (aantal keer)', en: 'Opened (times)' } },
  { key: 'clicks', label: { nl: 'Geklikt (aantal keer)', en: 'Clicked (times)' } },
  { key: 'unsubscribed', label: { nl: 'Uitgeschreven', en: 'Unsubscribed' } },
];

const DELIVERY_WORDS: Record<string, Record<Lang, string>> = {
  queued: { nl: 'wacht op versturen', en: 'waiting to be sent' },
  sending: { nl: 'wordt verstuurd', en: 'being sent' },
  sent: { nl: 'verstuurd', en: 'sent' },
  failed: { nl: 'mislukt', en: 'failed' },
  bounced: { nl: 'niet afgeleverd (bounce)', en: 'not delivered (bounce)' },
  cancelled: { nl: 'geannuleerd', en: 'cancelled' },
  holdout: { nl: 'controlegroep (niets gestuurd)', en: 'holdout (nothing sent)' },
};

export const deliveryWord = (status: string, lang: Lang) => DELIVERY_WORDS[status]?.[lang] ?? status;
export const yesNo = (v: boolean, lang: Lang) => (v ? { nl: 'ja', en: 'yes' } : { nl: 'nee', en: 'no' })[lang];

export const AUDIENCE_COLUMNS: Column[] = [...SEGMENT_COLUMNS, { key: 'addedBy', label: { nl: 'Toegevoegd door', en: 'Added by' }, width: 30 }];

/** The step that added a holder to a mailing's audience, in words ("stap 2", "met de hand: reden"). */
export function stepWord(index: number | undefined, steps: number, manual: { reason?: string }[], lang: Lang): string | null {
  if (index === undefined || index < 0) return null;
  if (index < steps) return `${lang === 'nl' ? 'stap' : 'step'} ${index + 1}`;
  const reason = manual[index - steps]?.reason;
  return `${lang === 'nl' ? 'met de hand' : 'by hand'}${reason ? `: ${reason}` : ''}`;
}
