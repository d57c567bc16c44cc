/**
 * The SMS benchmark's data and set-up (scripts/bench-sms.ts): holders with a Belgian mobile number
 * and the SMS consent (no e-mail), the SMPP sink in its own process, an SMS template with a segment
 * of everyone and a mailing of channel `sms`, and the baseline's input: every SMS of the sent
 * mailing rendered again exactly as the worker renders it (campaigns/sms-text.ts compileSms from the
 * send's snapshot, the holder read with recipientsByIds), one { to, text } JSON a line.
 */
import type { Core } from '@strapi/strapi';
import { compileSms } from '../../src/plugins/segmentation/server/src/campaigns/sms-text';
import { getService } from '../../src/plugins/segmentation/server/src/services';
import { forkSink } from './proc';
import { sentDeliveries, snapshotOf, writeChunks } from './campaign';

/** The template text: personalised, one GSM-7 part with the opt-out line (at most ~130 characters). */
export const SMS_TEXT = 'Dag {{ firstName }}, je UiTPAS {{ uid }} staat op {{ points }} punten. Ontdek je voordelen op uitpas.be';

/** The national form of holder i's mobile number: 0470 00 00 00 + i (distinct for i < 10,000,000). */
export function mobileOf(i: number): string {
  const d = String(470_000_000 + i).padStart(10, '0'); // 0470000000 ... 0479999999
  return `${d.slice(0, 4)} ${d.slice(4, 6)} ${d.slice(6, 8)} ${d.slice(8, 10)}`;
}

/** `n` pass holders with a mobile number and the SMS consent, as NDJSON for POST /api/segmentation/import/pass-holders. */
export function holdersSmsNdjson(n: number): string {
  const first = ['An', 'Bart', 'Chloé', 'Dirk', 'Els', 'Fien', 'Gert', 'Hanne', 'Ilse', 'Jan'];
  const last = ['Peeters', 'Janssens', 'Maes', 'Claes', 'Wouters', 'De Smet', 'Willems', 'Goossens'];
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    lines.push(
      JSON.stringify({
        uid: `s${String(i).padStart(7, '0')}`,
        firstName: first[i % first.length],
        lastName: last[i % last.length],
        phone: mobileOf(i),
        consents: ['sms'],
        points: i % 500,
        postcode: '9000',
        language: 'nl',
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** An SMS template, a segment of every holder and a draft mailing of channel `sms`. */
export async function smsCampaign(strapi: Core.Strapi, name: string): Promise<{ documentId: string; id: number }> {
  const templates = getService(strapi, 'templates');
  const docs = (uid: string) => strapi.documents(uid as any) as any;
  const input = templates.parse({ name, channel: 'sms', text: SMS_TEXT });
  await templates.validate(input);
  const template = await docs('plugin::segmentation.mail-template').create({ data: input });
  const definition = { version: 1, groups: [{ filters: [{ type: 'points', op: '>=', value: 0 }] }] };
  const segment = await docs('plugin::segmentation.segment').create({ data: { name, definition } });
  const c = await docs('plugin::segmentation.campaign').create({
    data: { name, channel: 'sms', segment: segment.documentId, smsTemplate: template.documentId, recentDays: 0, status: 'draft' },
  });
  return { documentId: c.documentId as string, id: Number(c.id) };
}

export interface SmppSinkCount {
  /** submit_sm received. */
  count: number;
  /** Distinct destination numbers. */
  distinct: number;
  /** Numbers that got more than one. */
  repeated: number;
  /** XOR of sha1(destination + "\n" + text) over every submit_sm (hex). */
  digest: string;
  /** SMPP sessions opened so far. */
  sessions: number;
}

export interface SmppSink {
  port: number;
  pid: number;
  count(): Promise<SmppSinkCount>;
  /** The distinct destination numbers (without +), sorted. */
  numbers(): Promise<string[]>;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts scripts/bench/smpp-sink.js in its own process. */
export function startSmppSink(): Promise<SmppSink> {
  return forkSink('smpp-sink.js', (ask) => ({
    count: () => ask<SmppSinkCount>('count'),
    numbers: async () => (await ask<{ numbers: string[] }>('numbers')).numbers,
  }));
}

/** Writes { to, text } of `campaignId`'s sent SMS deliveries to `file` (id order); resolves to their count, bytes and the E.164 numbers. */
export async function renderSms(strapi: Core.Strapi, campaignId: number, file: string): Promise<{ messages: number; bytes: number; phones: string[] }> {
  const knex = strapi.db.connection;
  const snapshot = await snapshotOf(knex, campaignId);
  const sms = snapshot.sms;
  if (!sms) throw new Error('the mailing has no SMS part');
  const render = compileSms(sms.content, sms.optOut);
  const phones: string[] = [];
  let messages = 0;
  const chunks = async function* () {
    for await (const page of sentDeliveries<{ id: number; holder_id: number; phone: string }>(knex, campaignId, snapshot.scope, { channel: 'sms' }, [
      'phone',
    ])) {
      let chunk = '';
      for (const { delivery: d, person } of page) {
        chunk += `${JSON.stringify({ to: d.phone, from: sms.from, text: render(person), reference: String(d.id) })}\n`;
        phones.push(d.phone);
        messages++;
      }
      yield chunk;
    }
  };
  const bytes = await writeChunks(file, chunks());
  return { messages, bytes, phones };
}
