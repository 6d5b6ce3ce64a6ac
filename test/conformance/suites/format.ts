/**
 * The formatter over the corpora: every `.wit` file of the wit-parser ui suite (valid cases and the parse-fail
 * cases that parse), the WASI 0.2.12 and 0.3.0 packages and bench/synth.wit. For each file that parses:
 * - idempotent: fmt(fmt(x)) == fmt(x);
 * - lossless: the tokens (trailing commas aside) and the comments, each in its gap between tokens, are kept
 *   (checked here independently of the formatter's own check, from a fresh parse of the output);
 * - JSON-equal: for the valid ui cases and the WASI packages, the package loaded from the formatted files (in
 *   memory, in place of the originals) resolves to the same JSON.
 * Files with syntax errors must be refused. Also prints the formatting throughput on synth.wit.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Suite, SuiteContext, SuiteResult } from '../harness.js';
import { nodeHost } from '../../../src/node/host.js';
import type { FileHost } from '../../../src/resolve/host.js';
import { loadPath, resolveToJson } from '../../../src/resolve/index.js';
import { formatText } from '../../../src/format/index.js';
import { parse } from '../../../src/syntax/index.js';
import { hasErrors } from '../../../src/diagnostics/diagnostic.js';
import { fileShape } from '../../support/format-shape.js';

interface Tally {
  files: number;
  parsed: number;
  refused: number;
  idempotent: number;
  lossless: number;
  jsonCases: number;
  jsonEqual: number;
}

/** Tokens without trailing commas, and each comment with the number of such tokens before it. */
function shape(text: string): { tokens: string[]; comments: string[] } {
  return fileShape(parse(text, 'x.wit').file);
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (name.endsWith('.wit')) out.push(p);
  }
  return out;
}

/** A host that returns the formatted text of every `.wit` file (the original when it cannot be formatted). */
function formattingHost(base: FileHost): FileHost {
  const cache = new Map<string, string | undefined>();
  return {
    readFile(p) {
      if (!p.endsWith('.wit')) return base.readFile(p);
      if (!cache.has(p)) {
        const text = base.readFile(p);
        cache.set(p, text === undefined ? undefined : (formatText(text, p).text ?? text));
      }
      return cache.get(p);
    },
    readDir: (p) => base.readDir(p),
    stat: (p) => base.stat(p),
  };
}

function jsonOf(host: FileHost, path: string, packageDirs?: string[]): string | undefined {
  try {
    const r = loadPath(host, path, { features: ['active'], packageDirs });
    return r.resolve ? resolveToJson(r.resolve) : undefined;
  } catch {
    return undefined;
  }
}

export const formatSuite: Suite = {
  name: 'format',
  async run(ctx: SuiteContext): Promise<SuiteResult> {
    const t: Tally = { files: 0, parsed: 0, refused: 0, idempotent: 0, lossless: 0, jsonCases: 0, jsonEqual: 0 };
    const failures: string[] = [];
    let passed = 0;
    const check = (name: string, ok: boolean, detail: string) => {
      if (ok) passed++;
      else failures.push(`${name}: ${detail}`);
    };
    const pick = (name: string) => !ctx.filter || name.includes(ctx.filter);

    const fileProps = (path: string, label: string) => {
      if (!pick(label)) return;
      t.files++;
      const text = readFileSync(path, 'utf8');
      const parsed = parse(text, path);
      const r = formatText(text, path);
      if (hasErrors(parsed.diagnostics)) {
        const refused = r.text === undefined && hasErrors(r.diagnostics);
        if (refused) t.refused++;
        check(label, refused, 'a file with syntax errors was formatted');
        return;
      }
      t.parsed++;
      if (r.text === undefined) {
        check(label, false, r.diagnostics[0]?.message ?? 'not formatted');
        return;
      }
      const again = formatText(r.text, path).text;
      const idem = again === r.text;
      if (idem) t.idempotent++;
      check(`${label} (idempotent)`, idem, 'fmt(fmt(x)) differs from fmt(x)');
      const a = shape(text);
      const b = shape(r.text);
      const same = JSON.stringify(a) === JSON.stringify(b);
      if (same) t.lossless++;
      check(`${label} (lossless)`, same, 'tokens or comments changed');
    };

    const jsonProp = (host: FileHost, path: string, label: string, packageDirs?: string[]) => {
      if (!pick(label)) return;
      const before = jsonOf(host, path, packageDirs);
      if (before === undefined) return;
      t.jsonCases++;
      const after = jsonOf(formattingHost(host), path, packageDirs);
      const same = after === before;
      if (same) t.jsonEqual++;
      check(`${label} (json)`, same, after === undefined ? 'the formatted package does not resolve' : 'JSON differs');
    };

    const ui = join(ctx.shared, 'conformance/wit-parser-ui');
    for (const path of walk(ui)) fileProps(path, `ui/${path.slice(ui.length + 1)}`);
    for (const name of readdirSync(ui).sort()) {
      if (name === 'parse-fail' || name.startsWith('.')) continue;
      const p = join(ui, name);
      if (statSync(p).isDirectory() || name.endsWith('.wit')) jsonProp(nodeHost, p, `ui/${name}`);
    }

    for (const version of ['wasi-0.2.12', 'wasi-0.3.0']) {
      const root = join(ctx.shared, 'wit', version);
      if (!existsSync(root)) continue;
      for (const path of walk(root)) fileProps(path, `${version}/${path.slice(root.length + 1)}`);
      const dirs = readdirSync(root).filter((d) => statSync(join(root, d)).isDirectory()).sort();
      for (const d of dirs) {
        const siblings = dirs.filter((s) => s !== d).map((s) => join(root, s));
        jsonProp(nodeHost, join(root, d), `${version}/${d}`, siblings);
      }
    }

    const synth = join(ctx.shared, 'bench/synth.wit');
    if (existsSync(synth)) {
      fileProps(synth, 'bench/synth.wit');
      jsonProp(nodeHost, synth, 'bench/synth.wit');
      if (pick('bench/synth.wit')) ctx.log(throughput(readFileSync(synth, 'utf8'), synth));
    }

    ctx.log(
      `${t.files} files: ${t.parsed} parsed, ${t.refused} refused (syntax errors); ` +
        `${t.idempotent}/${t.parsed} idempotent, ${t.lossless}/${t.parsed} lossless; ` +
        `${t.jsonEqual}/${t.jsonCases} packages JSON-equal after formatting`,
    );
    const shown = ctx.verbose ? failures : failures.slice(0, 15);
    for (const f of shown) ctx.log(`FAIL ${f}`);
    if (failures.length > shown.length) ctx.log(`… ${failures.length - shown.length} more (--verbose)`);
    return { passed, failed: failures.length, skipped: 0 };
  },
};

/** Formats `text` repeatedly for about a second each way; MB/s of input (with and without the output check, and parsing alone). */
function throughput(text: string, path: string): string {
  const mb = Buffer.byteLength(text, 'utf8') / 1e6;
  const rate = (work: () => unknown) => {
    work();
    let runs = 0;
    const start = performance.now();
    while (performance.now() - start < 1000 || runs < 3) {
      work();
      runs++;
    }
    return ((mb * runs) / ((performance.now() - start) / 1000)).toFixed(2);
  };
  const full = rate(() => formatText(text, path));
  const unchecked = rate(() => formatText(text, path, { verify: false }));
  const parseOnly = rate(() => parse(text, path));
  return `synth.wit (${mb.toFixed(2)} MB): ${full} MB/s formatting (parse + print + output check), ${unchecked} MB/s without the check; parsing alone ${parseOnly} MB/s`;
}
