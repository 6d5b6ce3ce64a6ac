/**
 * A light core module for host-bindings tests and the host benchmark: the `witc:bench/bench` world's echo functions
 * written in WAT (assembled with jco 1.17.9's `parse`), so that a call costs only the host's lift/lower code. Results
 * are written to a static return area; `cabi_realloc` is a bump allocator whose heap every `cabi_post_*` resets.
 * `buildEchoComponent` wraps it into a component and transpiles it with jco (the reference glue for the same module).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The benchmark world. */
export const ECHO_WIT = `package witc:bench;

interface api {
  record rec {
    id: u32,
    score: f64,
    ok: bool,
    big: s64,
  }

  variant var {
    a,
    b(u32),
    c(string),
  }

  echo-rec: func(v: rec) -> rec;
  echo-var: func(v: var) -> var;
  echo-opt: func(v: option<option<u32>>) -> option<option<u32>>;
  echo-strings: func(v: list<string>) -> list<string>;
  echo-string: func(v: string) -> string;
  echo-char: func(v: char) -> char;
}

world bench {
  export api;
}
`;

const PREFIX = 'witc:bench/api#';
const RET = 16;
const HEAP = 1024;

/** The WAT of the core module. `hostile` replaces function bodies (by function name) to misbehave on purpose. */
export function echoWat(hostile: Record<string, string> = {}): string {
  const fn = (name: string, sig: string, body: string) =>
    `  (func (export "${PREFIX}${name}") ${sig}\n${hostile[name] ?? body}\n  )\n  (func (export "cabi_post_${PREFIX}${name}") (param i32) (global.set $heap (i32.const ${HEAP})))`;
  return `(module
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const ${HEAP}))
  (func (export "cabi_realloc") (param $old i32) (param $oldSize i32) (param $align i32) (param $size i32) (result i32)
    (local $p i32) (local $end i32) (local $need i32)
    ;; shrinking keeps the block in place, like a real allocator
    (if (i32.and (i32.ne (local.get $old) (i32.const 0)) (i32.le_u (local.get $size) (local.get $oldSize)))
      (then (return (local.get $old))))
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get $align))))
    (local.set $end (i32.add (local.get $p) (local.get $size)))
    (local.set $need (i32.sub (i32.shr_u (i32.add (local.get $end) (i32.const 65535)) (i32.const 16)) (memory.size)))
    (if (i32.gt_s (local.get $need) (i32.const 0))
      (then (if (i32.lt_s (memory.grow (local.get $need)) (i32.const 0)) (then unreachable))))
    (if (local.get $old)
      (then (memory.copy (local.get $p) (local.get $old)
        (select (local.get $oldSize) (local.get $size) (i32.lt_u (local.get $oldSize) (local.get $size))))))
    (global.set $heap (local.get $end))
    (local.get $p))
${fn(
  'echo-rec',
  '(param i32 f64 i32 i64) (result i32)',
  `    (i32.store (i32.const ${RET}) (local.get 0))
    (f64.store (i32.const ${RET + 8}) (local.get 1))
    (i32.store8 (i32.const ${RET + 16}) (local.get 2))
    (i64.store (i32.const ${RET + 24}) (local.get 3))
    (i32.const ${RET})`,
)}
${fn(
  'echo-var',
  '(param i32 i32 i32) (result i32)',
  `    (i32.store8 (i32.const ${RET}) (local.get 0))
    (i32.store (i32.const ${RET + 4}) (local.get 1))
    (i32.store (i32.const ${RET + 8}) (local.get 2))
    (i32.const ${RET})`,
)}
${fn(
  'echo-opt',
  '(param i32 i32 i32) (result i32)',
  `    (i32.store8 (i32.const ${RET}) (local.get 0))
    (i32.store8 (i32.const ${RET + 4}) (local.get 1))
    (i32.store (i32.const ${RET + 8}) (local.get 2))
    (i32.const ${RET})`,
)}
${fn(
  'echo-strings',
  '(param i32 i32) (result i32)',
  `    (i32.store (i32.const ${RET}) (local.get 0))
    (i32.store (i32.const ${RET + 4}) (local.get 1))
    (i32.const ${RET})`,
)}
${fn(
  'echo-string',
  '(param i32 i32) (result i32)',
  `    (i32.store (i32.const ${RET}) (local.get 0))
    (i32.store (i32.const ${RET + 4}) (local.get 1))
    (i32.const ${RET})`,
)}
${fn('echo-char', '(param i32) (result i32)', '    (local.get 0)')}
)`;
}

interface JcoApi {
  parse(wat: string): Promise<Uint8Array>;
  componentEmbed(opts: {
    binary: Uint8Array;
    witSource: string;
    world: string;
    stringEncoding: 'utf8';
  }): Promise<Uint8Array>;
  componentNew(binary: Uint8Array, adapters?: unknown): Promise<Uint8Array>;
  transpile(component: Uint8Array, opts: object): Promise<{ files: Record<string, Uint8Array> }>;
}

async function jco(): Promise<JcoApi> {
  return (await import('@bytecodealliance/jco')) as unknown as JcoApi;
}

/** Assembles WAT text with jco's wasm-tools. */
export async function assemble(wat: string): Promise<Uint8Array> {
  return (await jco()).parse(wat);
}

/** The echo component: jco's glue (`instantiate`) and the core module it runs (the one to feed witc too). */
export interface EchoComponent {
  readonly core: Uint8Array;
  readonly jcoInstantiate: (getCoreModule: (name: string) => unknown, imports: object) => Promise<any>;
}

/** Builds the echo component with jco (`componentEmbed` + `componentNew`) and transpiles it (async instantiation). */
export async function buildEchoComponent(hostile: Record<string, string> = {}): Promise<EchoComponent> {
  const api = await jco();
  const core = await api.parse(echoWat(hostile));
  const embedded = await api.componentEmbed({
    binary: core,
    witSource: ECHO_WIT,
    world: 'bench',
    stringEncoding: 'utf8',
  });
  const component = await api.componentNew(embedded);
  const { files } = await api.transpile(component, {
    name: 'bench',
    instantiation: 'async',
    base64Cutoff: 0,
    quiet: true,
  });
  const dir = join(tmpdir(), `witc-echo-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), bytes);
  }
  const glue = (await import(/* @vite-ignore */ pathToFileURL(join(dir, 'bench.js')).href)) as EchoComponent;
  const mainCore = files['bench.core.wasm'];
  if (mainCore === undefined) throw new Error(`jco produced no bench.core.wasm (${Object.keys(files).join(', ')})`);
  return {
    core: mainCore,
    jcoInstantiate: (glue as unknown as { instantiate: EchoComponent['jcoInstantiate'] }).instantiate,
  };
}
