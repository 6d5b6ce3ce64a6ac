/**
 * Bindings generation. `generateGuest` writes componentize-js guest declarations; the `ts/` modules (names, type
 * mapping, declarations, writer) are shared with the host generator.
 */
export { generateGuest, worldSpecifier, type GuestOptions } from './guest.js';
export {
  camelCase,
  pascalCase,
  typeName,
  valueName,
  memberName,
  propertyName,
  RESERVED_WORDS,
  RESERVED_GLOBALS,
} from './ts/names.js';
export { typeText, defText, resultText, isNullable, type TypeContext, type Helper } from './ts/types.js';
export { CodeWriter, docLines } from './ts/writer.js';
