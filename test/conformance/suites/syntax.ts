/**
 * The syntax stage (lexer + parser) against the shared corpora:
 *  (a) every `.wit` of wit-parser's valid ui suite (outside parse-fail/, recursively, deps included) and of the WASI
 *      0.2.12 / 0.3.0 packages parses without a diagnostic;
 *  (b) every parse-fail case whose expected error is lexical or syntactic (rule below) is rejected with the same
 *      message at the same file and line:col; every other parse-fail case parses without a syntax error (its error
 *      belongs to the resolver);
 *  (c) docs: every `docs.contents` string of a valid single-file case's `.wit.json` is among the docs the parser
 *      collects for that file (a coarse check; the resolver compares the JSON exactly);
 *  (d) fuzzing: over 100 000 generated and mutated inputs never throw or report an internal error, and parse time
 *      stays linear in the input size.
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import type { Suite, SuiteContext, SuiteResult } from '../harness.js';
import { parse } from '../../../src/syntax/index.js';
import { docsContents } from '../../../src/syntax/docs.js';
import { printFile } from '../../../src/syntax/print.js';
import type { Diagnostic } from '../../../src/diagnostics/diagnostic.js';
import type * as A from '../../../src/syntax/ast.js';
import { file as fileArbitrary } from '../../syntax/arbitraries.js';

/**
 * Which expected errors are the syntax stage's: wit-parser's lexer messages, its parser's "expected …" family, the
 * recursion limits, attribute and list-size errors, and the nested-package placement errors (reported by wit-parser
 * right after parsing a file). Everything else (names, types, packages, worlds, gates) is the resolver's.
 */
const SYNTAX_FAMILY =
  /^(expected |unexpected character|unterminated block comment|unexpected end of file|invalid character in identifier|identifiers must have characters|type nesting too deep|package nesting too deep|unknown attribute|invalid list size|Control code|Codepoint |Input contains bidirectional|invalid string|invalid hex digit|invalid unicode value|invalid UTF-8|number is too big|trailing underscore|cannot place attributes on nested packages|nested packages must be placed at the top-level|invalid leading zero|unexpected character .* (after|while parsing))/;

/** `.wit.result` files with no input in the snapshot (stale, never run by wit-parser's own runner). */
const STALE = new Set(['async.wit.result', 'async1.wit.result', 'unterminated-string.wit.result']);

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
  shown: number;
}

function fail(ctx: SuiteContext, t: Tally, name: string, detail: string): void {
  t.failed++;
  if (ctx.verbose || t.shown < 15) ctx.log(`FAIL ${name}: ${detail}`);
  t.shown++;
}

function witFiles(dir: string, skip: (name: string) => boolean = () => false): string[] {
  const out: string[] = [];
  for (const n of readdirSync(dir).sort()) {
    if (skip(n)) continue;
    const p = join(dir, n);
    if (statSync(p).isDirectory()) out.push(...witFiles(p, skip));
    else if (n.endsWith('.wit')) out.push(p);
  }
  return out;
}

function where(d: Diagnostic): string {
  if (!d.span) return d.message;
  const s = d.span;
  return `${d.message} @ ${s.source.path}:${s.source.position(s.start).line}:${s.source.byteColumn(s.start)}`;
}

function validCorpora(ctx: SuiteContext, t: Tally, corpus: string[]): void {
  const ui = join(ctx.shared, 'conformance/wit-parser-ui');
  const roots = [ui, join(ctx.shared, 'wit/wasi-0.2.12'), join(ctx.shared, 'wit/wasi-0.3.0')];
  let n = 0;
  for (const root of roots) {
    for (const f of witFiles(root, (name) => root === ui && name === 'parse-fail')) {
      const name = relative(ctx.shared, f);
      if (ctx.filter && !name.includes(ctx.filter)) continue;
      const text = readFileSync(f, 'utf8');
      corpus.push(text);
      n++;
      const { diagnostics } = parse(text, name);
      if (diagnostics.length === 0) t.passed++;
      else fail(ctx, t, name, where(diagnostics[0]!));
    }
  }
  ctx.log(`(a) valid corpora: ${n} files`);
}

