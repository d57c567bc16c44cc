/** The editor's state of a campaign, from and to what the admin routes take. */
import type { Campaign, CampaignInput } from './api';
import { channelsOf, mailingChannelOf, type MailingChannel } from '../../../shared/channels';

export interface Draft {
  name: string;
  segment: string | null;
  template: string | null;
  channel: MailingChannel;
  letterTemplate: string | null;
  smsTemplate: string | null;
  scheduledAt: Date | null;
  holdoutPercent: number;
  rate: number | null;
  recentDays: number;
}

export const DEFAULT_RECENT_DAYS = 21;

export const emptyDraft = (segment: string | null = null, template: string | null = null): Draft => ({
  name: '',
  segment,
  template,
  channel: 'email',
  letterTemplate: null,
  smsTemplate: null,
  scheduledAt: null,
  holdoutPercent: 0,
  rate: null,
  recentDays: DEFAULT_RECENT_DAYS,
});

export const toDraft = (c: Campaign): Draft => ({
  name: c.name,
  segment: c.segment?.documentId ?? null,
  template: c.template?.documentId ?? null,
  channel: mailingChannelOf(c.channel),
  letterTemplate: c.letterTemplate?.documentId ?? null,
  smsTemplate: c.smsTemplate?.documentId ?? null,
  scheduledAt: c.scheduledAt ? new Date(c.scheduledAt) : null,
  holdoutPercent: c.holdoutPercent ?? 0,
  rate: c.rate ?? null,
  recentDays: c.recentDays ?? DEFAULT_RECENT_DAYS,
});

/** The template pickers a mailing channel needs. */
export function templateFields(channel: MailingChannel): ('template' | 'letterTemplate' | 'smsTemplate')[] {
  const parts = channelsOf(channel);
  return [
    ...(parts.includes('email') ? (['template'] as const) : []),
    ...(parts.includes('post') ? (['letterTemplate'] as const) : []),
    ...(parts.includes('sms') ? (['smsTemplate'] as const) : []),
  ];
}

/**
 * The letter and SMS templates are sent only when the channel has a post or SMS part (so an e-mail
 * mailing is saved with the same keys as before channels); the e-mail template is sent empty when
 * the channel has no e-mail part.
 */
export const toInput = (d: Draft): CampaignInput => ({
  name: d.name.trim(),
  segment: d.segment,
  template: channelsOf(d.channel).includes('email') ? d.template : null,
  channel: d.channel,
  ...(channelsOf(d.channel).includes('post') ? { letterTemplate: d.letterTemplate } : {}),
  ...(channelsOf(d.channel).includes('sms') ? { smsTemplate: d.smsTemplate } : {}),
  scheduledAt: d.scheduledAt ? d.scheduledAt.toISOString() : null,
  holdoutPercent: d.holdoutPercent,
  rate: d.rate,
  recentDays: d.recentDays,
});

/** Problems the editor can see before asking the server, per field (translation keys). */
export function checkDraft(d: Draft): Record<string, string> {
  const out: Record<string, string> = {};
  if (!d.name.trim()) out.name = 'campaign.error.name';
  if (!Number.isInteger(d.holdoutPercent) || d.holdoutPercent < 0 || d.holdoutPercent > 50) out.holdoutPercent = 'campaign.error.holdoutPercent';
  if (!Number.isInteger(d.recentDays) || d.recentDays < 0 || d.recentDays > 365) out.recentDays = 'campaign.error.recentDays';
  if (d.rate !== null && (!Number.isInteger(d.rate) || d.rate < 1 || d.rate > 10_000)) out.rate = 'campaign.error.rate';
  return out;
}

export const sameDraft = (a: Draft, b: Draft) => JSON.stringify(toInput(a)) === JSON.stringify(toInput(b));
