/**
 * The canonical ABI layer: type model, layout, flattening, the lift/lower code generator and its runtime.
 * See docs/abi.md for how the files map to CanonicalABI.md.
 */
export * from './types.js';
export * from './layout.js';
export * from './flatten.js';
export {
  lowerCamelCase,
  resolveOptions,
  type AbiCodegenOptions,
  type HandleHooks,
  type HandleType,
  type ResolvedOptions,
} from './codegen/gen.js';
export { isNullableOption, typedArrayOf } from './codegen/repr.js';
export {
  abiRuntime,
  compileAbiModule,
  generateAbiModule,
  type AbiModule,
  type AbiModuleRequest,
  type ValueCodec,
  type ValueEntry,
  type ValuesCodec,
  type ValuesEntry,
} from './codegen/module.js';
export * as runtime from './runtime/index.js';
export { AbiContext, Trap, type TrapKind } from './runtime/index.js';
