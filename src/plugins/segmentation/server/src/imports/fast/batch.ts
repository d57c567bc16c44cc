/**
 * One batch of actions on the fast path (index.ts): its lines as columns and COPY text
 * (`ActionBatch`), the lines that went through the schema (`addRecord`), the references looked up
 * (`resolveBatch`) and the fast write (`ActionBatch.write`, `FastWriter`).
 */
import type { Knex } from 'knex';
import { localDayOf } from '../../common/dates';
import type { RefKind } from '../../common/reference-tables';
import { ENTITIES } from '../entities';
import type { RefCache } from '../refs/cache';
import type { PreparedBatch, ValidLine } from '../types';
import { idSequence, nextVersion, nextVersionWithIds } from '../queries';
import { copyPrepared, copyValue } from '../copy-queries';
import * as copyText from './copy-text';

const { CopyText, MAX_PREFIX, NO_REF, REF_KINDS, SLOTS, UNKNOWN, digitCount } = copyText;

/** The columns of the fast COPY, in the order each line gives them. */
export const FAST_COLUMNS = ['key', 'type', 'at', 'day', 'points', 'holder_id', 'counter_id', 'event_id', 'advantage_id', 'seq'];

/** An instant already written the way it is stored (as in ../entities.ts). */
const UTC_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The valid lines of one action batch, in order. A line read by `scanAction` is kept as columns, as
 * its COPY line (copy-text.ts) and as the place of its text; any other valid line (through the
 * schema) as its record, also given columns and a COPY line when it is a complete one.
 */
export class ActionBatch extends CopyText implements PreparedBatch {
  /** Line numbers. */
  line: Float64Array;
  /** A scanned line's source: sources[src[i]] from srcStart[i] to srcEnd[i] (ASCII). */
  private readonly src: Int32Array;
  private readonly srcStart: Int32Array;
  private readonly srcEnd: Int32Array;
  private readonly sources: Buffer[] = [];
  /** Lines that went through the schema, by index: their record (and refs). */
  readonly records = new Map<number, ValidLine>();
  /** Whether a line of the batch cannot take the fast write (an incomplete record). */
  general = false;
  /** References not in the cache: [line index, slot, key] triples, flattened. */
  readonly misses: (number | string)[] = [];

  constructor(
    capacity: number,
    readonly writer: FastWriter = new FastWriter(),
  ) {
    super(capacity);
    this.line = new Float64Array(capacity);
    this.src = new Int32Array(capacity);
    this.srcStart = new Int32Array(capacity);
    this.srcEnd = new Int32Array(capacity);
    this.reset();
  }

  /** Empty again, for the next batch (its arrays and buffers are used again). */
  reset(): this {
    this.general = false;
    this.sources.length = 0;
    this.records.clear();
    this.misses.length = 0;
    // Widths a little past the last version and id written: the next ones rarely need more.
    this.resetText(digitCount(this.writer.lastSeq + 100), this.writer.sequence === null ? 0 : digitCount(this.writer.lastId + 10 * this.capacity + 1000));
    return this;
  }

  setSource(i: number, source: Buffer, s: number, e: number): void {
    const sources = this.sources;
    let last = sources.length - 1;
    if (last < 0 || sources[last] !== source) sources[++last] = source; // each chunk once
    this.src[i] = last;
    this.srcStart[i] = s;
    this.srcEnd[i] = e;
  }

  /** Every line as the general path takes it: record, refs, and their ids (undefined: unknown). */
  materialize(): ValidLine[] {
    const spec = ENTITIES.actions;
    const out: ValidLine[] = new Array(this.n);
    for (let i = 0; i < this.n; i++) {
      const kept = this.records.get(i);
      const record = kept
        ? kept.record
        : (JSON.parse(this.sources[this.src[i]!]!.toString('latin1', this.srcStart[i], this.srcEnd[i])) as Record<string, unknown>);
      const refs = kept ? kept.refs : spec.refs(record);
      const ids: (number | undefined)[] = new Array(refs.length);
      for (let r = 0; r < refs.length; r++) {
        const id = this.ids[i * SLOTS + REF_KINDS.indexOf(refs[r]![0])]!;
        ids[r] = id === UNKNOWN || Number.isNaN(id) ? undefined : id;
      }
      out[i] = { line: this.line[i]!, record, refs, ids };
    }
    return out;
  }

