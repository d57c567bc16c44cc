/**
 * Concatenated SMS by User Data Header (3GPP TS 23.040 9.2.3.24.1): each part starts with
 * `05 00 03 ref total seq`, an 8-bit reference shared by the parts of one message.
 */

export interface ConcatInfo {
  ref: number;
  total: number;
  seq: number;
}

/** The UDH of part `seq` (1-based) of `total`. */
export function concatUdh(ref: number, total: number, seq: number): Buffer {
  return Buffer.from([0x05, 0x00, 0x03, ref & 0xff, total, seq]);
}

/** The concatenation element among a UDH's elements (as the smpp package splits them: [iei, length, ...data]), if any. */
export function findConcat(elements: Buffer[] | undefined): ConcatInfo | null {
  for (const element of elements ?? []) {
    if (element[0] === 0x00 && element[1] === 3) return { ref: element[2], total: element[3], seq: element[4] };
    if (element[0] === 0x08 && element[1] === 4) return { ref: element.readUInt16BE(2), total: element[4], seq: element[5] };
  }
  return null;
}

/** Collects the parts of concatenated messages until each is complete. */
export class Reassembler {
  private readonly partial = new Map<string, { parts: string[]; since: number }>();

  constructor(private readonly maxAgeMs = 3_600_000) {}

  /** The whole text once the last part of `key`'s message arrived, else null. */
  add(key: string, concat: ConcatInfo, text: string, now = Date.now()): string | null {
    for (const [k, entry] of this.partial) if (now - entry.since > this.maxAgeMs) this.partial.delete(k);
    const id = `${key}|${concat.ref}|${concat.total}`;
    const entry = this.partial.get(id) ?? { parts: new Array<string>(concat.total), since: now };
    entry.parts[concat.seq - 1] = text;
    this.partial.set(id, entry);
    if (entry.parts.filter((part) => part !== undefined).length < concat.total) return null;
    this.partial.delete(id);
    return entry.parts.join('');
  }
}
