/**
 * Deterministic audience generator for the demo and the benchmark: the same options give the same
 * records, streamed (never a 10M-element array). Records have exactly the import shape of
 * the import API (docs/api.md), so they go through the real import.
 *
 * Realism: 8 Flemish regions, Flemish names, ~85% with e-mail (some only whitespace), ~60% with
 * phone, birthdates 1930–2021 (some 29 February, ~5% unknown), postcodes of the holder's region with
 * ~3% messy ones, ~20% kansenstatuut (end dates past and future), ~5% memberships, 1–2 card systems.
 * Actions are skewed (40% of holders never did anything, a few are very active); 70% CHECKIN /
 * 15% TICKET / 15% CASHIN in the three years before 2026-11-01. A check-in happens at its event's
 * counter just before it starts, a ticket is bought up to 60 days before; CASHIN has an advantage
 * and that advantage's counter. Times carry the Brussels offset (some `Z`).
 */
import { Readable } from 'stream';
import type { ImportEntity } from '../imports/service';
import { CARD_SYSTEMS, COUNTER_TYPES, FIRST_NAMES, LAST_NAMES, STREETS, THEMES } from './names';
import { DAY_MS, brusselsIso, hashUnit, isoDay, pad, pick, rng } from './random';

export interface GeneratorOptions {
  holders: number;
  actions: number;
  seed?: number;
}
type Rec = Record<string, unknown>;

/** Bump when the generated data change, so cached benchmark data are not reused. */
export const GENERATOR_VERSION = 2;

export const sizes = (o: GeneratorOptions) => ({
  counters: Math.max(20, Math.min(2_000, Math.round(o.holders / 500))),
  events: Math.max(50, Math.min(20_000, Math.round(o.holders / 50))),
  advantages: Math.max(10, Math.min(500, Math.round(o.holders / 2_000))),
  associations: 40,
});

const END = Date.UTC(2026, 10, 1); // 2026-11-01, 01:00 in Brussels
const SPAN_DAYS = 3 * 365;
const HOUR = 3_600_000;

const counterKey = (i: number) => `ctr-${pad(i, 5)}`;
const eventKey = (i: number) => `ev-${pad(i, 6)}`;
const advantageKey = (i: number) => `adv-${pad(i, 4)}`;
const associationKey = (i: number) => `as-${pad(i, 3)}`;
const holderUid = (i: number) => pad(1_000_000 + i * 7, 10);

/** Properties other entities refer to, derived from the index alone (see hashUnit). */
function world(seed: number, o: GeneratorOptions) {
  const n = sizes(o);
  return {
    n,
    eventCounter: (e: number) => Math.floor(hashUnit(seed, 1, e) * n.counters),
    eventStart: (e: number) => {
      const day = Math.floor(END / DAY_MS) - 1 - Math.floor(hashUnit(seed, 2, e) * SPAN_DAYS);
      return day * DAY_MS + (9 + Math.floor(hashUnit(seed, 3, e) * 12)) * HOUR; // 10:00–21:00 local
    },
    advantageCounter: (a: number) => Math.floor(hashUnit(seed, 4, a) * n.counters),
    advantagePoints: (a: number) => 1 + Math.floor(hashUnit(seed, 5, a) * 20),
  };
}

export function* generateEntity(entity: ImportEntity, o: GeneratorOptions): Generator<Rec> {
  const seed = o.seed ?? 1;
  const w = world(seed, o);
  const { n } = w;
  const r = rng(seed * 7919 + [...entity].reduce((s, c) => s * 31 + c.charCodeAt(0), 0));
  switch (entity) {
    case 'card-systems':
      for (const cs of CARD_SYSTEMS) yield { key: cs.key, name: cs.name };
      return;
    case 'counters':
      for (let i = 0; i < n.counters; i++) {
        const type = pick(r, COUNTER_TYPES);
        const cs = CARD_SYSTEMS[i % CARD_SYSTEMS.length]!;
        yield { key: counterKey(i), name: `${type} ${cs.city} ${i}`, type, cardSystem: cs.key };
      }
      return;
    case 'events':
      for (let i = 0; i < n.events; i++) {
        const themes = new Set([pick(r, THEMES)]);
        if (r() < 0.3) themes.add(pick(r, THEMES));
        const start = w.eventStart(i);
        yield {
          key: eventKey(i),
          name: `Evenement ${i}`,
          themes: [...themes],
          counter: counterKey(w.eventCounter(i)),
          startsAt: brusselsIso(start),
          endsAt: brusselsIso(start + (1 + Math.floor(r() * 4)) * HOUR),
        };
      }
      return;
    case 'advantages':
      for (let i = 0; i < n.advantages; i++) {
        yield { key: advantageKey(i), name: `Voordeel ${i}`, counter: counterKey(w.advantageCounter(i)), points: w.advantagePoints(i) };
      }
      return;
    case 'associations':
      for (let i = 0; i < n.associations; i++) {
        yield { key: associationKey(i), name: `Vereniging ${i}`, cardSystem: CARD_SYSTEMS[i % CARD_SYSTEMS.length]!.key };
      }
      return;
    case 'pass-holders':
      for (let i = 0; i < o.holders; i++) yield holder(i, r, n.associations);
      return;
    case 'actions':
      yield* actions(o, r, w);
      return;
  }
}

