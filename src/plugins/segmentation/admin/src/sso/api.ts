/** Calls to the access request routes (Settings → UiTPAS → Toegangsaanvragen). */
import { useFetchClient } from '@strapi/strapi/admin';
import type { AccessRequestRow, AccessRequestStatus } from '../../../shared/access-requests';
import type { CardSystem } from '../partners/api';

export type { AccessRequestRow, AccessRequestStatus };

export interface AccessRequestList {
  results: AccessRequestRow[];
  roles: { id: number; name: string; code: string }[];
  cardSystems: CardSystem[];
}

export function useAccessRequestsApi() {
  const { get, post } = useFetchClient();
  return {
    list: async (status?: AccessRequestStatus) => (await get<AccessRequestList>('/segmentation/access-requests', { params: status ? { status } : {} })).data,
    approve: async (id: number, roleId: number, cardSystems: string[]) =>
      (await post<AccessRequestRow>(`/segmentation/access-requests/${id}/approve`, { roleId, cardSystems })).data,
    refuse: async (id: number, reason: string) => (await post<AccessRequestRow>(`/segmentation/access-requests/${id}/refuse`, { reason })).data,
  };
}
