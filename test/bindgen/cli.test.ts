import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { guestFor, loadWit } from './support.js';

// `npm test` builds dist/ first (pretest), so this runs the bundled CLI.
const cli = join(import.meta.dirname, '../../dist/cli.cjs');
function run(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const WIT = `package t:cli@0.1.0;
interface api { f: func(x: u32) -> string; }
world one { export api; }
world two { import api; @unstable(feature = extra) import g: func(); }
`;

function fixture(text = WIT): string {
  const dir = mkdtempSync(join(tmpdir(), 'witc-bindgen-'));
  writeFileSync(join(dir, 'a.wit'), text);
  return dir;
}

describe('witc bindgen --lang ts --guest', () => {
  it('writes the generated files for the selected world', () => {
    const dir = fixture();
    const out = join(dir, 'out');
    const r = run('bindgen', '--lang', 'ts', '--guest', '--world', 'one', join(dir, 'a.wit'), '-o', out);
    expect(r.code, r.stderr).toBe(0);
    const expected = guestFor(loadWit(WIT), 'one');
    for (const [p, text] of expected) expect(readFileSync(join(out, p), 'utf8')).toBe(text);
  });

  it('honours --features', () => {
    const dir = fixture();
    const out = join(dir, 'out');
    expect(run('bindgen', '--guest', '--world', 'two', join(dir, 'a.wit'), '-o', out).code).toBe(0);
    expect(readFileSync(join(out, 'two.d.ts'), 'utf8')).not.toContain("declare module 'g'");
    const out2 = join(dir, 'out2');
    expect(
      run('bindgen', '--guest', '--world', 'two', '--features', 'extra', join(dir, 'a.wit'), '-o', out2).code,
    ).toBe(0);
    expect(readFileSync(join(out2, 'two.d.ts'), 'utf8')).toContain("declare module 'g'");
  });

  it('exits 1 when the world is ambiguous or missing, or the WIT has errors', () => {
    const dir = fixture();
    const r = run('bindgen', '--guest', join(dir, 'a.wit'), '-o', join(dir, 'o'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/world/);
    expect(run('bindgen', '--guest', '--world', 'nope', join(dir, 'a.wit'), '-o', join(dir, 'o')).code).toBe(1);
    const bad = fixture('package t:x;\ninterface i { f: func() -> nope; }\n');
    expect(run('bindgen', '--guest', join(bad, 'a.wit'), '-o', join(bad, 'o')).code).toBe(1);
    expect(existsSync(join(bad, 'o'))).toBe(false);
  });

  it('exits 2 for usage errors: --guest with --host, missing -o, unknown --lang, missing path', () => {
    const dir = fixture();
    const path = join(dir, 'a.wit');
    const host = run('bindgen', '--guest', '--host', '--world', 'one', path, '-o', join(dir, 'o'));
    expect(host.code).toBe(2);
    expect(host.stderr).toMatch(/either --guest or --host/);
    expect(run('bindgen', '--guest', '--world', 'one', path).code).toBe(2);
    expect(run('bindgen', '--lang', 'rust', '--guest', path, '-o', join(dir, 'o')).code).toBe(2);
    expect(run('bindgen', '--guest', join(dir, 'missing.wit'), '-o', join(dir, 'o')).code).toBe(2);
    for (const r of [host]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
