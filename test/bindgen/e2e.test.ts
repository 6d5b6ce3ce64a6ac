/**
 * End to end: a TypeScript guest (wit-examples/greeter/guest.ts) for a world with an own interface and a WASI import
 * type-checks against witc's guest declarations, builds with componentize-js, and answers correctly when run under
 * jco transpile's host glue and under witc's own host bindings, with host-provided imports.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateGuest } from '../../src/bindgen/guest.js';
import { loadForCli } from '../../src/cli/load.js';
import { selectWorld } from '../../src/resolve/index.js';
import { findBuiltinWit } from '../../src/node/builtin.js';
import { REPO_ROOT, buildOrSkip, loadTranspiled, type ImportObject } from '../support/components.js';
import { witcHost } from '../support/witc-host.js';
import { rooted, typeCheck } from './support.js';

const here = join(import.meta.dirname, '../../wit-examples/greeter');
const witFile = join(here, 'greeter.wit');
const guestFile = join(here, 'guest.ts');

function freshDeclarations(): Map<string, string> {
  const loaded = loadForCli(witFile, { deps: [], features: [], allFeatures: false, builtinWit: true });
  if (!loaded.resolve) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  const world = selectWorld(loaded.resolve, loaded.main, 'greeter-world').world;
  if (world === undefined) throw new Error('greeter-world not found');
  return generateGuest(loaded.resolve, world);
}

/** A WIT folder componentize-js can read: the world plus the WASI package it imports, under deps/. */
function witFolder(): string {
  const dir = join(REPO_ROOT, 'node_modules/.cache/witc-bindgen-e2e/wit');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'deps'), { recursive: true });
  writeFileSync(join(dir, 'greeter.wit'), readFileSync(witFile, 'utf8'));
  const random = findBuiltinWit().packageDirs.find((d) => /0\.2\.12[\\/]wasi-random$/.test(d));
  if (!random) throw new Error('wasi:random@0.2.12 WIT not found in the installed jco packages');
  cpSync(random, join(dir, 'deps/wasi-random'), { recursive: true });
  return dir;
}

/** The greeter component (componentize-js, cached by content), or why it could not be built on this machine. */
function buildGreeter() {
  return buildOrSkip({ name: 'witc-greeter', witPath: witFolder(), world: 'greeter-world', guestPath: guestFile });
}

describe('end-to-end TypeScript guest', () => {
  it('type-checks against freshly generated declarations', () => {
    const files = rooted(freshDeclarations(), '/e2e/gen');
    const guest = readFileSync(guestFile, 'utf8').replace(
      /\/\/\/ <reference path="[^"]*" \/>/,
      '/// <reference path="/e2e/gen/greeter-world.d.ts" />',
    );
    files.set('/e2e/guest.ts', guest);
    expect(typeCheck([files])[0]).toEqual([]);
  });

  it('rejects a guest that breaks the contract (the check can fail)', () => {
    const files = rooted(freshDeclarations(), '/e2e/gen');
    const guest = readFileSync(guestFile, 'utf8')
      .replace(/\/\/\/ <reference path="[^"]*" \/>/, '/// <reference path="/e2e/gen/greeter-world.d.ts" />')
      .replace('return getRandomU64() | 1n;', 'return 1;');
    files.set('/e2e/guest.ts', guest);
    expect(typeCheck([files])[0]!.join('\n')).toMatch(/TS2322/);
  });

  it('builds with componentize-js and answers correctly under jco transpile', async () => {
    const availability = await buildGreeter();
    if ('skipped' in availability) {
      console.warn(`skipped: ${availability.skipped}`);
      return;
    }
    const { imports, logged } = hostImports();
    const exports = (await loadTranspiled(availability.built.transpiledDir, imports)) as Exports;
    checkAnswers(exports.greeter);
    expect(logged).toEqual(['greet 1', 'greet 2', 'greet 3']);
  }, 300_000);

  it("answers the same under witc's own host bindings", async () => {
    const availability = await buildGreeter();
    if ('skipped' in availability) {
      console.warn(`skipped: ${availability.skipped}`);
      return;
    }
    const host = await witcHost(availability.built);
    const { imports, logged } = hostImports();
    const exports = await host.instantiate<Exports>(availability.built.mainCore, imports);
    checkAnswers(exports.greeter);
    expect(logged).toEqual(['greet 1', 'greet 2', 'greet 3']);
  }, 300_000);
});

type Exports = { greeter: Record<string, (...args: unknown[]) => unknown> };

/** The host side of the world's imports (keys are unversioned interface names) and the messages logged. */
function hostImports() {
  const people = new Map([
    [1, { name: 'Ada', age: 36 }],
    [2, { name: 'Grace', age: 85 }],
  ]);
  const logged: string[] = [];
  const imports: ImportObject = {
    log: { default: (message: string) => void logged.push(message) },
    'witc:greeter/names': { lookup: (id: number) => people.get(id) },
    // The engine itself also draws from wasi:random once the world imports it.
    'wasi:random/random': { getRandomU64: () => 40n, getRandomBytes: (n: bigint) => new Uint8Array(Number(n)) },
  };
  return { imports, logged };
}

function checkAnswers(g: Exports['greeter']): void {
  expect(g.greet!(1, 'happy')).toBe('Hello, Ada (36)!');
  expect(g.greet!(2, 'grumpy')).toBe('Hmph. Grace.');
  let thrown: unknown;
  try {
    g.greet!(3, 'happy');
  } catch (e) {
    thrown = e;
  }
  expect((thrown as { payload?: unknown }).payload).toBe('no person 3');
  const people = [
    { name: 'Ada', age: 36 },
    { name: 'Grace', age: 85 },
  ];
  expect(g.elders!([...people, { name: 'Zoë', age: 3 }], 30)).toEqual([
    [{ name: 'Grace', age: 85 }, 5],
    [{ name: 'Ada', age: 36 }, 3],
  ]);
  expect(g.lucky!()).toBe(41n);
}
