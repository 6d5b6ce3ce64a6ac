import type { Diagnostic, Label } from './diagnostic.js';
import { utf8Length, type Span } from '../text/source.js';

/** wit-parser replaces the snippet by a one-line form when the source line is longer than this many bytes. */
const MAX_SNIPPET_LINE_BYTES = 500;

export interface Colors {
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  cyan(s: string): string;
  bold(s: string): string;
}

const plain: Colors = { red: id, yellow: id, blue: id, cyan: id, bold: id };
function id(s: string): string {
  return s;
}

/**
 * Renders exactly as wit-parser's `Resolve::render_error` does (what `.wit.result` files contain): context layers and
 * the message joined by ": ", then `--> path:line:col` with the byte column, the source line and a caret right-aligned
 * to the byte column followed by one `-` per further character of the span.
 */
export function renderReference(d: Diagnostic): string {
  const message = [...(d.context ?? []), d.message].join(': ');
  const s = d.span;
  if (!s) return message;
  const { line } = s.source.position(s.start);
  const col = s.source.byteColumn(s.start);
  const text = s.source.lineText(line);
  if (utf8Length(text) > MAX_SNIPPET_LINE_BYTES) {
    return `${s.source.path}:${line}:${col}: ${message}`;
  }
  const chars = Math.max(1, [...s.source.text.slice(s.start, s.end)].length);
  const caret = '^'.padStart(col) + '-'.repeat(chars - 1);
  return [
    message,
    `     --> ${s.source.path}:${line}:${col}`,
    `      |`,
    ` ${String(line).padStart(4)} | ${text}`,
    `      | ${caret}`,
  ].join('\n');
}

export interface RenderOptions {
  colors?: Colors;
}

/**
 * Human rendering in the rustc / wasm-tools style:
 *
 *     error[WIT0201]: expected '>', found keyword `type`
 *      --> file.wit:6:3
 *       |
 *     6 |   type y = u32
 *       |   ^^^^ here
 *       = note: …
 *
 * Columns in the `-->` line are wasm-tools' (1-based UTF-8 bytes); carets are aligned by characters.
 */
export function renderHuman(d: Diagnostic, options: RenderOptions = {}): string {
  const c = options.colors ?? plain;
  const sev = d.severity === 'error' ? c.red : d.severity === 'warning' ? c.yellow : c.cyan;
  const out: string[] = [];
  out.push(`${c.bold(sev(`${d.severity}[${d.code}]`))}${c.bold(`: ${d.message}`)}`);
  const spans: Array<{ span: Span; message: string; primary: boolean }> = [];
  if (d.span) spans.push({ span: d.span, message: '', primary: true });
  for (const l of d.labels as Label[]) spans.push({ span: l.span, message: l.message, primary: false });
  const width = Math.max(
    1,
    ...spans.map((x) => String(x.span.source.position(x.span.start).line).length),
  );
  const gutter = ' '.repeat(width);
  let lastPath: string | undefined;
  for (const { span, message, primary } of spans) {
    const src = span.source;
    const { line } = src.position(span.start);
    const col = src.byteColumn(span.start);
    if (src.path !== lastPath || primary) {
      out.push(`${gutter}${c.blue('-->')} ${src.path}:${line}:${col}`);
      lastPath = src.path;
    } else {
      out.push(`${gutter}${c.blue(':::')} ${src.path}:${line}:${col}`);
    }
    const text = src.lineText(line);
    out.push(`${gutter} ${c.blue('|')}`);
    out.push(`${c.blue(String(line).padStart(width))} ${c.blue('|')} ${text}`);
    const lineStart = src.lineStarts[line - 1]!;
    const before = [...text.slice(0, Math.max(0, span.start - lineStart))].length;
    const lineEnd = lineStart + text.length;
    const len = Math.max(1, [...src.text.slice(span.start, Math.min(span.end, lineEnd))].length);
    const mark = (primary ? '^' : '-').repeat(len);
    const painted = primary ? sev(mark) : c.blue(mark);
    out.push(`${gutter} ${c.blue('|')} ${' '.repeat(before)}${painted}${message ? ' ' + (primary ? sev(message) : c.blue(message)) : ''}`);
  }
  for (const n of d.notes) out.push(`${gutter} ${c.blue('=')} ${c.bold('note')}: ${n}`);
  return out.join('\n');
}

/** JSON form of a span: 1-based line, 1-based UTF-8 byte column (as wasm-tools), UTF-16 offset/length and column. */
export function spanToJson(s: Span) {
  const pos = s.source.position(s.start);
  const end = s.source.position(s.end);
  return {
    file: s.source.path,
    line: pos.line,
    column: s.source.byteColumn(s.start),
    utf16Column: pos.column,
    offset: s.start,
    length: s.end - s.start,
    endLine: end.line,
    endUtf16Column: end.column,
  };
}

export function diagnosticToJson(d: Diagnostic) {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    ...(d.context ? { context: d.context } : {}),
    span: d.span ? spanToJson(d.span) : null,
    labels: d.labels.map((l) => ({ message: l.message, span: spanToJson(l.span) })),
    notes: d.notes,
  };
}
