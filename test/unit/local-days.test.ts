/**
 * The import's per-day offset cache (imports/fast/instants.ts, LocalDays) gives the local calendar day
 * localDayOf gives (common/dates.ts), also on the days the offset changes, either side of the change.
 */
import { DateTime } from 'luxon';
import { LocalDays } from '../../src/plugins/segmentation/server/src/imports/fast/instants';
import { localDayOf } from '../../src/plugins/segmentation/server/src/common/dates';

const DAY = 86_400_000;
const MINUTE = 60_000;

// UTC days on which the offset changes, in zones with changes at different UTC hours, a 30-minute change, a southern-hemisphere one and a
// zone whose change skips a whole local day (Samoa, end of 2011).
const cases: [string, string[]][] = [
  ['Europe/Brussels', ['2024-03-31', '2024-10-27', '2025-03-30', '2025-10-26']],
  ['America/New_York', ['2024-03-10', '2024-11-03']],
  ['Australia/Lord_Howe', ['2024-04-06', '2024-10-05']],
  ['America/Santiago', ['2024-04-07', '2024-09-08']],
  ['Pacific/Apia', ['2011-12-29', '2011-12-30', '2011-12-31']],
];

const offset = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).offset;

test.each(cases)('%s: every minute of the change days, and the days around them', (zone, days) => {
  const cache = new LocalDays(zone);
  const wrong: [number, number, number][] = [];
  let changes = 0;
  for (const iso of days) {
    const day = Date.parse(`${iso}T00:00:00Z`);
    if (offset(day, zone) !== offset(day + DAY - 1, zone)) changes += 1;
    for (let ms = day - DAY; ms < day + 2 * DAY; ms += ms >= day && ms < day + DAY ? MINUTE : 17 * MINUTE) {
      for (const t of [ms, ms + 59_999]) {
        const [got, want] = [cache.of(t), localDayOf(t, zone)];
        if (got !== want) wrong.push([t, got, want]);
      }
    }
  }
  expect(wrong).toEqual([]);
  expect(changes).toBeGreaterThan(0); // the days chosen do have a change of offset
});

test('a cache slot taken over by a day 4096 days later gives that day its own offset', () => {
  const cache = new LocalDays('Europe/Brussels');
  const summer = Date.parse('2024-07-01T22:30:00Z'); // 00:30 the next local day
  const winter = Date.parse('2024-12-31T23:30:00Z'); // 00:30 on New Year's Day
  const times = [summer, summer + 4096 * DAY, summer, winter, winter + 4096 * DAY, winter];
  expect(times.map((ms) => cache.of(ms))).toEqual(times.map((ms) => localDayOf(ms, 'Europe/Brussels')));
});
