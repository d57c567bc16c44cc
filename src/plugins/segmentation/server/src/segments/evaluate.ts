/**
 * Evaluates a (validated) segment definition on the audience index (docs/segment-definitions.md).
 * Every set is a Uint8Array over holder ids; groups AND their filters, OR each other, and the
 * exclude groups are subtracted. The scope (card systems the caller may see) is applied last,
 * to every result, so nothing outside it is ever counted or returned.
 */
import type { ActionFilter, Comparison, Filter, FilterGroup, MailingFilter, Period, SegmentDefinition } from '../../../shared/definition';
import { AudienceIndex } from './store';
import { isoToDay, isoToYmd, minusCalendar } from '../common/dates';

export interface EvaluationContext {
  /** The evaluation date, `YYYY-MM-DD`. */
  asOf: string;
  /** Card-system keys the caller may see; null = all. */
  scope: string[] | null;
  /** For each mailing filter of the definition, the holders whose contact history has its event (history.ts). */
  history?: Map<MailingFilter, Uint8Array>;
}

export interface Evaluation {
  set: Uint8Array;
  total: number;
  withEmail: number;
  withPhone: number;
  /** Holders each include group selects (within scope, before exclusions). */
  groups: number[];
  /** Holders each exclude group removes from the union of the include groups. */
  excluded: number[];
}

const MAX_YMD = 99_991_231;

/** The integers x with `x op value` (or in [low, high]), as an inclusive range. */
function inclusive(c: Comparison<number>): [number, number] {
  if (c.op === 'between') return c.value;
  const v = c.value;
  switch (c.op) {
    case '<':
      return [-Infinity, v - 1];
    case '<=':
      return [-Infinity, v];
    case '>':
      return [v + 1, Infinity];
    case '>=':
      return [v, Infinity];
    default:
      return [v, v];
  }
}

/** A comparison of whole numbers (points, action counts) as a test. */
function comparator(c: Comparison<number>): (x: number) => boolean {
  const [lo, hi] = inclusive(c);
  return (x) => x >= lo && x <= hi;
}

/** A birthdate comparison as an inclusive range of known birthdates (YYYYMMDD integers). */
function birthRange(c: Comparison<string>): [number, number] {
  const [lo, hi] = inclusive(
    c.op === 'between' ? { op: 'between', value: [isoToYmd(c.value[0]), isoToYmd(c.value[1])] } : { op: c.op, value: isoToYmd(c.value) },
  );
  return [Math.max(lo, 1), Math.min(hi, MAX_YMD)];
}

/**
 * An age comparison on `asOfYmd` as an inclusive range of birthdates: with YYYYMMDD integers,
 * ageOn(birth, asOf) >= a exactly when birth <= asOf - a * 10000 (dates.ts, ageOn: a year is
 * complete when the month and day are reached), so no age is computed per holder.
 */
export function birthRangeForAge(c: Comparison<number>, asOfYmd: number): [number, number] {
  const [young, old] = inclusive(c);
  const bornBy = (age: number) => asOfYmd - age * 10_000; // the last birthdate of someone aged `age` or more
  const lo = old === Infinity ? 1 : bornBy(old + 1) + 1;
  const hi = young === -Infinity ? MAX_YMD : Math.min(bornBy(young), MAX_YMD);
  return [Math.max(lo, 1), hi];
}

/** A filter's period as an inclusive range of day numbers (dates.ts); no period: all days. `last` ends on `asOf`. */
export function periodDays(p: Period | undefined, asOf: string): [number, number] {
  if (!p) return [-0x7fffffff, 0x7fffffff];
  if ('last' in p) return [isoToDay(minusCalendar(asOf, p.last)), isoToDay(asOf)];
  return [isoToDay(p.from), isoToDay(p.to)];
}

function maskOf(ids: Iterable<number | undefined>, size: number): Uint8Array {
  const mask = new Uint8Array(size);
  for (const id of ids) if (id !== undefined && id < size) mask[id] = 1;
  return mask;
}

