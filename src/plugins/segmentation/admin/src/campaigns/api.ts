/** Calls to the plugin's admin routes for campaigns (/segmentation/campaigns/...), and their answers. */
import { useFetchClient } from '@strapi/strapi/admin';
import type { CampaignStatus } from '../../../shared/campaign-lifecycle';
import type { MailingChannel } from '../../../shared/channels';
import type { PeopleList, PeoplePage } from '../../../shared/mailing-people';

export type { CampaignStatus };

export const BASE = '/plugins/mailings/campaigns';

/** What the editor sends (POST / PUT); the server refuses any other key. */
export interface CampaignInput {
  name: string;
  segment: string | null;
  template: string | null;
  channel: MailingChannel;
  /** Sent only when the channel has a post or an SMS part. */
  letterTemplate?: string | null;
  smsTemplate?: string | null;
  scheduledAt: string | null;
  holdoutPercent: number;
  rate: number | null;
  recentDays: number;
}

/** A template as a choice: its channel (absent: e-mail, as before channels). */
export type TemplateChannel = 'email' | 'letter' | 'sms';
export interface TemplateRef {
  documentId: string;
  name: string;
  channel?: TemplateChannel;
}

export interface Campaign {
  id?: number;
  documentId: string;
  name: string;
  status: CampaignStatus;
  scheduledAt: string | null;
  holdoutPercent: number | null;
  rate: number | null;
  recentDays: number | null;
  /** The confirmation's "leave them out": recently mailed holders are left out of the send. */
  excludeRecentlyMailed?: boolean | null;
  startedAt: string | null;
  finishedAt: string | null;
  lastError: string | null;
  total: number | null;
  holdout: number | null;
  excluded: Record<string, number> | null;
  createdAt: string;
  updatedAt: string;
  segment?: { documentId: string; name: string; lastTotal?: number | null; lastWithEmail?: number | null } | null;
  template?: {
    documentId: string;
    name: string;
    subject?: string;
    senderName?: string | null;
    sender?: { email: string; displayName: string | null; status: string } | null;
  } | null;
  owner?: { firstname?: string; lastname?: string } | null;
  channel?: MailingChannel | null;
  letterTemplate?: TemplateRef | null;
  smsTemplate?: TemplateRef | null;
}

/** Per channel, how many of the send get what (issue 20). */
export interface ConfirmationChannels {
  email: number;
  sms: number;
  post: number;
  none: number;
  unreachable: Record<string, number>;
  /** Holders to reach by SMS whose number another holder of the send has (one SMS per number). */
  smsDuplicates: number;
}

export interface Confirmation {
  channel?: MailingChannel;
  channels?: ConfirmationChannels;
  /** Holders the segment selects (before exclusions). */
  selected: number;
  recipients: number;
  holdout: number;
  /** `recentlyMailed` is there only when the campaign leaves recently mailed holders out. */
  excluded: Record<string, number>;
  recentlyMailed: { days: number; holders: number };
}

/** A template's subject as written and as a (made-up) sample holder reads it (null: cannot be rendered). */
export interface SubjectSample {
  subject: string;
  sample: string | null;
  holder: string;
}

export interface Progress {
  status: CampaignStatus;
  total: number;
  sent: number;
  failed: number;
  queued: number;
  done: number;
  ratePerSecond: number;
  etaSeconds: number | null;
  lastError: string | null;
}

interface Rate {
  n: number;
  pct: number | null;
}

