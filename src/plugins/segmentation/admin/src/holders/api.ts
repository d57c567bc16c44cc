/** Calls to the pass-holder routes of the admin (/segmentation/holders...): search, card, contact history. */
import { useFetchClient } from '@strapi/strapi/admin';
import type { HistoryPage, HolderCard, HolderMatch } from './types';

export const HOLDERS_BASE = '/plugins/segmentation/holders';
export const holderPath = (uid: string) => `${HOLDERS_BASE}/${encodeURIComponent(uid)}`;

export * from './types';

export function useHoldersApi() {
  const { get } = useFetchClient();
  const url = (uid: string, rest = '') => `/segmentation/holders/${encodeURIComponent(uid)}${rest}`;
  return {
    search: async (q: string, signal?: AbortSignal) => (await get<{ results: HolderMatch[] }>('/segmentation/holders', { params: { q }, signal })).data.results,
    card: async (uid: string) => (await get<HolderCard>(url(uid))).data,
    history: async (uid: string, page: number, pageSize: number) => (await get<HistoryPage>(url(uid, '/history'), { params: { page, pageSize } })).data,
  };
}

/** A date and time as read in Belgium, whatever the browser's time zone. */
export const fmtBrussels = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString('nl-BE', { timeZone: 'Europe/Brussels', dateStyle: 'short', timeStyle: 'short' }) : '—';