function parseFailCases(ctx: SuiteContext, t: Tally): void {
  const dir = join(ctx.shared, 'conformance/wit-parser-ui/parse-fail');
  let syntaxCases = 0;
  let otherCases = 0;
  for (const result of readdirSync(dir).filter((n) => n.endsWith('.wit.result')).sort()) {
    if (ctx.filter && !result.includes(ctx.filter)) continue;
    if (STALE.has(result)) continue;
    const expected = readFileSync(join(dir, result), 'utf8').replace(/\r\n/g, '\n');
    const base = result.replace(/\.wit\.result$/, '');
    const input = existsSync(join(dir, `${base}.wit`)) ? join(dir, `${base}.wit`) : join(dir, base);
    if (!existsSync(input)) {
      fail(ctx, t, result, 'input not found');
      continue;
    }
    const files = statSync(input).isDirectory() ? witFiles(input) : [input];
    const firstLine = expected.split('\n')[0]!;
    const oneLine = /^(tests\/ui\/parse-fail\/\S+):(\d+):(\d+): (.*)$/.exec(firstLine);
    const message = (oneLine ? oneLine[4]! : firstLine)
      .replace(/^failed to resolve directory while parsing WIT for path \[[^\]]*\]: /, '')
      .replace(/^failed to parse package: [^:]*: /, '');
    // Parse every file (sorted paths, as wit-parser) and take the first file's first diagnostic.
    let first: Diagnostic | undefined;
    for (const f of files) {
      const rel = `tests/ui/parse-fail/${relative(dir, f)}`;
      const d = parse(readFileSync(f, 'utf8'), rel).diagnostics[0];
      if (d && !first) first = d;
    }
    if (!SYNTAX_FAMILY.test(message)) {
      otherCases++;
      if (!first) t.passed++;
      else fail(ctx, t, result, `expected no syntax error (the resolver's: ${message}), got ${where(first)}`);
      continue;
    }
    syntaxCases++;
    const loc = oneLine ? `${oneLine[1]}:${oneLine[2]}:${oneLine[3]}` : /-->\s+(\S+)/.exec(expected)?.[1];
    const want = `${message} @ ${loc}`;
    const got = first ? where(first) : 'no diagnostic';
    if (got === want) t.passed++;
    else fail(ctx, t, result, `\n      got:  ${got}\n      want: ${want}`);
  }
  ctx.log(`(b) parse-fail: ${syntaxCases} lexical/syntactic cases, ${otherCases} resolver cases checked to parse`);
}

/** Every `Docs` reachable from a node. */
function collectDocs(node: unknown, out: Set<string>): void {
  if (Array.isArray(node)) {
    for (const x of node) collectDocs(x, out);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [k, v] of Object.entries(node)) {
    if (k === 'source' || k === 'span' || k === 'tokens' || k === 'comments') continue;
    if (k === 'docs') {
      const text = docsContents(v as A.Docs | undefined);
      if (text !== undefined) out.add(text);
      continue;
    }
    collectDocs(v, out);
  }
}

function docsCases(ctx: SuiteContext, t: Tally): void {
  const ui = join(ctx.shared, 'conformance/wit-parser-ui');
  let strings = 0;
  for (const n of readdirSync(ui).filter((x) => x.endsWith('.wit') && existsSync(join(ui, `${x}.json`))).sort()) {
    if (ctx.filter && !n.includes(ctx.filter)) continue;
    const json = readFileSync(join(ui, `${n}.json`), 'utf8');
    const wanted = new Set<string>();
    collectJsonDocs(JSON.parse(json), wanted);
    if (wanted.size === 0) continue;
    const have = new Set<string>();
    collectDocs(parse(readFileSync(join(ui, n), 'utf8'), n).file, have);
    const missing = [...wanted].filter((s) => !have.has(s));
    strings += wanted.size;
    if (missing.length === 0) t.passed++;
    else fail(ctx, t, `docs ${n}`, `missing ${JSON.stringify(missing[0])}`);
  }
  ctx.log(`(c) docs: ${strings} distinct docs strings checked`);
}

function collectJsonDocs(v: unknown, out: Set<string>): void {
  if (Array.isArray(v)) for (const x of v) collectJsonDocs(x, out);
  else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === 'docs' && x && typeof x === 'object' && typeof (x as { contents?: unknown }).contents === 'string') {
        out.add((x as { contents: string }).contents);
      } else collectJsonDocs(x, out);
    }
  }
}

const pieces = ['{', '}', '(', ')', '<', '>', ';', ',', ':', '@', '/', '.', '->', '%', '"', '/*', '*/', '//', '\n', '\r', ' ', 'package', 'interface', 'world', 'type', 'func', 'list<', 'result', '_', 'x', 'A', '1.0', '#', 'é', '😀', '\u202e', '\u0000', 'resource', 'import x: ', 'static', 'async'];

function mutate(base: string, edits: { op: number; at: number; len: number; piece: string }[]): string {
  let s = base;
  for (const e of edits) {
    const at = e.at % (s.length + 1);
    const end = Math.min(s.length, at + e.len);
    if (e.op === 0) s = s.slice(0, at) + s.slice(end);
    else if (e.op === 1) s = s.slice(0, at) + e.piece + s.slice(at);
    else if (e.op === 2) s = s.slice(0, end) + s.slice(at, end) + s.slice(end);
    else s = s.slice(0, at) + e.piece + s.slice(end);
  }
  return s;
}

const edit = fc.record({ op: fc.nat(3), at: fc.nat(), len: fc.nat(40), piece: fc.constantFrom(...pieces) });

