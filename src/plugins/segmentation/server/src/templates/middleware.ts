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
import { templateInputSchema } from '../../../shared/template';
import { TEMPLATE_UID } from './service';
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

async function checkTemplate(strapi: Core.Strapi, action: string, documentId: string | undefined, data: Data): Promise<void> {
  const stored =
    action === 'update' && documentId
      ? ((await strapi.db.query(TEMPLATE_UID).findOne({ where: { documentId }, populate: { image: true, sender: true } })) as Data | null)
      : null;
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

export function registerTemplateMiddleware(strapi: Core.Strapi): void {
  strapi.documents.use(async (ctx, next) => {
    if ((ctx.uid !== TEMPLATE_UID && ctx.uid !== SENDER_UID) || (ctx.action !== 'create' && ctx.action !== 'update')) return next();
    const params = ctx.params as { data?: Data; documentId?: string };
    const data = params.data ?? {};
    if (ctx.uid === TEMPLATE_UID) {
      await checkTemplate(strapi, ctx.action, params.documentId, data);
      if (ctx.action === 'create' && data.owner === undefined) data.owner = requestUser(strapi)?.id;
    } else {
      await checkSender(strapi, ctx.action, params.documentId, data);
      if (ctx.action === 'create' && data.requestedBy === undefined) data.requestedBy = requestUser(strapi)?.id;
    }
    params.data = data;
    return next();
  });
}
