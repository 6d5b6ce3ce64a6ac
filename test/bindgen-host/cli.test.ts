import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateHost } from '../../src/bindgen/host/index.js';
import { loadSources, selectWorld } from '../../src/resolve/index.js';

// `npm test` builds dist/ first (pretest), so this runs the bundled CLI.
const cli = join(import.meta.dirname, '../../dist/cli.cjs');

const WIT = `package t:cli@0.1.0;
interface api { f: func(x: u32) -> string; }
world one { export api; }
world two { import api; }
`;

describe('witc bindgen --lang ts --host', () => {
  it('writes <world>.ts, identical to generateHost for the selected world', () => {
    const dir = mkdtempSync(join(tmpdir(), 'witc-host-cli-'));
    writeFileSync(join(dir, 'a.wit'), WIT);
    const out = join(dir, 'out');
    const r = spawnSync(
      process.execPath,
      [cli, 'bindgen', '--lang', 'ts', '--host', '--world', 'two', join(dir, 'a.wit'), '-o', out],
      {
        encoding: 'utf8',
      },
    );
    expect(r.status, r.stderr).toBe(0);
    const loaded = loadSources({ '/a.wit': WIT }, '/a.wit');
    const world = selectWorld(loaded.resolve!, loaded.main, 'two').world!;
    const expected = generateHost(loaded.resolve!, world);
    expect([...expected.keys()]).toStrictEqual(['two.ts']);
    expect(readFileSync(join(out, 'two.ts'), 'utf8')).toBe(expected.get('two.ts'));
    expect(expected.get('two.ts')).toContain("import * as rt from 'witc/runtime';");
  });
});
