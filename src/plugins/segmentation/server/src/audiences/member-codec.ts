/**
 * The stored form of a generated audience: the holders' ids ascending as the gaps between them in
 * LEB128 varints (about one byte a holder instead of four), and per holder the index of the step that
 * added it in one byte when every index fits, else two (a tag byte says which). 500,000 holders take
 * about 1 MB instead of 3 MB, which is what writing and reading the row costs.
 */
export function encodeMembers(members: Int32Array): Buffer {
  const out = Buffer.allocUnsafe(members.length * 5);
  let at = 0;
  let prev = -1;
  for (const id of members) {
    let gap = id - prev;
    prev = id;
    while (gap >= 0x80) {
      out[at++] = (gap & 0x7f) | 0x80;
      gap >>>= 7;
    }
    out[at++] = gap;
  }
  return out.subarray(0, at);
}

export function decodeMembers(bytes: Uint8Array): Int32Array {
  let count = 0;
  for (const b of bytes) if (b < 0x80) count++;
  const members = new Int32Array(count);
  let prev = -1;
  let gap = 0;
  let shift = 0;
  let n = 0;
  for (const b of bytes) {
    gap |= (b & 0x7f) << shift;
    if (b & 0x80) {
      shift += 7;
      continue;
    }
    prev += gap;
    members[n++] = prev;
    gap = 0;
    shift = 0;
  }
  return members;
}

const NARROW = 1;
const WIDE = 2;

export function encodeSteps(addedBy: Int16Array): Buffer {
  const narrow = addedBy.every((s) => s >= 0 && s < 0xff);
  if (narrow) {
    const out = Buffer.allocUnsafe(addedBy.length + 1);
    out[0] = NARROW;
    for (let i = 0; i < addedBy.length; i++) out[i + 1] = addedBy[i]!;
    return out;
  }
  const out = Buffer.allocUnsafe(addedBy.length * 2 + 1);
  out[0] = WIDE;
  for (let i = 0; i < addedBy.length; i++) out.writeInt16LE(addedBy[i]!, 1 + i * 2);
  return out;
}

export function decodeSteps(bytes: Uint8Array): Int16Array {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view[0] === NARROW) return Int16Array.from(view.subarray(1));
  const out = new Int16Array((view.length - 1) / 2);
  for (let i = 0; i < out.length; i++) out[i] = view.readInt16LE(1 + i * 2);
  return out;
}

/** The binary search of holder `h` in ascending `members`: its index, or -1. */
export function memberIndex(members: Int32Array, h: number): number {
  let lo = 0;
  let hi = members.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (members[mid]! === h) return mid;
    if (members[mid]! < h) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
