/**
 * A small layout language for the formatter, in the style of Wadler's "prettier printer": a document is text,
 * line breaks that a group may keep flat or break, indentation and groups. `render` lays a document out within a
 * line width.
 *
 * Two additions serve comments: `breakParent` forces every enclosing group to break, and `lineEnd` (emitted after a
 * `//` comment) makes the next piece of text start on a new line even when no line break follows.
 */

export type Doc = string | readonly Doc[] | DocCommand;

export type DocCommand =
  | { readonly type: 'line'; readonly mode: 'soft' | 'space' | 'hard' }
  | { readonly type: 'indent'; readonly contents: Doc }
  | { readonly type: 'group'; readonly contents: Doc; readonly broken: boolean }
  | { readonly type: 'ifBreak'; readonly broken: Doc; readonly flat: Doc }
  | { readonly type: 'breakParent' }
  | { readonly type: 'lineEnd' }
  | { readonly type: 'freshline' }
  | { readonly type: 'lineComment'; readonly text: string };

/** A space when the enclosing group is flat, a newline when it breaks. */
export const line: DocCommand = { type: 'line', mode: 'space' };
/** Nothing when the enclosing group is flat, a newline when it breaks. */
export const softline: DocCommand = { type: 'line', mode: 'soft' };
/** Always a newline (and breaks the enclosing groups). */
export const hardline: Doc = [{ type: 'line', mode: 'hard' }, { type: 'breakParent' }];
/** Forces the enclosing groups to break. */
export const breakParent: DocCommand = { type: 'breakParent' };
/** The next text starts on a new line (used after a `//` comment). */
export const lineEnd: DocCommand = { type: 'lineEnd' };
/** A newline unless the output is already at the start of a line (breaks the enclosing groups). */
export const freshline: Doc = [{ type: 'freshline' }, breakParent];

/**
 * A `//` comment at the end of a line: printed as is, the next text goes on a new line, and it does not count
 * against the width when a group before it is measured.
 */
export function lineComment(text: string): Doc {
  return [{ type: 'lineComment', text }, breakParent];
}

export function indent(contents: Doc): Doc {
  return { type: 'indent', contents };
}

export function ifBreak(broken: Doc, flat: Doc = ''): Doc {
  return { type: 'ifBreak', broken, flat };
}

/** A group: printed flat when it fits in the remaining width and contains no forced break. */
export function group(contents: Doc): Doc {
  return { type: 'group', contents, broken: containsBreak(contents) };
}

function containsBreak(doc: Doc): boolean {
  if (typeof doc === 'string') return doc.includes('\n');
  if (Array.isArray(doc)) return (doc as readonly Doc[]).some(containsBreak);
  const c = doc as DocCommand;
  switch (c.type) {
    case 'breakParent':
      return true;
    case 'line':
      return c.mode === 'hard';
    case 'indent':
      return containsBreak(c.contents);
    case 'group':
      return c.broken;
    case 'ifBreak':
      return containsBreak(c.broken) || containsBreak(c.flat);
    case 'lineEnd':
    case 'freshline':
    case 'lineComment':
      return true;
  }
}

export interface RenderOptions {
  /** The line width groups try to fit in. */
  readonly width: number;
  /** One level of indentation. */
  readonly indent: string;
}

type Mode = 'flat' | 'break';
interface Frame {
  readonly doc: Doc;
  readonly ind: string;
  readonly mode: Mode;
}

