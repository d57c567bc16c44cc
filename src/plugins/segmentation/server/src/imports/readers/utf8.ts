/**
 * Import bodies must be UTF-8: a line holding bytes that encode no character is rejected with its
 * line number (rather than stored with replacement characters). A line break (0x0A) is never part of
 * a multi-byte character, so each line can be checked alone: lines within one chunk with Node's
 * `isUtf8` (whole runs of lines at once, line by line only when a run fails), a line spread over
 * chunks with a fatal TextDecoder fed piece by piece (so a character cut by a chunk boundary is
 * still whole). Text chunks (a stream of strings) were decoded before they came and count as valid.
 */
import { isUtf8 } from 'buffer';
import { TextDecoder } from 'util';

export { isUtf8 };

/** The error of a line that is not valid UTF-8. */
export const NOT_UTF8 = 'not valid UTF-8: the line holds bytes that encode no character (send the file as UTF-8)';

const FATAL = { fatal: true, ignoreBOM: true } as const; // ignoreBOM: keep a BOM in the text, as Buffer#toString does

/** What a line that ended holds: its text (empty once too long or not UTF-8), and what is wrong with it. */
export interface LineText {
  text: string;
  tooLong: boolean;
  notUtf8: boolean;
}

/**
 * The line begun in an earlier chunk, decoded as its pieces come. `maxChars`: longer text is
 * dropped and the line marked too long (null: the text is not kept at all, only checked).
 */
export class CarriedLine {
  /** Used again from line to line (a flush resets it); a new one after an error. */
  private decoder = new TextDecoder('utf-8', FATAL);
  /** Bytes went to the decoder since the last flush. */
  private decoding = false;
  private text = '';
  private tooLong = false;
  private notUtf8 = false;
  /** Some bytes or text of a line are held (false right after a line break). */
  pending = false;

  constructor(private readonly maxChars: number | null) {}

  /** Bytes of the line (any part of a character may be missing at either end). */
  bytes(b: Uint8Array): void {
    if (b.length === 0) return;
    this.pending = true;
    if (this.notUtf8) return;
    try {
      this.decoding = true;
      this.keep(this.decoder.decode(b, { stream: true }));
    } catch {
      this.fail();
    }
  }

  /** Text of the line (a chunk of a text stream): bytes held before it must have made whole characters. */
  textPart(t: string): void {
    if (t === '') return;
    this.pending = true;
    this.flush();
    if (!this.notUtf8) this.keep(t);
  }

  /** The line ends here: what it held; ready for the next line. */
  end(): LineText {
    this.flush();
    const out = { text: this.text, tooLong: this.tooLong, notUtf8: this.notUtf8 };
    this.text = '';
    this.tooLong = this.notUtf8 = this.pending = false;
    return out;
  }

  private flush() {
    if (!this.decoding) return;
    this.decoding = false;
    try {
      this.keep(this.decoder.decode()); // throws if a character was left unfinished
    } catch {
      this.fail();
    }
  }

  private keep(t: string) {
    if (this.maxChars === null || t === '') return;
    this.text += t;
    if (this.text.length > this.maxChars) [this.text, this.tooLong] = ['', true];
  }

  private fail() {
    this.notUtf8 = true;
    this.text = '';
    this.decoding = false;
    this.decoder = new TextDecoder('utf-8', FATAL);
  }
}

/**
 * The lines of a byte stream (numbered from 1, as CSV records are) that are not valid UTF-8, found
 * chunk by chunk ahead of the parser: a record is rejected when one of its lines is.
 */
export class InvalidLines {
  private line = 1; // the line the next byte belongs to
  private readonly carried = new CarriedLine(null);
  /** Invalid lines not yet asked about, ascending. */
  private readonly found: number[] = [];

  /** Checks the lines of a chunk; call before the parser sees it. */
  scan(chunk: Buffer): void {
    const first = chunk.indexOf(10);
    if (first === -1) {
      this.carried.bytes(chunk);
      return;
    }
    this.carried.bytes(chunk.subarray(0, first));
    this.endLine();
    const last = chunk.lastIndexOf(10);
    if (last > first) {
      // The lines between the first and the last line break: at once if they are all valid.
      const run = chunk.subarray(first + 1, last);
      if (isUtf8(run)) {
        for (let nl = run.indexOf(10); nl !== -1; nl = run.indexOf(10, nl + 1)) this.line++;
        this.line++;
      } else {
        for (let s = first + 1; s <= last;) {
          const nl = chunk.indexOf(10, s);
          if (!isUtf8(chunk.subarray(s, nl))) this.found.push(this.line);
          this.line++;
          s = nl + 1;
        }
      }
    }
    this.carried.bytes(chunk.subarray(last + 1));
  }

  /** The body ended: the last line (without a line break) is checked too. */
  end(): void {
    if (this.carried.pending) this.endLine();
  }

  /** Whether a line from `from` to `to` is not UTF-8; forgets those before `from` (ask in body order). */
  any(from: number, to: number): boolean {
    while (this.found.length && this.found[0]! < from) this.found.shift();
    return this.found.length > 0 && this.found[0]! <= to;
  }

  private endLine() {
    if (this.carried.end().notUtf8) this.found.push(this.line);
    this.line++;
  }
}
