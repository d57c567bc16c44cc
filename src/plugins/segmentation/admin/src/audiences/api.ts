/** Calls to a mailing's audience routes (/segmentation/campaigns/:documentId/audience...) and their answers. */
import { useAuth, useFetchClient } from '@strapi/strapi/admin';
import type { Channel } from '../../../shared/channels';
import type { Audience, AudienceInput, ChannelFilter, Choice, Mailing, MembersPage, StepMode, UploadedList } from './types';

export const MAIL_BASE = '/plugins/mailings';
export const audiencePath = (documentId: string) => `${MAIL_BASE}/audiences/${documentId}`;
export const mailingPath = (documentId: string) => `${MAIL_BASE}/campaigns/${documentId}`;

export * from './types';

export function useAudienceApi() {
  const { get, put, post } = useFetchClient();
  const token = useAuth('useAudienceApi', (state) => state.token);
  const url = (documentId: string, rest = '') => `/segmentation/campaigns/${documentId}${rest}`;
  return {
    mailing: async (documentId: string) => (await get<Mailing>(url(documentId))).data,
    load: async (documentId: string) => (await get<Audience>(url(documentId, '/audience'))).data,
    save: async (documentId: string, input: AudienceInput) => (await put<Audience>(url(documentId, '/audience'), input)).data,
    generate: async (documentId: string) => (await post<Audience>(url(documentId, '/audience/generate'), {})).data,
    members: async (documentId: string, params: { page: number; pageSize: number; q?: string; channel?: ChannelFilter }, signal?: AbortSignal) =>
      (await get<MembersPage>(url(documentId, '/audience/members'), { params, signal })).data,
    manual: async (documentId: string, change: { mode: StepMode; uids: string[]; reason?: string }) =>
      (await post<Audience>(url(documentId, '/audience/manual'), change)).data,
    /** Moves generated holders to another channel of the mailing; answers the audience (400 per holder: path ["uids", j]). */
    changeChannel: async (documentId: string, change: { uids: string[]; channel: Channel }) =>
      (await post<Audience>(url(documentId, '/audience/channels'), change)).data,
    sendNow: async (documentId: string) => (await post<Mailing>(url(documentId, '/send-now'), {})).data,
    done: async (documentId: string) => (await post<Mailing>(url(documentId, '/done'), {})).data,
    segments: async () => (await get<{ results: Choice[] }>('/segmentation/segments', { params: { pageSize: 100 } })).data.results,
    mailings: async () => (await get<{ results: Mailing[] }>('/segmentation/campaigns')).data.results,
    /** The file as the raw body (the fetch client would send JSON): answers the kept holders and the problems per line. */
    upload: async (file: File) => {
      // By the name: browsers on Windows call a .csv file application/vnd.ms-excel, which the server refuses.
      const type = /\.xlsx$/i.test(file.name) ? XLSX : 'text/csv';
      const backend = (window as unknown as { strapi: { backendURL: string } }).strapi.backendURL;
      const res = await fetch(`${backend}/segmentation/audiences/lists?name=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        headers: { 'Content-Type': type, Accept: 'application/json', Authorization: `Bearer ${token}` },
        body: file,
      });
      const data = await res.json().catch(() => ({}));
      // The same shape as the fetch client's errors, so problemOf reads both.
      if (!res.ok) throw Object.assign(new Error(data?.error?.message ?? res.statusText), { status: res.status, response: { data } });
      return data as UploadedList;
    },
  };
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
