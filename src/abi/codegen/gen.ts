/**
 * The code generator's state: options, a writer for readable JavaScript, and the memoized helper functions (one per
 * distinct type and operation), emitted in dependency order.
 */
import type { AbiType, AddrType, StringEncoding } from '../types.js';
import type { StringSource } from '../runtime/strings.js';

/** Options that fix the canonopts and the JS value representation of a generated module. */
export interface AbiCodegenOptions {
  /** Memory address type (memory64 = `i64`). Default `i32`. */
  readonly addr?: AddrType;
  /** The `string-encoding` canonopt. Default `utf8`. */
  readonly encoding?: StringEncoding;
  /** How host strings are treated when lowering (see `StringSource`). Default `utf16` (a JS string). */
  readonly stringSource?: StringSource;
  /** JS property name of a record field or flag label. Default: lowerCamelCase, as jco does. */
  readonly propertyName?: (label: string) => string;
  /** Lifted `map<K, V>` values: a JS `Map` (default, duplicate keys collapse) or an array of `[k, v]` entries. */
  readonly maps?: 'map' | 'entries';
  /** Lists of numbers as typed arrays (`Uint8Array`, `Float64Array`, …). Default true. */
  readonly typedArrays?: boolean;
  /** `ts` adds type annotations so the code type-checks under `tsc --strict` inside a typed wrapper. Default `js`. */
  readonly lang?: 'js' | 'ts';
  /** How handle values are represented on the JS side (default: the rep number itself). */
  readonly handles?: HandleHooks;
  /**
   * Lifted variant cases (and the tagged `none`) without a payload: `{ tag, val: undefined }` (default; one object
   * shape per variant) or `{ tag }` (`omit`, as jco). Result cases always carry `val`.
   */
  readonly emptyCases?: 'undefined' | 'omit';
}

/** A handle type as passed to `HandleHooks`. */
export type HandleType = Extract<AbiType, { kind: 'own' | 'borrow' }>;

/**
 * Code-generation hooks that let bindgen wrap resource reps in JS objects (for example class instances). Each hook
 * returns a JS expression; the generated code evaluates it once per handle.
 */
export interface HandleHooks {
  /** Expression turning the lifted rep (`repExpr`) into the JS value. */
  lift?(type: HandleType, repExpr: string): string;
  /** Expression giving the rep to lower from the JS value `valueExpr`. */
  lower?(type: HandleType, valueExpr: string): string;
}

/** Options with every default applied. */
export interface ResolvedOptions {
  readonly addr: AddrType;
  readonly encoding: StringEncoding;
  readonly stringSource: StringSource;
  readonly propertyName: (label: string) => string;
  readonly maps: 'map' | 'entries';
  readonly typedArrays: boolean;
  readonly lang: 'js' | 'ts';
  readonly handles: HandleHooks;
  readonly emptyCases: 'undefined' | 'omit';
}

/** lowerCamelCase of a kebab-case label (`exec-name` → `execName`, `HTTP-code` → `httpCode`). */
export function lowerCamelCase(label: string): string {
  return label
    .split('-')
    .map((w, i) => {
      const lower = w.toLowerCase();
      return i === 0 ? lower : lower.charAt(0).toUpperCase() + lower.slice(1);
    })
    .join('');
}

/** Apply defaults. */
export function resolveOptions(o: AbiCodegenOptions = {}): ResolvedOptions {
  return {
    addr: o.addr ?? 'i32',
    encoding: o.encoding ?? 'utf8',
    stringSource: o.stringSource ?? 'utf16',
    propertyName: o.propertyName ?? lowerCamelCase,
    maps: o.maps ?? 'map',
    typedArrays: o.typedArrays ?? true,
    lang: o.lang ?? 'js',
    handles: o.handles ?? {},
    emptyCases: o.emptyCases ?? 'undefined',
  };
}

/** The object literal of a lifted tagged value (`payload` is `undefined` for a case without payload). */
export function taggedLiteral(g: Gen, kind: AbiType['kind'], tag: string, payload: string | undefined): string {
  if (payload === undefined && kind !== 'result' && g.opts.emptyCases === 'omit') return `{ tag: ${JSON.stringify(tag)} }`;
  return `{ tag: ${JSON.stringify(tag)}, val: ${payload ?? 'undefined'} }`;
}

