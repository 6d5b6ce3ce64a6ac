import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// `npm test` builds dist/ first (pretest), so this exercises the bundled CLI.
const cli = join(import.meta.dirname, '../../dist/cli.cjs');
function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [cli, 'fmt', ...args], { encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const messy = 'interface i{f:func(a:u32);// keep me\n}';
const tidy = 'interface i {\n  f: func(a: u32); // keep me\n}\n';
const bad = 'interface i { f: func( }';

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'witc-fmt-'));
  writeFileSync(join(dir, 'messy.wit'), messy);
  writeFileSync(join(dir, 'tidy.wit'), tidy);
  writeFileSync(join(dir, 'notes.txt'), 'not wit');
  return dir;
}

describe('witc fmt', () => {
  it('prints the formatted text of one file to stdout and leaves the file alone', () => {
    const dir = tempDir();
    const r = run([join(dir, 'messy.wit')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(tidy);
    expect(readFileSync(join(dir, 'messy.wit'), 'utf8')).toBe(messy);
  });

  it('reads stdin with -', () => {
    const r = run(['-'], messy);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(tidy);
  });

  it('--check lists the files that would change and exits 1; 0 when all are formatted', () => {
    const dir = tempDir();
    const r = run(['--check', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`${join(dir, 'messy.wit')}\n`);
    expect(readFileSync(join(dir, 'messy.wit'), 'utf8')).toBe(messy);
    expect(run(['--check', join(dir, 'tidy.wit')]).code).toBe(0);
  });

  it('--write rewrites only the files that change', () => {
    const dir = tempDir();
    const before = statSync(join(dir, 'tidy.wit')).mtimeMs;
    const r = run(['--write', dir]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'messy.wit'), 'utf8')).toBe(tidy);
    expect(statSync(join(dir, 'tidy.wit')).mtimeMs).toBe(before);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('not wit');
    expect(run(['--check', dir]).code).toBe(0);
  });

  it('never writes a file that does not parse: prints its diagnostics and exits 1', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.wit'), bad);
    const r = run(['--write', dir]);
    expect(r.code).toBe(1);
    expect(readFileSync(join(dir, 'bad.wit'), 'utf8')).toBe(bad);
    expect(r.stderr).toMatch(/error\[WIT0201\]/);
    expect(r.stderr).toContain('bad.wit: not formatted');
    // The other files are still formatted.
    expect(readFileSync(join(dir, 'messy.wit'), 'utf8')).toBe(tidy);
  });

  it('honours --width', () => {
    const r = run(['--width', '20', '-'], 'interface i { f: func(a: u32, b: u32); }');
    expect(r.stdout).toBe('interface i {\n  f: func(\n    a: u32,\n    b: u32,\n  );\n}\n');
  });

  it('rejects bad usage with exit code 2', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'empty'));
    for (const args of [
      ['--check', '--write', dir],
      [dir], // several files without --check or --write
      [join(dir, 'missing.wit')],
      [join(dir, 'empty')],
      ['--width', 'x', '-'],
    ]) {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
