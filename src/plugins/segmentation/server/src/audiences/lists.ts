/**
 * Uploading a list of holders (CSV or XLSX, list-rows.ts) for audience steps: each row's holder is
 * looked up; unknown pass numbers, holders outside the caller's card systems, repeats and rows that
 * cannot be read are reported with their line, rows marked not linked are left out, and the known
 * holders are stored as one list (queries.ts) whose key a step names: `{"mode": "add", "list": key}`.
 * Read as a stream: memory grows with the holders kept (4 bytes each), not with the file.
 */
import crypto from 'crypto';
import type { Readable } from 'stream';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import type { Scope } from '../common/scope';
import type { SegmentEngine } from '../segments/engine';
import { listRows, type ListFormat } from './list-rows';
import { findList, insertList, type StoredList } from './queries';

/** Problems listed in the answer (all are counted). */
export const MAX_LISTED_PROBLEMS = 1_000;
/** The largest list body read (a list of 500,000 pass numbers is about 7 MB as CSV). */
export const MAX_LIST_BYTES = 64 * 1024 * 1024;

export type ListProblemKind = 'unknown' | 'outOfScope' | 'duplicate' | 'unreadable';

export interface ListProblem {
  line: number;
  uid: string | null;
  kind: ListProblemKind;
  message: string;
}

export interface ListUpload {
  list: string;
  name: string | null;
  /** Data rows read (blank rows aside). */
  rows: number;
  /** Holders kept in the list. */
  kept: number;
  /** Rows marked not linked, left out. */
  notLinked: number;
  problemCounts: Record<ListProblemKind, number>;
  /** The first MAX_LISTED_PROBLEMS problems, in line order. */
  problems: ListProblem[];
}

/** The body, cut off with a 413 past `max` bytes. */
function capped(body: Readable, max: number): Readable {
  let seen = 0;
  body.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > max) body.destroy(new errors.PayloadTooLargeError(`A list may be at most ${max / 1024 / 1024} MB`));
  });
  return body;
}

export async function uploadList(
  knex: Knex,
  engine: SegmentEngine,
  input: { body: Readable; format: ListFormat; name: string | null; scope: Scope },
): Promise<ListUpload> {
  const idOf = await engine.uidLookup();
  const inScope = await engine.scopeSet(input.scope);
  const keptOn = new Int32Array(inScope.length); // holder id -> the line it was kept from (0: not kept)
  let ids: Int32Array = new Int32Array(1024);
  const answer: ListUpload = {
    list: crypto.randomBytes(12).toString('hex'),
    name: input.name,
    rows: 0,
    kept: 0,
    notLinked: 0,
    problemCounts: { unknown: 0, outOfScope: 0, duplicate: 0, unreadable: 0 },
    problems: [],
  };
  const problem = (line: number, uid: string | null, kind: ListProblemKind, message: string) => {
    answer.problemCounts[kind]++;
    if (answer.problems.length < MAX_LISTED_PROBLEMS) answer.problems.push({ line, uid, kind, message });
  };
  try {
    for await (const row of listRows(capped(input.body, MAX_LIST_BYTES), input.format)) {
      answer.rows++;
      if ('unreadable' in row) {
        problem(row.line, null, 'unreadable', row.unreadable);
        continue;
      }
      if (!row.linked) {
        answer.notLinked++;
        continue;
      }
      const id = idOf(row.uid);
      if (id < 0) problem(row.line, row.uid, 'unknown', `Unknown pass number '${row.uid}'`);
      else if (!inScope[id]) problem(row.line, row.uid, 'outOfScope', `Pass number '${row.uid}' is not in your card systems`);
      else if (keptOn[id]) problem(row.line, row.uid, 'duplicate', `Pass number '${row.uid}' is already on line ${keptOn[id]}`);
      else {
        keptOn[id] = row.line;
        if (answer.kept === ids.length) ids = growTo(ids, ids.length * 2);
        ids[answer.kept++] = id;
      }
    }
  } catch (error) {
    if (error instanceof errors.ApplicationError) throw error;
    throw new errors.ValidationError(`The list cannot be read: ${(error as Error).message}`, {
      errors: [{ path: ['body'], message: (error as Error).message, name: 'ValidationError' }],
    });
  }
  await insertList(knex, { key: answer.list, name: input.name, scope: input.scope, count: answer.kept, holders: ids.subarray(0, answer.kept) });
  return answer;
}

function growTo(arr: Int32Array, size: number): Int32Array {
  const next = new Int32Array(size);
  next.set(arr);
  return next;
}

/** May a caller with `scope` use a list made within `listScope`? Only if they see every card system it was made in. */
export function mayUse(scope: Scope, listScope: Scope): boolean {
  if (scope === null) return true;
  return listScope !== null && listScope.every((cs) => scope.includes(cs));
}

export async function loadList(knex: Knex, key: string): Promise<StoredList | null> {
  return findList(knex, key);
}
