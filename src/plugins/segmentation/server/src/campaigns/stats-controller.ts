/** Admin API of campaign statistics: figures, the per-person list (CSV), conversion vs holdout. */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { Readable, Transform } from 'stream';
import { csvWriter } from '../common/csv';
import { z } from 'zod';
import { errors } from '@strapi/utils';
import { parseInput, validationError } from '../common/errors';
import { scopeOf } from '../common/scope';
import { campaignStats, conversion, people, type PersonRow } from './stats';
import { linkForms } from '../tracking/link-forms';
import type { Snapshot } from './service';

const conversionBody = z.strictObject({
  type: z.enum(['CHECKIN', 'TICKET', 'CASHIN']),
  event: z.string().min(1).max(255).optional(),
  advantage: z.string().min(1).max(255).optional(),
  counter: z.string().min(1).max(255).optional(),
  days: z.number().int().min(1).max(365).default(30),
});
const DAY = 86_400_000;
/** The content the send froze (a JSON column: an object, or its text on some dialects). */
const snapshotOf = (c: { snapshot?: unknown }): Snapshot | null => (typeof c.snapshot === 'string' ? JSON.parse(c.snapshot) : ((c.snapshot as Snapshot) ?? null));

export default ({ strapi }: { strapi: Core.Strapi }) => {
  // Buffered opens and clicks of this instance are written first (tracking/recorder.ts).
  const load = async (ctx: Context) => {
    await strapi.plugin('segmentation').service('recorder').flush();
    return strapi.plugin('segmentation').service('campaigns').load(ctx.params.documentId, scopeOf(ctx));
  };
  const idOf = async (table: string, key: string | undefined, field: string) => {
    if (!key) return undefined;
    const row = await strapi.db.connection(table).where({ key }).first('id');
    if (!row) throw validationError(`Unknown ${field} '${key}'`, [{ path: [field], message: `Unknown ${field} '${key}'` }]);
    return Number(row.id);
  };
  return {
    async stats(ctx: Context) {
      const c = await load(ctx);
      ctx.body = { campaign: { documentId: c.documentId, name: c.name, status: c.status, startedAt: c.startedAt, finishedAt: c.finishedAt, total: c.total, excluded: c.excluded }, ...(await campaignStats(strapi.db.connection, c.id, linkForms(snapshotOf(c)?.content))) };
    },

    /** Who received it (and what they did), as CSV: replaces "export the segment before sending". */
    async people(ctx: Context) {
      const c = await load(ctx);
      const csv = csvWriter(['uid', 'email', 'status', 'sentAt', 'opens', 'clicks', 'unsubscribed']);
      await strapi.plugin('segmentation').service('audit').record({ action: 'campaign.export', subject: { type: 'campaign', id: c.documentId, label: c.name }, rows: Number(c.total ?? 0) });
      const rows = Readable.from(people(strapi.db.connection, c.id));
      rows.on('error', (e: Error) => csv.destroy(e));
      rows.pipe(new Transform({ objectMode: true, transform: (r: PersonRow, _e, done) => done(null, [r.uid, r.email, r.status, r.sentAt, r.opens, r.clicks, r.unsubscribed ? 'yes' : 'no']) })).pipe(csv);
      ctx.type = 'text/csv; charset=utf-8';
      ctx.attachment(`campaign-${c.documentId}.csv`);
      ctx.body = csv;
    },

    async conversion(ctx: Context) {
      const q = parseInput(conversionBody, ctx.request.body, 'conversion query');
      const c = await load(ctx);
      if (!c.startedAt) throw new errors.ApplicationError('The campaign has not been sent');
      const from = new Date(c.startedAt).getTime();
      ctx.body = {
        query: q,
        ...(await conversion(strapi.db.connection, c.id, {
          type: q.type,
          eventId: await idOf('seg_events', q.event, 'event'),
          advantageId: await idOf('seg_advantages', q.advantage, 'advantage'),
          counterId: await idOf('seg_counters', q.counter, 'counter'),
          from: new Date(from).toISOString(),
          to: new Date(from + q.days * DAY).toISOString(),
        })),
      };
    },
  };
};
