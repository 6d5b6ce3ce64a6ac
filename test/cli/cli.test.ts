import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheKey, readCacheData } from '../../src/cli/code-cache.js';

// `npm test` builds dist/ first (pretest), so this exercises the real bundled CLI.
const cli = join(import.meta.dirname, '../../dist/cli.cjs');
function run(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('witc CLI', () => {
  it('prints its version', () => {
    const r = run('--version');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('still runs through dist/cli.js, the executable of earlier builds (links to it live on in npx’s cache)', () => {
    const r = spawnSync(process.execPath, [join(import.meta.dirname, '../../dist/cli.js'), '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(run('--version').stdout);
  });

  it('prints help listing the commands', () => {
    const r = run('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('check');
  });

  it('exits 2 on unknown commands and bad flag values, without a stack trace', () => {
    for (const args of [['frobnicate'], ['check', '--format', 'xml', 'a.wit'], ['check']]) {
      const r = run(...args);
      expect(r.code).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('exits 2 for a missing path, with a one-line message', () => {
    const r = run('check', join(tmpdir(), 'definitely-missing.wit'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: cannot read `.*definitely-missing\.wit`: no such file or directory\n$/);
  });

  it('exits 2 when --deps is not a directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'witc-'));
    const file = join(dir, 'a.wit');
    writeFileSync(file, 'package a:b;\n');
    const r = run('check', file, '--deps', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not a directory');
  });

  it('checks the seed example against the WASI packages of installed npm packages', () => {
    const r = run('check', join(import.meta.dirname, '../../wit-examples/hello.wit'));
    expect(r.stderr).toContain('ok (example:hello: 1 interface, 1 world');
    expect(r.code).toBe(0);
  });

  it('says which package is missing and how to add it when built-in WIT is disabled', () => {
    const r = run('check', join(import.meta.dirname, '../../wit-examples/hello.wit'), '--no-builtin-wit');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("package 'wasi:http' not found");
    expect(r.stderr).toContain('--deps DIR');
  });

  it('exits 1 with a rendered syntax error, or JSON diagnostics on stdout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'witc-'));
    const file = join(dir, 'bad.wit');
    writeFileSync(file, 'package a:b;\ninterface i {\n  f: func() -> list<u8;\n}\n');
    const human = run('check', file);
    expect(human.code).toBe(1);
    expect(human.stderr).toMatch(/error\[WIT\d{4}\]: expected '>', found ';'/);
    expect(human.stderr).toContain(`--> ${file}:3:23`);
    const json = run('check', file, '--format', 'json');
    expect(json.code).toBe(1);
    const data = JSON.parse(json.stdout) as { diagnostics: Array<{ span: { line: number; column: number } }> };
    expect(data.diagnostics[0]!.span).toMatchObject({ line: 3, column: 23 });
  });

  it('prints Resolve JSON for a valid file and nothing on stdout for an invalid one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'witc-'));
    const file = join(dir, 'a.wit');
    writeFileSync(file, 'package a:b;\ninterface i {\n  f: func(x: u32) -> string;\n}\n');
    const ok = run('json', file);
    expect(ok.code).toBe(0);
    const model = JSON.parse(ok.stdout) as { interfaces: Array<{ name: string; functions: Record<string, unknown> }> };
    expect(model.interfaces[0]!.name).toBe('i');
    expect(Object.keys(model.interfaces[0]!.functions)).toEqual(['f']);
    writeFileSync(file, 'package a:b;\ninterface i { f: func(x: nope); }\n');
    const bad = run('json', file);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('`nope`');
  });

  it('never rewrites a file that is not valid UTF-8', () => {
    const dir = mkdtempSync(join(tmpdir(), 'witc-'));
    const file = join(dir, 'latin1.wit');
    const bytes = Buffer.from('package a:b;\n// caf\xe9\ninterface   i {}\n', 'latin1');
    writeFileSync(file, bytes);
    const r = run('fmt', '--write', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is not valid UTF-8; not formatted');
    expect(readFileSync(file)).toEqual(bytes);
  });
});

describe('witc CLI code cache', () => {
  function runWith(cacheDir: string, ...args: string[]) {
    const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', WITC_CACHE_DIR: cacheDir } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }
  const bad = 'package a:b;\ninterface i { f: func(x: nope); }\n';

  it('saves a cache per command and gives the same results with it, with a damaged one and without one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'witc-'));
    const file = join(dir, 'a.wit');
    writeFileSync(file, bad);
    const cacheDir = join(dir, 'cache');
    const off = runWith('', 'check', file);
    expect(off.code).toBe(1);
    expect(existsSync(cacheDir)).toBe(false);
    const first = runWith(cacheDir, 'check', file);
    expect(first).toEqual(off);
    const files = readdirSync(join(cacheDir, 'v8'));
    expect(files).toEqual([expect.stringMatching(/^check-[0-9a-f]{8}\.bin$/)]);
    expect(runWith(cacheDir, 'check', file)).toEqual(off);
    // V8 aborts the process on some damaged code caches: the CLI must never hand one over.
    const path = join(cacheDir, 'v8', files[0]!);
    const bytes = readFileSync(path);
    let x = 7919;
    for (let i = 0; i < 50; i++) {
      x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff;
      bytes[2000 + (x % (bytes.length - 2000))]! ^= 1 << x % 8;
    }
    writeFileSync(path, bytes);
    expect(runWith(cacheDir, 'check', file)).toEqual(off);
    expect(runWith(cacheDir, 'check', file)).toEqual(off);
    expect(runWith(cacheDir, 'json', file).code).toBe(1);
    expect(readdirSync(join(cacheDir, 'v8')).sort()).toEqual([files[0], expect.stringMatching(/^json-[0-9a-f]{8}\.bin$/)]);
  });

  it('lets runs that start together each write the cache, leaving one whole file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'witc-'));
    const file = join(dir, 'a.wit');
    writeFileSync(file, 'package a:b;\ninterface i { f: func(x: u32); }\n');
    const cacheDir = join(dir, 'cache');
    const once = () =>
      new Promise<number | null>((done) => {
        const p = spawn(process.execPath, [cli, 'check', file], { env: { ...process.env, WITC_CACHE_DIR: cacheDir }, stdio: 'ignore' });
        p.on('close', done);
      });
    expect(await Promise.all([once(), once(), once(), once()])).toEqual([0, 0, 0, 0]);
    const files = readdirSync(join(cacheDir, 'v8'));
    expect(files).toEqual([expect.stringMatching(/^check-[0-9a-f]{8}\.bin$/)]);
    const bundle = realpathSync(join(import.meta.dirname, '../../dist/cli-main.cjs'));
    const { size, mtimeMs } = statSync(bundle);
    expect(readCacheData(readFileSync(join(cacheDir, 'v8', files[0]!)), cacheKey(bundle, size, mtimeMs, 'check'))).toBeDefined();
  });

  it('runs when the cache folder cannot be created', () => {
    const dir = mkdtempSync(join(tmpdir(), 'witc-'));
    const file = join(dir, 'a.wit');
    writeFileSync(file, bad);
    const r = runWith(join(file, 'cache'), 'check', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('`nope`');
    expect(r.stderr).not.toMatch(/cache/i);
  });
});
