/**
 * The interop test bed against jco, the reference host: builds the
 * `witc:interop/interop` fixture with componentize-js (or takes it from
 * node_modules/.cache/witc-components), transpiles it with jco 1.17.9 and runs
 * the shared interop properties through the {@link Host} seam. It also pins down
 * how jco hands values back (the facts witc's host bindings are compared with)
 * and the componentize-js guest defects the properties work around.
 *
 * Skips (never fails) only when componentize-js cannot run on the machine at all.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOrSkip, componentKey, loadTranspiled, type BuiltComponent } from '../support/components.js';
import { HOSTS, jcoHost } from '../support/hosts.js';
import { wasm } from '../support/wasm.js';
import { INTEROP_BUILD, type InteropExports } from '../fixtures/interop/world.js';
import { defineInteropProperties, hostImports, outcome } from './properties.js';

const availability = await buildOrSkip(INTEROP_BUILD);

if ('skipped' in availability) {
  describe.skip(`interop test bed (skipped: ${availability.skipped})`, () => {
    it('needs componentize-js', () => undefined);
  });
} else {
  const built = availability.built;
  for (const host of HOSTS) defineInteropProperties(built, host, HOSTS[0]);
  describeTestBed(built);
  describeJcoBehaviour(built);
  describeGuestDefects(built);
}

/** A fresh jco instance of the fixture (own memory, own handle tables). */
async function freshJco(built: BuiltComponent): Promise<InteropExports> {
  const host = await jcoHost(built);
  return host.instantiate<InteropExports>(built.mainCore, { 'witc:interop/host': { ...hostImports() } });
}

function describeTestBed(built: BuiltComponent): void {
  describe('test bed', () => {
    it('records what was built and with which tools', () => {
      const { manifest } = built;
      expect(manifest.world).toBe('interop');
      expect(manifest.versions.jco).toBe('1.17.9');
      expect(manifest.imports).toStrictEqual(['witc:interop/host']);
      expect(manifest.coreModules).toContain(manifest.mainCore);
      expect(built.coreModules.get(manifest.mainCore)).toBe(built.mainCore);
      expect(readFileSync(join(built.witDir, 'interop.wit'), 'utf8')).toBe(
        readFileSync(join(INTEROP_BUILD.witPath as string, 'interop.wit'), 'utf8'),
      );
      // A component binary starts with the wasm magic and the component layer/version.
      expect(Array.from(built.component.subarray(0, 8))).toStrictEqual([0, 0x61, 0x73, 0x6d, 0x0d, 0, 0x01, 0]);
    });

    it('the main core module follows the canonical ABI export and import names', () => {
      const module = new wasm.Module(built.mainCore);
      const exports = new Set(wasm.Module.exports(module).map((e) => e.name));
      for (const name of [
        'memory',
        'cabi_realloc',
        'witc:interop/values#echo-u8',
        'cabi_post_witc:interop/values#echo-string',
        'witc:interop/resources#[constructor]counter',
        'witc:interop/resources#[method]counter.add-from',
        'witc:interop/resources#[static]counter.merge',
        'witc:interop/resources#[dtor]counter',
      ]) {
        expect(exports, name).toContain(name);
      }
      const imports = wasm.Module.imports(module).map((i) => `${i.module}#${i.name}`);
      expect(imports).toEqual(
        expect.arrayContaining([
          'witc:interop/host#transform',
          'witc:interop/host#bump',
          'witc:interop/host#lookup',
          '[export]witc:interop/resources#[resource-new]counter',
          '[export]witc:interop/resources#[resource-rep]counter',
          '[export]witc:interop/resources#[resource-drop]counter',
        ]),
      );
    });

    it('the cache key follows every input and nothing else', async () => {
      const base = await componentKey(INTEROP_BUILD);
      expect(await componentKey({ ...INTEROP_BUILD })).toBe(base);
      const variants = [
        { ...INTEROP_BUILD, guestPath: undefined, guestSource: 'export const values = {};' },
        { ...INTEROP_BUILD, world: 'other' },
        { ...INTEROP_BUILD, disableFeatures: ['stdio'] as const },
        { ...INTEROP_BUILD, witPath: undefined, witSource: 'package a:b;\nworld interop {}\n' },
      ];
      const keys = await Promise.all(variants.map((v) => componentKey(v)));
      expect(new Set([base, ...keys]).size).toBe(variants.length + 1);
    });

    it('loadTranspiled returns jco’s exports under camelCase and full interface names', async () => {
      const root = (await loadTranspiled(built.transpiledDir, { 'witc:interop/host': { ...hostImports() } })) as Record<
        string,
        InteropExports['values']
      >;
      expect(Object.keys(root).sort()).toStrictEqual(['resources', 'values', 'witc:interop/resources', 'witc:interop/values']);
      expect(root['values']?.echoString('héllo 😀')).toBe('héllo 😀');
    });

    it('each instantiation has its own handle table', async () => {
      const [one, two] = [await freshJco(built), await freshJco(built)];
      const counter = new one.resources.Counter(7n);
      expect(one.resources.peek(counter)).toBe(7n);
      expect(outcome(() => two.resources.peek(counter))).toStrictEqual({ threw: 'error' });
    });
  });
}

