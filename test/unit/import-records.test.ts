/** Line validation (one schema per entity), CSV cells to values, and postcode normalisation. */
import { fromCsv } from '../../src/plugins/segmentation/server/src/imports/records/csv-cells';
import { RECORD_SCHEMAS, describeIssues, type ImportEntity } from '../../src/plugins/segmentation/server/src/imports/records/schemas';
import { ENTITIES } from '../../src/plugins/segmentation/server/src/imports/entities';
import { normalisePostcode } from '../../src/plugins/segmentation/server/src/imports/postcode';

/** The problem with a record, or null when the line is valid. */
function problem(entity: ImportEntity, record: unknown): string | null {
  const parsed = RECORD_SCHEMAS[entity].safeParse(record);
  if (!parsed.success) return describeIssues(parsed.error);
  return ENTITIES[entity].check?.(parsed.data as Record<string, unknown>) ?? null;
}

const action = { key: 'a1', holder: 'u1', type: 'CHECKIN', at: '2024-05-01T20:00:00+02:00' };
const holder = { uid: 'u1', firstName: 'An', lastName: 'Peeters' };

describe('postcode normalisation', () => {
  test.each([
    ['9000', '9000'],
    ['9000 Gent', '9000'],
    ['9000-GENT', '9000'],
    [' 9000', '9000'],
    ['\t9000\t', '9000'],
    [' \t 9000 Gent \t', '9000'],
    ['9000Gent', '9000'],
    ['90000', null],
    ['Gent', null],
    ['', null],
    ['   ', null],
    ['B-9000', null],
    ['900', null],
    ['\n9000', null], // only spaces and tabs are trimmed
    ['\u00a09000', null],
    ['９０００', null], // four digits means four ASCII digits
    ['٩٠٠٠', null],
  ])('%j -> %j', (raw, expected) => expect(normalisePostcode(raw)).toBe(expected));
});

describe('record schemas', () => {
  test('an action time must carry an offset or Z and exist', () => {
    expect(problem('actions', action)).toBeNull();
    expect(problem('actions', { ...action, at: '2024-05-01T18:00:00Z' })).toBeNull();
    expect(problem('actions', { ...action, at: '2024-05-01T18:00:00.123+0200' })).toBeNull();
    for (const at of ['2024-05-01T20:00:00', '2024-05-01', '2024-02-30T10:00:00Z', '2024-05-01T25:00:00Z', '2024-05-01 20:00:00Z', 'yesterday', 20240501]) {
      expect(problem('actions', { ...action, at })).toMatch(/^at: /);
    }
  });

  test('action types are upper case; event only on CHECKIN/TICKET, advantage only on CASHIN', () => {
    expect(problem('actions', { ...action, type: 'VISIT' })).toBeNull();
    expect(problem('actions', { ...action, type: 'checkin' })).toMatch(/^type: /);
    expect(problem('actions', { ...action, type: 'TICKET', event: 'e1' })).toBeNull();
    expect(problem('actions', { ...action, type: 'CASHIN', advantage: 'a1' })).toBeNull();
    expect(problem('actions', { ...action, type: 'CASHIN', event: 'e1' })).toMatch(/event/);
    expect(problem('actions', { ...action, type: 'CHECKIN', advantage: 'a1' })).toMatch(/advantage/);
  });

  test('holder fields: dates, language, mailing preference, booleans, integers', () => {
    expect(
      problem('pass-holders', { ...holder, birthdate: '2000-02-29', language: 'fr', mailingPreference: 'post', kansenstatuut: true, points: -3 }),
    ).toBeNull();
    expect(problem('pass-holders', { ...holder, birthdate: '2001-02-29' })).toMatch(/^birthdate: /);
    expect(problem('pass-holders', { ...holder, kansenstatuutEndDate: '01/02/2025' })).toMatch(/^kansenstatuutEndDate: /);
    expect(problem('pass-holders', { ...holder, language: 'es' })).toMatch(/^language: /);
    expect(problem('pass-holders', { ...holder, mailingPreference: 'sms' })).toMatch(/^mailingPreference: /);
    expect(problem('pass-holders', { ...holder, kansenstatuut: 'yes' })).toMatch(/^kansenstatuut: /);
    expect(problem('pass-holders', { ...holder, points: 1.5 })).toMatch(/^points: /);
    expect(problem('pass-holders', { ...holder, memberships: [{ association: 'x', endDate: '2025-13-01' }] })).toMatch(/^memberships\.0\.endDate: /);
  });

  test('unknown fields are named; a line that is not an object is refused', () => {
    expect(problem('pass-holders', { ...holder, shoeSize: 44 })).toBe("unknown field 'shoeSize'");
    expect(problem('pass-holders', { ...holder, memberships: [{ association: 'x', role: 'chair' }] })).toBe("unknown field 'memberships.0.role'");
    for (const value of [null, 42, 'text', [holder]]) expect(problem('pass-holders', value)).toMatch(/^line: /);
  });

  test('keys are required, non-empty, and no text may hold a NUL character', () => {
    expect(problem('card-systems', { name: 'x' })).toMatch(/^key: /);
    expect(problem('card-systems', { key: '  ', name: 'x' })).toMatch(/^key: /);
    expect(problem('card-systems', { key: 'a\u0000b', name: 'x' })).toMatch(/NUL/);
    expect(problem('pass-holders', { ...holder, city: 'Ge\u0000nt' })).toMatch(/NUL/);
    expect(problem('pass-holders', { ...holder, city: 'Gent \ud83d' })).toMatch(/surrogate/);
    expect(problem('pass-holders', { ...holder, city: 'Gent \ud83d\ude00' })).toBeNull();
  });

  test('event times are ISO 8601, with or without an offset', () => {
    expect(problem('events', { key: 'e', name: 'E', startsAt: '2024-05-01T20:00', endsAt: '2024-05-02' })).toBeNull();
    expect(problem('events', { key: 'e', name: 'E', startsAt: '1 May 2024' })).toMatch(/^startsAt: /);
  });
});

describe('CSV cells', () => {
  test('empty cells are not given; lists split on |; memberships key:endDate', () => {
    const row = { uid: 'u1', firstName: '', lastName: 'P', cardSystems: 'a| b |', memberships: 'x:2025-01-01|y|z:w:2026-01-01', consents: '', points: ' 12 ' };
    expect(fromCsv('pass-holders', row)).toEqual({
      uid: 'u1',
      lastName: 'P',
      cardSystems: ['a', 'b'],
      memberships: [{ association: 'x', endDate: '2025-01-01' }, { association: 'y' }, { association: 'z:w', endDate: '2026-01-01' }],
      points: 12,
    });
  });

  test('booleans are true/false/1/0; anything else stays text and fails validation', () => {
    expect(['true', 'FALSE', '1', '0', 'yes', 'constructor'].map((v) => fromCsv('pass-holders', { kansenstatuut: v }).kansenstatuut)).toEqual([
      true,
      false,
      true,
      false,
      'yes',
      'constructor',
    ]);
    expect(problem('pass-holders', fromCsv('pass-holders', { ...holder, kansenstatuut: 'yes' }))).toMatch(/^kansenstatuut: /);
    expect(problem('pass-holders', fromCsv('pass-holders', { ...holder, points: '1.5' }))).toMatch(/^points: /);
  });

  test('a column the entity does not have is refused on every line, even when empty', () => {
    expect(problem('card-systems', fromCsv('card-systems', { key: 'a', name: 'A', colour: '' }))).toBe("unknown field 'colour'");
  });
});
