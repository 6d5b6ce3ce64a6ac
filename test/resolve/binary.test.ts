/** Decoding `.wasm` / `.wat` encoded WIT packages (the subset of packages made of empty interfaces). */
import { describe, expect, it } from 'vitest';
import { decodeWitPackage } from '../../src/resolve/binary.js';
import { loadPath, memoryHost, resolveToJson } from '../../src/resolve/index.js';

// A component with one component type exporting the empty instance `e:e/e`, exported as type "e" (hand-assembled
// from the component binary format: preamble, type section 7, export section 11).
const wasm = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00,
  0x07, 0x10, 0x01, 0x41, 0x02, 0x01, 0x42, 0x00, 0x04, 0x01, 0x05, 0x65, 0x3a, 0x65, 0x2f, 0x65, 0x05, 0x00,
  0x0b, 0x07, 0x01, 0x00, 0x01, 0x65, 0x03, 0x00, 0x00,
]);

const wat = '(component\n  (type $x (component\n    (export "a:b/x@1.0.0" (instance))\n  ))\n  (export "x" (type $x))\n)\n';

describe('encoded WIT packages', () => {
  it('decodes the binary form', () => {
    expect(decodeWitPackage(wasm)).toEqual({ ok: { name: { namespace: 'e', name: 'e', version: undefined }, interfaces: ['e'] } });
  });

  it('decodes the text form, with a version', () => {
    const r = decodeWitPackage(wat);
    expect('ok' in r && r.ok.name.version?.major).toBe(1);
    expect('ok' in r && r.ok.interfaces).toEqual(['x']);
  });

  it('refuses what it cannot decode instead of guessing', () => {
    const withFunc = wat.replace('(instance)', '(instance (export "f" (func)))');
    expect(decodeWitPackage(withFunc)).toEqual({ error: 'only WIT packages of empty interfaces can be decoded' });
    expect('error' in decodeWitPackage(Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]))).toBe(true);
  });

  it('merges binary deps first, so they get the lowest package ids', () => {
    const host = memoryHost({
      'p/a.wit': 'package z:main;\nworld w { import a:b/x@1.0.0; }\n',
      'p/deps/x.wat': wat,
    });
    const r = loadPath(host, 'p');
    expect(r.diagnostics).toEqual([]);
    const json = JSON.parse(resolveToJson(r.resolve!));
    expect(json.packages.map((p: { name: string }) => p.name)).toEqual(['a:b@1.0.0', 'z:main']);
    expect(json.worlds[0].imports).toEqual({ 'interface-0': { interface: { id: 0 } } });
  });
});
