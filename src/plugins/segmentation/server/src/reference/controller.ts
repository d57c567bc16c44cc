/**
 * Searchable look-ups for the builder's async selects, and the unreadable-postcode note. Card systems
 * are limited to the caller's own (a definition may name no other); counters, events and the rest
 * are not: a partner may well select its holders by what they did at another partner's venue.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { validationError } from '../common/errors';
import { scopeOf } from '../common/scope';
import * as q from './queries';

const KINDS = ['cardSystems', 'counters', 'events', 'advantages', 'associations', 'counterTypes', 'eventThemes'] as const;
const searchQuery = z.object({
  q: z.string().max(200).optional().default(''),
  page: z.coerce.number().int().min(1).optional().default(1),
  pageSize: z.coerce.number().int().min(1).max(100).optional().default(20),
});

function kindOf(ctx: Context): (typeof KINDS)[number] {
  const kind = ctx.params.kind as (typeof KINDS)[number];
  if (!KINDS.includes(kind)) {
    throw validationError(`Unknown reference '${kind}'`, [{ path: ['kind'], message: `Expected one of ${KINDS.join(', ')}` }]);
  }
  return kind;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async search(ctx: Context) {
    const kind = kindOf(ctx);
    const parsed = searchQuery.safeParse(ctx.query);
    if (!parsed.success) throw validationError('Invalid search', [{ path: ['q'], message: parsed.error.message }]);
    const { q: text, page, pageSize } = parsed.data;
    const knex = strapi.db.connection;
    const offset = (page - 1) * pageSize;
    const results =
      kind === 'counterTypes' || kind === 'eventThemes'
        ? (await q.searchNames(knex, kind, text, pageSize + 1, offset)).map((r) => ({ key: r.name, name: r.name, uses: Number(r.uses) }))
        : await q.searchKeyed(knex, kind, text, pageSize + 1, offset, kind === 'cardSystems' ? scopeOf(ctx) : null);
    ctx.body = { results: results.slice(0, pageSize), page, pageSize, hasMore: results.length > pageSize };
  },

  /** Names of the given keys (to label the values of a saved definition). */
  async names(ctx: Context) {
    const kind = kindOf(ctx);
    const keys = z
      .array(z.string().max(255))
      .max(1000)
      .safeParse((ctx.request.body as { keys?: unknown })?.keys);
    if (!keys.success) throw validationError('Invalid keys', [{ path: ['keys'], message: 'Expected a list of keys' }]);
    if (kind === 'counterTypes' || kind === 'eventThemes') {
      ctx.body = { results: keys.data.map((k) => ({ key: k, name: k })) };
      return;
    }
    ctx.body = { results: await q.namesOf(strapi.db.connection, kind, keys.data) };
  },

  async unreadablePostcodes(ctx: Context) {
    ctx.body = await q.unreadablePostcodes(strapi.db.connection, 10, scopeOf(ctx));
  },
});
