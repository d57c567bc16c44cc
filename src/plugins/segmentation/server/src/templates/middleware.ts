/**
 * Document service middleware for templates and sender addresses: every save — the plugin's admin
 * routes, the Content Manager, the content API — goes through the same rules.
 * - A template is validated as a whole (stored fields + the change): shared schema, Liquid and HTML
 *   rules, an approved sender. A new template's owner is the admin user who made it.
 * - A sender address starts as `requested`; its status changes only through verification and
 *   approval (senders.ts); a changed e-mail address must be verified and approved again.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { TEMPLATE_LANGUAGES, templateInputSchema } from '../../../shared/template';
import { TEMPLATE_UID } from './service';
import { mainLocale } from './records';
import { SENDER_UID } from './senders';
import { getService } from '../services';

type Data = Record<string, unknown>;
type Ref = { id?: number; documentId?: string } | null | undefined;
const TEMPLATE_FIELDS = Object.keys(templateInputSchema.shape);
const STATUS_FIELDS = ['status', 'verifiedAt', 'approvedAt', 'approvedBy'];

/** The target of a single relation or media value in any of Strapi's input forms; undefined = unchanged. */
function refOf(value: unknown): Ref {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value === 'number') return { id: value };
  if (typeof value === 'string') return /^\d+$/.test(value) ? { id: Number(value) } : { documentId: value };
  if (Array.isArray(value)) return value.length ? refOf(value[value.length - 1]) : null;
  const v = value as { id?: number; documentId?: string; connect?: unknown[]; disconnect?: unknown[]; set?: unknown[] };
  if (v.set) return refOf(v.set);
  if (v.connect?.length) return refOf(v.connect);
  if (v.disconnect?.length) return null;
  if (v.connect || v.disconnect) return undefined;
  return v.id !== undefined || v.documentId !== undefined ? { id: v.id, documentId: v.documentId } : undefined;
}

const requestUser = (strapi: Core.Strapi) => {
  const ctx = strapi.requestContext.get();
  return ctx?.state?.auth?.strategy?.name === 'admin' ? (ctx.state.user as { id?: number } | undefined) : undefined;
};

/** The stored entry of the localisation saved (a new localisation: the main one, whose shared fields it gets). */
async function storedTemplate(strapi: Core.Strapi, documentId: string, locale: unknown): Promise<Data | null> {
  const query = strapi.db.query(TEMPLATE_UID);
  const populate = { image: true, sender: true };
  const own = typeof locale === 'string' ? ((await query.findOne({ where: { documentId, locale }, populate })) as Data | null) : null;
  if (own) return own;
  const all = (await query.findMany({ where: { documentId }, populate })) as Data[];
  const main = mainLocale(all.map((r) => String(r.locale ?? 'nl')));
  const found = all.find((r) => String(r.locale ?? 'nl') === main) ?? null;
  // A new localisation has none of the other's texts: only its shared fields count.
  return found && typeof locale === 'string' && found.locale !== locale ? sharedOf(found) : found;
}

const SHARED = ['channel', 'format', 'houseStyle', 'sender', 'replyTo', 'attachments'];
const sharedOf = (row: Data): Data => Object.fromEntries(SHARED.filter((k) => k in row).map((k) => [k, row[k]]));

async function checkTemplate(strapi: Core.Strapi, action: string, documentId: string | undefined, data: Data, locale: unknown): Promise<void> {
  const stored = action === 'update' && documentId ? await storedTemplate(strapi, documentId, locale) : null;
  const input: Data = {};
  for (const field of TEMPLATE_FIELDS) {
    const value = field in data ? data[field] : stored?.[field];
    if (value !== undefined) input[field] = value;
  }
  const image = 'image' in data ? refOf(data.image) : refOf(stored?.image);
  input.image = image?.id ?? null;
  let sender = 'sender' in data ? refOf(data.sender) : refOf(stored?.sender);
  if (sender?.id !== undefined && !sender.documentId) {
    sender = (await strapi.db.query(SENDER_UID).findOne({ where: { id: sender.id } })) as Ref;
  }
  input.sender = sender?.documentId ?? (sender ? 'unknown' : null);
  const service = getService(strapi, 'templates');
  await service.validate(service.parse(input));
}

