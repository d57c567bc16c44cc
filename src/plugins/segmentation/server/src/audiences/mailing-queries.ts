/** The SQL of a mailing's audience (seg_mailing_audiences): its steps, manual changes and generated holders. */
import type { Knex } from 'knex';
import type { AudienceStep, ManualStep } from '../../../shared/audience';
import { DELIVERY, EDITABLE } from '../../../shared/campaign-lifecycle';
import { CAMPAIGNS } from '../campaigns/queries';
import type { ChannelChange } from '../channels/assign';
import type { MailingChannel } from '../../../shared/channels';
import { decodeMembers, decodeSteps, encodeMembers, encodeSteps } from './member-codec';

const TABLE = 'seg_mailing_audiences';
type Db = Knex | Knex.Transaction;

/** What a generation found, kept beside the holders. */
export interface Generation {
  total: number;
  steps: { added: number; removed: number }[];
  manual: { added: number; removed: number }[];
  leftOutEarlier: number;
  /** Per segment step: the segment's last change and its holders when generated. */
  marks: { step: number; segment: string; updatedAt: string; holders: number }[];
  /** The mailing's channel the holders' channels were chosen for, and how many changes by hand applied. */
  channel?: MailingChannel;
  channelsChanged?: number;
}

export interface StoredAudience {
  campaignId: number;
  steps: AudienceStep[];
  manual: ManualStep[];
  waveGroup: string | null;
  leaveOutEarlier: boolean;
  version: number;
  generatedAt: number | null;
  generation: Generation | null;
  members: Int32Array | null;
  addedBy: Int16Array | null;
  /** Per member (same order) its channel byte (channels/assign.ts). */
  channels: Uint8Array | null;
  channelChanges: ChannelChange[];
}

export async function findAudience(db: Db, campaignId: number, withMembers = true): Promise<StoredAudience | null> {
  const columns = ['campaign_id', 'steps', 'manual', 'wave_group', 'leave_out_earlier', 'version', 'generated_at', 'generation', 'channel_changes'];
  const row = (await db(TABLE)
    .where({ campaign_id: campaignId })
    .first(...columns, ...(withMembers ? ['members', 'added_by', 'channels'] : []))) as Record<string, unknown> | undefined;
  if (!row) return null;
  return {
    campaignId,
    steps: JSON.parse(row.steps as string) as AudienceStep[],
    manual: JSON.parse(row.manual as string) as ManualStep[],
    waveGroup: (row.wave_group as string | null) ?? null,
    leaveOutEarlier: Boolean(row.leave_out_earlier),
    version: Number(row.version),
    generatedAt: row.generated_at === null ? null : Number(row.generated_at),
    generation: row.generation ? (JSON.parse(row.generation as string) as Generation) : null,
    members: row.members ? decodeMembers(row.members as Buffer) : null,
    addedBy: row.added_by ? decodeSteps(row.added_by as Buffer) : null,
    channels: row.channels ? new Uint8Array(row.channels as Buffer) : null,
    channelChanges: row.channel_changes ? (JSON.parse(row.channel_changes as string) as ChannelChange[]) : [],
  };
}

/** New steps (and wave settings) drop what was generated from the old ones; manual changes stay. */
export async function saveSteps(db: Db, campaignId: number, data: { steps: AudienceStep[]; waveGroup: string | null; leaveOutEarlier: boolean }) {
  const row = {
    steps: JSON.stringify(data.steps),
    wave_group: data.waveGroup,
    leave_out_earlier: data.leaveOutEarlier,
    generated_at: null,
    generation: null,
    members: null,
    added_by: null,
    channels: null,
  };
  const n = await db(TABLE).where({ campaign_id: campaignId }).update(row);
  if (Number(n) === 0) await db(TABLE).insert({ campaign_id: campaignId, manual: '[]', version: 0, ...row });
}

export async function saveManual(db: Db, campaignId: number, manual: ManualStep[]) {
  await db(TABLE)
    .where({ campaign_id: campaignId })
    .update({ manual: JSON.stringify(manual) });
}

