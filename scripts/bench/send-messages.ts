/**
 * The baseline's input: every delivery of a sent campaign rendered again, exactly as the worker
 * renders it (campaigns/worker.ts deliver(): the plugin's compiled template, signed unsubscribe and
 * tracking links, List-Unsubscribe headers, the delivery's Message-ID), as the nodemailer message
 * the email provider builds, one JSON a line. Written before the baseline runs, so its time is
 * sending only.
 */
import fs from 'fs';
import type { Core } from '@strapi/strapi';
import { publicUrlOf, secretOf } from '../../src/plugins/segmentation/server/src/common/secret';
import { recipientsByIds } from '../../src/plugins/segmentation/server/src/templates/queries';
import { signToken } from '../../src/plugins/segmentation/server/src/tracking/tokens';
import { trackHtml } from '../../src/plugins/segmentation/server/src/tracking/links';
import { getService } from '../../src/plugins/segmentation/server/src/services';
import type { Snapshot } from '../../src/plugins/segmentation/server/src/campaigns/snapshot';

const PAGE = 1_000;

/** Writes the messages of `campaignId`'s sent deliveries to `file`; resolves to their count and bytes. */
export async function renderMessages(strapi: Core.Strapi, campaignId: number, file: string): Promise<{ messages: number; bytes: number }> {
  const knex = strapi.db.connection;
  const row = await knex('seg_campaigns').where({ id: campaignId }).first('snapshot');
  const snapshot = (typeof row.snapshot === 'string' ? JSON.parse(row.snapshot) : row.snapshot) as Snapshot;
  const compiled = await getService(strapi, 'templates').compile(snapshot.content!); // a mail campaign's snapshot has its e-mail content
  const base = publicUrlOf(strapi);
  const secret = secretOf(strapi);
  const out = fs.createWriteStream(file);
  let messages = 0;
  let bytes = 0;
  for (let after = 0; ;) {
    const page = (await knex('seg_deliveries')
      .where({ campaign_id: campaignId, status: 'sent' })
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .select('id', 'holder_id', 'uid', 'email')) as { id: number; holder_id: number; uid: string; email: string }[];
    if (page.length === 0) break;
    after = Number(page[page.length - 1]!.id);
    const people = await recipientsByIds(
      knex,
      page.map((d) => Number(d.holder_id)),
      snapshot.scope,
    );
    let chunk = '';
    for (const d of page) {
      const id = Number(d.id);
      const person = people.get(Number(d.holder_id))!;
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
        headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', 'X-UiTPAS-Campaign': String(campaignId) },
      };
      chunk += `${JSON.stringify(message)}\n`;
      messages++;
    }
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return { messages, bytes };
}
