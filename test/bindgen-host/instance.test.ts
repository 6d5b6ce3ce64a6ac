/**
 * The canonical ABI's component instance rules in witc's generated host bindings, on hand-written core modules (WAT
 * assembled with jco's `parse`): lockdown after a trap (every later call throws `instance_trapped` naming the first
 * trap), no reentrance (`may_enter`), no imports or `resource.new`/`resource.drop` while `cabi_realloc` or a
 * post-return function runs (`may_leave`), and host imports that throw a non-`result` error trapping the instance.
 */
import { describe, expect, it } from 'vitest';
import { wasm } from '../support/wasm.js';
import { instantiateWat, isTrap, thrown } from './wat-host.js';

const WIT = `package t:inst;

interface host {
  call-back: func();
  fail: func();
}

interface api {
  resource thing {
    constructor();
    get: func() -> u32;
  }
  set-modes: func(realloc: u32, post: u32);
  run: func(n: u32) -> u32;
  echo: func(s: string) -> string;
  boom: func();
  call-fail: func() -> u32;
  dtors: func() -> u32;
}

world w {
  import host;
  export api;
}
`;

/**
 * `run` calls the host's `call-back`, then returns n + 1. `set-modes` makes `cabi_realloc` call `call-back` (1) and
 * makes `run`'s post-return call `call-back` (1), `resource.new` (2) or `resource.drop` (3).
 */
const WAT = `(module
  (import "t:inst/host" "call-back" (func $callBack))
  (import "t:inst/host" "fail" (func $fail))
  (import "[export]t:inst/api" "[resource-new]thing" (func $new (param i32) (result i32)))
  (import "[export]t:inst/api" "[resource-rep]thing" (func $rep (param i32) (result i32)))
  (import "[export]t:inst/api" "[resource-drop]thing" (func $drop (param i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 1024))
  (global $reallocMode (mut i32) (i32.const 0))
  (global $postMode (mut i32) (i32.const 0))
  (global $handle (mut i32) (i32.const 0))
  (global $dtors (mut i32) (i32.const 0))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $p i32)
    (if (i32.eq (global.get $reallocMode) (i32.const 1)) (then (call $callBack)))
    ;; shrinking keeps the block in place
    (if (i32.and (i32.ne (local.get 0) (i32.const 0)) (i32.le_u (local.get 3) (local.get 1)))
      (then (return (local.get 0))))
    (local.set $p (global.get $heap))
    (global.set $heap (i32.add (global.get $heap) (local.get 3)))
    (local.get $p))
  (func (export "t:inst/api#set-modes") (param i32 i32)
    (global.set $reallocMode (local.get 0))
    (global.set $postMode (local.get 1)))
  (func (export "t:inst/api#run") (param i32) (result i32)
    (call $callBack)
    (if (i32.eq (global.get $postMode) (i32.const 3)) (then (global.set $handle (call $new (i32.const 9)))))
    (i32.add (local.get 0) (i32.const 1)))
  (func (export "cabi_post_t:inst/api#run") (param i32)
    (if (i32.eq (global.get $postMode) (i32.const 1)) (then (call $callBack)))
    (if (i32.eq (global.get $postMode) (i32.const 2)) (then (drop (call $new (i32.const 9)))))
    (if (i32.eq (global.get $postMode) (i32.const 3)) (then (call $drop (global.get $handle)))))
  (func (export "t:inst/api#echo") (param i32 i32) (result i32)
    (i32.store (i32.const 16) (local.get 0))
    (i32.store (i32.const 20) (local.get 1))
    (i32.const 16))
  (func (export "t:inst/api#boom") unreachable)
  (func (export "t:inst/api#call-fail") (result i32) (call $fail) (i32.const 7))
  (func (export "t:inst/api#dtors") (result i32) (global.get $dtors))
  (func (export "t:inst/api#[constructor]thing") (result i32) (call $new (i32.const 42)))
  (func (export "t:inst/api#[method]thing.get") (param i32) (result i32) (local.get 0))
  (func (export "t:inst/api#[dtor]thing") (param i32)
    (global.set $dtors (i32.add (global.get $dtors) (i32.const 1))))
)`;

interface Thing {
  get(): number;
  [Symbol.dispose](): void;
}

interface Api {
  Thing: new () => Thing;
  setModes(realloc: number, post: number): void;
  run(n: number): number;
  echo(s: string): string;
  boom(): void;
  callFail(): number;
  dtors(): number;
}

/** An instance whose host `call-back` runs `onCallBack(api)` and whose `fail` throws `failure`. */
async function setup(onCallBack: (api: Api) => void = () => undefined, failure: unknown = new Error('host failed')) {
  const calls = { callBack: 0 };
  let api!: Api;
  const imports = {
    't:inst/host': {
      callBack: () => {
        calls.callBack += 1;
        onCallBack(api);
      },
      fail: () => {
        throw failure;
      },
    },
  };
  api = (await instantiateWat(WIT, WAT, imports)).api as Api;
  return { api, calls };
}