export class Evaluator {
  private readonly asOfYmd: number;
  private readonly cap: number;
  private counts: Uint32Array | null = null;

  constructor(
    private readonly idx: AudienceIndex,
    private readonly ctx: EvaluationContext,
  ) {
    this.asOfYmd = isoToYmd(ctx.asOf);
    this.cap = idx.holderCap;
  }

  run(def: SegmentDefinition): Evaluation {
    const scope = this.scopeSet();
    const union = new Uint8Array(this.cap);
    const groups = def.groups.map((g) => {
      const set = this.group(g, scope);
      let n = 0;
      for (let h = 0; h < this.cap; h++)
        if (set[h]) {
          union[h] = 1;
          n++;
        }
      return n;
    });
    const excluded = (def.exclude ?? []).map((g) => {
      const set = this.group(g, scope);
      let n = 0;
      for (let h = 0; h < this.cap; h++)
        if (set[h] && union[h]) {
          n++;
          set[h] = 2;
        }
      for (let h = 0; h < this.cap; h++) if (set[h] === 2) union[h] = 0;
      return n;
    });
    let total = 0,
      withEmail = 0,
      withPhone = 0;
    for (let h = 0; h < this.cap; h++) {
      if (!union[h]) continue;
      total++;
      if (this.idx.hasEmail(h)) withEmail++;
      if (this.idx.hasPhone(h)) withPhone++;
    }
    return { set: union, total, withEmail, withPhone, groups, excluded };
  }

  /** Existing holders of the scope's card systems (all existing holders without a scope). */
  scopeSet(): Uint8Array {
    const idx = this.idx;
    if (this.ctx.scope === null) return idx.exists.slice(0, this.cap);
    const allowed = maskOf(
      this.ctx.scope.map((k) => idx.cardSystems.get(k)),
      this.maxId(idx.cardSystems) + 1,
    );
    const set = new Uint8Array(this.cap);
    for (let i = 0; i < idx.csHolder.length; i++) if (allowed[idx.csId[i]!]) set[idx.csHolder[i]!] = 1;
    return set;
  }

  private maxId(map: Map<string, number>): number {
    let max = 0;
    for (const id of map.values()) if (id > max) max = id;
    return max;
  }

  private group(g: FilterGroup, scope: Uint8Array): Uint8Array {
    const acc = scope.slice();
    for (const f of g.filters) this.apply(f, acc);
    return acc;
  }

  /** Narrows `acc` to the holders whose value lies in [lo, hi] (a loop of its own: no call per holder). */
  private keepBetween(acc: Uint8Array, values: Int32Array, lo: number, hi: number): void {
    for (let h = 0; h < this.cap; h++) {
      if (acc[h] === 0) continue;
      const v = values[h]!;
      if (v < lo || v > hi) acc[h] = 0;
    }
  }

  /** Narrows `acc` to the holders matching `f`. */
  private apply(f: Filter, acc: Uint8Array): void {
    const idx = this.idx;
    const keep = (test: (h: number) => boolean) => {
      for (let h = 0; h < this.cap; h++) if (acc[h] && !test(h)) acc[h] = 0;
    };
    switch (f.type) {
      case 'cardSystem': {
        const ids = maskOf(
          f.cardSystems.map((k) => idx.cardSystems.get(k)),
          this.maxId(idx.cardSystems) + 1,
        );
        const hit = new Uint8Array(this.cap);
        for (let i = 0; i < idx.csHolder.length; i++) if (ids[idx.csId[i]!]) hit[idx.csHolder[i]!] = 1;
        return keep((h) => hit[h] === 1);
      }
      case 'membership': {
        const ids = maskOf(
          f.associations.map((k) => idx.associations.get(k)),
          this.maxId(idx.associations) + 1,
        );
        const hit = new Uint8Array(this.cap);
        for (let i = 0; i < idx.memHolder.length; i++) {
          if (ids[idx.memAssoc[i]!] && idx.memEnd[i]! >= this.asOfYmd) hit[idx.memHolder[i]!] = 1;
        }
        return keep((h) => hit[h] === 1);
      }
      case 'birthdate':
        return this.keepBetween(acc, idx.birth, ...birthRange(f));
      case 'age':
        return this.keepBetween(acc, idx.birth, ...birthRangeForAge(f, this.asOfYmd));
      case 'kansenstatuut': {
        const valid = (h: number) => idx.kans[h] === 1 && (!f.currentlyValid || idx.kansEnd[h]! >= this.asOfYmd);
        return keep(f.value ? valid : (h) => !valid(h));
      }
      case 'postcode': {
        const codes = maskOf(f.postcodes.map(Number), 10_000);
        return keep((h) => idx.postcode[h]! >= 0 && codes[idx.postcode[h]!] === 1);
      }
      case 'points': {
        const cmp = comparator(f);
        return keep((h) => cmp(idx.points[h]!));
      }
      case 'action':
        return this.action(f, keep);
      case 'mailing': {
        const hit = this.ctx.history?.get(f);
        if (!hit) throw new Error('The contact history of a mailing filter was not loaded');
        return keep(f.value ? (h) => hit[h] === 1 : (h) => hit[h] !== 1);
      }
    }
  }