async function checkSender(strapi: Core.Strapi, action: string, documentId: string | undefined, data: Data): Promise<void> {
  if (action === 'create') {
    for (const field of STATUS_FIELDS) delete data[field];
    data.status = 'requested';
    return;
  }
  const stored = documentId ? ((await strapi.db.query(SENDER_UID).findOne({ where: { documentId } })) as Data | null) : null;
  if (!stored) return;
  if ('status' in data && data.status !== stored.status) {
    throw new errors.ValidationError('The status of a sender address changes only through verification and approval', {
      errors: [{ path: ['status'], message: 'Changes only through verification (a link to the address) and approval', name: 'ValidationError' }],
    });
  }
  for (const field of STATUS_FIELDS) delete data[field];
  if (typeof data.email === 'string' && data.email.toLowerCase() !== String(stored.email).toLowerCase()) {
    Object.assign(data, { status: 'requested', verifiedAt: null, approvedAt: null, approvedBy: null });
  }
}

/**
 * A relation value of another content type (a mailing's template) given as a template's documentId:
 * Strapi links entries, and from a content type without locales it looks for an entry without one,
 * so the documentId becomes the template's entry of its main localisation (Dutch, else the first).
 */
async function localisedRelation(strapi: Core.Strapi, value: unknown): Promise<unknown> {
  const records = getService(strapi, 'templates');
  if (typeof value === 'string' && !/^\d+$/.test(value)) return records.relationTo(value);
  if (Array.isArray(value)) return Promise.all(value.map((v) => localisedRelation(strapi, v)));
  if (!value || typeof value !== 'object') return value;
  const v = value as Record<string, unknown>;
  if (typeof v.documentId === 'string' && v.locale === undefined) return { ...v, ...((await records.relationTo(v.documentId)) as object) };
  const out: Record<string, unknown> = { ...v };
  for (const key of ['connect', 'set'] as const) if (key in v) out[key] = await localisedRelation(strapi, v[key]);
  return out;
}

async function localiseTemplateRelations(strapi: Core.Strapi, uid: string, data: Data): Promise<void> {
  const model = strapi.getModel(uid as Parameters<typeof strapi.getModel>[0]) as
    { attributes?: Record<string, { type?: string; target?: string }> } | undefined;
  for (const [name, attribute] of Object.entries(model?.attributes ?? {})) {
    if (attribute.type === 'relation' && attribute.target === TEMPLATE_UID && data[name] !== undefined && data[name] !== null)
      data[name] = await localisedRelation(strapi, data[name]);
  }
}

export function registerTemplateMiddleware(strapi: Core.Strapi): void {
  strapi.documents.use(async (ctx, next) => {
    if (ctx.action !== 'create' && ctx.action !== 'update') return next();
    if (ctx.uid !== TEMPLATE_UID && ctx.uid !== SENDER_UID) {
      const params = ctx.params as { data?: Data };
      if (params.data && typeof params.data === 'object') await localiseTemplateRelations(strapi, ctx.uid, params.data);
      return next();
    }
    const params = ctx.params as { data?: Data; documentId?: string; locale?: unknown };
    const data = params.data ?? {};
    if (ctx.uid === TEMPLATE_UID) {
      // A new template without a locale is made in its `language` (as before localisations).
      if (ctx.action === 'create' && params.locale === undefined && typeof data.language === 'string' && TEMPLATE_LANGUAGES.includes(data.language as 'nl'))
        params.locale = data.language;
      await checkTemplate(strapi, ctx.action, params.documentId, data, params.locale);
      // `language` is the locale of the entry (kept for the API as it was before localisations).
      if (typeof params.locale === 'string' && params.locale !== '*') data.language = params.locale;
      else if (ctx.action === 'update') delete data.language;
      if (ctx.action === 'create' && data.owner === undefined) data.owner = requestUser(strapi)?.id;
    } else {
      await checkSender(strapi, ctx.action, params.documentId, data);
      if (ctx.action === 'create' && data.requestedBy === undefined) data.requestedBy = requestUser(strapi)?.id;
    }
    params.data = data;
    return next();
  });
}
