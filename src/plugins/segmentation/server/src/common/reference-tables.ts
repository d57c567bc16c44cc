/**
 * The audience tables of the records others refer to by key (holders by uid), by kind of
 * reference: one map for the import (which resolves references to ids and names unknown ones)
 * and the segment builder's reference look-ups.
 */
export type RefKind = 'cardSystem' | 'counter' | 'event' | 'advantage' | 'association' | 'holder';

export const REFERENCE_TABLES: Record<RefKind, { table: string; key: string; label: string }> = {
  cardSystem: { table: 'seg_card_systems', key: 'key', label: 'card system' },
  counter: { table: 'seg_counters', key: 'key', label: 'counter' },
  event: { table: 'seg_events', key: 'key', label: 'event' },
  advantage: { table: 'seg_advantages', key: 'key', label: 'advantage' },
  association: { table: 'seg_associations', key: 'key', label: 'association' },
  holder: { table: 'seg_holders', key: 'uid', label: 'holder' },
};
