/** Calls to the plugin's partner routes: the caller's card systems, access links, the audit log. */
import { useFetchClient } from '@strapi/strapi/admin';

export interface CardSystem {
  key: string;
  name: string | null;
}

/** GET /segmentation/me: the card systems the caller may file segments, templates and senders under. */
export interface Me {
  allCardSystems: boolean;
  cardSystems: CardSystem[];
}

export type { AccessToken, AccessUser };

export interface AccessOverview {
  cardSystems: CardSystem[];
  users: AccessUser[];
  tokens: AccessToken[];
}

import { AUDIT_ACTIONS, type AuditAction } from '../../../shared/audit';
import type { AccessToken, AccessUser } from '../../../shared/access';

export { AUDIT_ACTIONS, type AuditAction };

export interface AuditEntry {
  id: number;
  at: string;
  actor: { type: 'user' | 'token' | 'system'; id: number | null; label: string };
  action: AuditAction;
  subject: { type: string; id: string; label: string | null } | null;
  rows: number | null;
  details: Record<string, unknown> | null;
}

export function usePartnersApi() {
  const { get, put } = useFetchClient();
  return {
    me: async () => (await get<Me>('/segmentation/me')).data,
    overview: async () => (await get<AccessOverview>('/segmentation/access')).data,
    link: async (type: 'users' | 'tokens', id: number, cardSystems: string[]) =>
      (await put<{ id: number; cardSystems: string[] }>(`/segmentation/access/${type}/${id}`, { cardSystems })).data,
    audit: async (params: { action?: AuditAction; before?: number; pageSize?: number }) =>
      (
        await get<{ results: AuditEntry[]; next: number | null }>('/segmentation/audit', {
          params: Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)),
        })
      ).data,
  };
}
