/**
 * The whole pipeline on mutated packages: line-level edits of the ui suite's valid cases (single files, and
 * package folders with their `deps/`) and of the WASI 0.3 set, each loaded with feature `active` (a fifth of them
 * with every feature), then, when it resolves, its JSON and the guest and host bindings of its first worlds, and
 * the formatter on every edited file.
 *
 * The edits keep most lines whole (a line deleted, repeated, moved or taken from another case; an identifier
 * replaced by another of the same text; a version dropped or changed; a feature gate added; one keyword for
 * another; a stray carriage return, comment or separator at the end of a line or of the file), so about a third of the inputs still resolve and the resolver, the linker and the generators see far
 * more than the parser's character-level fuzzing reaches. A problem is an exception anywhere, or a diagnostic that
 * reports an internal error. Two bugs that this found are tests now (test/resolve/rules.test.ts, a dependency named
 * with and without its version; test/format/hostile.test.ts, a comment ending in a lone carriage return).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import type { Suite } from '../harness.js';
import { loadSources, resolveToJson } from '../../../src/resolve/index.js';
import { generateGuest } from '../../../src/bindgen/index.js';
import { generateHost } from '../../../src/bindgen/host/index.js';
import { formatText } from '../../../src/format/index.js';

type Files = Record<string, string>;

/** The valid ui cases and the WASI 0.3 set, as in-memory file sets under `/p`. */
function cases(shared: string): Files[] {
  const out: Files[] = [];
  const below = (dir: string, base: string, into: Files): void => {
    for (const n of readdirSync(dir).sort()) {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) below(p, base, into);
      else if (n.endsWith('.wit')) into[`/p/${relative(base, p)}`] = readFileSync(p, 'utf8');
    }
  };
  const ui = join(shared, 'conformance/wit-parser-ui');
  for (const n of readdirSync(ui).sort()) {
    const p = join(ui, n);
    if (n === 'parse-fail') continue;
    if (statSync(p).isDirectory()) {
      const files: Files = {};
      below(p, p, files);
      if (Object.keys(files).length > 0) out.push(files);
    } else if (n.endsWith('.wit')) out.push({ '/p/a.wit': readFileSync(p, 'utf8') });
  }
  const wasi = join(shared, 'wit/wasi-0.3.0');
  const files: Files = {};
  for (const pkg of readdirSync(wasi).sort()) {
    const dir = pkg === 'http' ? '/p' : `/p/deps/${pkg}`;
    for (const f of readdirSync(join(wasi, pkg)).sort()) if (f.endsWith('.wit')) files[`${dir}/${f}`] = readFileSync(join(wasi, pkg, f), 'utf8');
  }
  out.push(files);
  return out;
}

const GATES = ['@unstable(feature = active)', '@unstable(feature = other)', '@since(version = 0.1.0)', '@since(version = 9.0.0)', '@deprecated(version = 0.1.0)'];
const VERSIONS = ['', '', '@0.2.0', '@1.0.0', '@0.2.3', '@0.3.0'];
/** Endings for a line: stray carriage returns, comments, separators. */
const ENDINGS = ['\r', ' // note\r', '\r\r', ' /* c */', ';', ',', ' }', ' {'];
const KEYWORDS = ['import', 'export', 'include', 'use'];
const CONSTRUCTORS = ['own<', 'borrow<', 'list<', 'option<', 'future<', 'stream<'];

/** One edit: an operation and three numbers that pick lines, words and replacements. */
const editArb = fc.tuple(fc.nat(8), fc.nat(), fc.nat(), fc.nat());