/** Channel changes by hand and the channels they give; the version grows by one. */
export async function saveChannels(db: Db, campaignId: number, changes: ChannelChange[], channels: Uint8Array, generation: Generation) {
  await db(TABLE)
    .where({ campaign_id: campaignId })
    .update({
      channel_changes: JSON.stringify(changes),
      channels: Buffer.from(channels.buffer, channels.byteOffset, channels.byteLength),
      generation: JSON.stringify(generation),
      version: db.raw('version + 1'),
    });
}

/**
 * Locks the campaign's row while it may still be edited (PostgreSQL: until the transaction ends, so
 * a send starting meanwhile waits and then sees the new version). False when it is no longer editable.
 */
export async function lockEditable(trx: Knex.Transaction, campaignId: number): Promise<boolean> {
  const n = await trx(CAMPAIGNS)
    .where({ id: campaignId })
    .whereIn('status', EDITABLE)
    .update({ updated_at: trx.raw('updated_at') });
  return Number(n) === 1;
}

/** Stores a generation: the holders, who added each, what each step did; the version grows by one. */
export async function saveGeneration(
  db: Db,
  campaignId: number,
  g: { generation: Generation; members: Int32Array; addedBy: Int16Array; channels: Uint8Array },
) {
  await db(TABLE)
    .where({ campaign_id: campaignId })
    .update({
      generated_at: Date.now(),
      generation: JSON.stringify(g.generation),
      members: encodeMembers(g.members),
      added_by: encodeSteps(g.addedBy),
      channels: Buffer.from(g.channels.buffer, g.channels.byteOffset, g.channels.byteLength),
      version: db.raw('version + 1'),
    });
}

/** The version of the campaign's audience (null: it has none), read within a send's transaction. */
export async function audienceVersion(db: Db, campaignId: number): Promise<number | null> {
  const row = (await db(TABLE).where({ campaign_id: campaignId }).first('version')) as { version: number | string } | undefined;
  return row ? Number(row.version) : null;
}

/**
 * Holders who were recipients (a mail queued or tried; not the holdout) of an earlier mailing of
 * the wave group: the group's other mailings that started, within the same card system.
 */
export async function earlierWaveRecipients(db: Db, campaignId: number, waveGroup: string, cardSystem: string | null): Promise<number[]> {
  const rows = (await db('seg_deliveries as d')
    .join(`${TABLE} as a`, 'a.campaign_id', 'd.campaign_id')
    .join(`${CAMPAIGNS} as c`, 'c.id', 'd.campaign_id')
    .where('a.wave_group', waveGroup)
    .andWhereNot('d.campaign_id', campaignId)
    .whereNotIn('d.status', [DELIVERY.holdout, DELIVERY.cancelled])
    .modify((q) => (cardSystem === null ? q.whereNull('c.card_system') : q.where('c.card_system', cardSystem)))
    .distinct('d.holder_id')) as { holder_id: number | string }[];
  return rows.map((r) => Number(r.holder_id));
}

/** The wave groups named on a partner's mailings (`cardSystem` null: mailings of no partner), by name. */
export async function waveGroupNames(db: Db, cardSystem: string | null): Promise<string[]> {
  const rows = (await db(`${TABLE} as a`)
    .join(`${CAMPAIGNS} as c`, 'c.id', 'a.campaign_id')
    .whereNotNull('a.wave_group')
    .modify((q) => (cardSystem === null ? q.whereNull('c.card_system') : q.where('c.card_system', cardSystem)))
    .distinct('a.wave_group')
    .orderBy('a.wave_group')) as { wave_group: string }[];
  return rows.map((r) => r.wave_group);
}

/** Marks a sent mailing done (once: the first time stays); false when it is not sent. */
export async function markDone(db: Db, campaignId: number, status: string): Promise<boolean> {
  const n = await db(CAMPAIGNS)
    .where({ id: campaignId, status })
    .update({ done_at: db.raw('coalesce(done_at, ?)', [new Date()]) });
  return Number(n) === 1;
}
