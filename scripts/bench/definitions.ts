/**
 * The benchmark suite: each segment definition (keys of the generated data) next to the SQL a good
 * engineer would write by hand for the same question on the same Postgres tables. Both must give
 * the same counts; the bench checks it before timing anything.
 */
import type { SegmentDefinition } from '../../src/plugins/segmentation/shared/definition';
import { isoToDay, minusCalendar } from '../../src/plugins/segmentation/server/src/common/dates';

export const AS_OF = '2026-11-01';
const today = isoToDay(AS_OF);
const lastYear = isoToDay(minusCalendar(AS_OF, 'year'));
const lastMonth = isoToDay(minusCalendar(AS_OF, 'month'));
const y2025 = [isoToDay('2025-01-01'), isoToDay('2025-12-31')];
const museumPeriod = [isoToDay('2024-01-01'), isoToDay('2026-10-31')];

export interface BenchCase {
  name: string;
  definition: SegmentDefinition;
  /** Returns one row { total, with_email }. */
  sql: string;
}

const counted = (from: string) => `SELECT count(*) AS total, count(*) FILTER (WHERE h.has_email) AS with_email FROM ${from}`;
const activeHolders = (where: string) => `(SELECT DISTINCT holder_id FROM seg_actions a WHERE ${where}) m JOIN seg_holders h ON h.id = m.holder_id`;

