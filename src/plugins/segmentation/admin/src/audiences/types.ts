/** The answers of a mailing's audience routes, as types (no runtime imports: the unit tests load them). */
import type { AudienceStep, Outcome, StepMode, StepSource } from '../../../shared/audience';
import type { CampaignStatus } from '../../../shared/campaign-lifecycle';
import type { Channel, MailingChannel } from '../../../shared/channels';

export type { AudienceStep, Outcome, StepMode };

export interface StepSummary extends AudienceStep {
  index: number;
  source: StepSource;
  added?: number;
  removed?: number;
}

export interface ManualStep {
  index: number;
  mode: StepMode;
  uid: string;
  reason?: string | null;
  at?: string;
  added?: number;
  removed?: number;
  noEffect?: boolean;
}

export interface ChangedSegment {
  step: number;
  segment: string;
  name: string;
  before: number;
  now: number;
}

export interface Generated {
  at: string;
  version: number;
  total: number;
  withEmail: number;
  withPhone: number;
  leftOutEarlier: number;
  changedSegments: ChangedSegment[];
  /** The mailing's channel the holders' channels were chosen for (issue 20). */
  channel?: MailingChannel;
  channels?: ChannelCounts;
}

/** How many generated holders get each channel; those on none per reason; how many were moved by hand. */
export interface ChannelCounts {
  email: number;
  post: number;
  sms: number;
  none: number;
  unreachable: Record<string, number>;
  changedByHand: number;
}

/** The members list's channel filter (`none`: reachable on none of the mailing's channels). */
export type ChannelFilter = Channel | 'none';

export interface Audience {
  steps: StepSummary[];
  manual: ManualStep[];
  waveGroup: string | null;
  leaveOutEarlier: boolean;
  generated: Generated | null;
  /** The wave groups (campaigns) named on the partner's mailings, to choose from. */
  waveGroups?: string[];
}

export interface AudienceInput {
  steps: AudienceStep[];
  waveGroup?: string | null;
  leaveOutEarlier?: boolean;
}

export interface Member {
  uid: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  addedBy: number | null;
  /** The holder's channel in this mailing, or null with the reason (a reason key) it has none. */
  channel?: Channel | null;
  unreachable?: string | null;
}

export interface MembersPage {
  total: number;
  page: number;
  pageSize: number;
  items: Member[];
}

export interface ListProblem {
  line: number;
  uid: string | null;
  kind: 'unknown' | 'outOfScope' | 'duplicate' | 'unreadable';
  message: string;
}

export interface UploadedList {
  list: string;
  name: string;
  rows: number;
  kept: number;
  notLinked: number;
  problemCounts: Record<ListProblem['kind'], number>;
  problems: ListProblem[];
}

export interface Mailing {
  documentId: string;
  name: string;
  status: CampaignStatus;
  doneAt?: string | null;
  channel?: MailingChannel | null;
}

export interface Choice {
  documentId: string;
  name: string;
}
