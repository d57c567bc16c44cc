/**
 * The segment engine: keeps the audience index fresh and answers count / preview / export.
 * One engine per Strapi instance (see ../index.ts); several instances stay consistent through the
 * data version (store.ts).
 */
import { Readable } from 'stream';
import type { Knex } from 'knex';
import { collectReferences, type DefinitionProblem, type Reference, type ReferenceKind, type SegmentDefinition } from '../../../shared/definition';
import type { Counts, Person } from '../../../shared/results';
import { AudienceIndex } from './store';
import { Evaluator, type Evaluation } from './evaluate';
import { DEFAULT_TIME_ZONE, todayIn } from '../common/dates';
import * as q from './queries';
import { assertDefinitionInScope } from '../common/scope';
import { csvPage } from '../common/csv';
import { contactHistory } from './history';
import { NameIndex } from './names';

/**
 * Holders an export reads at once. Measured on 1M holders: pages of 2,000 outlived V8's young
 * generation (RSS +130-160 MB during the export), pages of 1,000 did not (+24-47 MB), same speed.
 */
const PAGE = 1_000;
const EXPORT_COLUMNS = ['uid', 'firstName', 'lastName', 'email', 'phone'];

export interface EvaluateOptions {
  /** Evaluation date `YYYY-MM-DD`; default: today in the tool's time zone. */
  asOf?: string;
  /** Card-system keys the caller may see; null or absent = all. */
  scope?: string[] | null;
}

export type { Counts, Person };

const REFERENCE_LABEL: Record<ReferenceKind, string> = {
  cardSystem: 'card system',
  counter: 'counter',
  counterType: 'counter type',
  event: 'event',
  eventTheme: 'event theme',
  advantage: 'advantage',
  association: 'association',
  mailing: 'mailing',
};

export class SegmentEngine {
  readonly index: AudienceIndex;
  readonly timeZone: string;
  private refreshing: Promise<boolean> | null = null;
  private nameIndex: { version: number; loading: Promise<NameIndex> } | null = null;

  constructor(
    private readonly knex: Knex,
    opts: { timeZone?: string } = {},
  ) {
    this.index = new AudienceIndex(knex);
    this.timeZone = opts.timeZone ?? DEFAULT_TIME_ZONE;
  }

  /** Loads or refreshes the index when the committed data version moved (single flight). */
  async ensureFresh(): Promise<void> {
    while (this.refreshing) await this.refreshing.catch(() => undefined);
    this.refreshing = this.index.refresh();
    try {
      await this.refreshing;
    } finally {
      this.refreshing = null;
    }
  }

  today(): string {
    return todayIn(this.timeZone);
  }

  /** Keys the definition names that do not exist (themes/counter types exist when carried). */
  async unknownReferences(def: SegmentDefinition): Promise<DefinitionProblem[]> {
    return this.unknownKeys(collectReferences(def));
  }

  /** The references whose key is not in the data, each as a problem at its path. */
  async unknownKeys(refs: Reference[]): Promise<DefinitionProblem[]> {
    await this.ensureFresh();
    const idx = this.index;
    const mailings = refs.some((r) => r.kind === 'mailing')
      ? await q.existingMailings(
          this.knex,
          refs.filter((r) => r.kind === 'mailing').map((r) => r.key),
        )
      : new Set();
    const maps: Record<ReferenceKind, { has(key: string): boolean }> = {
      cardSystem: idx.cardSystems,
      counter: idx.counters,
      counterType: idx.counterTypes,
      event: idx.events,
      eventTheme: idx.themes,
      advantage: idx.advantages,
      association: idx.associations,
      mailing: mailings,
    };
    return refs.filter((ref) => !maps[ref.kind].has(ref.key)).map((ref) => ({ path: ref.path, message: `Unknown ${REFERENCE_LABEL[ref.kind]} '${ref.key}'` }));
  }

  async evaluate(def: SegmentDefinition, opts: EvaluateOptions = {}): Promise<Evaluation> {
    assertDefinitionInScope(def, opts.scope ?? null);
    await this.ensureFresh();
    const asOf = opts.asOf ?? this.today();
    const history = await contactHistory(this.knex, def, { asOf, timeZone: this.timeZone, size: this.index.holderCap });
    return new Evaluator(this.index, { asOf, scope: opts.scope ?? null, history }).run(def);
  }

  async count(def: SegmentDefinition, opts: EvaluateOptions = {}): Promise<Counts> {
    const { total, withEmail, withPhone, groups, excluded } = await this.evaluate(def, opts);
    return { total, withEmail, withPhone, groups, excluded };
  }

  async preview(def: SegmentDefinition, opts: EvaluateOptions & { page: number; pageSize: number }) {
    const result = await this.evaluate(def, opts);
    const items = await this.page(result.set, opts.page, opts.pageSize);
    return {
      total: result.total,
      withEmail: result.withEmail,
      withPhone: result.withPhone,
      items,
      page: opts.page,
      pageSize: opts.pageSize,
    };
  }

  /** One page of the holders of a set, ordered by uid. */
  async page(set: Uint8Array, page: number, pageSize: number): Promise<Person[]> {
    const order = this.index.uidOrder();
    const skip = (page - 1) * pageSize;
    const ids: number[] = [];
    let seen = 0;
    for (let i = 0; i < order.length && ids.length < pageSize; i++) {
      if (!set[order[i]!]) continue;
      if (seen++ >= skip) ids.push(order[i]!);
    }
    return this.people(ids);
  }

