/**
 * One batch of valid lines, written in one transaction: bump the data version (which on Postgres
 * also queues concurrent imports behind this one), reject lines naming unknown keys, then upsert
 * every key once (a repeated key: the later line's fields over the earlier's) stamped with the new
 * version, and replace the lists given.
 */
import type { Knex } from 'knex';
import { REFERENCE_TABLES } from '../common/reference-tables';
import { ENTITIES } from './entities';
import { REQUIRED_FOR_NEW, type ImportEntity } from './records/schemas';
import { idsByKey, isPostgres, nextVersion } from './queries';
import { isUniqueViolation } from './copy-queries';
import { write, type Entry } from './write';
import type { ImportHints, PreparedBatch, Tally, ValidLine } from './types';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a table row: each column's value has its own type
type Rec = Record<string, any>;

/** Thrown to roll back a batch that has nothing to write (so the data version stays). */
class NothingToWrite {
  constructor(readonly tally: Tally) {}
}

/**
 * Writes a batch of valid lines whose references were resolved (`ids`, refs/resolve.ts). A line naming an
 * unknown key is rejected; so is a line creating a record without the fields a new one needs.
 * Counts: a line whose key was stored, or given earlier in the batch, is an update.
 */
export async function writeBatch(
  knex: Knex,
  entity: ImportEntity,
  batch: ValidLine[] | PreparedBatch,
  timeZone: string,
  hints: ImportHints = { keysNew: false },
): Promise<Tally> {
  const spec = ENTITIES[entity];
  const required = REQUIRED_FOR_NEW[entity];
  const complete = (record: Rec) => {
    for (let i = 0; i < required.length; i++) if (record[required[i]!] == null) return false;
    return true;
  };
  const absent = (record: Rec) => required.filter((f) => record[f] == null);
  /** The first reference of the line to a key that is not stored, if any. */
  const unknownRef = ({ refs, ids }: ValidLine) => {
    for (let i = 0; i < refs.length; i++) if (ids?.[i] === undefined) return refs[i];
    return undefined;
  };
  // All new, complete and found (a first load): what the general rules would write, written at once.
  const fast = !Array.isArray(batch) && hints.keysNew && isPostgres(knex) && batch.fast();
  try {
    return await knex.transaction(async (trx) => {
      if (fast) {
        await batch.write(trx);
        return { inserted: batch.n, updated: 0, rejected: [] };
      }
      const seq = await nextVersion(trx);
      const lines = Array.isArray(batch) ? batch : batch.materialize();
      // Only lines that could not create their record need to know whether it is stored.
      const incompleteKeys = new Set<string>();
      for (const l of lines) if (!complete(l.record)) incompleteKeys.add(l.record[spec.keyField] as string);
      const incomplete = [...incompleteKeys];
      const stored = incomplete.length ? await idsByKey(trx, spec.table, spec.keyColumn, incomplete) : new Map<string, number>();
      const tally: Tally = { inserted: 0, updated: 0, rejected: [] };
      const merged = new Map<string, Entry>();
      let accepted = 0;
      for (const valid of lines) {
        const { line, record } = valid;
        const unknown = unknownRef(valid);
        if (unknown) {
          tally.rejected.push({ line, error: `${unknown[2]}: unknown ${REFERENCE_TABLES[unknown[0]].label} '${unknown[1]}'` });
          continue;
        }
        const key = record[spec.keyField] as string;
        const earlier = merged.get(key);
        if (earlier === undefined && !stored.has(key) && !complete(record)) {
          tally.rejected.push({ line, error: `missing ${absent(record).join(', ')} (required for the new record '${key}')` });
          continue;
        }
        accepted += 1;
        if (earlier === undefined) merged.set(key, { record, line: valid });
        else {
          earlier.record = { ...earlier.record, ...record };
          earlier.line = null;
        }
      }
      if (merged.size === 0) throw new NothingToWrite(tally);
      tally.inserted = await write(trx, entity, [...merged.values()], lines, seq, timeZone, hints);
      tally.updated = accepted - tally.inserted;
      return tally;
    });
  } catch (error) {
    if (error instanceof NothingToWrite) return error.tally;
    if (fast && isUniqueViolation(error)) {
      // A stored key, or one given twice: nothing of the attempt is left; the general rules, keys looked up.
      hints.keysNew = false;
      return writeBatch(knex, entity, batch, timeZone, hints);
    }
    throw error;
  }
}
