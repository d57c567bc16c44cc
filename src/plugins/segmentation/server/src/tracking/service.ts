/**
 * What the public tracking routes change (controller.ts answers them): an unsubscribe and a batch of
 * bounce / complaint events from the mail provider, each written in one transaction, so a failure
 * halfway leaves nothing half done (no suppression without its event, no bounced delivery without
 * its suppression). Opens and clicks are buffered apart (recorder.ts).
 */
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { secretOf } from '../common/secret';
import { verifyToken, type TokenPayload } from './tokens';
import { addEvent, deliveryById, deliveryByMessageId, markBounced, suppress } from './queries';

/** The body of the bounce / complaint webhook. */
export const webhookBody = z.object({
  events: z
    .array(
      z.object({
        type: z.enum(['delivered', 'bounce', 'complaint', 'blocked']),
        messageId: z.string().max(255).optional(),
        bounceType: z.enum(['hard', 'soft']).optional(),
        reason: z.string().max(500).optional(),
      }),
    )
    .max(1000),
});
export type ProviderEvent = z.infer<typeof webhookBody>['events'][number];

/** An unsubscribe token: `c` the campaign ('test' for a test mail), `d` the delivery. */
interface UnsubscribeToken extends TokenPayload {
  c: string;
  d?: number;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = {
    /** The payload of a valid unsubscribe token, or null (a forged or altered one). */
    unsubscribeToken(token: string): UnsubscribeToken | null {
      return verifyToken<UnsubscribeToken>(secretOf(strapi), token, 'unsub');
    },

    /**
     * Unsubscribes the recipient of the token's delivery: every later send leaves the address out.
     * 'invalid': a forged or altered token; 'test': a test mail's (nobody is unsubscribed).
     */
    async unsubscribe(token: string): Promise<'invalid' | 'test' | 'unsubscribed'> {
      const payload = service.unsubscribeToken(token);
      if (!payload) return 'invalid';
      if (payload.c === 'test' || !payload.d) return 'test';
      const deliveryId = payload.d;
      return strapi.db.connection.transaction(async (trx) => {
        const delivery = await deliveryById(trx, deliveryId);
        if (!delivery) return 'test';
        await suppress(trx, delivery.email, 'unsubscribed', delivery.campaign_id);
        await addEvent(trx, delivery, 'unsubscribe', null);
        return 'unsubscribed';
      });
    },

    /** Records the provider's events for the deliveries they name; how many named one of ours. */
    async providerEvents(events: ProviderEvent[]): Promise<{ received: number; matched: number }> {
      let matched = 0;
      await strapi.db.connection.transaction(async (trx) => {
        for (const e of events) {
          const delivery = e.messageId ? await deliveryByMessageId(trx, e.messageId) : null;
          if (!delivery) continue;
          matched += 1;
          if (e.type === 'bounce') {
            const hard = e.bounceType !== 'soft';
            await addEvent(trx, delivery, 'bounce', hard ? 'hard' : 'soft');
            if (hard) {
              await markBounced(trx, delivery.id, e.reason ?? 'hard bounce');
              await suppress(trx, delivery.email, 'hard_bounce', delivery.campaign_id);
            }
          } else if (e.type === 'complaint') {
            await addEvent(trx, delivery, 'complaint', e.reason ?? null);
            await suppress(trx, delivery.email, 'complaint', delivery.campaign_id);
          } else await addEvent(trx, delivery, e.type, e.reason ?? null);
        }
      });
      return { received: events.length, matched };
    },
  };
  return service;
};
