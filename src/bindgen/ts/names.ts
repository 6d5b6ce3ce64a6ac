/**
 * WIT names → TypeScript identifiers, shared by the guest and host generators.
 *
 * Case conversion follows jco (which uses Rust's `heck`): functions, methods, parameters, record fields and flags are
 * `lowerCamelCase`; types, resources (classes) and variant-case interfaces are `UpperCamelCase`. Enum cases and
 * variant tags stay the original kebab strings. WIT identifiers are kebab-case words that are each all-lowercase or
 * all-uppercase (`http-API-v2`), so converting is: split at `-`, lowercase every word, capitalise every word but the
 * first (camel) or every word (Pascal).
 *
 * Escaping (stable, documented in docs/bindings.md): after conversion,
 *  1. a name that cannot be used where it is declared gets a trailing `_` (`class` → `class_`, a type `map` → `Map_`);
 *  2. a name already taken in its scope gets `$1`, `$2`, … (the smallest free number), in declaration order.
 * Neither `_` nor `$` can occur in a WIT identifier, so an escaped name never equals a converted one.
 */

/** Splits a WIT identifier (already without `%`) into lowercase words. */
function words(name: string): string[] {
  const bare = name.startsWith('%') ? name.slice(1) : name;
  return bare
    .split('-')
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}

function capitalize(w: string): string {
  return w.length === 0 ? w : w[0]!.toUpperCase() + w.slice(1);
}

/** `foo-bar-BAZ` → `fooBarBaz` (heck's lowerCamelCase for WIT identifiers). */
export function camelCase(name: string): string {
  const ws = words(name);
  return ws.map((w, i) => (i === 0 ? w : capitalize(w))).join('');
}

/** `foo-bar-BAZ` → `FooBarBaz` (heck's UpperCamelCase for WIT identifiers). */
export function pascalCase(name: string): string {
  return words(name).map(capitalize).join('');
}

/**
 * Names that cannot bind a value (function, parameter) in a strict-mode ES module, as TypeScript checks it:
 * ECMAScript reserved words and literals, strict-mode reserved words, the restricted bindings `arguments` and
 * `eval`, and the globals TypeScript refuses to shadow (`undefined`, `globalThis`). Contextual keywords
 * (`get`, `set`, `type`, `of`, `async`, …) are valid bindings and are not escaped, like in jco.
 */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  // ECMAScript reserved words and literals
  'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else',
  'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new',
  'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with',
  'yield',
  // strict mode
  'implements', 'interface', 'let', 'package', 'private', 'protected', 'public', 'static', 'arguments', 'eval',
  // globals TypeScript does not let a declaration shadow
  'undefined', 'globalThis',
]);

/**
 * Global names the generated types refer to (or that would confuse readers when shadowed). A WIT type whose
 * PascalCase name is one of these is escaped with `_` so it never shadows the global (`record map` → `Map_`).
 */
export const RESERVED_GLOBALS: ReadonlySet<string> = new Set([
  'Array', 'ArrayBuffer', 'AsyncIterable', 'AsyncIterator', 'BigInt', 'BigInt64Array', 'BigUint64Array', 'Boolean',
  'DataView', 'Date', 'Disposable', 'Error', 'Float32Array', 'Float64Array', 'Function', 'Int16Array', 'Int32Array',
  'Int8Array', 'Iterable', 'Iterator', 'JSON', 'Map', 'Math', 'Number', 'Object', 'Promise', 'PromiseLike', 'Proxy',
  'ReadonlyArray', 'ReadonlyMap', 'Record', 'Reflect', 'RegExp', 'Set', 'String', 'Symbol', 'Uint16Array',
  'Uint32Array', 'Uint8Array', 'Uint8ClampedArray', 'WeakMap', 'WeakSet', 'WebAssembly', 'Partial', 'Required',
  'Readonly', 'Pick', 'Omit', 'Exclude', 'Extract', 'NonNullable', 'ReturnType', 'Parameters', 'InstanceType',
  'Awaited', 'Uppercase', 'Lowercase', 'Capitalize', 'Uncapitalize', 'ThisType', 'NoInfer', 'ComponentError',
]);

/**
 * Static member names a class cannot declare (they clash with `Function.prototype` properties, TS2699), plus the
 * names that always need escaping on class members (`constructor` would declare the constructor itself).
 */
export const RESERVED_STATIC_MEMBERS: ReadonlySet<string> = new Set([
  'name', 'length', 'caller', 'arguments', 'prototype', 'constructor',
]);

/** Member names that need escaping on class instance members. */
export const RESERVED_INSTANCE_MEMBERS: ReadonlySet<string> = new Set(['constructor']);

/** True when `name` can be written as a bare property name / export name (any IdentifierName). */
export function isIdentifierName(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name);
}

/** Applies rule 1: `name` + `_` when `reserved` contains it. */
export function escapeReserved(name: string, reserved: ReadonlySet<string>): string {
  return reserved.has(name) ? `${name}_` : name;
}

/**
 * One naming scope (a module's types, a module's functions, a record's fields, a function's parameters, a class's
 * members). `claim` hands out names in declaration order, applying rule 2 (`$n`) on clashes.
 */
export class Scope {
  private readonly taken = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const r of reserved) this.taken.add(r);
  }

  /** Returns `preferred`, or `preferred$n` with the smallest free n, and marks it taken. */
  claim(preferred: string): string {
    let name = preferred;
    for (let n = 1; this.taken.has(name); n++) name = `${preferred}$${n}`;
    this.taken.add(name);
    return name;
  }

  has(name: string): boolean {
    return this.taken.has(name);
  }
}

/** A value binding name (function, parameter): camelCase, reserved words escaped. */
export function valueName(wit: string): string {
  return escapeReserved(camelCase(wit), RESERVED_WORDS);
}

/** A type name: PascalCase, reserved globals escaped. */
export function typeName(wit: string): string {
  return escapeReserved(pascalCase(wit), RESERVED_GLOBALS);
}

/** A property name (record field, flag): camelCase; any IdentifierName is fine as a property. */
export function propertyName(wit: string): string {
  return camelCase(wit);
}

/** A class member name: camelCase, escaped when it would clash with built-in class members. */
export function memberName(wit: string, isStatic: boolean): string {
  const n = camelCase(wit);
  return escapeReserved(n, isStatic ? RESERVED_STATIC_MEMBERS : RESERVED_INSTANCE_MEMBERS);
}

/** A string literal in single quotes (names, tags, module specifiers are ASCII without quotes, but be safe). */
export function quote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

/** A property key: bare when it is an identifier name, otherwise quoted. */
export function propertyKey(name: string): string {
  return isIdentifierName(name) ? name : quote(name);
}

/**
 * The file stem of an interface's declaration file: `ns-pkg-iface` plus the version with `.` kept
 * (`wasi-io-streams@0.2.12`), unlike jco which drops the version and can overwrite one file with another.
 */
export function interfaceFileStem(specifier: string): string {
  return fileStem(specifier.replace(/[:/]/g, '-').replace(/[^A-Za-z0-9.@+-]/g, '_'));
}

/** Longest file stem written; file systems limit names to 255 bytes. */
export const MAX_STEM = 120;

/**
 * Keeps a file stem within `MAX_STEM` characters: longer stems are cut to 111 characters plus `-` and the 8-digit
 * FNV-1a hash of the whole stem, so distinct long names stay distinct and stable.
 */
export function fileStem(stem: string): string {
  if (stem.length <= MAX_STEM) return stem;
  return `${stem.slice(0, MAX_STEM - 9)}-${fnv1a(stem)}`;
}

function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
