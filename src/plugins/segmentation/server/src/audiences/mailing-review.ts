/**
 * The review of a mailing's audience: what each step (and each manual step) added and removed,
 * which saved segments changed since the audience was generated and by how many holders, and the
 * generated holders page by page (ordered by uid, as the segment preview), searchable by UID
 * (prefix) and name and filtered by channel, each with the step that added it and its channel (or
 * why it has none).
 */
import type { Core } from '@strapi/strapi';
import type { SegmentEngine } from '../segments/engine';
import { z } from 'zod';
import { sourceOf } from '../../../shared/audience';
import { CHANNELS } from '../../../shared/channels';
import { channelOfCode, countChannels, reasonOfCode } from '../channels/assign';
import type { Person } from '../../../shared/results';
import { parseInput } from '../common/errors';
import { narrow, type Scope } from '../common/scope';
import { getService } from '../services';
import { SEGMENT_UID } from '../segments/records';
import { intFrom } from '../segments/requests';
import type { StoredAudience } from './mailing-queries';
import { memberIndex } from './member-codec';

export const reviewQuery = z.strictObject({
  page: intFrom(1, Number.MAX_SAFE_INTEGER).optional(),
  pageSize: intFrom(1, 500).optional(),
  q: z.string().trim().max(100, 'At most 100 characters').optional(),
  /** Only the holders on this channel (`none`: reachable on none of the mailing's channels). */
  channel: z.enum([...CHANNELS, 'none'], { error: `Expected one of ${[...CHANNELS, 'none'].join(', ')}` }).optional(),
});
export type ReviewQuery = z.infer<typeof reviewQuery>;

export function parseReviewQuery(query: unknown): ReviewQuery {
  return parseInput(reviewQuery, query, 'query');
}

/** The engine's part a review page uses. */
type ReviewEngine = Pick<SegmentEngine, 'size' | 'holderMatch' | 'tally' | 'page' | 'idsOfUids'>;

/**
 * One page of generated holders matching `q` (a UID prefix, or a part of the name), ordered by uid,
 * each with the step that added it.
 */
export async function reviewPage(engine: ReviewEngine, stored: Pick<StoredAudience, 'members' | 'addedBy' | 'channels'>, query: ReviewQuery) {
  const members = stored.members ?? new Int32Array(0);
  const channels = stored.channels ?? new Uint8Array(members.length);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  const set = new Uint8Array(engine.size());
  const wanted = query.channel;
  members.forEach((h, i) => {
    if (!wanted || (channelOfCode(channels[i]!) ?? 'none') === wanted) set[h] = 1;
  });
  if (query.q) {
    const matches = await engine.holderMatch(query.q);
    for (const h of members) if (!matches(h)) set[h] = 0;
  }
  const { total } = engine.tally(set);
  const people: Person[] = await engine.page(set, page, pageSize);
  const ids = await engine.idsOfUids(people.map((p) => p.uid));
  const items = people.map((p, i) => {
    const at = memberIndex(members, ids[i]!);
    return { ...p, addedBy: stored.addedBy![at] ?? null, channel: channelOfCode(channels[at] ?? 0), unreachable: reasonOfCode(channels[at] ?? 0) };
  });
  return { total, items, page, pageSize };
}

export function mailingReview(strapi: Core.Strapi) {
  const engine = () => getService(strapi, 'segments').engine();

  /** Segments edited since generation: their holders then and now (evaluated in the mailing's scope). */
  async function changedSegments(stored: StoredAudience, scope: Scope) {
    const changed = [];
    for (const mark of stored.generation?.marks ?? []) {
      const segment = await strapi.documents(SEGMENT_UID).findOne({ documentId: mark.segment });
      if (!segment || String(segment.updatedAt) === mark.updatedAt) continue;
      const definition = getService(strapi, 'segments').parseSaved(mark.segment, {}, narrow(scope, segment.cardSystem ?? null));
      const { total } = await engine().count((await definition).definition, { scope: (await definition).scope as Scope });
      changed.push({ step: mark.step, segment: mark.segment, name: segment.name as string, before: mark.holders, now: total });
    }
    return changed;
  }

  return {
    /** Steps, manual steps and, once generated, the counts and what changed since. */
    async summary(stored: StoredAudience | null, scope: Scope) {
      if (!stored) return { steps: [], manual: [], waveGroup: null, leaveOutEarlier: false, generated: null };
      const g = stored.generation;
      const manual = stored.manual.map((m, j) => {
        const counts = g?.manual[j];
        return { ...m, index: stored.steps.length + j, ...(counts ? { ...counts, noEffect: counts.added + counts.removed === 0 } : {}) };
      });
      const steps = stored.steps.map((step, index) => ({ index, ...step, source: sourceOf(step), ...(g?.steps[index] ?? {}) }));
      const set = new Uint8Array(engine().size());
      for (const h of stored.members ?? []) set[h] = 1;
      const generated = g && {
        at: new Date(stored.generatedAt!).toISOString(),
        version: stored.version,
        ...engine().tally(set),
        leftOutEarlier: g.leftOutEarlier,
        channel: g.channel ?? 'email',
        channels: { ...countChannels(stored.channels ?? new Uint8Array(0)), changedByHand: g.channelsChanged ?? 0 },
        changedSegments: await changedSegments(stored, scope),
      };
      return { steps, manual, waveGroup: stored.waveGroup, leaveOutEarlier: stored.leaveOutEarlier, generated };
    },

    /** One page of the generated holders matching `q` (reviewPage). */
    page: (stored: StoredAudience, query: ReviewQuery) => reviewPage(engine(), stored, query),
  };
}
