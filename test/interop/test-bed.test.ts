/** Unit tests of the component test bed's own logic (no componentize-js run). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildOrSkip, componentKey, type BuildOptions, type BuiltComponent } from '../support/components.js';
import { INTEROP_BUILD } from '../fixtures/interop/world.js';

const fail = (message: string) => async (): Promise<never> => {
  throw new Error(message);
};

describe('buildOrSkip', () => {
  it('skips with the reason when componentize-js cannot build even a trivial world', async () => {
    const result = await buildOrSkip(INTEROP_BUILD, { build: fail('engine missing'), canary: async () => 'no wizer binary' });
    expect(result).toStrictEqual({ skipped: 'componentize-js cannot run on this machine: no wizer binary' });
  });

  it('fails (does not skip) when only the fixture is broken', async () => {
    const attempt = buildOrSkip(INTEROP_BUILD, { build: fail('bad guest'), canary: async () => true });
    await expect(attempt).rejects.toThrow('bad guest');
  });

  it('returns the build when it succeeds, without running the canary', async () => {
    const built = { dir: '/x' } as BuiltComponent;
    const result = await buildOrSkip(INTEROP_BUILD, { build: async () => built, canary: fail('must not run') });
    expect(result).toStrictEqual({ built });
  });
});

describe('componentKey', () => {
  const root = mkdtempSync(join(tmpdir(), 'witc-key-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const options = (extra: Partial<BuildOptions> = {}): BuildOptions => ({
    name: 'k',
    witPath: root,
    world: 'w',
    guestSource: 'export const x = 1;\n',
    ...extra,
  });

  it('covers every .wit file under the WIT directory, deps/ included, and nothing else', async () => {
    mkdirSync(join(root, 'deps', 'dep'), { recursive: true });
    writeFileSync(join(root, 'main.wit'), 'package a:b;\nworld w {}\n');
    writeFileSync(join(root, 'deps', 'dep', 'dep.wit'), 'package c:d;\n');
    const first = await componentKey(options());
    writeFileSync(join(root, 'notes.md'), 'not WIT');
    expect(await componentKey(options())).toBe(first);
    writeFileSync(join(root, 'deps', 'dep', 'dep.wit'), 'package c:d;\ninterface i {}\n');
    expect(await componentKey(options())).not.toBe(first);
  });

  it('strips TypeScript guests before hashing (and before componentize-js sees them)', async () => {
    writeFileSync(join(root, 'main.wit'), 'package a:b;\nworld w {}\n');
    // esbuild's rendering of the stripped module:
    const js = await componentKey(options({ guestSource: 'const x = 1;\nexport {\n  x\n};\n' }));
    const ts = await componentKey(options({ guestSource: 'export const x: number = 1;\n', guestLang: 'ts' }));
    expect(ts).toBe(js);
    writeFileSync(join(root, 'guest.ts'), 'export const x: number = 1;\n');
    expect(await componentKey(options({ guestSource: undefined, guestPath: join(root, 'guest.ts') }))).toBe(js);
  });

  it('rejects ambiguous or missing inputs', async () => {
    await expect(componentKey(options({ witSource: 'package a:b;' }))).rejects.toThrow('exactly one of witPath');
    await expect(componentKey(options({ guestPath: 'x.js' }))).rejects.toThrow('exactly one of guestPath');
  });
});
