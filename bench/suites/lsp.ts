/**
 * Language server latency: time from a `didChange` to the `publishDiagnostics` of that version, through a real
 * `witc lsp --stdio` process, on the WASI 0.3 set copied to a temporary workspace (`http` is the package, the other
 * five packages are in its `deps/`). Edits cycle through a valid change, a resolver error and a syntax error, in the
 * package's largest file and in a dependency file (both re-check the whole group). Target (issue 6): p50 ≤ 30 ms.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import { fmtMs, type Bench, type BenchContext } from '../harness.js';

interface Published {
  uri: string;
  version?: number;
  diagnostics: unknown[];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

/** The three kinds of edit, applied to `text` (`i` makes each one distinct). */
function edits(text: string, i: number): string[] {
  const at = text.lastIndexOf('}');
  const valid = `${text.slice(0, at)}  /// edit ${i}\n  type bench-alias-${i} = u32;\n${text.slice(at)}`;
  const unknown = `${text.slice(0, at)}  type bench-bad-${i} = no-such-type-${i};\n${text.slice(at)}`;
  const syntax = `${text.slice(0, at)}  type bench-syntax-${i} = ;\n${text.slice(at)}`;
  return [valid, unknown, syntax];
}

export const lspBench: Bench = {
  name: 'lsp',
  async run(ctx: BenchContext) {
    if (!ctx.shared) return ctx.log('  skipped: needs ../shared');
    const wasiRoot = join(ctx.shared, 'wit/wasi-0.3.0');
    const tmp = mkdtempSync(join(tmpdir(), 'witc-lsp-bench-'));
    const root = join(tmp, 'http');
    cpSync(join(wasiRoot, 'http'), root, { recursive: true });
    mkdirSync(join(root, 'deps'));
    for (const p of readdirSync(wasiRoot)) if (p !== 'http') cpSync(join(wasiRoot, p), join(root, 'deps', p), { recursive: true });
    const proc = spawn(process.execPath, [resolve('dist/cli.cjs'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const waiting = new Map<string, (p: Published) => void>();
    conn.onNotification('textDocument/publishDiagnostics', (p: Published) => {
      const k = `${p.uri}#${p.version}`;
      waiting.get(k)?.(p);
      waiting.delete(k);
    });
    conn.listen();
    const published = (uri: string, version: number) => new Promise<Published>((res) => waiting.set(`${uri}#${version}`, res));
    try {
      await conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(tmp).href, capabilities: {}, workspaceFolders: null });
      await conn.sendNotification('initialized', {});
      const files = [join(root, 'types.wit'), join(root, 'deps/clocks/types.wit')];
      const texts = files.map((f) => readFileSync(f, 'utf8'));
      const uris = files.map((f) => pathToFileURL(f).href);
      const t0 = performance.now();
      const first = published(uris[0]!, 1);
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uris[0], languageId: 'wit', version: 1, text: texts[0] } });
      const opened = await first;
      ctx.log(`  first open of http/types.wit (cold: parse + resolve 6 packages): ${fmtMs(performance.now() - t0)}; ${opened.diagnostics.length} diagnostics`);
      const second = published(uris[1]!, 1);
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uris[1], languageId: 'wit', version: 1, text: texts[1] } });
      await second;

      const rounds = ctx.quick ? 5 : 60;
      const times: number[][] = [[], []];
      let errorsSeen = 0;
      let counter = 1;
      for (let i = 0; i < rounds; i++) {
        for (let f = 0; f < files.length; f++) {
          for (const text of [...edits(texts[f]!, i), texts[f]!]) {
            const version = ++counter;
            const done = published(uris[f]!, version);
            const start = performance.now();
            await conn.sendNotification('textDocument/didChange', { textDocument: { uri: uris[f], version }, contentChanges: [{ text }] });
            const p = await done;
            times[f]!.push(performance.now() - start);
            if (p.diagnostics.length > 0) errorsSeen++;
          }
        }
      }
      const all = times.flat().sort((a, b) => a - b);
      for (const [f, label] of [
        [0, 'http/types.wit (package file)'],
        [1, 'deps/clocks/types.wit (dependency file)'],
      ] as const) {
        const t = [...times[f]!].sort((a, b) => a - b);
        ctx.log(`  change → publishDiagnostics, ${label}: p50 ${fmtMs(percentile(t, 0.5))}, p90 ${fmtMs(percentile(t, 0.9))}, max ${fmtMs(t[t.length - 1]!)} (${t.length} edits)`);
      }
      ctx.log(`  all edits: p50 ${fmtMs(percentile(all, 0.5))} (target ≤ 30 ms), p90 ${fmtMs(percentile(all, 0.9))}; ${errorsSeen} of ${all.length} publishes had problems (expected about half)`);
      await conn.sendRequest('shutdown');
      await conn.sendNotification('exit');
    } finally {
      conn.dispose();
      proc.kill();
      rmSync(tmp, { recursive: true, force: true });
    }
  },
};
