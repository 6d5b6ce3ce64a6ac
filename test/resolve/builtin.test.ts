/** The Node-side lookup of built-in WASI WIT in installed npm packages (src/node/builtin.ts). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findBuiltinWit, packageDirsIn } from '../../src/node/builtin.js';
import { nodeHost } from '../../src/node/host.js';
import { loadPath } from '../../src/resolve/index.js';

const root = mkdtempSync(join(tmpdir(), 'witc-builtin-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string) {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
}

describe('built-in WIT lookup', () => {
  const builtin = 'project/node_modules/@bytecodealliance/jco/lib/wit/builtin';
  write(`${builtin}/0.2.12/wasi-demo/package.wit`, 'package wasi:demo@0.2.12;\ninterface api { f: func(); }\n');
  write(`${builtin}/0.3.0/wasi-demo/package.wit`, 'package wasi:demo@0.3.0;\ninterface api { g: func(); }\n');
  write(`${builtin}/extra-1.0.0/types.wit`, 'package x:extra@1.0.0;\ninterface t {}\n');
  write('project/src/app.wit', 'package my:app;\nworld w { export wasi:demo/api; }\n');

  it('finds package folders under <version>/<package> and <package>', () => {
    const dirs = packageDirsIn(join(root, builtin)).map((d) => d.slice(join(root, builtin).length + 1));
    expect(dirs).toEqual(['0.2.12/wasi-demo', '0.3.0/wasi-demo', 'extra-1.0.0']);
  });

  it('searches from the working directory upwards', () => {
    const found = findBuiltinWit(join(root, 'project/src'));
    expect(found.roots).toContain(join(root, builtin));
    expect(found.packageDirs.length).toBeGreaterThanOrEqual(3);
  });

  it('resolves an unversioned reference to the highest built-in version', () => {
    const found = findBuiltinWit(join(root, 'project/src'));
    const r = loadPath(nodeHost, join(root, 'project/src/app.wit'), { packageDirs: found.packageDirs });
    expect(r.diagnostics).toEqual([]);
    const pkgs = r.resolve!.packages.map((p) => `${p.name.name}@${p.name.version?.minor}`);
    expect(pkgs).toEqual(['demo@3', 'app@undefined']);
  });
});
