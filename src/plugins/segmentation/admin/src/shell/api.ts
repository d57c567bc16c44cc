/** What the home page and the help page read: recent segments, templates and mailings, a mailing's results, the help facts. */
import { useFetchClient } from '@strapi/strapi/admin';
import type { Campaign, Stats } from '../campaigns/api';
import type { Segment } from '../segments/api';
import type { MailTemplate } from '../templates/api';

export interface HelpFacts {
  contactAddress: string;
  monitorAddress: string;
  recentDays: number;
}

const RECENT = { sort: 'updatedAt', order: 'desc', page: 1, pageSize: 5 };

export function useShellApi() {
  const { get } = useFetchClient();
  return {
    segments: async () => (await get<{ results: Segment[] }>('/segmentation/segments', { params: RECENT })).data.results,
    templates: async () => (await get<{ results: MailTemplate[] }>('/segmentation/templates', { params: RECENT })).data.results,
    campaigns: async () => (await get<{ results: Campaign[] }>('/segmentation/campaigns')).data.results,
    stats: async (documentId: string) => (await get<Stats>(`/segmentation/campaigns/${documentId}/stats`)).data,
    help: async () => (await get<HelpFacts>('/segmentation/help')).data,
  };
}