/** Asserts that every later call into the instance throws `instance_trapped` with `first` as its cause. */
function lockedDown(api: Api, first: unknown, thing?: Thing): void {
  const calls: (() => unknown)[] = [
    () => api.run(1),
    () => api.dtors(),
    () => api.echo('x'),
    () => new api.Thing(),
  ];
  if (thing !== undefined) calls.push(() => thing.get(), () => thing[Symbol.dispose]());
  for (const call of calls) {
    const later = isTrap(thrown(call), 'instance_trapped');
    expect(later.cause).toBe(first);
    expect(later.message).toContain('trapped earlier');
    if (first instanceof Error) expect(later.message).toContain(first.message);
  }
}

describe('a well-behaved guest', () => {
  it('serves many calls, host callbacks, strings and resources', async () => {
    const { api, calls } = await setup();
    for (let i = 0; i < 5; i++) expect(api.run(i)).toBe(i + 1);
    expect(calls.callBack).toBe(5);
    expect(api.echo('héllo 😀')).toBe('héllo 😀');
    const thing = new api.Thing();
    expect(thing.get()).toBe(42);
    thing[Symbol.dispose]();
    thing[Symbol.dispose]();
    expect(api.dtors()).toBe(1);
  });

  it('a host argument that does not fit the WIT type is a TypeError that leaves the instance usable', async () => {
    const { api } = await setup();
    expect(thrown(() => api.run(-1))).toBeInstanceOf(TypeError);
    expect(thrown(() => api.echo(42 as unknown as string))).toBeInstanceOf(TypeError);
    expect(api.run(1)).toBe(2);
  });
});

describe('lockdown after a trap', () => {
  it('a core trap: later exports, constructors, methods and drops throw instance_trapped', async () => {
    const { api } = await setup();
    const thing = new api.Thing();
    const first = thrown(() => api.boom());
    expect(first).toBeInstanceOf(wasm.RuntimeError);
    lockedDown(api, first, thing);
  });

  it('a host import that throws a non-result error traps the instance; its error reaches the caller', async () => {
    const failure = new Error('the host failed');
    const { api } = await setup(undefined, failure);
    expect(thrown(() => api.callFail())).toBe(failure);
    lockedDown(api, failure);
  });

  it('a lifting trap (bad pointer) locks the instance down too', async () => {
    const { api } = await setup();
    // `echo` returns the pointer and length it got; a string pointer past memory comes back out of bounds.
    const wat = WAT.replace('(i32.store (i32.const 16) (local.get 0))', '(i32.store (i32.const 16) (i32.const -8))');
    const bad = (await instantiateWat(WIT, wat, { 't:inst/host': { callBack() {}, fail() {} } })).api as Api;
    const first = isTrap(thrown(() => bad.echo('abc')), 'out_of_bounds');
    lockedDown(bad, first);
    expect(api.echo('abc')).toBe('abc');
  });
});

describe('no reentrance (may_enter)', () => {
  it('an export called from inside a host import traps, and the outer call fails with it', async () => {
    let inner: unknown;
    const { api } = await setup((a) => {
      try {
        a.run(5);
      } catch (e) {
        inner = e;
        throw e;
      }
    });
    const outer = thrown(() => api.run(1));
    isTrap(inner, 'reentrance');
    expect(outer).toBe(inner);
    lockedDown(api, inner);
  });

  it('a host that swallows the reentrance trap does not resume the guest', async () => {
    let inner: unknown;
    const { api } = await setup((a) => {
      inner = thrown(() => a.dtors());
    });
    const outer = isTrap(thrown(() => api.run(1)), 'instance_trapped');
    isTrap(inner, 'reentrance');
    expect(outer.cause).toBe(inner);
  });

  it('constructors and resource drops from inside a host import are reentrance too', async () => {
    const made = await setup((a) => void new a.Thing());
    isTrap(thrown(() => made.api.run(1)), 'reentrance');

    let thing: Thing | undefined;
    const dropped = await setup(() => thing?.[Symbol.dispose]());
    thing = new dropped.api.Thing();
    isTrap(thrown(() => dropped.api.run(1)), 'reentrance');
  });
});

describe('no leaving during cabi_realloc or post-return (may_leave)', () => {
  it('an import called from cabi_realloc traps', async () => {
    const { api, calls } = await setup();
    api.setModes(1, 0);
    const first = isTrap(thrown(() => api.echo('needs memory')), 'may_not_leave');
    expect(calls.callBack).toBe(0);
    lockedDown(api, first);
  });

  it('an import called from a post-return function traps (the same import is fine during the call)', async () => {
    const { api, calls } = await setup();
    api.setModes(0, 1);
    const first = isTrap(thrown(() => api.run(1)), 'may_not_leave');
    expect(calls.callBack).toBe(1);
    lockedDown(api, first);
  });

  it('resource.new and resource.drop called from a post-return function trap', async () => {
    for (const mode of [2, 3]) {
      const { api } = await setup();
      api.setModes(0, mode);
      const first = isTrap(thrown(() => api.run(1)), 'may_not_leave');
      expect(first.message).toContain(mode === 2 ? '[resource-new]thing' : '[resource-drop]thing');
      lockedDown(api, first);
    }
  });
});