/** Facts about jco 1.17.9's glue, measured on the fixture. */
function describeJcoBehaviour(built: BuiltComponent): void {
  describe('jco 1.17.9 behaviour (measured)', () => {
    it('keeps non-canonical NaN payloads in list<f32> and list<f64> (the canonical ABI canonicalises on lift)', async () => {
      const { values } = await freshJco(built);
      const bits32 = new Uint32Array([0x7fc00001, 0xffc00000, 0x7f800001, 0x7fc00000]);
      const out32 = values.echoListF32(new Float32Array(bits32.buffer));
      expect(Array.from(new Uint32Array(out32.buffer, out32.byteOffset, out32.length))).toStrictEqual(Array.from(bits32));
      const bits64 = new BigUint64Array([0x7ff8000000000001n, 0xfff8000000000000n]);
      const out64 = values.echoListF64(new Float64Array(bits64.buffer));
      expect(Array.from(new BigUint64Array(out64.buffer, out64.byteOffset, out64.length))).toStrictEqual(Array.from(bits64));
    });

    it('wraps out-of-range integers silently and accepts numbers for u64', async () => {
      const { values } = await freshJco(built);
      expect([values.echoU8(256), values.echoU8(-1), values.echoS8(200), values.echoU16(-1)]).toStrictEqual([0, 255, -56, 65535]);
      expect(values.echoU64(5 as unknown as bigint)).toBe(5n);
    });

    it('lowers only the first code point of a char and replaces lone surrogates in strings', async () => {
      const { values } = await freshJco(built);
      expect(values.echoChar('ab')).toBe('a');
      expect(values.echoChar('😀x')).toBe('😀');
      expect(values.echoString('a\ud800b\udc00')).toBe('a\ufffdb\ufffd');
    });

    it('lifts flags with every name present and -0 as -0', async () => {
      const { values } = await freshJco(built);
      expect(values.echoPerms({ exec: true })).toStrictEqual({ read: false, write: false, exec: true, adminAll: false });
      expect(Object.is(values.echoF64(-0), -0)).toBe(true);
      expect(Object.is(values.echoF32(-0), -0)).toBe(true);
    });

    it('throws a ComponentError whose message is the payload for a top-level err, and Symbol.dispose exists on handles', async () => {
      const { values, resources } = await freshJco(built);
      expect(() => values.echoResult({ tag: 'err', val: 'blue-ish' })).toThrow('blue-ish');
      const counter = new resources.Counter(1n);
      expect(typeof counter[Symbol.dispose]).toBe('function');
    });
  });
}

/**
 * componentize-js 0.23 guest defects, seen through jco. They are `it.fails`:
 * when componentize-js fixes them these start failing, and the narrowed ranges
 * in the properties (u32 below 2^31, non-negative s64, non-negative `x` in flat
 * shapes) should then be widened.
 */
function describeGuestDefects(built: BuiltComponent): void {
  describe('componentize-js 0.23 guest defects (expected to fail)', () => {
    it.fails('a flat u32 result >= 2^31 comes back intact', async () => {
      const { values } = await freshJco(built);
      expect(values.echoU32(0xffff_ffff)).toBe(0xffff_ffff);
    });

    it.fails('a u32 >= 2^31 passed flat through the guest to a host import arrives intact', async () => {
      const { values } = await freshJco(built);
      expect(values.callBump({ label: '', count: 0 }, 0x8000_0000)).toStrictEqual({ label: '+', count: 0x8000_0000 });
    });

    it.fails('a negative s32 in a variant slot joined with f64 (an i64) arrives intact', async () => {
      const { values } = await freshJco(built);
      expect(values.echoShape({ tag: 'rect', val: { x: -1, y: -1 } })).toStrictEqual({ tag: 'rect', val: { x: -1, y: -1 } });
    });

    it.fails('a negative flat s64 result comes back intact', async () => {
      const { values } = await freshJco(built);
      expect(values.echoS64(-1n)).toBe(-1n);
    });
  });
}