  private period(f: ActionFilter): [number, number] {
    return periodDays(f.period, this.ctx.asOf);
  }

  private action(f: ActionFilter, keep: (test: (h: number) => boolean) => void): void {
    const idx = this.idx;
    const [fromDay, toDay] = this.period(f);
    const [lo, hi] = idx.actionRange(f.action, fromDay, toDay);
    const counterOk = this.counterMask(f);
    const itemOk = this.itemMask(f);
    const counts = this.counts && this.counts.length === this.cap ? this.counts : (this.counts = new Uint32Array(this.cap));
    counts.fill(0);
    const holder = idx.actHolder,
      counter = idx.actCounter,
      item = idx.actItem;
    for (let i = lo; i < hi; i++) {
      if (counterOk && counterOk[counter[i]!] !== 1) continue;
      if (itemOk && itemOk[item[i]!] !== 1) continue;
      counts[holder[i]!]!++;
    }
    const cmp = comparator(f.count);
    keep((h) => cmp(counts[h]!));
  }

  /** Counters allowed by `counters` AND `counterTypes` (null: any counter, even none). */
  private counterMask(f: ActionFilter): Uint8Array | null {
    if (!f.counters && !f.counterTypes) return null;
    const idx = this.idx;
    const size = idx.counterTypeOf.length;
    const byKey = f.counters
      ? maskOf(
          f.counters.map((k) => idx.counters.get(k)),
          size,
        )
      : null;
    const types = f.counterTypes ? new Set(f.counterTypes.map((t) => idx.counterTypes.get(t))) : null;
    const mask = new Uint8Array(size);
    for (let c = 1; c < size; c++) {
      if (byKey && !byKey[c]) continue;
      if (types && !types.has(idx.counterTypeOf[c]!)) continue;
      mask[c] = 1;
    }
    return mask;
  }

  /** Events allowed by `events` AND `eventThemes`, or advantages allowed by `advantages`. */
  private itemMask(f: ActionFilter): Uint8Array | null {
    const idx = this.idx;
    if (f.advantages)
      return maskOf(
        f.advantages.map((k) => idx.advantages.get(k)),
        this.maxId(idx.advantages) + 1,
      );
    if (!f.events && !f.eventThemes) return null;
    const size = this.maxId(idx.events) + 1;
    let mask = f.events
      ? maskOf(
          f.events.map((k) => idx.events.get(k)),
          size,
        )
      : null;
    if (f.eventThemes) {
      const wanted = new Set(f.eventThemes.map((t) => idx.themes.get(t)));
      const themed = new Uint8Array(size);
      for (let i = 0; i < idx.themeEvent.length; i++) if (wanted.has(idx.themeCode[i]!)) themed[idx.themeEvent[i]!] = 1;
      if (mask) for (let e = 0; e < size; e++) mask[e] = mask[e]! & themed[e]!;
      else mask = themed;
    }
    return mask;
  }
}
