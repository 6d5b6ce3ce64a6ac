/**
 * The runtime that generated lift/lower code calls (passed to it as `rt`). Everything here is plain ES2022 and runs
 * in browsers.
 */
export { Trap, trap, type TrapKind } from './trap.js';
export { AbiContext, checkRange, flatPtr64, ptrFromU64 } from './context.js';
export type { AbiContextOptions, MemorySource, ReallocFn } from './context.js';
export {
  ErrorContext,
  HandleTable,
  ResourceHandle,
  ResourceType,
  MAX_TABLE_LENGTH,
  endBorrowScope,
  endLends,
  liftBorrow,
  liftErrorContext,
  liftOwn,
  lowerBorrow,
  lowerErrorContext,
  lowerOwn,
  resourceDrop,
  resourceNew,
  resourceRep,
  resourceType,
} from './handles.js';
export type { BorrowScope, HandleContext } from './handles.js';
export {
  MAX_STRING_BYTE_LENGTH,
  liftLatin1Utf16,
  liftUtf16,
  liftUtf8,
  lowerToLatin1Utf16,
  lowerToUtf16,
  lowerToUtf8,
  utf8Length,
} from './strings.js';
export type { StringSource } from './strings.js';
export {
  allocList,
  badDiscriminant,
  canonNaN,
  charToI32,
  checkList,
  enumIndex,
  f32ToI32,
  f64ToI64,
  i32ToF32,
  i64ToF64,
  liftChar,
  unsupported,
  u8,
  s8,
  u16,
  s16,
  u32v,
  s32,
  u64v,
  s64,
  float,
} from './values.js';
