/**
 * When event messages are due (events/timing.ts): hours on the Europe/Brussels wall clock, also on
 * the days summer time starts (last Sunday of March) and ends (last Sunday of October); event times
 * with an offset, without one (Brussels local) and as a date; and the tool's clock file.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { dueAt, eventInstant, shiftWallClock } from '../../src/plugins/segmentation/server/src/events/timing';
import { clockOffset, now } from '../../src/plugins/segmentation/server/src/common/clock';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const due = (timing: 'before' | 'after' | 'now', hours: number, startsAt: string | null, endsAt: string | null = null) =>
  iso(dueAt(timing, hours, { startsAt, endsAt }, 0));

describe('due times on the Brussels wall clock', () => {
  test('24 hours before an event at 20:00 on the day summer time starts is 20:00 the day before (23 elapsed hours)', () => {
    expect(due('before', 24, '2026-03-29T20:00:00+02:00')).toBe('2026-03-28T19:00:00.000Z');
  });

  test('24 hours before an event at 20:00 on the day summer time ends is 20:00 the day before (25 elapsed hours)', () => {
    expect(due('before', 24, '2026-10-25T20:00')).toBe('2026-10-24T18:00:00.000Z');
  });

  test('after the end across the change: 24 hours after 22:00 the Saturday before is 22:00 on the Sunday', () => {
    expect(due('after', 24, null, '2026-03-28T22:00')).toBe('2026-03-29T20:00:00.000Z');
    expect(due('after', 24, null, '2026-10-24T22:00')).toBe('2026-10-25T21:00:00.000Z');
  });

  test('a wall-clock time skipped in March moves forward by the gap; one repeated in October is its later occurrence', () => {
    // 04:00 CEST minus 2 h = 02:00, which does not exist on 29 March: 03:00 CEST.
    expect(iso(shiftWallClock(eventInstant('2026-03-29T04:00')!, -2))).toBe('2026-03-29T01:00:00.000Z');
    // 04:00 CET minus 2 h = 02:00, which happens twice on 25 October: the second (CET).
    expect(iso(shiftWallClock(eventInstant('2026-10-25T04:00')!, -2))).toBe('2026-10-25T01:00:00.000Z');
  });

  test('event times: with an offset, local (Brussels) and a date (its midnight); none or unreadable: no due time', () => {
    expect(iso(eventInstant('2026-06-03T20:00:00Z'))).toBe('2026-06-03T20:00:00.000Z');
    expect(iso(eventInstant('2026-06-03T20:00'))).toBe('2026-06-03T18:00:00.000Z');
    expect(iso(eventInstant('2026-01-03'))).toBe('2026-01-02T23:00:00.000Z');
    expect(due('before', 2, null)).toBeNull();
    expect(due('after', 2, '2026-06-03T20:00', null)).toBeNull();
    expect(eventInstant('not a time')).toBeNull();
  });

  test('now is due when it is saved; 0 hours before is the start itself', () => {
    expect(dueAt('now', null, { startsAt: null, endsAt: null }, 1234)).toBe(1234);
    expect(due('before', 0, '2026-06-03T20:00')).toBe('2026-06-03T18:00:00.000Z');
  });
});

describe('the clock file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seg-clock-unit-'));
  const file = path.join(dir, 'clock');
  afterEach(() => {
    delete process.env.SEGMENTATION_CLOCK_FILE;
  });

  test('without the setting, or without the file, the clock is real time', () => {
    expect(clockOffset()).toBe(0);
    process.env.SEGMENTATION_CLOCK_FILE = path.join(dir, 'missing');
    expect(clockOffset()).toBe(0);
  });

  test('an offset in ms, then an ISO time (running on from when it was written), each read when the file changes', () => {
    process.env.SEGMENTATION_CLOCK_FILE = file;
    fs.writeFileSync(file, '3600000');
    expect(clockOffset()).toBe(3_600_000);
    fs.writeFileSync(file, '2030-01-01T00:00:00.000Z');
    fs.utimesSync(file, new Date(), new Date()); // a new mtime even within the file system's resolution
    const t = now();
    expect(t).toBeGreaterThanOrEqual(Date.parse('2030-01-01T00:00:00.000Z'));
    expect(t).toBeLessThan(Date.parse('2030-01-01T00:01:00.000Z'));
  });
});
