import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// `npm test` builds dist/ first (pretest), so this exercises the real bundled CLI.
const cli = join(import.meta.dirname, '../../dist/cli.js');
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
});
