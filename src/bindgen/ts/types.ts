/**
 * WIT types → TypeScript type text, one module for the guest and the host generators. The mapping follows jco
 * (../docs/bindings.md has the full table and every deviation with its reason):
 *
 * - `bool` → `boolean`; 8/16/32-bit integers, `f32`, `f64` → `number`; `u64`/`s64` → `bigint`; `char`, `string` →
 *   `string`; `error-context` → `number` (jco's current choice).
 * - `list<u8>` and the other numeric lists → the matching typed array (`Uint8Array`, …, `BigInt64Array`); other lists
 *   → `Array<T>`; `list<T, N>` → an N-tuple.
 * - `tuple<A, B>` → `[A, B]`; `map<K, V>` → `Map<K, V>`.
 * - `option<T>` → `T | undefined`, or the tagged `Option<T>` when `T` can itself be `undefined` (nested options).
 * - `result<T, E>` as a function result → the function returns `T` and throws for `err`; anywhere else → the tagged
 *   `Result<T, E>` (`void` for a missing side).
 * - own/borrow handles → the resource's class; `future<T>` → `PromiseLike<T>`; `stream<T>` → `AsyncIterable<T>`.
 * - Named types are referenced by name: the local name inside the owning module, `import('spec').Name` elsewhere.
 */
import type { Resolve, Type, TypeDef, Func } from '../../resolve/model.js';
import { TYPED_ARRAY_CLASS } from '../../abi/codegen/repr.js';

/** Generated helper aliases a module may need. */
export type Helper = 'Result' | 'Option';

/** What the mapper needs from the generator: how to name a named type and a helper from the current module. */
export interface TypeContext {
  readonly resolve: Resolve;
  /** TS text for the named type definition `id`, seen from the module being written. */
  ref(id: number): string;
  /** The local name of a helper alias; the generator emits it. */
  helper(name: Helper): string;
  /** TS type text of `error-context` (default `number`, jco's; the host bindings use their runtime's class). */
  readonly errorContext?: string;
}


/** The TS type of a primitive. */
export function primitiveText(t: string): string {
  switch (t) {
    case 'bool':
      return 'boolean';
    case 'u64':
    case 's64':
      return 'bigint';
    case 'char':
    case 'string':
      return 'string';
    default:
      // integers, floats and error-context (a handle index in jco)
      return 'number';
  }
}

/** Follows `type a = b` aliases to the underlying definition (undefined for primitives). */
export function dealias(resolve: Resolve, t: Type): TypeDef | undefined {
  let cur: Type = t;
  for (let guard = 0; typeof cur === 'number' && guard < 1000; guard++) {
    const def = resolve.types[cur];
    if (!def) return undefined;
    if (def.kind.tag !== 'type') return def;
    cur = def.kind.type;
  }
  return undefined;
}

/**
 * True when the TS text of `t` already admits `undefined` (an `option` printed as `T | undefined`), so an enclosing
 * `option` must use the tagged `Option<T>` form to stay unambiguous.
 */
export function isNullable(resolve: Resolve, t: Type): boolean {
  const def = dealias(resolve, t);
  return def !== undefined && def.kind.tag === 'option' && !isNullable(resolve, def.kind.type);
}

/** TS type text for `t`. */
export function typeText(ctx: TypeContext, t: Type): string {
  if (t === 'error-context' && ctx.errorContext !== undefined) return ctx.errorContext;
  if (typeof t === 'string') return primitiveText(t);
  const def = ctx.resolve.types[t];
  if (!def) return 'unknown';
  if (def.name !== null) return ctx.ref(t);
  return defText(ctx, def);
}