  /** How many holders a set holds, and how many of them have an e-mail address, a phone number. */
  tally(set: Uint8Array): { total: number; withEmail: number; withPhone: number } {
    let total = 0;
    let withEmail = 0;
    let withPhone = 0;
    for (let h = 0; h < set.length; h++) {
      if (!set[h]) continue;
      total++;
      if (this.index.hasEmail(h)) withEmail++;
      if (this.index.hasPhone(h)) withPhone++;
    }
    return { total, withEmail, withPhone };
  }

  /** Existing holders within the scope (all existing holders when null), as a set. */
  async scopeSet(scope: string[] | null): Promise<Uint8Array> {
    await this.ensureFresh();
    return new Evaluator(this.index, { asOf: this.today(), scope }).scopeSet();
  }

  /** A lookup of holder ids by uid (-1 for an unknown uid) on the fresh index, for many uids in a row. */
  async uidLookup(): Promise<(uid: string) => number> {
    await this.ensureFresh();
    const index = this.index;
    return (uid) => index.idOfUid(uid);
  }

  /** Whether a holder's uid starts with `text` or their name contains it (any case), on the fresh index. */
  async holderMatch(text: string): Promise<(holder: number) => boolean> {
    await this.ensureFresh();
    const index = this.index;
    // Names hold no digits: digits are the beginning of a pass number only.
    const named = /^\d+$/.test(text) ? new Set<number>() : (await this.names()).matching(text);
    return (h) => named.has(h) || (index.uidOf(h)?.startsWith(text) ?? false);
  }

  /** The name index of the current data version (names.ts), loaded on first use after a change. */
  private async names(): Promise<NameIndex> {
    const version = this.index.version;
    if (this.nameIndex?.version !== version) this.nameIndex = { version, loading: NameIndex.load(this.knex, version) };
    const current = this.nameIndex;
    try {
      return await current.loading;
    } catch (error) {
      if (this.nameIndex === current) this.nameIndex = null; // the next search tries again
      throw error;
    }
  }

  /** Holder ids range below this (the length of a holder set). */
  size(): number {
    return this.index.holderCap;
  }

  /** The ids of holders by uid (-1 for an unknown uid). */
  async idsOfUids(uids: readonly string[]): Promise<Int32Array> {
    await this.ensureFresh();
    return Int32Array.from(uids, (uid) => this.index.idOfUid(uid));
  }

  /** The database ids of the segment's holders (within scope), ascending. */
  async members(def: SegmentDefinition, opts: EvaluateOptions = {}): Promise<number[]> {
    const { set } = await this.evaluate(def, opts);
    const ids: number[] = [];
    for (let h = 0; h < set.length; h++) if (set[h]) ids.push(h);
    return ids;
  }

  /**
   * A random member of the segment (its database id), one with an e-mail address when the segment
   * has any: who a mail is previewed for. Null for an empty segment.
   */
  async randomMember(def: SegmentDefinition, opts: EvaluateOptions = {}, random: () => number = Math.random): Promise<number | null> {
    const result = await this.evaluate(def, opts);
    const emailOnly = result.withEmail > 0;
    let k = Math.floor(random() * (emailOnly ? result.withEmail : result.total));
    for (let h = 0; h < result.set.length; h++) {
      if (!result.set[h] || (emailOnly && !this.index.hasEmail(h))) continue;
      if (k-- === 0) return h;
    }
    return null;
  }

  /** The holders' personal columns, in the order of `ids`. */
  async people(ids: number[]): Promise<Person[]> {
    if (ids.length === 0) return [];
    const rows = await q.people(this.knex, ids);
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    return ids.map((id) => {
      const r = byId.get(id)!;
      return { uid: r.uid, firstName: r.first_name, lastName: r.last_name, email: r.email, phone: r.phone };
    });
  }

  /**
   * CSV (header uid,firstName,lastName,email,phone), ordered by uid, streamed in pages: each page
   * read and turned into CSV text at once, so its rows die young and the export's memory stays flat.
   */
  async exportCsv(def: SegmentDefinition, opts: EvaluateOptions = {}): Promise<Readable & { total: number; withEmail: number }> {
    const result = await this.evaluate(def, opts);
    return Object.assign(this.exportSet(result.set), { total: result.total, withEmail: result.withEmail });
  }

  /** The CSV of a set's holders (see exportCsv). */
  exportSet(set: Uint8Array): Readable {
    const order = this.index.uidOrder();
    const people = (ids: number[]) => this.people(ids);
    async function* pages() {
      yield csvPage(EXPORT_COLUMNS, [], true);
      let batch: number[] = [];
      for (let i = 0; i <= order.length; i++) {
        if (i < order.length && set[order[i]!]) batch.push(order[i]!);
        if (batch.length === PAGE || (i === order.length && batch.length > 0)) {
          const rows = await people(batch);
          yield csvPage(
            EXPORT_COLUMNS,
            rows.map((p) => [p.uid, p.firstName, p.lastName, p.email, p.phone]),
            false,
          );
          batch = [];
        }
      }
    }
    return Readable.from(pages(), { objectMode: false });
  }
}
