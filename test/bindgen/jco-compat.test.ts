/**
 * Differential check against jco 1.35 (`jco guest-types`, installed as jco-latest): for WIT without the known
 * deviations listed in docs/bindings.md, every function signature witc declares is the one jco declares.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { guestFor, loadWit } from './support.js';

const root = join(import.meta.dirname, '../..');
const jco = join(root, 'node_modules/jco-latest/dist/jco.js');
const shim = join(
  root,
  'node_modules/@bytecodealliance/jco-transpile/node_modules/@bytecodealliance/preview2-shim/dist/nodejs/filesystem.js',
);

const WIT = `package t:compat@1.0.0;

interface types {
  record point { x: s32, y-coord: f64 }
  variant shape { circle(f64), none }
  enum color { red, dark-green }
  flags perms { read, write-all }
  resource blob {
    constructor(init: list<u8>);
    read: func(n: u32) -> list<u8>;
    merge: static func(a: borrow<blob>, b: own<blob>) -> blob;
    poll: async func() -> stream<u8>;
  }
  scalars: func(a: bool, b: u8, c: s16, d: u32, e: s64, f: u64, g: f32, h: f64, i: char, j: string);
  lists: func(a: list<u8>, b: list<s32>, c: list<u64>, d: list<string>, e: list<point>) -> list<f32>;
  compound: func(p: point, s: shape, c: color, f: perms) -> tuple<u8, string>;
  options: func(a: option<u32>, b: option<option<u32>>, c: option<option<option<u32>>>) -> option<string>;
  results: func(a: result<u32, string>, b: result<_, color>) -> result<u64, color>;
  nothing: func() -> result;
  fixed: func(a: list<u8, 3>) -> list<string, 2>;
  mapped: func(m: map<string, u32>) -> map<u8, list<string>>;
  futures: async func(f: future<point>, g: future) -> future<option<u32>>;
  streams: async func(s: stream<list<u8>>, t: stream) -> stream<tuple<u32, string>>;
  ec: func(e: error-context);
}

world w {
  import types;
  export api: interface {
    use types.{point, blob};
    handle: func(p: point, b: borrow<blob>) -> string;
    later: async func() -> stream<u8>;
  }
}
`;

/** `name(params): result` of every declared function and method, whitespace-normalised (jco writes `[a,b]`). */
function signatures(files: Iterable<string>): string[] {
  const out: string[] = [];
  for (const text of files) {
    for (const m of text.matchAll(/^\s*(?:export function |static |)([a-zA-Z$_][\w$]*)\((.*)\): (.*);$/gm)) {
      out.push(`${m[1]}(${m[2]}): ${m[3]}`.replace(/\s+/g, ' ').replace(/, (?=[^<>]*\])/g, ','));
    }
  }
  return out.sort();
}

const available = existsSync(jco) && existsSync(shim);

describe.skipIf(!available)('compatibility with jco guest-types', () => {
  it('declares the same function and method signatures', () => {
    const dir = mkdtempSync(join(tmpdir(), 'witc-jco-compat-'));
    writeFileSync(join(dir, 'w.wit'), WIT);
    writeFileSync(
      join(dir, 'preopen.mjs'),
      `import { _addPreopen } from ${JSON.stringify(shim)};\n_addPreopen('/', '/');\n`,
    );
    const r = spawnSync(
      process.execPath,
      ['--import', join(dir, 'preopen.mjs'), jco, 'guest-types', join(dir, 'w.wit'), '-o', join(dir, 'out')],
      {
        encoding: 'utf8',
      },
    );
    expect(r.status, r.stderr).toBe(0);
    const theirs = [
      join(dir, 'out/w.d.ts'),
      ...readdirSync(join(dir, 'out/interfaces')).map((f) => join(dir, 'out/interfaces', f)),
    ].map((f) => readFileSync(f, 'utf8'));
    const ours = [...guestFor(loadWit(WIT)).values()];
    const expected = signatures(theirs);
    expect(expected.length).toBeGreaterThan(15);
    expect(signatures(ours)).toEqual(expected);
  }, 60_000);
});