/** Lays a document out; trailing spaces are removed from every line. */
export function render(doc: Doc, options: RenderOptions): string {
  const out: string[] = [];
  let col = 0;
  let pendingNewline = false;
  let atLineStart = true;
  const stack: Frame[] = [{ doc, ind: '', mode: 'break' }];
  const newline = (ind: string): void => {
    trimTrailingSpaces(out);
    out.push('\n', ind);
    col = ind.length;
    pendingNewline = false;
    atLineStart = true;
  };
  const spaces = /^[ \t]*$/;
  const text = (d: string, ind: string): void => {
    if (pendingNewline) {
      // Separators after a `//` comment are dropped: the line break replaces them.
      if (spaces.test(d)) return;
      newline(ind);
    }
    out.push(d);
    const nl = d.lastIndexOf('\n');
    col = nl < 0 ? col + d.length : d.length - nl - 1;
    if (atLineStart && !spaces.test(d)) atLineStart = false;
  };
  while (stack.length > 0) {
    const { doc: d, ind, mode } = stack.pop()!;
    if (typeof d === 'string') {
      if (d !== '') text(d, ind);
      continue;
    }
    if (Array.isArray(d)) {
      const parts = d as readonly Doc[];
      for (let i = parts.length - 1; i >= 0; i--) {
        const p = parts[i]!;
        if (typeof p === 'string') {
          if (p !== '') stack.push({ doc: p, ind, mode });
        } else if (!Array.isArray(p) || (p as readonly Doc[]).length > 0) stack.push({ doc: p, ind, mode });
      }
      continue;
    }
    const c = d as DocCommand;
    switch (c.type) {
      case 'line':
        if (mode === 'break' || c.mode === 'hard') newline(ind);
        else if (c.mode === 'space') text(' ', ind);
        break;
      case 'indent':
        stack.push({ doc: c.contents, ind: ind + options.indent, mode });
        break;
      case 'group': {
        const flat = mode === 'flat' || (!c.broken && fits(c.contents, options.width - col, stack));
        stack.push({ doc: c.contents, ind, mode: flat ? 'flat' : 'break' });
        break;
      }
      case 'ifBreak':
        stack.push({ doc: mode === 'break' ? c.broken : c.flat, ind, mode });
        break;
      case 'lineEnd':
        pendingNewline = true;
        break;
      case 'freshline':
        if (!atLineStart) newline(ind);
        break;
      case 'lineComment':
        text(c.text, ind);
        pendingNewline = true;
        break;
      case 'breakParent':
        break;
    }
  }
  trimTrailingSpaces(out);
  return out.join('');
}

/**
 * True when `doc`, printed flat, fits in `room` columns together with the rest of its line (the text that follows
 * it on the stack up to the next possible line break).
 */
function fits(doc: Doc, room: number, rest: readonly Frame[]): boolean {
  const todo: { doc: Doc; mode: Mode }[] = [{ doc, mode: 'flat' }];
  let restIndex = rest.length - 1;
  while (room >= 0) {
    if (todo.length === 0) {
      if (restIndex < 0) return true;
      const f = rest[restIndex--]!;
      todo.push({ doc: f.doc, mode: f.mode });
      continue;
    }
    const { doc: d, mode } = todo.pop()!;
    if (typeof d === 'string') {
      const nl = d.indexOf('\n');
      if (nl >= 0) return room - nl >= 0;
      room -= d.length;
      continue;
    }
    if (Array.isArray(d)) {
      const parts = d as readonly Doc[];
      for (let i = parts.length - 1; i >= 0; i--) todo.push({ doc: parts[i]!, mode });
      continue;
    }
    const c = d as DocCommand;
    switch (c.type) {
      case 'line':
        if (mode === 'break' || c.mode === 'hard') return true;
        if (c.mode === 'space') room -= 1;
        break;
      case 'indent':
        todo.push({ doc: c.contents, mode });
        break;
      case 'group':
        todo.push({ doc: c.contents, mode: c.broken ? 'break' : mode });
        break;
      case 'ifBreak':
        todo.push({ doc: mode === 'break' ? c.broken : c.flat, mode });
        break;
      case 'lineEnd':
      case 'freshline':
      case 'lineComment':
        return true;
      case 'breakParent':
        break;
    }
  }
  return false;
}

/**
 * Drops the whitespace-only pieces at the end of the output. Pieces with other characters are never changed: a
 * comment's text (which may end in spaces) is kept exactly; the printer emits separators as their own pieces.
 */
function trimTrailingSpaces(out: string[]): void {
  while (out.length > 0 && /^[ \t]*$/.test(out[out.length - 1]!)) out.pop();
}
