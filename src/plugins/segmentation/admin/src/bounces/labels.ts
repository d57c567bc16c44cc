/**
 * The "soort" of a message that came back: kind and severity read as one word (harde bounce,
 * klacht (spam), ...), and the filter's choices that stand for a kind with or without a severity.
 */
import { BOUNCE_SOURCES } from '../../../shared/bounces';

/** Filter values: `kind` or `kind:severity`. */
export const SORTS = ['bounce:hard', 'bounce:soft', 'bounce:blocked', 'complaint', 'autoreply', 'delayed', 'delivered', 'unknown'] as const;
export type Sort = (typeof SORTS)[number];

export const SOURCES = BOUNCE_SOURCES;

/** The translation id of a message's soort. */
export function sortOf(kind: string, severity: string | null): string {
  if (kind === 'bounce') return severity && ['hard', 'soft', 'blocked'].includes(severity) ? `bounces.sort.bounce:${severity}` : 'bounces.sort.bounce';
  if (['complaint', 'autoreply', 'delayed', 'delivered'].includes(kind)) return `bounces.sort.${kind}`;
  return 'bounces.sort.unknown';
}

/** The query of a filter value. */
export function sortQuery(sort: string): { kind?: string; severity?: string } {
  if (!sort) return {};
  const [kind, severity] = sort.split(':');
  return severity ? { kind, severity } : { kind };
}

export const sourceLabel = (source: string) => `bounces.source.${(SOURCES as readonly string[]).includes(source) ? source : 'webhook'}`;

/** A date and time as read in Brussels. */
export const fmtBrussels = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleString('nl-BE', { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Europe/Brussels' }) : '—';
