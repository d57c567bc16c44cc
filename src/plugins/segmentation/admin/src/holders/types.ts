/** The answers of the pass-holder routes, as types (no runtime imports: the unit tests load them). */
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

export interface HistoryItem {
  mailing: { documentId: string; name: string | null; otherPartner: boolean; done: boolean };
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
