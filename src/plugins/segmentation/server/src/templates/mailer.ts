/**
 * Sending one mail through Strapi's email plugin (provider: nodemailer, config/plugins.ts), with
 * the headers every mail of the tool carries: List-Unsubscribe pointing at the tool, and RFC 8058
 * one-click unsubscribe.
 */
import type { Core } from '@strapi/strapi';
import type { Attachment } from './attachments';

export interface OutgoingMail {
  to: string;
  from: { name: string; address: string };
  replyTo?: string | null;
  subject: string;
  html: string;
  text: string;
  unsubscribeUrl: string;
  headers?: Record<string, string>;
  /** A fixed Message-ID (campaign mails: one per delivery, which bounce reports refer to). */
  messageId?: string;
  /** Files sent with the mail (templates/attachments.ts). */
  attachments?: Attachment[];
  /** The envelope sender bounces go to (campaign mails: the delivery's VERP address, bounces/verp.ts). */
  returnPath?: string | null;
}

export interface SentInfo {
  messageId?: string;
}

export async function sendMail(strapi: Core.Strapi, mail: OutgoingMail): Promise<SentInfo> {
  const info = await strapi
    .plugin('email')
    .service('email')
    .send({
      to: mail.to,
      from: mail.from,
      replyTo: mail.replyTo ?? undefined,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      ...(mail.messageId ? { messageId: mail.messageId } : {}),
      ...(mail.attachments?.length ? { attachments: mail.attachments } : {}),
      ...(mail.returnPath ? { envelope: { from: mail.returnPath, to: mail.to } } : {}),
      headers: {
        'List-Unsubscribe': `<${mail.unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        ...mail.headers,
      },
    });
  return { messageId: (info as { messageId?: string } | undefined)?.messageId };
}