export interface Stats {
  campaign: {
    documentId: string;
    name: string;
    status: CampaignStatus;
    startedAt: string | null;
    finishedAt: string | null;
    total: number | null;
    excluded: Record<string, number> | null;
  };
  queued: number;
  holdout: number;
  /** Accepted by the relay. */
  sent: number;
  /** Every mail handed on, refused at once included: the base of delivered, blocked and bounced. */
  verstuurd: number;
  delivered: Rate;
  blocked: Rate;
  bounced: Rate & { hard: number; soft: number };
  opened: Rate & { total: number; machine: number };
  clicked: { n: number; clickToOpen: number | null; clickThrough: number | null; total: number };
  unsubscribed: Rate;
  spam: Rate;
  links: { url: string; total: number; unique: number }[];
  /** The SMS and post parts of a mailing (issue 20); e-mail is the figures above. */
  channels?: {
    sms?: { sent: number; delivered: number; failed: number; optOuts: number; segments: number };
    post?: { letters: number; doneAt: string | null };
  };
  timeline: { type: 'open' | 'click'; hour: string; n: number }[];
}

export const CONVERSION_TYPES = ['CHECKIN', 'CASHIN', 'TICKET'] as const;
export type ConversionType = (typeof CONVERSION_TYPES)[number];

export interface ConversionQuery {
  type: ConversionType;
  days: number;
  event?: string;
  advantage?: string;
}

interface Group {
  holders: number;
  converted: number;
  rate: number | null;
}

export interface Conversion {
  recipients: Group;
  holdout: Group;
  uplift: number | null;
}

export interface Choice {
  documentId: string;
  name: string;
}

export function useCampaignsApi() {
  const { get, post, put } = useFetchClient();
  const url = (documentId: string, action = '') => `/segmentation/campaigns/${documentId}${action ? `/${action}` : ''}`;
  return {
    list: async () => (await get<{ results: Campaign[] }>('/segmentation/campaigns')).data.results,
    get: async (documentId: string) => (await get<Campaign>(url(documentId))).data,
    create: async (data: CampaignInput) => (await post<Campaign>('/segmentation/campaigns', data)).data,
    update: async (documentId: string, data: CampaignInput) => (await put<Campaign>(url(documentId), data)).data,
    confirmation: async (documentId: string) => (await get<Confirmation>(url(documentId, 'confirmation'))).data,
    /** Leaves recently mailed holders out of the send (or takes them back); the new confirmation. */
    leaveOutRecent: async (documentId: string, exclude: boolean) => (await put<Confirmation>(url(documentId, 'recently-mailed'), { exclude })).data,
    act: async (documentId: string, action: 'send' | 'pause' | 'resume' | 'cancel') => (await post<Campaign>(url(documentId, action), {})).data,
    subject: async (template: string, campaign?: string) =>
      (await get<SubjectSample>('/segmentation/campaigns/subject', { params: campaign ? { template, campaign } : { template } })).data,
    progress: async (documentId: string, signal?: AbortSignal) => (await get<Progress>(url(documentId, 'progress'), { signal })).data,
    stats: async (documentId: string) => (await get<Stats>(url(documentId, 'stats'))).data,
    /** One page of a per-person list of the statistics (personal data). */
    people: async (documentId: string, params: { list: PeopleList; q?: string; link?: string; page: number; pageSize: number }) =>
      (await get<PeoplePage>(url(documentId, 'stats/people'), { params })).data,
    conversion: async (documentId: string, query: ConversionQuery) => (await post<Conversion>(url(documentId, 'conversion'), query)).data,
    segments: async () =>
      (await get<{ results: (Choice & { lastTotal: number | null; lastWithEmail: number | null })[] }>('/segmentation/segments', { params: { pageSize: 100 } }))
        .data.results,
    segment: async (documentId: string) =>
      (await get<Choice & { lastTotal: number | null; lastWithEmail: number | null }>(`/segmentation/segments/${documentId}`)).data,
    /** Events, advantages, ... by name or key (the segment builder's reference search). */
    reference: async (kind: 'events' | 'advantages', q: string) =>
      (await get<{ results: { key: string; name: string }[] }>(`/segmentation/reference/${kind}`, { params: { q, pageSize: 20 } })).data.results,
    templates: async () =>
      (await get<{ results: (NonNullable<Campaign['template']> & { channel?: TemplateChannel })[] }>('/segmentation/templates', { params: { pageSize: 100 } }))
        .data.results,
  };
}
