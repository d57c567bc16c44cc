/**
 * The audit log: who exported which segment (how many rows), who sent which campaign to how many,
 * who approved or rejected which sender, who changed whose card systems. Append-only: the service
 * has no update or delete, and administrators read it through GET /segmentation/audit.
 * No personal data of pass holders goes in: subjects are segments, campaigns, senders and users.
 */
import type { Core } from '@strapi/strapi';
import * as q from './queries';

import { AUDIT_ACTIONS, type AuditAction } from '../../../shared/audit';

export { AUDIT_ACTIONS, type AuditAction };

export interface AuditEntry {
  action: AuditAction;
  subject?: { type: string; id: string | number; label?: string | null };
  rows?: number | null;
  details?: Record<string, unknown>;
}

export interface Actor {
  type: 'user' | 'token' | 'system';
  id: number | null;
  label: string;
}

/** What a request's state says about its caller (koa types `state` as any). */
interface CallerState {
  auth?: { strategy?: { name?: string }; credentials?: { id: number; name?: string } };
  user?: { id: number; email?: string };
}

/** The caller of the current request: an admin user, an API token, or the system (worker, cron). */
function currentActor(strapi: Core.Strapi): Actor {
  const state: CallerState = strapi.requestContext.get()?.state ?? {};
  const strategy = state.auth?.strategy?.name;
  if (strategy === 'admin' && state.user) {
    const u = state.user;
    return { type: 'user', id: u.id, label: u.email ?? `user ${u.id}` };
  }
  if (strategy === 'content-api-token' && state.auth?.credentials) {
    const t = state.auth.credentials;
    return { type: 'token', id: t.id, label: `API token ${t.name ?? t.id}` };
  }
  return { type: 'system', id: null, label: 'system' };
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** `actor`: who acted when it is not the caller of the current request (e.g. who scheduled a send the worker starts). */
  async record(entry: AuditEntry, actor: Actor = currentActor(strapi)): Promise<void> {
    await q.insertAudit(strapi.db.connection, {
      at: Date.now(),
      actor_type: actor.type,
      actor_id: actor.id,
      actor_label: actor.label.slice(0, 255),
      action: entry.action,
      subject_type: entry.subject?.type ?? null,
      subject_id: entry.subject ? String(entry.subject.id) : null,
      subject_label: entry.subject?.label?.slice(0, 255) ?? null,
      rows: entry.rows ?? null,
      details: entry.details ? JSON.stringify(entry.details) : null,
    });
  },

  /** Newest first; `before` is the id of the last entry of the previous page. */
  async list(filter: { action?: string; before?: number }, limit = 50) {
    const rows = (await q.auditPage(strapi.db.connection, filter, limit)) as (q.AuditRow & { id: number })[];
    return rows.map((r) => ({
      id: r.id,
      at: new Date(Number(r.at)).toISOString(),
      actor: { type: r.actor_type, id: r.actor_id, label: r.actor_label },
      action: r.action,
      subject: r.subject_type ? { type: r.subject_type, id: r.subject_id, label: r.subject_label } : null,
      rows: r.rows === null ? null : Number(r.rows),
      details: r.details ? JSON.parse(r.details) : null,
    }));
  },
});
