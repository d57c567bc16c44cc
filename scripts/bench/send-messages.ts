/**
 * The baseline's input: every delivery of a sent campaign rendered again, exactly as the worker
 * renders it (campaigns/worker.ts deliver(): the plugin's compiled template, signed unsubscribe and
 * tracking links, List-Unsubscribe headers, the delivery's Message-ID), as the nodemailer message
 * the email provider builds, one JSON a line. Written before the baseline runs, so its time is
 * sending only.
 */
import type { Core } from '@strapi/strapi';
import { publicUrlOf, secretOf } from '../../src/plugins/segmentation/server/src/common/secret';
import { signToken } from '../../src/plugins/segmentation/server/src/tracking/tokens';
import { trackHtml } from '../../src/plugins/segmentation/server/src/tracking/links';
import { getService } from '../../src/plugins/segmentation/server/src/services';
import { sentDeliveries, snapshotOf, writeChunks } from './campaign';

/** Writes the messages of `campaignId`'s sent deliveries to `file`; resolves to their count and bytes. */
export async function renderMessages(strapi: Core.Strapi, campaignId: number, file: string): Promise<{ messages: number; bytes: number }> {
  const knex = strapi.db.connection;
  const snapshot = await snapshotOf(knex, campaignId);
  const compiled = await getService(strapi, 'templates').compile(snapshot.content!); // a mail campaign's snapshot has its e-mail content
  const base = publicUrlOf(strapi);
  const secret = secretOf(strapi);
  let messages = 0;
  const chunks = async function* () {
    for await (const page of sentDeliveries<{ id: number; holder_id: number; email: string }>(knex, campaignId, snapshot.scope, {}, ['email'])) {
      let chunk = '';
      for (const { delivery: d, person } of page) {
        const id = Number(d.id);
        const unsubscribeUrl = `${base}/api/segmentation/unsubscribe/${signToken(secret, { k: 'unsub', c: String(campaignId), d: id })}`;
        const mail = compiled.render(person, { unsubscribeUrl });
        const message = {
          from: snapshot.from,
          to: d.email,
          replyTo: snapshot.replyTo ?? undefined,
          subject: mail.subject,
          text: mail.text,
          html: trackHtml(mail.html, { base, secret, deliveryId: id, campaignId, sentAt: Date.now(), unsubscribeUrl }),
          messageId: `<d${id}.c${campaignId}@uitpas-segmentation>`,
          headers: {
            'List-Unsubscribe': `<${unsubscribeUrl}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
            'X-UiTPAS-Campaign': String(campaignId),
          },
        };
        chunk += `${JSON.stringify(message)}\n`;
        messages++;
      }
      yield chunk;
    }
  };
  const bytes = await writeChunks(file, chunks());
  return { messages, bytes };
}
