/**
 * A small audience built to exercise every rule of docs/segment-definitions.md. Evaluation dates used by the
 * tests: 2024-03-31 (last month = from 29 Feb in a leap year; DST starts that night) and others.
 */
import type { TestApp } from '../helpers/strapi';
export const cardSystems = [
  { key: 'cs-gent', name: 'UiTPAS Gent' },
  { key: 'cs-leuven', name: 'UiTPAS Leuven' },
];

export const counters = [
  { key: 'c-vooruit', name: 'Vooruit', type: 'Concert', cardSystem: 'cs-gent' },
  { key: 'c-fest', name: 'Gentse Feesten', type: 'Festival', cardSystem: 'cs-gent' },
  { key: 'c-bib', name: 'Bibliotheek Leuven', type: 'Bibliotheek', cardSystem: 'cs-leuven' },
  { key: 'c-plain', name: 'Zonder type' },
];

export const events = [
  { key: 'ev-jazz', name: 'Jazz night', themes: ['jazz en blues'], counter: 'c-vooruit' },
  { key: 'ev-rock', name: 'Rock', themes: ['rock'], counter: 'c-fest' },
  { key: 'ev-film', name: 'Film', themes: ['film', 'Jazz en Blues'], counter: 'c-bib' },
];

export const advantages = [
  { key: 'adv-1', name: 'Gratis koffie', counter: 'c-vooruit', points: 5 },
  { key: 'adv-2', name: 'Korting', counter: 'c-bib', points: 10 },
];

export const associations = [
  { key: 'as-1', name: 'Jeugdbeweging', cardSystem: 'cs-gent' },
  { key: 'as-2', name: 'Sportclub' },
];

export const holders = [
  {
    uid: 'h01',
    firstName: 'An',
    lastName: 'Peeters',
    email: 'an@example.be',
    phone: '',
    birthdate: '2006-03-31',
    postcode: '9000 Gent',
    points: 10,
    kansenstatuut: true,
    kansenstatuutEndDate: '2024-12-31',
    cardSystems: ['cs-gent'],
  },
  {
    uid: 'h02',
    firstName: 'Bart',
    lastName: 'Janssens',
    phone: '0470 12 34 56',
    birthdate: '2008-02-29',
    postcode: ' 9000',
    points: 0,
    kansenstatuut: true,
    kansenstatuutEndDate: '2024-01-01',
    cardSystems: ['cs-gent'],
  },
  {
    uid: 'h03',
    firstName: 'Chloé',
    lastName: 'Maes',
    email: '   ',
    postcode: '90000',
    points: 250,
    cardSystems: ['cs-leuven'],
    memberships: [{ association: 'as-1', endDate: '2024-03-30' }, { association: 'as-2' }],
  },
  {
    uid: 'h04',
    firstName: 'Dirk',
    lastName: 'Claes',
    email: 'dirk@example.be',
    phone: '+32 9 123',
    birthdate: '1990-01-01',
    postcode: '3000',
    points: 40,
    cardSystems: ['cs-gent', 'cs-leuven'],
    memberships: [{ association: 'as-1', endDate: '2024-03-31' }],
  },
  { uid: 'h05', firstName: 'Els', lastName: 'Wouters', email: 'els@example.be', postcode: 'Gent' },
  // Byte order: 'H00' (0x48) sorts before every lower-case uid, whatever the collation says.
  { uid: 'H00', firstName: 'Hugo', lastName: 'Hermans', birthdate: '2000-06-15', postcode: '9000-GENT', cardSystems: ['cs-gent'] },
];

let n = 0;
const act = (holder: string, type: string, at: string, extra: Record<string, unknown> = {}) => ({
  key: `a${++n}`,
  holder,
  type,
  at,
  ...extra,
});

export const actions = [
  // h01: CHECKIN one minute before local midnight of 30/31 March 2024 (CET, +01:00) ...
  act('h01', 'CHECKIN', '2024-03-30T22:59:00Z', { counter: 'c-vooruit', event: 'ev-jazz' }),
  // ... and h02 one minute after it (00:01 on 31 March local).
  act('h02', 'CHECKIN', '2024-03-30T23:01:00Z', { counter: 'c-fest', event: 'ev-rock' }),
  // DST end 27 October 2024: 23:59 local on 26 Oct (CEST +02:00) and 00:01 on 27 Oct.
  act('h03', 'CHECKIN', '2024-10-26T21:59:00Z', { counter: 'c-bib', event: 'ev-film' }),
  act('h04', 'CHECKIN', '2024-10-26T22:01:00+00:00', { counter: 'c-bib', event: 'ev-film' }),
  // Last day of DST-end day: 23:59 on 27 Oct local is 22:59Z (CET +01:00).
  act('h04', 'CHECKIN', '2024-10-27T22:59:00Z', { counter: 'c-vooruit', event: 'ev-jazz' }),
  // Leap-day window for `last month` on 2024-03-31: 28 Feb is out, 29 Feb is in.
  act('h01', 'TICKET', '2024-02-28T12:00:00+01:00', { counter: 'c-vooruit', event: 'ev-jazz' }),
  act('h02', 'TICKET', '2024-02-29T12:00:00+01:00', { counter: 'c-fest', event: 'ev-rock' }),
  // Cash-ins.
  act('h01', 'CASHIN', '2023-06-01T10:00:00+02:00', { counter: 'c-vooruit', advantage: 'adv-1' }),
  act('h01', 'CASHIN', '2023-07-01T10:00:00+02:00', { counter: 'c-vooruit', advantage: 'adv-1' }),
  act('h03', 'CASHIN', '2023-07-01T10:00:00+02:00', { counter: 'c-bib', advantage: 'adv-2' }),
  // Many check-ins for H00 (counts, between), one without counter.
  ...Array.from({ length: 5 }, (_, i) => act('H00', 'CHECKIN', `2022-01-0${i + 1}T10:00:00Z`, { counter: 'c-fest', event: 'ev-rock' })),
  act('H00', 'CHECKIN', '2022-02-01T10:00:00Z'),
  // An other type: stored, used by no filter.
  act('h05', 'VISIT', '2024-01-01T10:00:00Z'),
];

export function ndjson(records: object[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

export const ENTITIES: [string, object[]][] = [
  ['card-systems', cardSystems],
  ['counters', counters],
  ['events', events],
  ['advantages', advantages],
  ['associations', associations],
  ['pass-holders', holders],
  ['actions', actions],
];

/** Every card system of the fixture: a user linked to all of them sees every holder. */
export const CARD_SYSTEMS = cardSystems.map((c) => c.key);

/** Imports the fixture's reference data and pass holders (and `extra` holders) over the import API. */
export async function importFixture(app: TestApp, extra: object[] = []): Promise<void> {
  for (const [entity, records] of ENTITIES) {
    await app.api().post(`/api/segmentation/import/${entity}`).set('Content-Type', 'application/x-ndjson').send(ndjson(records));
  }
  if (extra.length) await app.api().post('/api/segmentation/import/pass-holders').set('Content-Type', 'application/x-ndjson').send(ndjson(extra));
}

/** An approved sender address (as an administrator would approve one), by documentId. */
export async function approvedSender(app: TestApp, email = 'gent@uitpas.test'): Promise<string> {
  const sender = (await app.strapi.db
    .query('plugin::segmentation.sender-address')
    .create({ data: { email, displayName: 'UiTPAS Gent', status: 'approved' } })) as { documentId: string };
  return sender.documentId;
}
