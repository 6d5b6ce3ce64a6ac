/**
 * The resolver against wasm-tools' wit-parser ui suite (feature `active`, paths printed as `tests/ui/…` like the
 * reference) and against the WASI 0.2.12 / 0.3.0 packages (every world must check clean).
 *
 * A valid case passes when its JSON is byte-identical; a parse-fail case passes when it is rejected with the
 * reference's message at the reference's line:col. Known failures (resolve-known-failures.txt) count as skipped.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Suite, SuiteContext, SuiteResult } from '../harness.js';
import { nodeHost } from '../../../src/node/host.js';
import type { FileHost } from '../../../src/resolve/host.js';
import { loadPath, resolveToJson } from '../../../src/resolve/index.js';
import { renderReference } from '../../../src/diagnostics/render.js';

const here = dirname(fileURLToPath(import.meta.url));

/** Reads `name reason…` lines; `#` starts a comment. */
export function readKnownFailures(file: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(file)) return out;
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    const [name, ...reason] = line.split(/\s+/);
    out.set(name!, reason.join(' '));
  }
  return out;
}

/** A host that shows `real` under the virtual prefix `virtual` (so diagnostics print `tests/ui/…`). */
function mappedHost(virtualPrefix: string, realPrefix: string): FileHost {
  const map = (p: string) => (p.startsWith(virtualPrefix) ? realPrefix + p.slice(virtualPrefix.length) : p);
  return {
    readFile: (p) => nodeHost.readFile(map(p)),
    readBytes: (p) => nodeHost.readBytes!(map(p)),
    readDir: (p) => nodeHost.readDir(map(p)),
    stat: (p) => nodeHost.stat(map(p)),
  };
}

const norm = (s: string) => s.replace(/\r\n/g, '\n').trim();

function knownFile(): string {
  for (const candidate of [join(here, '../resolve-known-failures.txt'), join(here, '../test/conformance/resolve-known-failures.txt'), 'test/conformance/resolve-known-failures.txt']) {
    if (existsSync(candidate)) return candidate;
  }
  return 'test/conformance/resolve-known-failures.txt';
}

function uiCases(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => n !== 'parse-fail' && !n.startsWith('.'))
    .filter((n) => statSync(join(dir, n)).isDirectory() || /\.(wit|wat|wasm|md)$/.test(n))
    .sort();
}

