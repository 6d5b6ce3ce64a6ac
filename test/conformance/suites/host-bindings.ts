/**
 * Host bindings type-check: every world of the wit-parser ui valid suite and of the WASI 0.2.12 / 0.3.0 packages
 * gets TypeScript host bindings (`generateHost`), and all of them are compiled as one `tsc --strict` program (with
 * the runtime they import, src/bindgen/host/runtime.ts). A world passes when generation does not crash and its file
 * has no TypeScript diagnostics.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import ts from 'typescript';
import type { Suite, SuiteContext, SuiteResult } from '../harness.js';
import { nodeHost } from '../../../src/node/host.js';
import { loadPath, type Resolve } from '../../../src/resolve/index.js';
import { generateHost } from '../../../src/bindgen/host/index.js';

/** Compiler options of a strict consumer project (browser-style libs, ES modules). */
export const STRICT_OPTIONS: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.esnext.disposable.d.ts'],
  types: [],
  skipLibCheck: true,
};

interface Generated {
  readonly name: string;
  readonly file: string;
}

function uiCases(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => n !== 'parse-fail' && !n.startsWith('.'))
    .filter((n) => statSync(join(dir, n)).isDirectory() || n.endsWith('.wit'))
    .sort();
}

/** Type-checks `files` as one program; returns the number of error diagnostics per file and the first messages. */
export function typeCheck(
  files: readonly string[],
  options: ts.CompilerOptions = STRICT_OPTIONS,
): Map<string, string[]> {
  const program = ts.createProgram(files, options);
  const out = new Map<string, string[]>();
  for (const d of ts.getPreEmitDiagnostics(program)) {
    if (d.category !== ts.DiagnosticCategory.Error) continue;
    const key = d.file ? resolvePath(d.file.fileName) : '(global)';
    const list = out.get(key) ?? [];
    const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    list.push(
      `${pos ? `${pos.line + 1}:${pos.character + 1} ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
    );
    out.set(key, list);
  }
  return out;
}

export const hostBindingsSuite: Suite = {
  name: 'host-bindings',
  async run(ctx: SuiteContext): Promise<SuiteResult> {
    const runtime = resolvePath('src/bindgen/host/runtime.js');
    const outDir = join(tmpdir(), `witc-host-conformance-${process.pid}`);
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    const generated: Generated[] = [];
    const failures: string[] = [];
    let failed = 0;
    const pick = (name: string) => !ctx.filter || name.includes(ctx.filter);
    const emit = (name: string, resolve: Resolve, worlds: Iterable<number>) => {
      for (const id of worlds) {
        const label = `${name}/${resolve.worlds[id]!.name}`;
        try {
          const files = generateHost(resolve, id, { runtime });
          const text = [...files.values()][0]!;
          const file = join(outDir, `${generated.length}-${label.replace(/[^A-Za-z0-9.-]+/g, '_')}.ts`);
          writeFileSync(file, text);
          generated.push({ name: label, file });
        } catch (e) {
          failed++;
          failures.push(`${label}: generateHost crashed: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    };
    const worldsOf = (resolve: Resolve, main: readonly number[]) =>
      main.flatMap((p) => [...resolve.packages[p]!.worlds.values()]);

    const uiDir = join(ctx.shared, 'conformance/wit-parser-ui');
    let uiWorlds = 0;
    for (const name of uiCases(uiDir)) {
      if (!pick(name)) continue;
      const r = loadPath(nodeHost, join(uiDir, name), { features: ['active'] });
      if (!r.resolve) continue; // the resolve suite reports cases that do not load
      const worlds = worldsOf(r.resolve, r.main);
      uiWorlds += worlds.length;
      emit(`ui/${name}`, r.resolve, worlds);
    }
    for (const version of ['wasi-0.2.12', 'wasi-0.3.0']) {
      const root = join(ctx.shared, 'wit', version);
      if (!existsSync(root)) continue;
      const dirs = readdirSync(root)
        .filter((d) => statSync(join(root, d)).isDirectory())
        .sort();
      for (const d of dirs) {
        if (!pick(`${version}/${d}`)) continue;
        const siblings = dirs.filter((s) => s !== d).map((s) => join(root, s));
        const r = loadPath(nodeHost, join(root, d), { packageDirs: siblings });
        if (!r.resolve) continue;
        emit(`${version}/${d}`, r.resolve, worldsOf(r.resolve, r.main));
      }
    }

    const started = Date.now();
    const errors = typeCheck(generated.map((g) => g.file));
    let passed = 0;
    for (const g of generated) {
      const errs = errors.get(resolvePath(g.file));
      if (!errs) passed++;
      else {
        failed++;
        failures.push(`${g.name}: ${errs.length} type errors, first: ${errs[0]}`);
      }
    }
    for (const [file, errs] of errors) {
      if (generated.some((g) => resolvePath(g.file) === file)) continue;
      failed++;
      failures.push(`${file}: ${errs.length} type errors, first: ${errs[0]}`);
    }
    ctx.log(
      `${generated.length} worlds generated (${uiWorlds} from the ui suite), type-checked as one program in ${Date.now() - started} ms`,
    );
    ctx.log(`${passed}/${generated.length} type-check under tsc --strict`);
    const shown = ctx.verbose ? failures : failures.slice(0, 15);
    for (const f of shown) ctx.log(`FAIL ${f}`);
    if (failures.length > shown.length) ctx.log(`… ${failures.length - shown.length} more (--verbose)`);
    if (failed === 0) rmSync(outDir, { recursive: true, force: true });
    return { passed, failed, skipped: 0 };
  },
};