/** The expression lowering a handle value `v` of `type` to a table index (`lower_own`/`lower_borrow`). */
export function lowerHandle(opts: ResolvedOptions, type: HandleType, v: string): string {
  const fn = type.kind === 'own' ? 'lowerOwn' : 'lowerBorrow';
  const rep = opts.handles.lower ? opts.handles.lower(type, v) : v;
  return `rt.${fn}(cx, ${rep}, rt.resourceType(cx, ${JSON.stringify(type.resource)}))`;
}

/** The expression lifting the table index `i` of `type` to a JS value (`lift_own`/`lift_borrow`). */
export function liftHandle(opts: ResolvedOptions, type: HandleType, i: string): string {
  const fn = type.kind === 'own' ? 'liftOwn' : 'liftBorrow';
  const rep = `rt.${fn}(cx, ${i}, rt.resourceType(cx, ${JSON.stringify(type.resource)}))`;
  return opts.handles.lift ? opts.handles.lift(type, rep) : rep;
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `obj.name` or `obj["na-me"]`. */
export function member(obj: string, name: string): string {
  return IDENT.test(name) ? `${obj}.${name}` : `${obj}[${JSON.stringify(name)}]`;
}

/** A property key for an object literal. */
export function literalKey(name: string): string {
  return IDENT.test(name) ? name : JSON.stringify(name);
}

/** Accumulates lines with indentation. */
export class Writer {
  readonly lines: string[] = [];
  private depth = 0;

  line(text: string): void {
    this.lines.push(text === '' ? '' : '  '.repeat(this.depth) + text);
  }

  /** `head {` … `}` with the body indented. */
  block(head: string, body: () => void, tail = '}'): void {
    this.line(`${head} {`);
    this.depth++;
    body();
    this.depth--;
    this.line(tail);
  }

  /** `if (cond) { … } else { … }`. */
  ifElse(cond: string, then: () => void, otherwise: () => void): void {
    this.line(`if (${cond}) {`);
    this.depth++;
    then();
    this.depth--;
    this.line('} else {');
    this.depth++;
    otherwise();
    this.depth--;
    this.line('}');
  }

  text(): string {
    return this.lines.join('\n');
  }
}

/** Builds one module: helper functions are memoized by (operation, structural type). */
export class Gen {
  readonly opts: ResolvedOptions;
  /** Module-level constants (tables of labels, scratch arrays), emitted first. */
  readonly consts: string[] = [];
  private readonly helpers = new Map<string, string>();
  private readonly constants = new Map<string, string>();
  private readonly bodies: string[] = [];
  private counter = 0;

  constructor(opts: ResolvedOptions) {
    this.opts = opts;
  }

  /** A module-level constant (typed in `ts` mode); equal `shared` constants are declared once. Returns its name. */
  constant(prefix: string, init: string, tsType: string, shared = true): string {
    const key = `${prefix}=${init}`;
    const known = shared ? this.constants.get(key) : undefined;
    if (known) return known;
    const name = `${prefix}${++this.counter}`;
    this.constants.set(key, name);
    this.consts.push(`const ${name}${this.opts.lang === 'ts' ? `: ${tsType}` : ''} = ${init};`);
    return name;
  }

  /** A parameter list: `v, p` in JS, `v: any, p: number` in TS (`params` maps names, `x?` if optional, to TS types). */
  params(params: Record<string, string>): string {
    const ts = this.opts.lang === 'ts';
    return Object.entries(params)
      .map(([n, t]) => (ts ? `${n}: ${t}` : n.replace('?', '')))
      .join(', ');
  }

  /**
   * The name of the helper `op` for `type`, emitting it on first use. `emit` writes the whole function (signature
   * included) for the given name; helpers it needs are emitted before it.
   */
  helper(op: string, type: AbiType, emit: (name: string, w: Writer) => void): string {
    const key = `${op}:${JSON.stringify(type)}`;
    const known = this.helpers.get(key);
    if (known) return known;
    const name = `${op}${++this.counter}`;
    this.helpers.set(key, name);
    const w = new Writer();
    emit(name, w);
    this.bodies.push(w.text());
    return name;
  }

  /** Add a free-standing function or statement block. */
  raw(text: string): void {
    this.bodies.push(text);
  }

  /** All constants and helpers, in emission order. */
  text(): string {
    return [...this.consts, '', ...this.bodies].join('\n');
  }
}
