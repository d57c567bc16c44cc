/**
 * The channels of a mailing's generated audience (issue 20): chosen per holder by the rules when
 * the audience is generated (channels/assign.ts) and changed by hand on the review page, where a
 * holder may be moved to another of the mailing's channels they can be reached on. Changes are
 * kept and applied again when the audience is generated again.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { channelsOf, type Channel, type ChannelChangeInput, type MailingChannel } from '../../../shared/channels';
import { validationError, type Problem } from '../common/errors';
import { pluginConfig } from '../config';
import { channelCode, channelJudge, planChannels, type ChannelChange } from '../channels/assign';
import type { ConsentRule } from '../channels/rules';
import { getService } from '../services';
import { saveChannels, type StoredAudience } from './mailing-queries';
import { memberIndex } from './member-codec';

/** The region a number without a country code is read in (SMS settings; Belgium by default). */
export function phoneRegion(strapi: Core.Strapi): string {
  return pluginConfig(strapi).sms.defaultRegion;
}

/** The last change of each holder still known, by holder id. */
export async function changesById(strapi: Core.Strapi, changes: ChannelChange[]): Promise<Map<number, Channel>> {
  const ids = await getService(strapi, 'segments')
    .engine()
    .idsOfUids(changes.map((c) => c.uid));
  const out = new Map<number, Channel>();
  changes.forEach((c, j) => {
    if (ids[j]! >= 0) out.set(ids[j]!, c.channel);
  });
  return out;
}

/** The channels of `members` in `mailing`, with the changes made by hand. */
export async function channelsFor(strapi: Core.Strapi, members: Int32Array, mailing: MailingChannel, changes: ChannelChange[], rule: ConsentRule = 'channel') {
  return planChannels(strapi.db.connection, members, mailing, phoneRegion(strapi), await changesById(strapi, changes), rule);
}

/**
 * The channels after holders were added or removed by hand: members that stay keep their stored
 * channel; only the holders new to the audience are judged (a change of one holder does not read
 * the contacts of the whole audience again). Answers the bytes and how many changes by hand hold.
 */
export async function channelsAfterAdjust(strapi: Core.Strapi, stored: StoredAudience, members: Int32Array, mailing: MailingChannel) {
  // Generated before channels were kept: every holder is judged.
  if (!stored.channels) return channelsFor(strapi, members, mailing, stored.channelChanges);
  const before = new Map<number, number>();
  stored.members?.forEach((h, i) => before.set(h, stored.channels?.[i] ?? 0));
  const changes = await changesById(strapi, stored.channelChanges);
  const added = Int32Array.from(members.filter((h) => !before.has(h)));
  const plan = await planChannels(strapi.db.connection, added, mailing, phoneRegion(strapi), changes);
  added.forEach((h, i) => before.set(h, plan.channels[i]!));
  const channels = Uint8Array.from(members, (h) => before.get(h)!);
  let changed = 0;
  members.forEach((h, i) => {
    const wanted = changes.get(h);
    if (wanted && channels[i] === channelCode(wanted)) changed += 1;
  });
  return { channels, changed };
}

/**
 * Moves generated holders to `change.channel`: each must be in the audience and reachable on that
 * channel, which must be one of the mailing's; otherwise nothing changes and each problem has its
 * path (`["uids", j]`, `["channel"]`). Answers the write, to make in the caller's transaction.
 */
export async function changeChannels(
  strapi: Core.Strapi,
  stored: StoredAudience,
  mailing: MailingChannel,
  change: ChannelChangeInput,
  by: number | null,
): Promise<(trx: Knex.Transaction) => Promise<void>> {
  if (!stored.members || !stored.channels || !stored.generation)
    throw validationError('Generate the audience first', [{ path: ['audience'], message: 'The audience was not generated' }]);
  if (!channelsOf(mailing).includes(change.channel))
    throw validationError(`This mailing goes by ${mailing}`, [{ path: ['channel'], message: `Not a channel of this mailing (${mailing})` }]);
  const ids = await getService(strapi, 'segments').engine().idsOfUids(change.uids);
  const judge = await channelJudge(
    strapi.db.connection,
    [...ids].filter((h) => h >= 0),
    mailing,
    phoneRegion(strapi),
  );
  const problems: Problem[] = [];
  const at: number[] = [];
  ids.forEach((h, j) => {
    const i = h < 0 ? -1 : memberIndex(stored.members!, h);
    if (i < 0) return problems.push({ path: ['uids', j], message: `'${change.uids[j]}' is not in the generated audience` });
    const reach = judge.reach(h, change.channel);
    if (!reach.ok) return problems.push({ path: ['uids', j], message: `'${change.uids[j]}' cannot be reached by ${change.channel} (${reach.reason})` });
    at.push(i);
  });
  if (problems.length) throw validationError(problems.map((p) => p.message).join('; '), problems);
  const channels = Uint8Array.from(stored.channels);
  for (const i of at) channels[i] = channelCode(change.channel);
  const now = Date.now();
  const changes = [...stored.channelChanges, ...change.uids.map((uid) => ({ uid, channel: change.channel, by, at: now }))];
  const generation = { ...stored.generation, channelsChanged: (stored.generation.channelsChanged ?? 0) + at.length };
  return (trx) => saveChannels(trx, stored.campaignId, changes, channels, generation);
}
