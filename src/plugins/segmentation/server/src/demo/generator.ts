/**
 * Deterministic audience generator for the demo and the benchmark: the same options give the same
 * records, streamed (never a 10M-element array). Records have exactly the import shape of
 * SPEC-data-api.md, so they go through the real import.
 *
 * Realism: Flemish regions and names, ~85% with e-mail (some only whitespace), ~60% with phone,
 * ~3% messy postcodes, ~20% kansenstatuut, memberships, 1–2 card systems per holder; actions skewed
 * (about 40% of holders never did anything, a few are very active), 70% CHECKIN / 15% TICKET /
 * 15% CASHIN over the three years before 2026-11-01.
 */
import { Readable } from 'stream';
import type { ImportEntity } from '../imports/records';
import { CARD_SYSTEMS, COUNTER_TYPES, FIRST_NAMES, LAST_NAMES, THEMES } from './names';

export interface GeneratorOptions {
  holders: number;
  actions: number;
  seed?: number;
}

/** mulberry32: a small, fast, seeded PRNG. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const sizes = (o: GeneratorOptions) => ({
  counters: Math.max(20, Math.min(2_000, Math.round(o.holders / 500))),
  events: Math.max(50, Math.min(20_000, Math.round(o.holders / 50))),
  advantages: Math.max(10, Math.min(500, Math.round(o.holders / 2_000))),
  associations: 40,
});

const END = Date.UTC(2026, 10, 1);
const SPAN = 3 * 365 * 86_400_000;

export function* generateEntity(entity: ImportEntity, o: GeneratorOptions): Generator<Record<string, unknown>> {
  const seed = o.seed ?? 1;
  const n = sizes(o);
  const r = rng(seed * 7919 + entity.length * 104729 + entity.charCodeAt(0));
  switch (entity) {
    case 'card-systems':
      for (const cs of CARD_SYSTEMS) yield { key: cs.key, name: cs.name };
      return;
    case 'counters':
      for (let i = 0; i < n.counters; i++) {
        const type = pick(r, COUNTER_TYPES);
        const cs = CARD_SYSTEMS[i % CARD_SYSTEMS.length]!;
        yield { key: `ctr-${pad(i, 5)}`, name: `${type} ${cs.city} ${i}`, type, cardSystem: cs.key };
      }
      return;
    case 'events':
      for (let i = 0; i < n.events; i++) {
        const themes = [pick(r, THEMES)];
        if (r() < 0.3) themes.push(pick(r, THEMES));
        const start = END - Math.floor(r() * SPAN);
        yield {
          key: `ev-${pad(i, 6)}`,
          name: `Evenement ${i}`,
          themes: [...new Set(themes)],
          counter: `ctr-${pad(Math.floor(r() * n.counters), 5)}`,
          startsAt: new Date(start).toISOString(),
          endsAt: new Date(start + 3 * 3_600_000).toISOString(),
        };
      }
      return;
    case 'advantages':
      for (let i = 0; i < n.advantages; i++) {
        yield { key: `adv-${pad(i, 4)}`, name: `Voordeel ${i}`, counter: `ctr-${pad(Math.floor(r() * n.counters), 5)}`, points: 1 + Math.floor(r() * 20) };
      }
      return;
    case 'associations':
      for (let i = 0; i < n.associations; i++) {
        yield { key: `as-${pad(i, 3)}`, name: `Vereniging ${i}`, cardSystem: CARD_SYSTEMS[i % CARD_SYSTEMS.length]!.key };
      }
      return;
    case 'pass-holders':
      for (let i = 0; i < o.holders; i++) yield holder(i, r, n.associations);
      return;
    case 'actions':
      yield* actions(o, r, n);
      return;
  }
}

function holder(i: number, r: () => number, associations: number): Record<string, unknown> {
  const cs = CARD_SYSTEMS[Math.floor(r() * r() * CARD_SYSTEMS.length)]!; // skewed: big cities first
  const first = pick(r, FIRST_NAMES);
  const last = pick(r, LAST_NAMES);
  const h: Record<string, unknown> = { uid: `${pad(i * 7 + 1_000_000, 10)}`, firstName: first, lastName: last };
  const e = r();
  if (e < 0.84) h.email = `${first}.${last}.${i}@example.be`.toLowerCase().replace(/[^a-z0-9.@]/g, '');
  else if (e < 0.85) h.email = '  ';
  if (r() < 0.6) h.phone = `04${pad(Math.floor(r() * 1e8), 8)}`;
  const b = r();
  if (b < 0.002) h.birthdate = `${2000 + 4 * Math.floor(r() * 5)}-02-29`;
  else if (b < 0.95) h.birthdate = isoDay(Date.UTC(1930, 0, 1) + Math.floor(r() * 92 * 365.25) * 86_400_000);
  const p = r();
  const postcode = pick(r, cs.postcodes);
  if (p < 0.97) h.postcode = postcode;
  else h.postcode = pick(r, [`${postcode} ${cs.city}`, ` ${postcode}`, `${postcode}0`, cs.city, `${postcode}-${cs.city.toUpperCase()}`]);
  h.points = Math.floor(r() * r() * 500);
  if (r() < 0.2) {
    h.kansenstatuut = true;
    h.kansenstatuutEndDate = isoDay(END + Math.floor((r() - 0.4) * 2 * 365) * 86_400_000);
  }
  h.cardSystems = r() < 0.1 ? [cs.key, pick(r, CARD_SYSTEMS).key] : [cs.key];
  if (r() < 0.05) {
    h.memberships = [{ association: `as-${pad(Math.floor(r() * associations), 3)}`, ...(r() < 0.5 ? { endDate: isoDay(END + Math.floor((r() - 0.5) * 730) * 86_400_000) } : {}) }];
  }
  h.language = r() < 0.9 ? 'nl' : pick(r, ['fr', 'en', 'de']);
  h.consents = r() < 0.8 ? ['email'] : [];
  return h;
}

/** Zipf-like activity: holder index drawn with a power law over the 60% active holders. */
function* actions(o: GeneratorOptions, r: () => number, n: ReturnType<typeof sizes>): Generator<Record<string, unknown>> {
  const active = Math.max(1, Math.floor(o.holders * 0.6));
  for (let i = 0; i < o.actions; i++) {
    const h = Math.floor(active * Math.pow(r(), 2.2)); // low indices are the very active
    const holderIndex = (h * 2_654_435_761) % o.holders; // spread active holders over the uid range
    const t = r();
    const type = t < 0.7 ? 'CHECKIN' : t < 0.85 ? 'TICKET' : 'CASHIN';
    const at = new Date(END - Math.floor(r() * SPAN)).toISOString();
    const a: Record<string, unknown> = { key: `act-${pad(i, 9)}`, holder: pad(holderIndex * 7 + 1_000_000, 10), type, at };
    if (type === 'CASHIN') {
      a.advantage = `adv-${pad(Math.floor(r() * n.advantages), 4)}`;
      a.counter = `ctr-${pad(Math.floor(r() * n.counters), 5)}`;
      a.points = -(1 + Math.floor(r() * 20));
    } else {
      a.event = `ev-${pad(Math.floor(r() * r() * n.events), 6)}`;
      a.counter = `ctr-${pad(Math.floor(r() * n.counters), 5)}`;
      a.points = 1;
    }
    yield a;
  }
}

/** NDJSON text stream of records, with backpressure. */
export function toNdjsonStream(records: Iterable<Record<string, unknown>>): Readable {
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
