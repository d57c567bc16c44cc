/** Admin API of campaign statistics: figures, the per-person list (CSV) and lists (report/), conversion vs holdout (the work: stats.ts). */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { Readable, Transform } from 'stream';
import { z } from 'zod';
import { csvWriter } from '../common/csv';
import { parseInput } from '../common/errors';
import { scopeOf } from '../common/scope';
import { ACTION_TYPES } from '../../../shared/definition';
import { conversionAfter, people, statsOf, type PersonRow } from './stats';
import { getService } from '../services';

const conversionBody = z.strictObject({
  type: z.enum(ACTION_TYPES),
  event: z.string().min(1).max(255).optional(),
  advantage: z.string().min(1).max(255).optional(),
  counter: z.string().min(1).max(255).optional(),
  days: z.number().int().min(1).max(365).default(30),
});

export default ({ strapi }: { strapi: Core.Strapi }) => {
  // Buffered opens and clicks of this instance are written first (tracking/recorder.ts).
  const load = async (ctx: Context) => {
    await getService(strapi, 'recorder').flush();
    return getService(strapi, 'campaigns').load(ctx.params.documentId, scopeOf(ctx));
  };
  return {
    async stats(ctx: Context) {
      const c = await load(ctx);
      ctx.body = {
        campaign: {
          documentId: c.documentId,
          name: c.name,
          status: c.status,
          startedAt: c.startedAt,
          finishedAt: c.finishedAt,
          total: c.total,
          excluded: c.excluded,
        },
        ...(await statsOf(strapi.db.connection, c)),
      };
    },

    /** Who received it (and what they did), as CSV: replaces "export the segment before sending". */
    async people(ctx: Context) {
      const c = await load(ctx);
      const csv = csvWriter(['uid', 'email', 'status', 'sentAt', 'opens', 'clicks', 'unsubscribed']);
      await getService(strapi, 'audit').record({
        action: 'campaign.export',
        subject: { type: 'campaign', id: c.documentId, label: c.name },
        rows: Number(c.total ?? 0),
      });
      const rows = Readable.from(people(strapi.db.connection, c.id));
      rows.on('error', (e: Error) => csv.destroy(e));
      rows
        .pipe(
          new Transform({
            objectMode: true,
            transform: (r: PersonRow, _e, done) => done(null, [r.uid, r.email, r.status, r.sentAt, r.opens, r.clicks, r.unsubscribed ? 'yes' : 'no']),
          }),
        )
        .pipe(csv);
      ctx.type = 'text/csv; charset=utf-8';
      ctx.attachment(`campaign-${c.documentId}.csv`);
      ctx.body = csv;
    },

    /** One page of a per-person list (who opened, clicked, bounced, complained, unsubscribed): report/service.ts. */
    async peopleList(ctx: Context) {
      ctx.body = await getService(strapi, 'mailingPeople').people(ctx.params.documentId, ctx.query, scopeOf(ctx));
    },

    async conversion(ctx: Context) {
      const q = parseInput(conversionBody, ctx.request.body, 'conversion query');
      const c = await load(ctx);
      ctx.body = { query: q, ...(await conversionAfter(strapi.db.connection, c, q)) };
    },
  };
};
