/**
 * The import's fast check for the common valid line (records/plain.ts, PLAIN_RECORD): it may only say
 * "plain" for a value the schema accepts and gives back unchanged, so that skipping the schema
 * changes nothing. Everything else goes through the schema, which writes the messages.
 */
import fc from 'fast-check';
import { PLAIN_RECORD, isPlainInstant } from '../../src/plugins/segmentation/server/src/imports/records/plain';
import { RECORD_SCHEMAS } from '../../src/plugins/segmentation/server/src/imports/records/schemas';

const isPlainAction = PLAIN_RECORD.actions!;
const schema = RECORD_SCHEMAS.actions;

let plainSeen = 0;
/** The property: plain implies valid and unchanged by the schema. */
function agrees(value: unknown): boolean {
  if (!isPlainAction(value)) return true;
  plainSeen += 1;
  const parsed = schema.safeParse(value);
  expect(parsed.success).toBe(true);
  expect(parsed.data).toEqual(value);
  return true;
}

const good = {
  key: 'act-1',
  holder: '0001',
  type: 'CHECKIN',
  counter: 'ctr-1',
  event: 'ev-1',
  points: 1,
  at: '2025-06-14T11:10:48+02:00',
};

describe('plain action lines', () => {
  test('the generated shapes are plain', () => {
    expect(isPlainAction(good)).toBe(true);
    expect(isPlainAction({ ...good, at: '2026-07-15T11:22:59.000Z' })).toBe(true);
    expect(isPlainAction({ key: 'a', type: 'CASHIN', advantage: 'adv', counter: null, points: null, at: '2024-02-29T00:00:00Z' })).toBe(true);
    expect(isPlainAction({ key: 'a' })).toBe(true);
    agrees(good);
  });

  test('anything the fast check does not know goes to the schema', () => {
    const notPlain: unknown[] = [
      null,
      [],
      'x',
      {},
      { holder: 'h' }, // no key
      { ...good, key: ' act-1' }, // trimmed by the schema
      { ...good, key: 'act-1 ' },
      { ...good, key: '' },
      { ...good, key: 'x'.repeat(256) },
      { ...good, key: 'caf\u00e9' }, // valid, but not ASCII: the schema decides
      { ...good, key: 'a\u0000b' },
      { ...good, holder: '\ud800' },
      { ...good, holder: null },
      { ...good, type: 'checkin' },
      { ...good, type: null },
      { ...good, type: 'A'.repeat(33) },
      { ...good, at: '2025-06-14T11:10:48' }, // no offset
      { ...good, at: '2025-06-14t11:10:48Z' },
      { ...good, at: '2025-02-29T11:10:48Z' },
      { ...good, at: '2025-06-14T24:00:00Z' },
      { ...good, at: '2025-06-14T11:10:60Z' },
      { ...good, at: '2025-06-14T11:10:48.1234Z' },
      { ...good, at: '2025-06-14T11:10:48+0200' },
      { ...good, at: '2025-06-14T11:10Z' },
      { ...good, at: null },
      { ...good, points: 1.5 },
      { ...good, points: 2 ** 31 },
      { ...good, points: '1' },
      { ...good, counter: 5 },
      { ...good, extra: 1 },
      JSON.parse('{"key":"a","__proto__":{"x":1}}'),
      Object.assign(Object.create({ inherited: 1 }), { key: 'a' }),
    ];
    for (const value of notPlain) expect([value, isPlainAction(value)]).toEqual([value, false]);
  });

  test('plain implies valid and unchanged (random lines)', () => {
    const key = fc.oneof(
      { weight: 8, arbitrary: fc.stringMatching(/^[!-~]([ -~]{0,10}[!-~])?$/) },
      { weight: 1, arbitrary: fc.constantFrom('k', 'act-000000001', ' k', 'k ', '', 'a b', 'x'.repeat(255), 'x'.repeat(256)) },
      { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
    );
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    const at = fc.oneof(
      fc
        .tuple(
          fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
          two(13),
          two(32),
          two(25),
          two(61),
          two(61),
          fc.constantFrom('', '.000', '.5', '.123456'),
          fc.constantFrom('Z', 'z', '+02:00', '-11:30', '+0100', '+24:00', '+99:99', ''),
          fc.constantFrom('T', 't', ' '),
        )
        .map(([y, mo, d, h, mi, s, frac, zone, sep]) => `${y}-${mo}-${d}${sep}${h}:${mi}:${s}${frac}${zone}`),
      fc.date({ noInvalidDate: true, min: new Date(0), max: new Date('9999-12-31') }).map((d) => d.toISOString()),
      fc
        .tuple(fc.date({ noInvalidDate: true, min: new Date(0), max: new Date('9999-12-31') }), fc.constantFrom('+02:00', '-05:30', '+00:00'))
        .map(([d, zone]) => `${d.toISOString().slice(0, 19)}${zone}`),
      fc.string({ maxLength: 30 }),
    );
    const maybe = <T>(arb: fc.Arbitrary<T>) =>
      fc.option(fc.oneof({ weight: 6, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.anything() }), {
        nil: undefined,
        freq: 4,
      });
    const action = fc.record(
      {
        key,
        holder: maybe(key),
        type: maybe(fc.constantFrom('CHECKIN', 'TICKET', 'CASHIN', 'X_1', 'lower', '1ABC', 'A'.repeat(32), 'A'.repeat(33))),
        at: maybe(at),
        counter: maybe(key),
        event: maybe(key),
        advantage: maybe(key),
        points: maybe(fc.oneof(fc.integer(), fc.double(), fc.constantFrom(2 ** 31 - 1, -(2 ** 31), 2 ** 31))),
        extra: fc.option(fc.anything(), { nil: undefined, freq: 20 }),
      },
      { requiredKeys: [] },
    );
    // Through JSON, as the import sees them (no undefined values).
    plainSeen = 0;
    fc.assert(
      fc.property(action, (value) => agrees(JSON.parse(JSON.stringify(value)))),
      { numRuns: 10_000 },
    );
    expect(plainSeen).toBeGreaterThan(100); // the property was tested on plain lines, not only skipped
  });

  test('instants: exactly what the schema accepts, within the plain formats', () => {
    const atSchema = schema.shape.at;
    const cases = [
      '2024-02-29T23:59:59Z',
      '2023-02-29T10:00:00Z',
      '2024-12-31T23:59:59.999+14:00',
      '0000-01-01T00:00:00Z',
      '9999-12-31T23:59:59-23:59',
      '2024-01-01T00:00:00+24:00',
      '2024-01-01T00:00:00+12:60',
      '2024-13-01T00:00:00Z',
      '2024-00-10T00:00:00Z',
      '2024-04-31T00:00:00Z',
    ];
    for (const at of cases) if (isPlainInstant(at)) expect([at, atSchema.safeParse(at).success]).toEqual([at, true]);
    expect(isPlainInstant('2024-02-29T23:59:59Z')).toBe(true);
    expect(isPlainInstant('2023-02-29T10:00:00Z')).toBe(false);
  });
});
