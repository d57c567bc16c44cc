/**
 * Admin downloads (routes in ../routes.ts, behind the export action, like the CSVs they stand
 * beside): a saved segment's holders and a mailing's per-person results, as XLSX or as CSV with `;`
 * (table-file.ts), headers and statuses in the UI's language. The token API's exports are unchanged.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { parse } from 'csv-parse';
import { scopeOf } from '../common/scope';
import { getService } from '../services';
import { people } from '../campaigns/stats';
import { AUDIENCE_COLUMNS, PEOPLE_COLUMNS, SEGMENT_COLUMNS, deliveryWord, stepWord, yesNo } from './columns';
import { parseDownloadQuery, sendTable, type Cell } from './table-file';

/** The token API's CSV (a stream, comma, header line) read back as rows; a defused formula cell loses its apostrophe. */
async function* csvRows(csv: NodeJS.ReadableStream): AsyncGenerator<Cell[]> {
  let header = true;
  for await (const record of csv.pipe(parse({ relax_column_count: true })) as AsyncIterable<string[]>) {
    if (header) {
      header = false;
      continue;
    }
    yield record.map((v) => (/^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v || null));
  }
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async segment(ctx: Context) {
    const { format, lang } = parseDownloadQuery(ctx);
    const { documentId } = ctx.params;
    const stream = await getService(strapi, 'segments').savedExport(documentId, {}, scopeOf(ctx));
    await getService(strapi, 'audit').record({
      action: 'segment.export',
      subject: { type: 'segment', id: documentId, label: stream.segmentName ?? null },
      rows: stream.total,
    });
    ctx.set('X-Total-Count', String(stream.total));
    sendTable(ctx, { name: stream.segmentName ?? `segment-${documentId}`, format, lang, columns: SEGMENT_COLUMNS, rows: csvRows(stream) });
  },

  async people(ctx: Context) {
    const { format, lang } = parseDownloadQuery(ctx);
    await getService(strapi, 'recorder').flush();
    const c = await getService(strapi, 'campaigns').load(ctx.params.documentId, scopeOf(ctx));
    await getService(strapi, 'audit').record({
      action: 'campaign.export',
      subject: { type: 'campaign', id: c.documentId, label: c.name },
      rows: Number(c.total ?? 0),
    });
    const knex = strapi.db.connection;
    async function* rows(): AsyncGenerator<Cell[]> {
      for await (const r of people(knex, c.id))
        yield [
          r.uid,
          r.firstName,
          r.lastName,
          r.email,
          deliveryWord(r.status, lang),
          r.sentAt ? new Date(r.sentAt) : null,
          r.opens,
          r.clicks,
          yesNo(r.unsubscribed, lang),
        ];
    }
    sendTable(ctx, { name: `mailing-${c.name}`, format, lang, columns: PEOPLE_COLUMNS, rows: rows(), sheet: lang === 'nl' ? 'Ontvangers' : 'Recipients' });
  },

  /** A mailing's generated audience (the review list), with the step that added each holder. */
  async audience(ctx: Context) {
    const { format, lang } = parseDownloadQuery(ctx);
    const a = await getService(strapi, 'mailingAudiences').exportable(ctx.params.documentId, scopeOf(ctx));
    await getService(strapi, 'audit').record({
      action: 'campaign.export',
      subject: { type: 'campaign', id: ctx.params.documentId, label: a.name },
      rows: a.addedBy.size,
    });
    async function* rows(): AsyncGenerator<Cell[]> {
      for await (const row of csvRows(a.csv)) yield [...row, stepWord(a.addedBy.get(a.idOf(String(row[0]))), a.steps, a.manual, lang)];
    }
    sendTable(ctx, { name: `ontvangers-${a.name}`, format, lang, columns: AUDIENCE_COLUMNS, rows: rows(), sheet: lang === 'nl' ? 'Ontvangers' : 'Recipients' });
  },
});
