/**
 * What the host bindings do not implement yet (the async ABI): calling an `async` function, or one that passes a
 * `future` or `stream`, throws the runtime's typed `UnsupportedError`; `instantiate` rejects a core module that
 * imports the async ABI's built-ins with it. Types are still generated.
 */
import { describe, expect, it } from 'vitest';
import { bindings, coreModule, hostSource, isTrap, thrown } from './wat-host.js';

const WIT = `package t:asy;

interface api {
  run: async func(x: u32) -> u32;
  read: func() -> stream<u8>;
  wait: func(f: future<string>);
  ok: func() -> u32;
  call-ping: func();
}

world w {
  import ping: async func();
  export api;
}
`;

const WAT = `(module
  (import "$root" "ping" (func $ping))
  (func (export "t:asy/api#ok") (result i32) (i32.const 1))
  (func (export "t:asy/api#call-ping") (call $ping))
)`;

describe('unsupported async ABI', () => {
  it('still generates the types', () => {
    const src = hostSource(WIT);
    expect(src).toContain('run(x: number): Promise<number>;');
    expect(src).toContain('read(): AsyncIterable<number>;');
    expect(src).toContain('wait(f: PromiseLike<string>): void;');
  });

  it('exports: a typed UnsupportedError naming the function and the feature; the instance stays usable', async () => {
    const b = await bindings(WIT);
    const api = (await b.instantiate(await coreModule(WAT), { ping: { default: async () => undefined } })).api;
    const cases: [() => unknown, string, string][] = [
      [() => api.run(1), 'async', 'run'],
      [() => api.read(), 'stream', 'read'],
      [() => api.wait(Promise.resolve('x')), 'future', 'wait'],
    ];
    for (const [call, feature, item] of cases) {
      const e = thrown(call);
      expect(e).toBeInstanceOf(b.rt.UnsupportedError);
      expect(e).toMatchObject({ name: 'UnsupportedError', feature, item });
      expect((e as Error).message).toContain(item);
      expect((e as Error).message).toContain('not supported');
    }
    expect(api.ok()).toBe(1);
  });

  it('imports: a guest calling an async import gets UnsupportedError, which traps the instance', async () => {
    const b = await bindings(WIT);
    const api = (await b.instantiate(await coreModule(WAT), { ping: { default: async () => undefined } })).api;
    const e = thrown(() => api.callPing());
    expect(e).toBeInstanceOf(b.rt.UnsupportedError);
    expect(e).toMatchObject({ feature: 'async', item: 'ping' });
    expect(isTrap(thrown(() => api.ok()), 'instance_trapped').cause).toBe(e);
  });

  it('instantiate rejects a core module importing async ABI built-ins', async () => {
    const b = await bindings(WIT);
    for (const name of ['[async-lower]ping', '[waitable-set-new]', '[task-return]run']) {
      const wat = WAT.replace('(import "$root" "ping" (func $ping))', `(import "$root" "ping" (func $ping))
  (import "$root" "${name}" (func))`);
      let error: unknown;
      try {
        await b.instantiate(await coreModule(wat), { ping: { default: async () => undefined } });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(b.rt.UnsupportedError);
      expect(error).toMatchObject({ feature: 'async-abi' });
      expect((error as Error).message).toContain(name);
    }
  });
});