/**
 * Checks one input; returns a problem description or undefined. A parse over its time budget is re-timed (up to
 * three tries) before it counts as slow: a pause of the garbage collector or a busy machine is not the parser's.
 */
function robust(text: string): string | undefined {
  let slowest = 0;
  for (let attempt = 0; attempt < 3; attempt++) {
    const t0 = performance.now();
    let r: ReturnType<typeof parse>;
    try {
      r = parse(text, 'fuzz.wit', { maxErrors: 20 });
    } catch (e) {
      return `threw ${e instanceof Error ? e.message : String(e)}`;
    }
    const ms = performance.now() - t0;
    const internal = r.diagnostics.find((d) => d.message.includes('internal error'));
    if (internal) return internal.message;
    const bad = r.diagnostics.find((d) => d.span && (d.span.start < 0 || d.span.end > text.length || d.span.start > d.span.end));
    if (bad) return `span out of range: ${bad.message}`;
    if (ms <= 25 + text.length / 500) return undefined;
    slowest = Math.max(slowest, ms);
  }
  return `slow: ${slowest.toFixed(1)} ms for ${text.length} chars (three tries)`;
}

function fuzz(ctx: SuiteContext, t: Tally, corpus: string[]): void {
  if (corpus.length === 0) return;
  const plans: [string, fc.Arbitrary<string>, number][] = [
    ['mutated corpus files', fc.record({ i: fc.nat(corpus.length - 1), edits: fc.array(edit, { minLength: 1, maxLength: 6 }) }).map(({ i, edits }) => mutate(corpus[i]!, edits)), 60_000],
    ['printed random trees (mutated half the time)', fc.record({ tree: fileArbitrary, edits: fc.array(edit, { maxLength: 3 }) }).map(({ tree, edits }) => mutate(printFile(tree), edits)), 20_000],
    ['random token soup', fc.string({ unit: fc.constantFrom(...pieces, ...'abc{}<>();:,.@%/"*-+=0123456789 \n\t'), maxLength: 300 }), 20_000],
  ];
  let total = 0;
  let problems = 0;
  for (const [name, arb, runs] of plans) {
    let first: string | undefined;
    for (const text of fc.sample(arb, { numRuns: runs, seed: 20261125 })) {
      total++;
      const p = robust(text);
      if (p !== undefined) {
        problems++;
        first ??= `${p} (input ${JSON.stringify(text.slice(0, 120))})`;
      }
    }
    if (first === undefined) t.passed++;
    else fail(ctx, t, `fuzz: ${name}`, first);
  }
  ctx.log(`(d) fuzz: ${total} inputs, ${problems} problems`);
  linearity(ctx, t, corpus);
}

/**
 * Time per character of a large input against an 8× smaller one (the corpus repeated) must stay comparable: a
 * quadratic step would multiply it by about 8. CPU time (not wall time) is compared, best of several runs, so that
 * other processes on the machine disturb the ratio less; the threshold leaves room for the garbage collector, whose
 * share grows with the heap.
 */
function linearity(ctx: SuiteContext, t: Tally, corpus: string[]): void {
  // The corpus without its package headers (a second header in one file is an error).
  const unit = corpus.join('\n').replace(/^package [^;{]*;/gm, '');
  const small = unit.repeat(Math.max(1, Math.round(600_000 / unit.length)));
  const large = small.repeat(8);
  const best = (text: string, n: number): number => {
    let b = Infinity;
    for (let i = 0; i < n; i++) {
      const c0 = process.cpuUsage();
      parse(text, 'lin.wit');
      const c = process.cpuUsage(c0);
      b = Math.min(b, (c.user + c.system) / 1000);
    }
    return b;
  };
  best(small, 2);
  const perSmall = best(small, 8) / small.length;
  // Five runs of the large input: on a slow spell of the host, its full collections (a 4.6 MB parse keeps about
  // 30 MB alive) spread its CPU time more than the small input's, and the best of three reached a ratio of 3.3.
  const perLarge = best(large, 5) / large.length;
  const factor = perLarge / perSmall;
  ctx.log(`(d) linearity: ${(small.length / 1e6).toFixed(2)} M chars vs ${(large.length / 1e6).toFixed(2)} M chars, CPU time per char ratio ${factor.toFixed(2)}`);
  if (factor < 4) t.passed++;
  else fail(ctx, t, 'linearity', `time per char grows ${factor.toFixed(1)}× from the small to the 8× larger input`);
}

export const syntaxSuite: Suite = {
  name: 'syntax',
  async run(ctx: SuiteContext): Promise<SuiteResult> {
    const t: Tally = { passed: 0, failed: 0, skipped: 0, shown: 0 };
    const corpus: string[] = [];
    validCorpora(ctx, t, corpus);
    parseFailCases(ctx, t);
    docsCases(ctx, t);
    if (!ctx.filter) fuzz(ctx, t, corpus);
    return { passed: t.passed, failed: t.failed, skipped: t.skipped };
  },
};