function edit(text: string, [op, a, b, c]: [number, number, number, number], donor: string): string {
  const lines = text.split('\n');
  const i = a % lines.length;
  const j = b % lines.length;
  switch (op) {
    case 0:
      lines.splice(i, 1);
      break;
    case 1:
      lines.splice(i, 0, lines[j]!);
      break;
    case 2: {
      const from = donor.split('\n');
      lines.splice(i, 0, from[c % from.length]!);
      break;
    }
    case 3:
      lines.splice(i, 0, GATES[c % GATES.length]!);
      break;
    case 4: {
      const words = text.match(/[a-z][a-z0-9-]*/g) ?? [];
      if (words.length > 1) lines[i] = lines[i]!.replace(words[b % words.length]!, words[c % words.length]!);
      break;
    }
    case 5: {
      // A line that has a version, so that references to one package come to differ in their versions.
      const versioned = lines.flatMap((l, k) => (/@\d+\.\d+\.\d+/.test(l) ? [k] : []));
      const k = versioned.length > 0 ? versioned[b % versioned.length]! : i;
      lines[k] = lines[k]!.replace(/@\d+\.\d+\.\d+/, VERSIONS[c % VERSIONS.length]!);
      break;
    }
    case 6:
      lines[i] = lines[i]!.replace(/\b(own|borrow|list|option|future|stream)</, CONSTRUCTORS[c % CONSTRUCTORS.length]!);
      break;
    case 7:
      // The last line is the one after the final newline: an ending there ends the file.
      lines[b % 2 === 0 ? lines.length - 1 : i] += ENDINGS[c % ENDINGS.length]!;
      break;
    default:
      lines[i] = lines[i]!.replace(/\b(import|export|include|use)\b/, KEYWORDS[c % KEYWORDS.length]!);
  }
  return lines.join('\n');
}

/** The problem with one input, or undefined. */
function check(files: Files, root: string, allFeatures: boolean): { problem?: string; resolved: boolean } {
  let stage = 'load';
  try {
    const r = loadSources(files, root, { features: ['active'], allFeatures });
    const internal = r.diagnostics.find((d) => /internal error/.test(d.message));
    if (internal) return { problem: `load: ${internal.message}`, resolved: false };
    if (r.resolve) {
      stage = 'json';
      resolveToJson(r.resolve);
      for (let w = 0; w < Math.min(3, r.resolve.worlds.length); w++) {
        stage = 'guest bindings';
        generateGuest(r.resolve, w);
        stage = 'host bindings';
        generateHost(r.resolve, w);
      }
    }
    stage = 'format';
    for (const [path, text] of Object.entries(files)) {
      const f = formatText(text, path);
      const internalFmt = f.diagnostics.find((d) => /internal/.test(d.message));
      if (internalFmt) return { problem: `format ${path}: ${internalFmt.message}`, resolved: r.resolve !== undefined };
    }
    return { resolved: r.resolve !== undefined };
  } catch (e) {
    return { problem: `${stage} threw: ${e instanceof Error ? e.message : String(e)}`, resolved: false };
  }
}

export const pipelineFuzzSuite: Suite = {
  name: 'pipeline-fuzz',
  async run(ctx) {
    const all = cases(ctx.shared);
    const arb = fc.record({
      base: fc.nat(all.length - 1),
      donor: fc.nat(all.length - 1),
      file: fc.nat(),
      edits: fc.array(editArb, { minLength: 1, maxLength: 4 }),
      allFeatures: fc.nat(4).map((n) => n === 0),
    });
    const runs = 20_000;
    let resolved = 0;
    let problems = 0;
    let first: string | undefined;
    for (const input of fc.sample(arb, { numRuns: runs, seed: 20261125 })) {
      const files: Files = { ...all[input.base]! };
      const paths = Object.keys(files);
      const path = paths[input.file % paths.length]!;
      const donorFiles = Object.values(all[input.donor]!);
      const donor = donorFiles[input.file % donorFiles.length]!;
      for (const e of input.edits) files[path] = edit(files[path]!, e, donor);
      const root = paths.length === 1 ? path : '/p';
      const r = check(files, root, input.allFeatures);
      if (r.resolved) resolved++;
      if (r.problem !== undefined) {
        problems++;
        first ??= `${r.problem} (edited ${path}: ${JSON.stringify(files[path]!.slice(0, 300))})`;
      }
    }
    ctx.log(`${runs} mutated packages, ${resolved} resolved (JSON, guest and host bindings made), all formatted: ${problems} problems`);
    if (first !== undefined) ctx.log(`FAIL first problem: ${first}`);
    return { passed: problems === 0 ? 1 : 0, failed: problems === 0 ? 0 : 1, skipped: 0 };
  },
};
