/** Calls to the plugin's admin routes for bounces (/segmentation/bounces, /segmentation/suppressions/lift), and their answers. */
import { useFetchClient } from '@strapi/strapi/admin';
import type { BounceItem } from '../../../shared/bounces';

export type { BounceItem };

export const BOUNCES_BASE = '/plugins/mailings/bounces';

export interface BounceDetail extends BounceItem {
  /** The message as it came in; null once it is older than the days it is kept. */
  raw: string | null;
  sender: string | null;
}

export interface BouncePage {
  items: BounceItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface BounceFilters {
  kind?: string;
  severity?: string;
  source?: string;
  campaign?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export function useBouncesApi() {
  const { get, post } = useFetchClient();
  return {
    list: async (filters: BounceFilters) => {
      const params = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== ''));
      return (await get<BouncePage>('/segmentation/bounces', { params })).data;
    },
    find: async (id: number) => (await get<BounceDetail>(`/segmentation/bounces/${id}`)).data,
    lift: async (email: string, reason: string) =>
      (await post<{ email: string; lifted: string[]; kept: string[] }>('/segmentation/suppressions/lift', { email, reason })).data,
  };
}