function holder(i: number, r: () => number, associations: number): Rec {
  const cs = CARD_SYSTEMS[Math.floor(r() * r() * CARD_SYSTEMS.length)]!; // skewed: the big cities first
  const first = pick(r, FIRST_NAMES);
  const last = pick(r, LAST_NAMES);
  const h: Rec = { uid: holderUid(i), firstName: first, lastName: last };
  const e = r();
  if (e < 0.84)
    h.email = `${first}.${last}.${i}@example.be`
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z0-9.@]/g, '');
  else if (e < 0.85) h.email = pick(r, [' ', '  ', '\t']);
  if (r() < 0.6) h.phone = `+32 4${pad(Math.floor(r() * 1e8), 8)}`;
  const b = r();
  if (b < 0.003) h.birthdate = `${1932 + 4 * Math.floor(r() * 23)}-02-29`;
  else if (b < 0.95) h.birthdate = isoDay(Date.UTC(1930, 0, 1) + Math.floor(r() * 92 * 365.25) * DAY_MS);
  const postcode = pick(r, cs.postcodes);
  const p = r();
  if (p < 0.97) h.postcode = postcode;
  else h.postcode = pick(r, [`${postcode} ${cs.city}`, ` ${postcode}`, `${postcode}0`, cs.city, `${postcode}-${cs.city.toUpperCase()}`, '']);
  h.street = `${pick(r, STREETS)} ${1 + Math.floor(r() * 150)}`;
  h.city = cs.city;
  h.language = r() < 0.9 ? 'nl' : pick(r, ['fr', 'en', 'de']);
  h.points = Math.floor(r() * r() * 501);
  if (r() < 0.2) {
    h.kansenstatuut = true;
    h.kansenstatuutEndDate = isoDay(END + Math.floor((r() - 0.4) * 730) * DAY_MS);
  }
  h.cardSystems = r() < 0.1 ? [...new Set([cs.key, pick(r, CARD_SYSTEMS).key])] : [cs.key];
  if (r() < 0.05) {
    const endDate = r() < 0.5 ? { endDate: isoDay(END + Math.floor((r() - 0.5) * 730) * DAY_MS) } : {};
    h.memberships = [{ association: associationKey(Math.floor(r() * associations)), ...endDate }];
  }
  h.consents = r() < 0.8 ? ['email'] : [];
  // Channels (issue 20), derived from values drawn above so the random stream (and every other
  // field of later holders) stays as it was: half the mobile numbers with the SMS consent, one
  // holder in ten preferring letters.
  const phone = typeof h.phone === 'string' ? h.phone : '';
  if (phone && Number(phone.slice(-1)) % 2 === 0) (h.consents as string[]).push('sms');
  if (i % 10 === 3) h.mailingPreference = 'post';
  return h;
}

/** Zipf-like activity: a power law over the 60% active holders (low ranks are the very active). */
function* actions(o: GeneratorOptions, r: () => number, w: ReturnType<typeof world>): Generator<Rec> {
  const active = Math.max(1, Math.floor(o.holders * 0.6));
  for (let i = 0; i < o.actions; i++) {
    const rank = Math.floor(active * Math.pow(r(), 1.6));
    const holderIndex = (rank * 2_654_435_761) % o.holders; // a prime: spreads ranks over the uid range
    const t = r();
    const type = t < 0.7 ? 'CHECKIN' : t < 0.85 ? 'TICKET' : 'CASHIN';
    const a: Rec = { key: `act-${pad(i, 9)}`, holder: holderUid(holderIndex), type };
    let at: number;
    if (type === 'CASHIN') {
      const adv = Math.floor(r() * w.n.advantages);
      at = END - Math.floor(r() * SPAN_DAYS * DAY_MS);
      Object.assign(a, { counter: counterKey(w.advantageCounter(adv)), advantage: advantageKey(adv), points: -w.advantagePoints(adv) });
    } else if (type === 'CHECKIN' && r() < 0.05) {
      at = END - Math.floor(r() * SPAN_DAYS * DAY_MS); // a visit without an event (library, museum)
      Object.assign(a, { counter: counterKey(Math.floor(r() * w.n.counters)), points: 1 });
    } else {
      const ev = Math.floor(r() * r() * w.n.events); // some events are far more popular
      const before = type === 'CHECKIN' ? r() * HOUR : r() * 60 * DAY_MS;
      at = w.eventStart(ev) - Math.floor(before);
      Object.assign(a, { counter: counterKey(w.eventCounter(ev)), event: eventKey(ev), points: type === 'CHECKIN' ? 1 : 0 });
    }
    at -= at % 1000;
    a.at = r() < 0.9 ? brusselsIso(at) : new Date(at).toISOString();
    yield a;
  }
}

/** NDJSON text stream of records, with backpressure (about 2,000 records a chunk). */
export function toNdjsonStream(records: Iterable<Rec>): Readable {
  const it = records[Symbol.iterator]();
  return new Readable({
    read() {
      let chunk = '';
      for (let i = 0; i < 2_000; i++) {
        const next = it.next();
        if (next.done) {
          if (chunk) this.push(chunk);
          this.push(null);
          return;
        }
        chunk += `${JSON.stringify(next.value)}\n`;
      }
      this.push(chunk);
    },
  });
}
