/**
 * Source text and positions.
 *
 * Unit of position: every offset in witc is a **UTF-16 code unit index** into the JavaScript string that holds the
 * file (what `text.charCodeAt(offset)` reads). Lines and columns are derived on demand:
 *  - `position()` gives 1-based lines and 1-based UTF-16 columns (the language server converts to 0-based);
 *  - `byteColumn()` gives the 1-based UTF-8 byte column that wasm-tools prints in `--> file:line:col`.
 */
export class Source {
  /** Offsets at which each line starts (index 0 = line 1). Built lazily. */
  #lineStarts: number[] | undefined;

  constructor(
    /** The path as the user gave it (printed verbatim in diagnostics), or a URI for in-memory sources. */
    readonly path: string,
    readonly text: string,
  ) {}

  get lineStarts(): readonly number[] {
    if (this.#lineStarts === undefined) {
      const starts = [0];
      const text = this.text;
      let i = text.indexOf('\n');
      while (i !== -1) {
        starts.push(i + 1);
        i = text.indexOf('\n', i + 1);
      }
      this.#lineStarts = starts;
    }
    return this.#lineStarts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** 0-based index of the line containing `offset`. */
  lineIndex(offset: number): number {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** 1-based line and 1-based column counted in UTF-16 code units. */
  position(offset: number): { line: number; column: number } {
    const idx = this.lineIndex(offset);
    return { line: idx + 1, column: offset - this.lineStarts[idx]! + 1 };
  }

  /** 1-based column counted in UTF-8 bytes, as wasm-tools/wit-parser prints it. */
  byteColumn(offset: number): number {
    const idx = this.lineIndex(offset);
    return utf8Length(this.text, this.lineStarts[idx]!, offset) + 1;
  }

  /** The text of a 1-based line without its line terminator (`\n` or `\r\n`). */
  lineText(line: number): string {
    const starts = this.lineStarts;
    const start = starts[line - 1];
    if (start === undefined) return '';
    let end = line < starts.length ? starts[line]! - 1 : this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(start, end);
  }

  /** Offset of a 1-based line and 1-based UTF-16 column (clamped to the text). */
  offsetAt(line: number, column: number): number {
    const starts = this.lineStarts;
    if (line < 1) return 0;
    if (line > starts.length) return this.text.length;
    return Math.min(starts[line - 1]! + Math.max(0, column - 1), this.text.length);
  }
}

/** Number of UTF-8 bytes of `text.slice(start, end)`. Lone surrogates count as 3 bytes (U+FFFD). */
export function utf8Length(text: string, start = 0, end = text.length): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/** A range of a source: `start` inclusive, `end` exclusive, both UTF-16 offsets. */
export interface Span {
  readonly source: Source;
  readonly start: number;
  readonly end: number;
}

export function span(source: Source, start: number, end: number): Span {
  return { source, start, end };
}
