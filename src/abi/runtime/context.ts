/**
 * The lift/lower context (`LiftLowerContext`): guest memory views, the guest's `cabi_realloc`, the handles table and
 * the borrow scopes. Generated code reads `cx.u8`/`cx.dv` afresh after anything that can grow memory.
 */
import { HandleTable, type BorrowScope, type HandleContext, type ResourceHandle, type ResourceType } from './handles.js';
import { trap } from './trap.js';
import type { AddrType } from '../types.js';

/** Anything with a (possibly replaced-on-grow) `buffer`: a `WebAssembly.Memory`, or a fixed test memory. */
export interface MemorySource {
  readonly buffer: ArrayBufferLike;
}

/** The guest's `cabi_realloc(old_ptr, old_size, align, new_size) -> ptr`; i64 memories pass bigints. */
export type ReallocFn = (oldPtr: any, oldSize: any, align: any, newSize: any) => number | bigint;

/** Options of `new AbiContext`. */
export interface AbiContextOptions {
  readonly memory?: MemorySource | Uint8Array | undefined;
  readonly realloc?: ReallocFn | undefined;
  readonly addr?: AddrType | undefined;
  readonly handles?: HandleTable | undefined;
  readonly resources?: Record<string, ResourceType> | undefined;
  readonly instance?: object | undefined;
}

const EMPTY = new Uint8Array(0);

/** A lift/lower context; one per component instance (its memory, realloc and handles). */
export class AbiContext implements HandleContext {
  /** Byte view of the whole memory. */
  u8: Uint8Array = EMPTY;
  /** DataView of the whole memory (little-endian accessors are used throughout). */
  dv: DataView = new DataView(EMPTY.buffer);
  /** Length in code units of the last stored string (set by the string store functions). */
  len = 0;
  /** Whether the last stored string was tagged UTF-16 (latin1+utf16 only). */
  tagged = false;
  readonly addr: AddrType;
  readonly handles: HandleTable;
  readonly resources: Record<string, ResourceType>;
  readonly instance: object;
  borrowScope: BorrowScope = { numBorrows: 0 };
  readonly lenders: ResourceHandle[] = [];
  private source: MemorySource | null = null;
  private buffer: ArrayBufferLike | null = null;
  private reallocFn: ReallocFn | null;

  constructor(opts: AbiContextOptions = {}) {
    this.addr = opts.addr ?? 'i32';
    this.handles = opts.handles ?? new HandleTable();
    this.resources = opts.resources ?? {};
    this.instance = opts.instance ?? {};
    this.reallocFn = opts.realloc ?? null;
    if (opts.memory) this.setMemory(opts.memory);
  }

  /** Attach guest memory (a `WebAssembly.Memory` or a plain byte array). */
  setMemory(memory: MemorySource | Uint8Array): void {
    if (memory instanceof Uint8Array) {
      this.source = null;
      this.buffer = memory.buffer;
      this.u8 = memory;
      this.dv = new DataView(memory.buffer, memory.byteOffset, memory.byteLength);
    } else {
      this.source = memory;
      this.buffer = null;
      this.sync();
    }
  }

  /** Attach the guest's `cabi_realloc`. */
  setRealloc(realloc: ReallocFn): void {
    this.reallocFn = realloc;
  }

  /**
   * Refresh the views if the memory was grown. Growing detaches the old buffer (its views read as length 0), so the
   * common case costs one length check instead of a call to the `buffer` getter.
   */
  sync(): void {
    if (this.u8.length !== 0) return;
    const src = this.source;
    if (src !== null && src.buffer !== this.buffer) {
      const b = src.buffer;
      this.buffer = b;
      this.u8 = new Uint8Array(b);
      this.dv = new DataView(b);
    }
  }

  /** Re-read the memory's `buffer` unconditionally (needed only for shared memories, which grow without detaching). */
  refresh(): void {
    this.buffer = null;
    if (this.source !== null) {
      this.u8 = EMPTY;
      this.sync();
    }
  }

  /** Call `cabi_realloc` and return the pointer as a number (see `ptrFromU64` for huge memory64 values). */
  realloc(oldPtr: number, oldSize: number, align: number, newSize: number): number {
    const f = this.reallocFn;
    if (f === null) throw new TypeError('lowering this value needs cabi_realloc, but none was provided');
    let p: number;
    if (this.addr === 'i64') {
      p = ptrFromU64(BigInt.asUintN(64, BigInt(f(BigInt(oldPtr), BigInt(oldSize), BigInt(align), BigInt(newSize)))));
    } else {
      p = Number(f(oldPtr, oldSize, align, newSize)) >>> 0;
    }
    this.sync();
    return p;
  }
}

/**
 * Convert an unsigned 64-bit pointer or length to a number. Values past 2^52 (beyond any real memory) become
 * 2^52 + (v mod 8): still out of bounds and too long, with the same alignment, so the spec's checks keep their order.
 */
export function ptrFromU64(v: bigint): number {
  if (v < 0x10000000000000n) return Number(v);
  return 2 ** 52 + Number(v & 7n);
}

/** Unsigned 64-bit word from a flat i64 (wasm passes i64 as signed bigint) as a pointer number. */
export function flatPtr64(v: bigint): number {
  return ptrFromU64(BigInt.asUintN(64, v));
}

/** Trap unless `[ptr, ptr+size)` is aligned to `align` and inside memory (`lift/lower_flat_values`' checks). */
export function checkRange(cx: AbiContext, ptr: number, align: number, size: number): void {
  if (ptr % align !== 0) trap('misaligned_pointer', `pointer ${ptr} is not aligned to ${align}`);
  if (ptr + size > cx.u8.length)
    trap('out_of_bounds', `${size} bytes at ${ptr} exceed memory of ${cx.u8.length} bytes`);
}