  /** Whether the fast write applies: every line complete and every reference found. */
  fast(): boolean {
    if (this.general) return false;
    const ids = this.ids;
    for (let i = 0; i < this.n * SLOTS; i++) if (ids[i] === UNKNOWN) return false;
    return true;
  }

  /**
   * The fast write, the whole of its transaction: the data version bumped and a block of ids taken
   * from the table's sequence in one statement (so under the version lock: the rows get the ids
   * they would get one by one), then COPY. A stored key fails the COPY with a unique violation,
   * which rolls the transaction back (writeBatch then takes the general path).
   */
  async write(trx: Knex.Transaction): Promise<void> {
    const writer = this.writer;
    if (writer.sequence === undefined) writer.sequence = await idSequence(trx, 'seg_actions');
    let seq: number;
    let firstId: number | null = null;
    if (writer.sequence === null) seq = await nextVersion(trx);
    else {
      ({ seq, firstId } = await nextVersionWithIds(trx, writer.sequence, this.n));
      writer.lastId = firstId + this.n - 1;
    }
    writer.lastSeq = seq;
    const columns = firstId === null ? FAST_COLUMNS : [...FAST_COLUMNS, 'id'];
    await copyPrepared(trx, 'seg_actions', columns, [this.copyText(seq, firstId)]);
  }
}

/**
 * What the fast writes of one import share: the sequence of `seg_actions.id` (looked up once; null
 * when it cannot hand out a block, e.g. an increment other than 1), and the last version and id.
 */
export class FastWriter {
  sequence: string | null | undefined = undefined;
  lastSeq = 0;
  lastId = 0;
}

/**
 * A valid line that went through the schema: kept as its record, and given columns too when it
 * is a complete new action, so that the batch can still take the fast write.
 */
export function addRecord(batch: ActionBatch, valid: ValidLine, cache: RefCache, timeZone: string): void {
  const n = batch.n;
  const r = valid.record;
  batch.records.set(n, valid);
  batch.line[n] = valid.line;
  for (let slot = 0; slot < SLOTS; slot++) {
    const key = r[REF_KINDS[slot]!] as string | null | undefined;
    if (key == null) batch.ids[n * SLOTS + slot] = NO_REF;
    else {
      const id = cache.get(REF_KINDS[slot]!, key);
      batch.ids[n * SLOTS + slot] = id ?? UNKNOWN;
      if (id === undefined) batch.misses.push(n, slot, key);
    }
  }
  batch.n = n + 1;
  if (r.holder == null || r.type == null || r.at == null) {
    batch.general = true; // it may update a stored action: the general path decides
    return;
  }
  // As the entity's columns() (../entities.ts) and copyNew (../copy-queries.ts) write them.
  const ms = Date.parse(r.at);
  const at = UTC_ISO.test(r.at) ? r.at : new Date(ms).toISOString();
  const bytes = Buffer.from(`${copyValue(r.key)}\t${copyValue(r.type)}\t${copyValue(at)}\t${localDayOf(ms, timeZone)}\t${copyValue(r.points)}\t`);
  batch.open(n, bytes.length + MAX_PREFIX).set(bytes, batch.start[n]!);
  batch.close(n, batch.start[n]! + bytes.length);
}

/**
 * Asks the database for the references the cache lacked (`RefCache.find`, one query per kind) and
 * fills them in; a key still missing stays UNKNOWN (the general path rejects its line).
 */
export async function resolveBatch(batch: ActionBatch, cache: RefCache, db: Knex): Promise<void> {
  const misses = batch.misses;
  if (misses.length === 0) return;
  const wanted = new Map<RefKind, Set<string>>();
  for (let m = 0; m < misses.length; m += 3) {
    const kind = REF_KINDS[misses[m + 1] as number]!;
    let keys = wanted.get(kind);
    if (!keys) wanted.set(kind, (keys = new Set()));
    keys.add(misses[m + 2] as string);
  }
  const found = new Map<RefKind, Map<string, number>>();
  for (const [kind, keys] of wanted) found.set(kind, await cache.find(db, kind, [...keys]));
  for (let m = 0; m < misses.length; m += 3) {
    const slot = misses[m + 1] as number;
    const id = found.get(REF_KINDS[slot]!)!.get(misses[m + 2] as string);
    batch.ids[(misses[m] as number) * SLOTS + slot] = id ?? UNKNOWN;
  }
  batch.fillHoles();
}