/** TS type text for the body of a definition (used for anonymous types and for `export type X = …`). */
export function defText(ctx: TypeContext, def: TypeDef): string {
  const k = def.kind;
  // A missing side of a `result` is `void`, like jco (`{ tag: 'ok', val: undefined }` is its value).
  const sub = (t: Type | null) => (t === null ? 'void' : typeText(ctx, t));
  switch (k.tag) {
    case 'type':
      return typeText(ctx, k.type);
    case 'list': {
      const arr = typeof k.type === 'string' ? TYPED_ARRAY_CLASS[k.type] : undefined;
      return arr ?? `Array<${typeText(ctx, k.type)}>`;
    }
    case 'fixed-length-list':
      return `[${Array.from({ length: k.size }, () => typeText(ctx, k.type)).join(', ')}]`;
    case 'tuple':
      return `[${k.types.map((t) => typeText(ctx, t)).join(', ')}]`;
    case 'map':
      return `Map<${typeText(ctx, k.key)}, ${typeText(ctx, k.value)}>`;
    case 'option':
      return isNullable(ctx.resolve, k.type)
        ? `${ctx.helper('Option')}<${typeText(ctx, k.type)}>`
        : `${paren(typeText(ctx, k.type))} | undefined`;
    case 'result':
      return `${ctx.helper('Result')}<${sub(k.ok)}, ${sub(k.err)}>`;
    case 'handle':
      return typeText(ctx, k.type);
    case 'future':
      return `PromiseLike<${k.type === null ? 'void' : typeText(ctx, k.type)}>`;
    case 'stream':
      return `AsyncIterable<${k.type === null ? 'void' : typeText(ctx, k.type)}>`;
    case 'enum':
      return k.cases.length === 0 ? 'never' : k.cases.map((c) => quoteLit(c.name)).join(' | ');
    case 'record':
    case 'flags':
    case 'variant':
    case 'resource':
      // Only reachable for malformed input: these kinds always have a name and are declared, not inlined.
      return 'unknown';
    case 'unknown':
      return 'unknown';
  }
}

/** Wraps text in parentheses when it has a top-level `|`, so it can be an operand of another `|`. */
function paren(text: string): string {
  let depth = 0;
  for (const ch of text) {
    if (ch === '<' || ch === '[' || ch === '(' || ch === '{') depth++;
    else if (ch === '>' || ch === ']' || ch === ')' || ch === '}') depth--;
    else if (ch === '|' && depth === 0) return `(${text})`;
  }
  return text;
}

function quoteLit(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A parameter as declared: its escaped name and type text. */
export interface TsParam {
  readonly name: string;
  readonly type: string;
}

/** How a function's result reaches JavaScript. */
export interface TsResult {
  /** The declared return type (already wrapped in `Promise<…>` for async functions). */
  readonly type: string;
  /** The type of the `err` payload when a `result` is mapped to return-or-throw. */
  readonly throws?: string | undefined;
}

/** True for `async func`s (freestanding, methods and statics). */
export function isAsync(func: Func): boolean {
  return func.kind.tag.startsWith('async');
}

/**
 * The return type of `func` (jco's convention): a `result<T, E>` result returns `T` (`void` when absent) and throws
 * `E`; no result is `void`; async functions return a `Promise` of that.
 */
export function resultText(ctx: TypeContext, func: Func): TsResult {
  let type = 'void';
  let throws: string | undefined;
  if (func.result !== undefined) {
    const def = typeof func.result === 'number' ? ctx.resolve.types[func.result] : undefined;
    if (def && def.kind.tag === 'result') {
      type = def.kind.ok === null ? 'void' : typeText(ctx, def.kind.ok);
      throws = def.kind.err === null ? 'undefined' : typeText(ctx, def.kind.err);
    } else {
      type = typeText(ctx, func.result);
    }
  }
  return { type: isAsync(func) ? `Promise<${type}>` : type, throws };
}

/** The text of a parameter list `(a: A, b: B)` from already-named params. */
export function paramsText(params: readonly TsParam[]): string {
  return `(${params.map((p) => `${p.name}: ${p.type}`).join(', ')})`;
}

/** The TS text of the helper alias `name` declared as `local`. */
export function helperDeclaration(name: Helper, local: string): string {
  return name === 'Result'
    ? `export type ${local}<T, E> = { tag: 'ok'; val: T } | { tag: 'err'; val: E };`
    : `export type ${local}<T> = { tag: 'none' } | { tag: 'some'; val: T };`;
}
