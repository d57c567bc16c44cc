/**
 * A finished demo mailing, so the statistics page has something to show on a fresh demo: a segment
 * (UiTPAS Gent), a campaign to it sent two weeks ago with a 5 % holdout, and deterministic delivery
 * and tracking rows (bounces, opens — some by machines —, clicks, unsubscribes, a complaint). The
 * recipients are chosen by the real service (exclusions included); no mail is actually sent.
 */
import type { Core } from '@strapi/strapi';
import { rng } from './random';
import { CAMPAIGN_UID } from '../campaigns/service';
import { insertDeliveries } from '../campaigns/queries';
import { DELIVERY, STATUS } from '../../../shared/campaign-lifecycle';
import { insertEvents, suppress, type TrackEvent } from '../tracking/queries';
import { TEMPLATE_UID } from '../templates/service';
import { getService } from '../services';

const DAY = 86_400_000;

export async function ensureDemoCampaign(strapi: Core.Strapi): Promise<void> {
  if ((await strapi.db.query(CAMPAIGN_UID).count()) > 0) return;
  const template = (await strapi.db.query(TEMPLATE_UID).findOne({ where: { name: 'Zomerkampen 2026' } })) as { documentId: string } | null;
  if (!template) return;
  const segment = await strapi.documents('plugin::segmentation.segment').create({
    data: {
      name: 'UiTPAS Gent',
      cardSystem: 'uitpas-gent',
      description: 'Alle pashouders van UiTPAS Gent',
      definition: { version: 1, groups: [{ filters: [{ type: 'cardSystem', cardSystems: ['uitpas-gent'] }] }] },
    },
  });
  const campaign = await strapi.documents(CAMPAIGN_UID).create({
    data: { name: 'Zomerkampen 2026 — Gent', cardSystem: 'uitpas-gent', segment: segment.documentId, template: template.documentId, holdoutPercent: 5 },
  });
  const campaigns = getService(strapi, 'campaigns');
  const loaded = await campaigns.load(campaign.documentId);
  const snapshot = await campaigns.snapshot(loaded, null);
  const { recipients } = await campaigns.audience(loaded, null);
  const knex = strapi.db.connection;
  const sentAt = Date.now() - 14 * DAY;
  await knex.transaction(async (trx) => {
    await trx('seg_campaigns')
      .where({ id: loaded.id })
      .update({
        status: STATUS.sent,
        started_at: new Date(sentAt),
        finished_at: new Date(sentAt + 40 * 60_000),
        total: recipients.send.length,
        holdout: recipients.holdout.length,
        excluded: JSON.stringify(recipients.excluded),
        snapshot: JSON.stringify(snapshot),
      });
    const rows = [
      ...recipients.send.map((r, i) => ({
        campaign_id: loaded.id,
        ...r,
        status: DELIVERY.sent,
        attempts: 1,
        sent_at: sentAt + Math.floor(i / 10) * 1000,
        template_version: snapshot.version,
      })),
      ...recipients.holdout.map((r) => ({ campaign_id: loaded.id, ...r, status: DELIVERY.holdout, attempts: 0, sent_at: null, template_version: null })),
    ];
    await insertDeliveries(trx, rows);
  });
  const deliveries = await knex('seg_deliveries').where({ campaign_id: loaded.id, status: DELIVERY.sent }).select('id', 'uid', 'email', 'sent_at');
  const r = rng(73_542);
  const events: TrackEvent[] = [];
  const bounced: number[] = [];
  const suppressed: { email: string; reason: 'unsubscribed' | 'hard_bounce' | 'complaint' }[] = [];
  // The demo template's button, personalised as a real send would (statistics show it by its template form).
  const url = (uid: string) => `https://www.uitinvlaanderen.be/?uitpas=${encodeURIComponent(uid)}`;
  for (const d of deliveries) {
    const at = (hours: number) => Number(d.sent_at) + Math.floor(hours * 3_600_000);
    const roll = r();
    if (roll < 0.012) {
      events.push({ delivery_id: d.id, campaign_id: loaded.id, type: 'bounce', detail: roll < 0.008 ? 'hard' : 'soft', machine: false, at: at(0.1) });
      if (roll < 0.008) {
        bounced.push(d.id);
        suppressed.push({ email: d.email, reason: 'hard_bounce' });
      }
      continue;
    }
    if (r() < 0.12) events.push({ delivery_id: d.id, campaign_id: loaded.id, type: 'open', detail: null, machine: true, at: at(0.001) });
    if (r() < 0.42) {
      const first = 72 * r() ** 3;
      const opens = 1 + Math.floor(3 * r() ** 2);
      for (let k = 0; k < opens; k++)
        events.push({ delivery_id: d.id, campaign_id: loaded.id, type: 'open', detail: null, machine: false, at: at(first + 24 * k * r()) });
      if (r() < 0.25) events.push({ delivery_id: d.id, campaign_id: loaded.id, type: 'click', detail: url(d.uid), machine: false, at: at(first + 0.05) });
      if (r() < 0.006) {
        events.push({ delivery_id: d.id, campaign_id: loaded.id, type: 'unsubscribe', detail: null, machine: false, at: at(first + 0.1) });
        suppressed.push({ email: d.email, reason: 'unsubscribed' });
      }
      if (r() < 0.0008) {
        events.push({ delivery_id: d.id, campaign_id: loaded.id, type: 'complaint', detail: null, machine: false, at: at(first + 1) });
        suppressed.push({ email: d.email, reason: 'complaint' });
      }
    }
  }
  await insertEvents(knex, events);
  for (let i = 0; i < bounced.length; i += 500)
    await knex('seg_deliveries')
      .whereIn('id', bounced.slice(i, i + 500))
      .update({ status: 'bounced', error: '550 no such user (demo)' });
  for (const x of suppressed) await suppress(knex, x.email, x.reason, loaded.id);
  strapi.log.info(`[demo] mailing '${loaded.name}': ${deliveries.length} sent, ${events.length} tracking events`);
}