export const CASES: BenchCase[] = [
  {
    name: 'card system Gent',
    definition: { version: 1, groups: [{ filters: [{ type: 'cardSystem', cardSystems: ['uitpas-gent'] }] }] },
    sql: counted(`seg_holders h WHERE EXISTS (SELECT 1 FROM seg_holder_card_systems l WHERE l.holder_id = h.id
      AND l.card_system_id = (SELECT id FROM seg_card_systems WHERE key = 'uitpas-gent'))`),
  },
  {
    name: 'CHECKIN >= 1 last year',
    definition: { version: 1, groups: [{ filters: [{ type: 'action', action: 'CHECKIN', count: { op: '>=', value: 1 }, period: { last: 'year' } }] }] },
    sql: counted(activeHolders(`a.type = 'CHECKIN' AND a.day BETWEEN ${lastYear} AND ${today}`)),
  },
  {
    name: 'TICKET at Festival/Concert, theme jazz en blues, 2025',
    definition: {
      version: 1,
      groups: [
        {
          filters: [
            {
              type: 'action',
              action: 'TICKET',
              count: { op: '>=', value: 1 },
              period: { from: '2025-01-01', to: '2025-12-31' },
              counterTypes: ['Festival', 'Concert'],
              eventThemes: ['jazz en blues'],
            },
          ],
        },
      ],
    },
    sql: counted(
      activeHolders(`a.type = 'TICKET' AND a.day BETWEEN ${y2025[0]} AND ${y2025[1]}
        AND a.counter_id IN (SELECT id FROM seg_counters WHERE type IN ('Festival', 'Concert'))
        AND a.event_id IN (SELECT event_id FROM seg_event_themes WHERE theme = 'jazz en blues')`),
    ),
  },
  {
    name: 'CASHIN of one advantage',
    definition: { version: 1, groups: [{ filters: [{ type: 'action', action: 'CASHIN', count: { op: '>=', value: 1 }, advantages: ['adv-0001'] }] }] },
    sql: counted(activeHolders(`a.type = 'CASHIN' AND a.advantage_id = (SELECT id FROM seg_advantages WHERE key = 'adv-0001')`)),
  },
  {
    name: 'CHECKIN < 1 (never)',
    definition: { version: 1, groups: [{ filters: [{ type: 'action', action: 'CHECKIN', count: { op: '<', value: 1 } }] }] },
    sql: counted(`seg_holders h WHERE NOT EXISTS (SELECT 1 FROM seg_actions a WHERE a.holder_id = h.id AND a.type = 'CHECKIN')`),
  },
  {
    name: 'age 18-25 AND postcode list AND membership',
    definition: {
      version: 1,
      groups: [
        {
          filters: [
            { type: 'age', op: 'between', value: [18, 25] },
            { type: 'postcode', postcodes: ['9000', '9030', '9040', '9050', '3000', '8000'] },
            { type: 'membership', associations: ['as-000', 'as-001', 'as-008', 'as-009', 'as-016', 'as-017'] },
          ],
        },
      ],
    },
    // Age 18..25 on 2026-11-01 = born 2000-11-02 .. 2008-11-01.
    sql: counted(`seg_holders h WHERE h.birthdate BETWEEN '2000-11-02' AND '2008-11-01'
      AND h.postcode IN ('9000', '9030', '9040', '9050', '3000', '8000')
      AND EXISTS (SELECT 1 FROM seg_memberships m JOIN seg_associations s ON s.id = m.association_id
        WHERE m.holder_id = h.id AND s.key IN ('as-000', 'as-001', 'as-008', 'as-009', 'as-016', 'as-017')
        AND (m.end_date IS NULL OR m.end_date >= '${AS_OF}'))`),
  },
  {
    name: 'three OR groups with an exclude group',
    definition: {
      version: 1,
      groups: [
        {
          filters: [
            { type: 'cardSystem', cardSystems: ['uitpas-leuven'] },
            { type: 'kansenstatuut', value: true, currentlyValid: true },
          ],
        },
        { filters: [{ type: 'action', action: 'CHECKIN', count: { op: '>=', value: 10 }, period: { last: 'year' } }] },
        { filters: [{ type: 'points', op: '>', value: 300 }] },
      ],
      exclude: [{ filters: [{ type: 'action', action: 'CASHIN', count: { op: '>=', value: 1 }, period: { last: 'month' } }] }],
    },
    sql: counted(`seg_holders h WHERE (
        (h.kansenstatuut AND (h.kansenstatuut_end_date IS NULL OR h.kansenstatuut_end_date >= '${AS_OF}')
          AND EXISTS (SELECT 1 FROM seg_holder_card_systems l WHERE l.holder_id = h.id
            AND l.card_system_id = (SELECT id FROM seg_card_systems WHERE key = 'uitpas-leuven')))
        OR h.id IN (SELECT holder_id FROM seg_actions WHERE type = 'CHECKIN' AND day BETWEEN ${lastYear} AND ${today}
          GROUP BY holder_id HAVING count(*) >= 10)
        OR h.points > 300)
      AND NOT EXISTS (SELECT 1 FROM seg_actions a WHERE a.holder_id = h.id AND a.type = 'CASHIN' AND a.day BETWEEN ${lastMonth} AND ${today})`),
  },
  {
    name: 'heavy: 4 action filters',
    definition: {
      version: 1,
      groups: [
        {
          filters: [
            { type: 'action', action: 'CHECKIN', count: { op: '>=', value: 3 }, period: { last: 'year' } },
            { type: 'action', action: 'TICKET', count: { op: '>=', value: 1 } },
            { type: 'action', action: 'CASHIN', count: { op: '<', value: 1 }, period: { last: 'year' } },
            { type: 'action', action: 'CHECKIN', count: { op: '>=', value: 1 }, period: { from: '2024-01-01', to: '2026-10-31' }, counterTypes: ['Museum'] },
          ],
        },
      ],
    },
    sql: `WITH agg AS (
        SELECT holder_id,
          count(*) FILTER (WHERE type = 'CHECKIN' AND day BETWEEN ${lastYear} AND ${today}) AS c1,
          count(*) FILTER (WHERE type = 'TICKET') AS c2,
          count(*) FILTER (WHERE type = 'CASHIN' AND day BETWEEN ${lastYear} AND ${today}) AS c3,
          count(*) FILTER (WHERE type = 'CHECKIN' AND day BETWEEN ${museumPeriod[0]} AND ${museumPeriod[1]}
            AND counter_id IN (SELECT id FROM seg_counters WHERE type = 'Museum')) AS c4
        FROM seg_actions GROUP BY holder_id)
      ${counted('agg JOIN seg_holders h ON h.id = agg.holder_id WHERE c1 >= 3 AND c2 >= 1 AND c3 = 0 AND c4 >= 1')}`,
  },
];

/** Indexes the hand-written SQL gets (the tool's tables carry only what the import and refresh need). */
export const BASELINE_INDEXES = [
  // periods per action type, covering the narrowing columns: index-only scans
  'CREATE INDEX IF NOT EXISTS bench_actions_type_day_holder ON seg_actions (type, day, holder_id) INCLUDE (counter_id, event_id, advantage_id)',
  'CREATE INDEX IF NOT EXISTS bench_hcs_cs_holder ON seg_holder_card_systems (card_system_id, holder_id)',
  'CREATE INDEX IF NOT EXISTS bench_memberships_assoc ON seg_memberships (association_id, holder_id) INCLUDE (end_date)',
  'CREATE INDEX IF NOT EXISTS bench_holders_birthdate ON seg_holders (birthdate)',
  'CREATE INDEX IF NOT EXISTS bench_holders_points ON seg_holders (points)',
];

/**
 * Session settings of every connection: sorts and hashes stay in memory; no JIT (its compile time
 * only costs on these queries). Parallel query stays at PostgreSQL's default (2 workers), which
 * helped the geometric mean slightly on 2 cores (it hurts #2, whose hash is built by every worker).
 */
export const SQL_SETTINGS = ["SET work_mem = '256MB'", 'SET jit = off'];
