/** Test support: compile a codec for one type over a plain memory with a bump allocator. */
import {
  AbiContext,
  compileAbiModule,
  generateAbiModule,
  runtime,
  type AbiCodegenOptions,
  type AbiType,
  type ValueCodec,
} from '../../src/abi/index.js';

export interface Harness {
  readonly cx: AbiContext;
  readonly codec: ValueCodec;
  readonly mem: Uint8Array;
  /** realloc calls: [old, oldSize, align, newSize, ret]. */
  readonly reallocs: number[][];
}

/** A codec for `type` over `size` bytes of memory (allocation starts at `heapBase`). */
export function harness(
  type: AbiType,
  opts: AbiCodegenOptions = {},
  size = 1 << 16,
  heapBase = 1024,
  resources: Record<string, runtime.ResourceType> = {},
): Harness {
  const mem = new Uint8Array(size);
  const reallocs: number[][] = [];
  let next = heapBase;
  const realloc = (o: number | bigint, os: number | bigint, a: number | bigint, ns: number | bigint) => {
    const [oo, oos, aa, nns] = [Number(o), Number(os), Number(a), Number(ns)];
    let ret: number;
    if (oo !== 0 && nns < oos) ret = oo;
    else {
      ret = Math.ceil(next / aa) * aa;
      next = ret + nns;
      const n = Math.min(oos, nns);
      if (n > 0 && ret + n <= mem.length) mem.copyWithin(ret, oo, oo + n);
    }
    reallocs.push([oo, oos, aa, nns, ret]);
    return typeof o === 'bigint' ? BigInt(ret) : ret;
  };
  const cx = new AbiContext({ memory: mem, realloc, addr: opts.addr ?? 'i32', resources });
  const codec = compileAbiModule(generateAbiModule({ values: [{ name: 'v', type }] }, opts), cx).values.v as ValueCodec;
  return { cx, codec, mem, reallocs };
}

/** Expect `f` to throw a Trap of `kind`; returns the trap. */
export function trapOf(f: () => unknown): runtime.Trap | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof runtime.Trap) return e;
    throw e;
  }
  return undefined;
}
