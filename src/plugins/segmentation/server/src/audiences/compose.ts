/**
 * Applying an audience's steps in order over holder sets (Uint8Arrays indexed by holder id, as the
 * segment engine's): the result starts empty, an add step is a union, a remove step a difference.
 * Each step's count is what it newly put in (add) or took out (remove) at its turn.
 */
import type { StepMode } from '../../../shared/audience';

export interface StepSet {
  mode: StepMode;
  /** The holders the step's source names (within the caller's scope). */
  set: Uint8Array;
}

export interface Composition {
  set: Uint8Array;
  total: number;
  steps: { added: number; removed: number }[];
  /** For each holder in the result, the index of the step that (last) added it; -1 elsewhere. */
  addedBy: Int16Array;
}

export function compose(size: number, steps: StepSet[]): Composition {
  const set = new Uint8Array(size);
  const addedBy = new Int16Array(size).fill(-1);
  let total = 0;
  const counts = steps.map(({ mode, set: source }, index) => {
    let changed = 0;
    const n = Math.min(size, source.length);
    // Eight holders at a time are skipped when none of them is in the source (lists and mailings are sparse).
    const words = source.byteOffset % 8 === 0 ? new Float64Array(source.buffer, source.byteOffset, n >> 3) : new Float64Array(0);
    const add = mode === 'add';
    const value = add ? 1 : 0;
    const by = add ? index : -1;
    for (let w = 0, h = 0; h < n; w++) {
      const end = w < words.length ? h + 8 : n;
      if (w < words.length && words[w] === 0) {
        h = end;
        continue;
      }
      for (; h < end; h++) {
        if (!source[h] || set[h] === value) continue;
        set[h] = value;
        addedBy[h] = by;
        changed++;
      }
    }
    total += add ? changed : -changed;
    return add ? { added: changed, removed: 0 } : { added: 0, removed: changed };
  });
  return { set, total, steps: counts, addedBy };
}

/**
 * A composition as a mailing stores it: the holders' ids ascending and, per holder, the step that
 * added it; the holders of `leaveOut` (a wave group's earlier recipients) taken out after all steps.
 */
export function fixAudience(c: Composition, leaveOut: Iterable<number> = []): { members: Int32Array; addedBy: Int16Array; leftOut: number } {
  let leftOut = 0;
  for (const h of leaveOut) {
    if (!c.set[h]) continue;
    c.set[h] = 0;
    leftOut++;
  }
  const members = new Int32Array(c.total - leftOut);
  const addedBy = new Int16Array(members.length);
  let n = 0;
  for (let h = 0; h < c.set.length; h++) {
    if (!c.set[h]) continue;
    members[n] = h;
    addedBy[n++] = c.addedBy[h]!;
  }
  return { members, addedBy, leftOut };
}
