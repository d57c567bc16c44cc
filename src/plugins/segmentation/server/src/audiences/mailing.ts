/**
 * A mailing's audience (issue 19): steps set on the mailing, generated once (the holders of the
 * steps at that moment, each with the step that added it), reviewed and adjusted by hand (manual
 * steps kept after the others, so generating again re-applies them), and what the send uses.
 * A wave group's "leave out earlier recipients" applies after all steps.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { mailingAudienceSchema, resolveWaveGroup, type ManualChange, type ManualStep } from '../../../shared/audience';
import { mailingChannelOf, type ChannelChangeInput, type MailingChannel } from '../../../shared/channels';
import { changeChannels, channelsAfterAdjust, channelsFor } from './mailing-channels';
import { channelCode } from '../channels/assign';
import type { ConsentRule } from '../channels/rules';
import { isEditable, STATUS, type CampaignStatus } from '../../../shared/campaign-lifecycle';
import { conflictError, parseInput, validationError, type Problem } from '../common/errors';
import { narrow, type Scope } from '../common/scope';
import { getService } from '../services';
import { SEGMENT_UID } from '../segments/records';
import { compose, fixAudience, type StepSet } from './compose';
import { mailingReview, type ReviewQuery } from './mailing-review';
import {
  audienceVersion,
  earlierWaveRecipients,
  findAudience,
  lockEditable,
  markDone,
  saveGeneration,
  saveManual,
  saveSteps,
  waveGroupNames,
  type Generation,
  type StoredAudience,
} from './mailing-queries';

/** The campaign fields this module reads. */
interface CampaignRef {
  id: number;
  documentId: string;
  status: CampaignStatus;
  cardSystem?: string | null;
  channel?: string | null;
  /** `message`: a service message (event messages) that needs no e-mail / SMS consent (channels/rules.ts). */
  consentRule?: ConsentRule | null;
}

