/** What the admin panel may send to create or change a campaign; any other key is refused. */
import { z } from 'zod';
import { mailingChannelSchema } from '../../../shared/channels';

export const campaignInput = z.strictObject({
  name: z.string().trim().min(1, 'A name is required').max(255),
  segment: z.string().min(1).max(64).nullable().optional(),
  template: z.string().min(1).max(64).nullable().optional(),
  channel: mailingChannelSchema.optional(),
  /** The letter template of a mailing with a post part, the SMS template of one with an SMS part. */
  letterTemplate: z.string().min(1).max(64).nullable().optional(),
  smsTemplate: z.string().min(1).max(64).nullable().optional(),
  scheduledAt: z.iso.datetime({ offset: true }).nullable().optional(),
  holdoutPercent: z.number().int().min(0).max(50).optional(),
  rate: z.number().int().min(1).max(10_000).nullable().optional(),
  recentDays: z.number().int().min(0).max(365).optional(),
  excludeRecentlyMailed: z.boolean().optional(),
  cardSystem: z.string().min(1).max(255).nullable().optional(),
});

export type CampaignInput = z.infer<typeof campaignInput>;

/** The confirmation's choice: leave recently mailed holders out (true) or take them back. */
export const recentChoice = z.strictObject({ exclude: z.boolean() });
