/**
 * A small independent scanner for WIT's lexical rules (../shared/notes/wit-features.md §1), used to judge the
 * TextMate grammar: where block comments (nested) and strings start and end, how deep braces, parentheses and angle
 * brackets are at the end of every line, and where the keyword tokens are. It does not share code with the grammar.
 */

/** A keyword token as the lexer sees it (not `%`-escaped, not inside a comment or string). */
export interface KeywordToken {
  readonly line: number;
  /** UTF-16 column within the line. */
  readonly column: number;
  readonly word: string;
}

/** Nesting state at the end of a line. Depths never go below zero (a stray closer is ignored). */
export interface LineEndState {
  readonly commentDepth: number;
  readonly braceDepth: number;
  readonly parenDepth: number;
  readonly angleDepth: number;
}

export interface ScanResult {
  readonly lines: readonly LineEndState[];
  /**
   * Per line, one class character per UTF-16 unit: `c` inside a comment (delimiters included), `s` inside a string
   * (quotes included), `.` elsewhere.
   */
  readonly classes: readonly string[];
  readonly keywords: readonly KeywordToken[];
}

const isIdStart = (c: string) => /[\p{L}_]/u.test(c);
const isIdContinue = (c: string) => /[\p{L}\p{N}_-]/u.test(c);

/** Scans `text` (lines split on `\n` / `\r\n`, as the tokenizer helper does). */
export function referenceScan(text: string, keywords: ReadonlySet<string>): ScanResult {
  const lines = text.split(/\r?\n/);
  const out: LineEndState[] = [];
  const found: KeywordToken[] = [];
  const classes: string[] = [];
  let comment = 0;
  let brace = 0;
  let paren = 0;
  let angle = 0;
  lines.forEach((line, ln) => {
    let i = 0;
    const cls: string[] = [];
    const mark = (from: number, to: number, k: string) => {
      for (let j = from; j < Math.min(to, line.length); j++) cls[j] = k;
    };
    while (i < line.length) {
      const c = line[i]!;
      const next = line[i + 1];
      if (comment > 0) {
        mark(i, i + 2, 'c');
        if (c === '*' && next === '/') {
          comment -= 1;
          i += 2;
        } else if (c === '/' && next === '*') {
          comment += 1;
          i += 2;
        } else i += 1;
        continue;
      }
      if (c === '/' && next === '/') {
        mark(i, line.length, 'c');
        break;
      }
      if (c === '/' && next === '*') {
        mark(i, i + 2, 'c');
        comment = 1;
        i += 2;
        continue;
      }
      if (c === '"') {
        const end = skipString(line, i + 1);
        mark(i, end, 's');
        i = end;
        continue;
      }
      if (c === '%' && next !== undefined && isIdStart(next)) {
        i += 1;
        while (i < line.length && isIdContinue(line[i]!)) i += 1;
        continue;
      }
      if (isIdStart(c) || (c === '-' && next !== '>' && next !== undefined && isIdContinue(next))) {
        const start = i;
        while (i < line.length && isIdContinue(line[i]!)) i += 1;
        const word = line.slice(start, i);
        if (keywords.has(word)) found.push({ line: ln, column: start, word });
        continue;
      }
      if (/[0-9]/.test(c)) {
        while (i < line.length && /[0-9]/.test(line[i]!)) i += 1;
        continue;
      }
      if (c === '-' && next === '>') {
        i += 2;
        continue;
      }
      if (c === '{') brace += 1;
      else if (c === '}') brace = Math.max(0, brace - 1);
      else if (c === '(') paren += 1;
      else if (c === ')') paren = Math.max(0, paren - 1);
      else if (c === '<') angle += 1;
      else if (c === '>') angle = Math.max(0, angle - 1);
      i += 1;
    }
    classes.push(Array.from({ length: line.length }, (_, j) => cls[j] ?? '.').join(''));
    out.push({ commentDepth: comment, braceDepth: brace, parenDepth: paren, angleDepth: angle });
  });
  return { lines: out, classes, keywords: found };
}

/** Skips a string body starting after the opening quote; a string ends at `"` or (unterminated) at the line end. */
function skipString(line: string, from: number): number {
  let i = from;
  while (i < line.length) {
    if (line[i] === '\\') i += 2;
    else if (line[i] === '"') return i + 1;
    else i += 1;
  }
  return line.length;
}