const notEditable = (status: string) =>
  conflictError(`A ${status} mailing's audience cannot be changed`, [{ path: ['status'], message: `The mailing is ${status}` }]);

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const engine = () => getService(strapi, 'segments').engine();
  const audiences = () => getService(strapi, 'audiences');
  const review = mailingReview(strapi);

  async function context(documentId: string, scope: Scope) {
    const campaign = (await getService(strapi, 'campaigns').load(documentId, scope)) as unknown as CampaignRef;
    return { campaign, scope: narrow(scope, campaign.cardSystem ?? null) };
  }

  /** Holder ids of `uids`, each unknown or out-of-scope one a problem at `["uids", j]`. */
  async function idsInScope(uids: string[], scope: Scope): Promise<number[]> {
    const ids = await engine().idsOfUids(uids);
    const inScope = await engine().scopeSet(scope);
    const problems: Problem[] = [];
    ids.forEach((id, j) => {
      if (id < 0 || !inScope[id]) problems.push({ path: ['uids', j], message: `Unknown pass holder '${uids[j]}'` });
    });
    if (problems.length) throw validationError(`Unknown pass holders: ${problems.map((p) => p.message).join('; ')}`, problems);
    return [...ids];
  }

  /** The holders each manual step names (one holder each; one no longer known names nobody). */
  async function manualSets(manual: ManualStep[], inScope: Uint8Array): Promise<StepSet[]> {
    const ids = await engine().idsOfUids(manual.map((m) => m.uid));
    return manual.map((m, j) => {
      const set = new Uint8Array(inScope.length);
      if (ids[j]! >= 0 && inScope[ids[j]!]) set[ids[j]!] = 1;
      return { mode: m.mode, set };
    });
  }

  const service = {
    /** The audience as the review page shows it (mailing-review.ts), and the partner's wave groups to choose from. */
    async load(documentId: string, scope: Scope) {
      const { campaign, scope: within } = await context(documentId, scope);
      const summary = await review.summary(await findAudience(knex(), campaign.id), within);
      return { ...summary, waveGroups: await waveGroupNames(knex(), campaign.cardSystem ?? null) };
    },

    /** A page of the generated holders (with search); 400 before the audience was generated. */
    async members(documentId: string, query: ReviewQuery, scope: Scope) {
      const { campaign } = await context(documentId, scope);
      const stored = await findAudience(knex(), campaign.id);
      if (!stored?.members) throw validationError('Generate the audience first', [{ path: ['audience'], message: 'The audience was not generated' }]);
      return review.page(stored, query);
    },

    /** The generated holders as the segment export streams them, with the step that added each (by holder id). */
    async exportable(documentId: string, scope: Scope) {
      const { campaign } = await context(documentId, scope);
      const stored = await findAudience(knex(), campaign.id);
      if (!stored?.members) throw validationError('Generate the audience first', [{ path: ['audience'], message: 'The audience was not generated' }]);
      const set = new Uint8Array(engine().size());
      for (const h of stored.members) set[h] = 1;
      const addedBy = new Map<number, number>();
      stored.members.forEach((h, i) => addedBy.set(h, stored.addedBy![i]!));
      return {
        name: (campaign as unknown as { name: string }).name,
        steps: stored.steps.length,
        manual: stored.manual,
        csv: engine().exportSet(set),
        addedBy,
        idOf: await engine().uidLookup(),
      };
    },

    /** "Gereed melden": a sent mailing is marked done and shows on its recipients' contact history as done. */
    async markDone(documentId: string, scope: Scope) {
      const { campaign } = await context(documentId, scope);
      if (!(await markDone(knex(), campaign.id, STATUS.sent)))
        throw conflictError(`A ${campaign.status} mailing cannot be marked done`, [{ path: ['status'], message: 'Only a sent mailing can be marked done' }]);
      return getService(strapi, 'campaigns').load(documentId, scope);
    },

    /** Sets the steps (checked as the token API checks them) and the wave settings; drops a generated audience. */
    async setSteps(documentId: string, body: unknown, scope: Scope) {
      const { campaign } = await context(documentId, scope);
      if (!isEditable(campaign.status)) throw notEditable(campaign.status);
      const input = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
      await audiences().parse({ steps: input.steps }, scope); // every step problem with its path; 409 for a repeat
      const parsed = parseInput(mailingAudienceSchema, input);
      // A group named as an existing one of the partner but for case or spaces is that one: a typo does not split a campaign.
      const waveGroup = resolveWaveGroup(parsed.waveGroup, await waveGroupNames(knex(), campaign.cardSystem ?? null));
      await saveSteps(knex(), campaign.id, { steps: parsed.steps, waveGroup, leaveOutEarlier: parsed.leaveOutEarlier ?? false });
      return service.load(documentId, scope);
    },

    /** Fixes the audience: the steps' holders now, then the manual steps, then the wave group's earlier recipients out. */
    async generate(documentId: string, scope: Scope) {
      const { campaign, scope: within } = await context(documentId, scope);
      if (!isEditable(campaign.status)) throw notEditable(campaign.status);
      const stored = await findAudience(knex(), campaign.id, false);
      if (!stored || stored.steps.length === 0)
        throw validationError('Set the audience steps first', [{ path: ['steps'], message: 'The mailing has no audience steps' }]);
      const req = await audiences().parse({ steps: stored.steps }, scope); // what the caller may use; the holders within the mailing's partner

      const { inScope, sets } = await audiences().stepSets(req, within);
      const built = compose(inScope.length, [...sets, ...(await manualSets(stored.manual, inScope))]);
      const earlier =
        stored.leaveOutEarlier && stored.waveGroup ? await earlierWaveRecipients(knex(), campaign.id, stored.waveGroup, campaign.cardSystem ?? null) : [];
      const fixed = fixAudience(built, earlier);
      const channel = mailingChannelOf(campaign.channel);
      const plan = await channelsFor(strapi, fixed.members, channel, stored.channelChanges, campaign.consentRule ?? 'channel');
      const generation: Generation = {
        total: fixed.members.length,
        steps: built.steps.slice(0, sets.length),
        manual: built.steps.slice(sets.length),
        leftOutEarlier: fixed.leftOut,
        marks: await segmentMarks(strapi, stored, sets),
        channel,
        channelsChanged: plan.changed,
      };
      await knex().transaction(async (trx) => {
        if (!(await lockEditable(trx, campaign.id))) throw notEditable('started');
        await saveGeneration(trx, campaign.id, { generation, members: fixed.members, addedBy: fixed.addedBy, channels: plan.channels });
      });
      return service.load(documentId, scope);
    },

    /** Adds or removes holders by hand: manual steps at the end, applied to the generated audience at once. */
    async adjust(documentId: string, change: ManualChange, scope: Scope, by: number | null) {
      const { campaign, scope: within } = await context(documentId, scope);
      if (!isEditable(campaign.status)) throw notEditable(campaign.status);
      const ids = await idsInScope(change.uids, within);
      const stored = await findAudience(knex(), campaign.id);
      if (!stored) throw validationError('Set the audience steps first', [{ path: ['steps'], message: 'The mailing has no audience steps' }]);
      const manual = [...stored.manual];
      const members = new Map<number, number>(stored.members ? Array.from(stored.members, (h, i) => [h, stored.addedBy![i]!]) : []);
      const counts = stored.generation ? [...stored.generation.manual] : [];
      change.uids.forEach((uid, j) => {
        const index = stored.steps.length + manual.length;
        manual.push({ mode: change.mode, uid, ...(change.reason ? { reason: change.reason } : {}), by, at: Date.now() });
        const h = ids[j]!;
        const had = members.has(h);
        if (change.mode === 'add' && !had) members.set(h, index);
        if (change.mode === 'remove' && had) members.delete(h);
        counts.push({ added: change.mode === 'add' && !had ? 1 : 0, removed: change.mode === 'remove' && had ? 1 : 0 });
      });
      const sorted = Int32Array.from([...members.keys()].sort((a, b) => a - b));
      const plan = stored.generation && (await channelsAfterAdjust(strapi, stored, sorted, stored.generation.channel ?? 'email'));
      await knex().transaction(async (trx) => {
        if (!(await lockEditable(trx, campaign.id))) throw notEditable('started');
        await saveManual(trx, campaign.id, manual);
        if (!stored.generation || !plan) return;
        await saveGeneration(trx, campaign.id, {
          generation: { ...stored.generation, total: sorted.length, manual: counts, channelsChanged: plan.changed },
          members: sorted,
          addedBy: Int16Array.from(sorted, (h) => members.get(h)!),
          channels: plan.channels,
        });
      });
      return service.load(documentId, scope);
    },

    /** Moves generated holders to another of the mailing's channels (mailing-channels.ts). */
    async changeChannel(documentId: string, change: ChannelChangeInput, scope: Scope, by: number | null) {
      const { campaign } = await context(documentId, scope);
      if (!isEditable(campaign.status)) throw notEditable(campaign.status);
      const stored = await findAudience(knex(), campaign.id);
      if (stored?.generation && stored.generation.channel !== mailingChannelOf(campaign.channel)) throw channelChanged();
      const write = await changeChannels(strapi, stored ?? emptyAudience(campaign.id), mailingChannelOf(campaign.channel), change, by);
      await knex().transaction(async (trx) => {
        if (!(await lockEditable(trx, campaign.id))) throw notEditable('started');
        if ((await audienceVersion(trx, campaign.id)) !== stored?.version)
          throw conflictError('The audience was generated again meanwhile; review it and try again', [{ path: ['audience'], message: 'The audience changed' }]);
        await write(trx);
      });
      return service.load(documentId, scope);
    },

    /**
     * The holders a send goes to, each with its channel byte: null when the mailing has no audience
     * steps (its segment decides); refused when it has steps but was not generated, or was generated
     * for another channel than the mailing's now.
     */
    async forSend(campaignId: number, channel: MailingChannel): Promise<{ ids: number[]; channels: Uint8Array; version: number } | null> {
      const stored = await findAudience(knex(), campaignId);
      if (!stored || stored.steps.length === 0) return null;
      if (!stored.members) throw validationError('Generate the audience first', [{ path: ['audience'], message: 'The audience was not generated' }]);
      if ((stored.generation?.channel ?? 'email') !== channel) throw channelChanged();
      return {
        ids: Array.from(stored.members),
        channels: stored.channels ?? new Uint8Array(stored.members.length).fill(channelCode('email')),
        version: stored.version,
      };
    },
  };
  return service;
};

const channelChanged = () =>
  validationError('The mailing’s channel changed since the audience was generated; generate it again', [
    { path: ['channel'], message: 'Generate the audience again for this channel' },
  ]);

const emptyAudience = (campaignId: number): StoredAudience => ({
  campaignId,
  steps: [],
  manual: [],
  waveGroup: null,
  leaveOutEarlier: false,
  version: 0,
  generatedAt: null,
  generation: null,
  members: null,
  addedBy: null,
  channels: null,
  channelChanges: [],
});

/** For each saved-segment step: the segment's last change and its holders when generated. */
async function segmentMarks(strapi: Core.Strapi, stored: StoredAudience, sets: StepSet[]): Promise<Generation['marks']> {
  const marks: Generation['marks'] = [];
  for (const [step, s] of stored.steps.entries()) {
    if (!s.segment) continue;
    const segment = await strapi.documents(SEGMENT_UID).findOne({ documentId: s.segment, fields: ['updatedAt'] });
    if (!segment) throw new errors.NotFoundError(`Segment '${s.segment}' not found`);
    let holders = 0;
    for (const v of sets[step]!.set) holders += v;
    marks.push({ step, segment: s.segment, updatedAt: String(segment.updatedAt), holders });
  }
  return marks;
}
