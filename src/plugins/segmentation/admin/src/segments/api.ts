/** Calls to the plugin's admin routes (/segmentation/...), with the admin session of useFetchClient. */
import { useFetchClient } from '@strapi/strapi/admin';
import type { SegmentDefinition } from '../../../shared/definition';
import type { Counts as BaseCounts, Person } from '../../../shared/results';

export type { Person };
/** A live count as the admin route answers it. */
export interface Counts extends BaseCounts {
  evaluatedAt: string;
  tookMs: number;
}

export interface Segment {
  documentId: string;
  name: string;
  description: string | null;
  definition: SegmentDefinition;
  lastTotal: number | null;
  lastWithEmail: number | null;
  lastEvaluatedAt: string | null;
  updatedAt: string;
  /** The partner it belongs to; null = programme-wide (made by an administrator). */
  cardSystem?: string | null;
  owner?: { firstname?: string; lastname?: string; email?: string } | null;
  /** The most recent mailing to this segment (list only). */
  mailing?: { documentId: string; name: string; status: string } | null;
}

/** A preview page: without `personal.read` the server sends counts only (`personalData: false`, no items). */
export interface PreviewResult {
  total: number;
  withEmail: number;
  withPhone: number;
  items: Person[];
  page: number;
  pageSize: number;
  evaluatedAt: string;
  personalData?: boolean;
  /** The admin panel lists at most the first this many holders (the rest is for an export). */
  previewRows?: number;
}

/** Evaluate within the card system a segment is filed under (`cardSystem`, beside the definition). */
export type EvaluationScope = { cardSystem?: string };

export interface Option {
  key: string;
  name: string;
}

export function useSegmentsApi() {
  const { get, post, put, del } = useFetchClient();
  return {
    list: async (params: Record<string, string | number>) =>
      (await get<{ results: Segment[]; pagination: { page: number; pageCount: number; total: number } }>('/segmentation/segments', { params })).data,
    get: async (documentId: string) => (await get<Segment>(`/segmentation/segments/${documentId}`)).data,
    create: async (data: Partial<Segment>) => (await post<Segment>('/segmentation/segments', data)).data,
    update: async (documentId: string, data: Partial<Segment>) => (await put<Segment>(`/segmentation/segments/${documentId}`, data)).data,
    duplicate: async (documentId: string) => (await post<Segment>(`/segmentation/segments/${documentId}/duplicate`, {})).data,
    remove: async (documentId: string) => del(`/segmentation/segments/${documentId}`),
    count: async (definition: SegmentDefinition, signal: AbortSignal, scope: EvaluationScope = {}) =>
      (await post<Counts>('/segmentation/count', { definition, ...scope }, { signal })).data,
    preview: async (definition: SegmentDefinition, page: number, pageSize: number, scope: EvaluationScope = {}) =>
      (await post<PreviewResult>('/segmentation/preview', { definition, page, pageSize, ...scope })).data,
    savedPreview: async (documentId: string, page: number, pageSize: number) =>
      (await get<PreviewResult>(`/segmentation/segments/${documentId}/preview`, { params: { page, pageSize } })).data,
    savedExport: async (documentId: string) => (await get<Blob>(`/segmentation/segments/${documentId}/export`, { responseType: 'blob' })).data,
    exportCsv: async (definition: SegmentDefinition) => (await post<Blob>('/segmentation/export', { definition }, { responseType: 'blob' })).data,
    search: async (kind: string, q: string) =>
      (await get<{ results: Option[] }>(`/segmentation/reference/${kind}`, { params: { q, pageSize: 20 } })).data.results,
    names: async (kind: string, keys: string[]) => (await post<{ results: Option[] }>(`/segmentation/reference/${kind}/names`, { keys })).data.results,
    unreadablePostcodes: async () =>
      (await get<{ unreadable: number; missing: number; top: { value: string; holders: number }[] }>('/segmentation/postcodes/unreadable')).data,
  };
}