export const resolveSuite: Suite = {
  name: 'resolve',
  async run(ctx: SuiteContext): Promise<SuiteResult> {
    const uiReal = join(ctx.shared, 'conformance/wit-parser-ui');
    const host = mappedHost('tests/ui', uiReal);
    const known = readKnownFailures(knownFile());
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const counts = { valid: 0, accepted: 0, identical: 0, fail: 0, rejected: 0, sameRender: 0, sameLoc: 0 };
    const failures: string[] = [];
    const record = (name: string, ok: boolean, detail: string) => {
      if (ok) passed++;
      else if (known.has(name)) skipped++;
      else {
        failed++;
        failures.push(`${name}: ${detail}`);
      }
    };
    const pick = (name: string) => !ctx.filter || name.includes(ctx.filter);

    for (const name of uiCases(uiReal)) {
      if (!pick(name)) continue;
      counts.valid++;
      const expectedFile = join(uiReal, `${name.replace(/\.(wit|wat|wasm|md)$/, '')}.wit.json`);
      const r = safeLoad(host, `tests/ui/${name}`);
      if (!r.resolve) {
        record(name, false, `rejected: ${r.diagnostics[0] ? renderReference(r.diagnostics[0]).split('\n')[0] : r.crash}`);
        continue;
      }
      counts.accepted++;
      const got = norm(resolveToJson(r.resolve));
      const expected = existsSync(expectedFile) ? norm(readFileSync(expectedFile, 'utf8')) : '';
      const same = got === expected;
      if (same) counts.identical++;
      record(name, same, same ? '' : `JSON differs at line ${firstDiffLine(got, expected)}`);
    }

    const pfReal = join(uiReal, 'parse-fail');
    for (const name of uiCases(pfReal)) {
      if (!pick(name)) continue;
      counts.fail++;
      const expected = norm(readFileSync(join(pfReal, `${name.replace(/\.wit$/, '')}.wit.result`), 'utf8')).replace(/\\/g, '/');
      const r = safeLoad(host, `tests/ui/parse-fail/${name}`);
      const first = r.diagnostics.find((d) => d.severity === 'error');
      if (!first || r.resolve) {
        record(`parse-fail/${name}`, false, r.crash ?? 'accepted');
        continue;
      }
      counts.rejected++;
      const got = norm(renderReference(first));
      if (got === expected) counts.sameRender++;
      const sameLoc = headAndLoc(got) === headAndLoc(expected);
      if (sameLoc) counts.sameLoc++;
      record(`parse-fail/${name}`, sameLoc, sameLoc ? '' : `\n    got:      ${got.split('\n').slice(0, 2).join(' | ')}\n    expected: ${expected.split('\n').slice(0, 2).join(' | ')}`);
    }

    ctx.log(`valid: ${counts.accepted}/${counts.valid} accepted, ${counts.identical}/${counts.valid} JSON identical`);
    ctx.log(
      `parse-fail: ${counts.rejected}/${counts.fail} rejected, ${counts.sameLoc}/${counts.fail} same message at the same line:col, ${counts.sameRender}/${counts.fail} rendered identically`,
    );

    for (const version of ['wasi-0.2.12', 'wasi-0.3.0']) {
      const root = join(ctx.shared, 'wit', version);
      if (!existsSync(root)) continue;
      const dirs = readdirSync(root).filter((d) => statSync(join(root, d)).isDirectory()).sort();
      let worlds = 0;
      let clean = 0;
      for (const d of dirs) {
        if (!pick(`${version}/${d}`)) continue;
        const siblings = dirs.filter((s) => s !== d).map((s) => join(root, s));
        const r = safeLoad(nodeHost, join(root, d), siblings);
        const name = `${version}/${d}`;
        if (!r.resolve) {
          record(name, false, r.diagnostics[0] ? renderReference(r.diagnostics[0]) : (r.crash ?? 'failed'));
          continue;
        }
        for (const p of r.main) {
          for (const w of r.resolve.packages[p]!.worlds.keys()) {
            worlds++;
            clean++;
            record(`${name}/${w}`, true, '');
          }
        }
      }
      ctx.log(`${version}: ${clean}/${worlds} worlds clean`);
    }

    const shown = ctx.verbose ? failures : failures.slice(0, 15);
    for (const f of shown) ctx.log(`FAIL ${f}`);
    if (failures.length > shown.length) ctx.log(`… ${failures.length - shown.length} more (--verbose)`);
    return { passed, failed, skipped };
  },
};

function safeLoad(host: FileHost, path: string, packageDirs?: string[]) {
  try {
    return { ...loadPath(host, path, { features: ['active'], packageDirs }), crash: undefined as string | undefined };
  } catch (e) {
    return { resolve: undefined, main: [], diagnostics: [], crash: `crash: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` };
  }
}

/** The message and the `--> path:line:col` line (or the one-line long-line form). */
function headAndLoc(rendered: string): string {
  const lines = rendered.split('\n');
  const loc = lines.find((l) => l.trimStart().startsWith('-->')) ?? '';
  const msgEnd = lines.findIndex((l) => l.trimStart().startsWith('-->'));
  const msg = (msgEnd < 0 ? lines : lines.slice(0, msgEnd)).join('\n');
  return `${msg}\n${loc.trim()}`;
}

function firstDiffLine(a: string, b: string): number {
  const x = a.split('\n');
  const y = b.split('\n');
  for (let i = 0; i < Math.max(x.length, y.length); i++) if (x[i] !== y[i]) return i + 1;
  return 0;
}
