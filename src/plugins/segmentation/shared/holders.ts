/** What the pass-holder routes answer (server and admin alike): a search match, the card, the contact history. */
export interface HolderMatch {
  uid: string;
  firstName: string | null;
  lastName: string | null;
}

export interface HolderCard extends HolderMatch {
  email: string | null;
  phone: string | null;
  street: string | null;
  postcode: string | null;
  city: string | null;
  language: string | null;
}

/** One mail of a holder's contact history. */
export interface HistoryItem {
  mailing: { documentId: string; name: string | null; otherPartner: boolean; done: boolean };
  /** `email`, `sms` or `post` (a letter). */
  channel: string;
  sentAt: string | null;
  status: string;
  delivered: boolean;
  opened: boolean;
  clicked: boolean;
  bounced: boolean;
  unsubscribed: boolean;
  complained: boolean;
}

export interface HistoryPage {
  uid: string;
  total: number;
  page: number;
  pageSize: number;
  items: HistoryItem[];
}
