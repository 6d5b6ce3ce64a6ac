/**
 * A small output builder for generated TypeScript: two-space indentation, blank-line control and TSDoc comments that
 * stay comments whatever the documentation text contains.
 */

/** Makes documentation text safe inside a `/** … *\/` block and splits it into lines. */
export function docLines(text: string): string[] {
  const normalized = text
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    // `*/` would end the comment; `*\/` renders the same in TSDoc viewers.
    .replace(/\*\//g, '*\\/')
    // Control characters (other than tab and newline) are invisible in editors; show them as spaces.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ');
  const lines = normalized.split('\n').map((l) => l.replace(/\s+$/, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  while (lines.length > 0 && lines[0] === '') lines.shift();
  return lines;
}

export class CodeWriter {
  private readonly out: string[] = [];
  private depth = 0;

  /** Appends one line at the current indentation (an empty string writes an empty line). */
  line(text = ''): this {
    this.out.push(text === '' ? '' : '  '.repeat(this.depth) + text);
    return this;
  }

  /** Writes `head` and indents until the matching `close`. */
  open(head: string): this {
    this.line(head);
    this.depth++;
    return this;
  }

  close(tail = '}'): this {
    this.depth = Math.max(0, this.depth - 1);
    return this.line(tail);
  }

  /** An empty line, unless the previous line is empty or opens a block. */
  blank(): this {
    const last = this.out[this.out.length - 1];
    if (last !== undefined && last !== '' && !last.endsWith('{')) this.out.push('');
    return this;
  }

  /** A TSDoc block for `docs` (nothing when there are none); `extra` lines are appended as a separate paragraph. */
  doc(docs: string | undefined, extra: readonly string[] = []): this {
    const lines = docs ? docLines(docs) : [];
    if (extra.length > 0) {
      if (lines.length > 0) lines.push('');
      lines.push(...extra.flatMap(docLines));
    }
    if (lines.length === 0) return this;
    if (lines.length === 1) return this.line(`/** ${lines[0]} */`);
    this.line('/**');
    for (const l of lines) this.line(l === '' ? ' *' : ` * ${l}`);
    return this.line(' */');
  }

  toString(): string {
    while (this.out.length > 0 && this.out[this.out.length - 1] === '') this.out.pop();
    return this.out.join('\n') + '\n';
  }
}
