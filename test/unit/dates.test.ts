import { ageOn, dayToIso, isoToDay, localDayOf, minusCalendar, parseIsoDate, todayIn } from '../../src/plugins/segmentation/server/src/common/dates';

const local = (iso: string) => dayToIso(localDayOf(Date.parse(iso), 'Europe/Brussels'));

describe('dates', () => {
  test('strict calendar dates', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ y: 2024, m: 2, d: 29 });
    expect(parseIsoDate('2023-02-29')).toBeNull();
    expect(parseIsoDate('2023-02-30')).toBeNull();
    expect(parseIsoDate('1900-02-29')).toBeNull();
    expect(parseIsoDate('2000-02-29')).not.toBeNull();
    expect(parseIsoDate('2023-13-01')).toBeNull();
    expect(parseIsoDate('2023-1-01')).toBeNull();
    expect(isoToDay('1970-01-02')).toBe(1);
  });

  test('local day one minute either side of Brussels midnight, winter and summer time', () => {
    expect(local('2024-01-15T22:59:00Z')).toBe('2024-01-15');
    expect(local('2024-01-15T23:01:00Z')).toBe('2024-01-16');
    expect(local('2024-07-15T21:59:00Z')).toBe('2024-07-15');
    expect(local('2024-07-15T22:01:00Z')).toBe('2024-07-16');
  });

  test('DST switch days', () => {
    // 31 March 2024: 02:00 CET -> 03:00 CEST at 01:00Z.
    expect(local('2024-03-30T23:01:00Z')).toBe('2024-03-31');
    expect(local('2024-03-31T21:59:00Z')).toBe('2024-03-31');
    expect(local('2024-03-31T22:01:00Z')).toBe('2024-04-01');
    // 27 October 2024: 03:00 CEST -> 02:00 CET at 01:00Z.
    expect(local('2024-10-26T21:59:00Z')).toBe('2024-10-26');
    expect(local('2024-10-26T22:01:00Z')).toBe('2024-10-27');
    expect(local('2024-10-27T22:59:00Z')).toBe('2024-10-27');
    expect(local('2024-10-27T23:01:00Z')).toBe('2024-10-28');
  });

  test('minus a calendar month/year clamps to the last day of the month', () => {
    expect(minusCalendar('2024-03-31', 'month')).toBe('2024-02-29');
    expect(minusCalendar('2023-03-31', 'month')).toBe('2023-02-28');
    expect(minusCalendar('2024-05-31', 'month')).toBe('2024-04-30');
    expect(minusCalendar('2024-01-15', 'month')).toBe('2023-12-15');
    expect(minusCalendar('2024-02-29', 'year')).toBe('2023-02-28');
    expect(minusCalendar('2024-03-01', 'year')).toBe('2023-03-01');
  });

  test('age in whole years; 29 February birthdays turn older on 1 March', () => {
    expect(ageOn(20080229, 20260228)).toBe(17);
    expect(ageOn(20080229, 20260301)).toBe(18);
    expect(ageOn(20080229, 20280229)).toBe(20);
    expect(ageOn(20060331, 20240331)).toBe(18);
    expect(ageOn(20060331, 20240330)).toBe(17);
  });

  test('today in a time zone', () => {
    expect(todayIn('Europe/Brussels', new Date('2024-01-15T23:30:00Z'))).toBe('2024-01-16');
    expect(todayIn('UTC', new Date('2024-01-15T23:30:00Z'))).toBe('2024-01-15');
  });
});
