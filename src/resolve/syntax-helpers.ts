/**
 * Helpers of phase A that work on the syntax tree alone: walking the paths of a file, attributes, spans, type
 * dependencies, member-name checks and the structural interning of anonymous types.
 */
import type * as ast from '../syntax/ast.js';
import type { Span } from '../text/source.js';
import { Codes } from '../diagnostics/codes.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { fail } from './errors.js';
import type { PackageName, SemVer, Stability, Type, TypeDefKind } from './model.js';
import type { Dep } from './toposort.js';

/** One file (or nested package block) of a package. */
export interface DeclList {
  readonly items: readonly (ast.Interface | ast.World | ast.TopLevelUse)[];
}

export interface PathVisit {
  origin: ast.Id | undefined;
  attributes: readonly ast.Attribute[];
  path: ast.UsePath;
  names: readonly ast.UseName[] | undefined;
  kind: 'interface' | 'world' | 'unknown';
}

const pathsOf = new WeakMap<DeclList, PathVisit[]>();

/** Every path of a file (uses, includes, imports and exports), in source order; computed once per list. */
export function eachPath(list: DeclList): readonly PathVisit[] {
  let out = pathsOf.get(list);
  if (out === undefined) pathsOf.set(list, (out = collectPaths(list)));
  return out;
}

function collectPaths(list: DeclList): PathVisit[] {
  const out: PathVisit[] = [];
  for (const item of list.items) {
    if (item.kind === 'TopLevelUse') {
      out.push({ origin: undefined, attributes: item.attributes, path: item.path, names: undefined, kind: 'unknown' });
    } else if (item.kind === 'Interface') {
      for (const it of item.items) {
        if (it.kind === 'Use') out.push({ origin: item.name, attributes: it.attributes, path: it.path, names: it.names, kind: 'interface' });
      }
    } else {
      const imports: (ast.Import | ast.Export)[] = [];
      const exports: (ast.Import | ast.Export)[] = [];
      for (const it of item.items) {
        if (it.kind === 'Use') out.push({ origin: undefined, attributes: it.attributes, path: it.path, names: it.names, kind: 'interface' });
        else if (it.kind === 'Include') out.push({ origin: item.name, attributes: it.attributes, path: it.path, names: undefined, kind: 'world' });
        else if (it.kind === 'Import') imports.push(it);
        else if (it.kind === 'Export') exports.push(it);
      }
      for (const ie of [...imports, ...exports]) {
        const k = ie.item;
        if (k.kind === 'ExternPath') out.push({ origin: undefined, attributes: ie.attributes, path: k.path, names: undefined, kind: 'interface' });
        else if (k.kind === 'ExternImplements') out.push({ origin: undefined, attributes: ie.attributes, path: k.path, names: undefined, kind: 'interface' });
        else if (k.kind === 'ExternInterface') {
          for (const u of k.items) {
            if (u.kind === 'Use') out.push({ origin: undefined, attributes: u.attributes, path: u.path, names: u.names, kind: 'interface' });
          }
        }
      }
    }
  }
  return out;
}

export function versionOf(v: ast.Version | undefined): SemVer | undefined {
  return v ? { major: v.major, minor: v.minor, patch: v.patch, pre: v.pre, build: v.build } : undefined;
}

export function astPackageName(n: ast.PackageName): PackageName {
  return { namespace: n.namespace.name, name: n.name.name, version: versionOf(n.version) };
}

export function pathPackageName(p: ast.PackagePath): PackageName {
  return { namespace: p.namespace.name, name: p.package.name, version: versionOf(p.version) };
}

/** The span covering `ns:pkg` of a package path. */
export function pathPackageSpan(p: ast.PackagePath): Span {
  return { source: p.span.source, start: p.namespace.span.start, end: p.package.span.end };
}

export function pathName(p: ast.UsePath): ast.Id {
  return p.kind === 'LocalPath' ? p.name : p.name;
}

const KEYWORD_LENGTH: Partial<Record<ast.TypeExpr['kind'], number>> = {
  List: 4,
  Option: 6,
  Result: 6,
  Tuple: 5,
  Map: 3,
  Future: 6,
  Stream: 6,
};

/** wit-parser's span for a type expression: the leading keyword for constructed types. */
export function typeSpan(t: ast.TypeExpr): Span {
  if (t.kind === 'Named') return t.name.span;
  const n = KEYWORD_LENGTH[t.kind];
  if (n !== undefined) return { source: t.span.source, start: t.span.start, end: t.span.start + n };
  if (t.kind === 'Handle') return { source: t.span.source, start: t.span.start, end: t.span.start + t.handle.length };
  return t.span;
}

export const MAP_KEYS = new Set(['bool', 'u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64', 'char', 'string']);

/** Parses attributes into a stability and an external id, with wit-parser's combination rules. */
const NO_ATTRIBUTES = { stability: undefined, externalId: undefined } as const;

export function attributesOf(attrs: readonly ast.Attribute[]): { stability: Stability | undefined; externalId: string | undefined } {
  if (attrs.length === 0) return NO_ATTRIBUTES;
  let since: ast.SinceAttr | undefined;
  let unstable: ast.UnstableAttr | undefined;
  let deprecated: ast.DeprecatedAttr | undefined;
  let externalId: ast.ExternalIdAttr | undefined;
  for (const a of attrs) {
    const twice = (what: string) => fail(Codes.InvalidAttributeCombination, `cannot specify @${what} twice`, a.span);
    if (a.kind === 'Since') (since ? twice('since') : (since = a));
    else if (a.kind === 'Unstable') (unstable ? twice('unstable') : (unstable = a));
    else if (a.kind === 'Deprecated') (deprecated ? twice('deprecated') : (deprecated = a));
    else (externalId ? twice('external-id') : (externalId = a));
  }
  if (since && unstable) fail(Codes.InvalidAttributeCombination, 'cannot specify both @since and @unstable', unstable.span);
  if (deprecated && !since && !unstable) {
    fail(Codes.InvalidAttributeCombination, 'cannot specify both @deprecated without @since or @unstable', deprecated.span);
  }
  const dep = versionOf(deprecated?.version);
  const stability: Stability | undefined = since
    ? { kind: 'stable', since: versionOf(since.version)!, deprecated: dep }
    : unstable
      ? { kind: 'unstable', feature: unstable.feature.name, deprecated: dep }
      : undefined;
  return { stability, externalId: externalId?.value };
}


/** The note on errors that only witc reports (spec rules that wit-parser leaves to the binary validator). */
export const SPEC_RULE_NOTE = 'a rule of the Component Model specification that wasm-tools (wit-parser) does not check';

/**
 * Spec rules wit-parser leaves to the binary validator: field, case and flag names are unique (ignoring case, as
 * kebab-case names are), and a `flags` type has at most 32 flags. Returns the first breach, or undefined.
 */
export function checkMemberNames(def: ast.TypeDef): Diagnostic | undefined {
  if (def.kind === 'Record') return checkUnique(def.fields, 'field');
  if (def.kind === 'Variant' || def.kind === 'Enum') return checkUnique(def.cases, 'case');
  if (def.kind === 'Flags') {
    const duplicate = checkUnique(def.flags, 'flag');
    if (duplicate || def.flags.length <= 32) return duplicate;
    return diagnostic({
      code: Codes.TooManyFlags,
      message: `flags \`${def.name.name}\` has ${def.flags.length} flags, but at most 32 are allowed`,
      span: def.flags[32]!.name.span,
      notes: [SPEC_RULE_NOTE],
    });
  }
  return undefined;
}

/** Whether a name has an ASCII upper-case letter (only such names can clash with a different spelling). */
export function hasUpper(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 65 && c <= 90) return true;
  }
  return false;
}

/** Member names are unique, ignoring case (a pairwise scan for short lists, a map for long ones): the first breach. */
function checkUnique(members: readonly { readonly name: ast.Id }[], what: string): Diagnostic | undefined {
  const n = members.length;
  let upper = false;
  for (let i = 0; i < n && !upper; i++) upper = hasUpper(members[i]!.name.name);
  if (n <= 16) {
    for (let i = 1; i < n; i++) {
      const name = members[i]!.name;
      const lower = upper ? name.name.toLowerCase() : name.name;
      for (let j = 0; j < i; j++) {
        const prev = members[j]!.name.name;
        if (prev === name.name) return duplicateMember(what, name);
        if (upper && prev.toLowerCase() === lower) return conflictingMember(what, name, prev);
      }
    }
    return undefined;
  }
  const seen = new Map<string, string>();
  for (const { name } of members) {
    const lower = upper ? name.name.toLowerCase() : name.name;
    const prev = seen.get(lower);
    if (prev === name.name) return duplicateMember(what, name);
    if (prev !== undefined) return conflictingMember(what, name, prev);
    seen.set(lower, name.name);
  }
  return undefined;
}

function duplicateMember(what: string, name: ast.Id): Diagnostic {
  return diagnostic({ code: Codes.DuplicateName, message: `${what} \`${name.name}\` is defined more than once`, span: name.span, notes: [SPEC_RULE_NOTE] });
}

function conflictingMember(what: string, name: ast.Id, prev: string): Diagnostic {
  return diagnostic({
    code: Codes.DuplicateName,
    message: `${what} \`${name.name}\` conflicts with ${what} \`${prev}\` (kebab-case identifiers are case-insensitive)`,
    span: name.span,
    notes: [SPEC_RULE_NOTE],
  });
}

export const PRIMITIVES = ['bool', 'u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64', 'f32', 'f64', 'char', 'string'];

export function floatHint(name: string): string | undefined {
  if (name === 'float32' || name === 'float64') {
    return `the \`${name}\` type has been renamed to \`${name === 'float32' ? 'f32' : 'f64'}\` and is no longer accepted, but the \`WIT_REQUIRE_F32_F64=0\` environment variable can be used to temporarily disable this error`;
  }
  return undefined;
}

export function isTypeDef(i: ast.WorldItem | ast.InterfaceItem): i is ast.TypeDef {
  return i.kind === 'TypeAlias' || i.kind === 'Record' || i.kind === 'Flags' || i.kind === 'Variant' || i.kind === 'Enum' || i.kind === 'Resource';
}

/** Writes the names `t` refers to into `out` from index `at` on, in order; returns the index after the last. */
export function collectTypeDeps(t: ast.TypeExpr, out: Dep[], at: number): number {
  switch (t.kind) {
    case 'Primitive':
      return at;
    case 'Named':
      out[at] = t.name;
      return at + 1;
    case 'Handle':
      out[at] = t.resource;
      return at + 1;
    case 'List':
      return collectTypeDeps(t.element, out, at);
    case 'Option':
      return collectTypeDeps(t.inner, out, at);
    case 'Result':
      if (t.ok) at = collectTypeDeps(t.ok, out, at);
      if (t.err) at = collectTypeDeps(t.err, out, at);
      return at;
    case 'Tuple':
      for (const x of t.types) at = collectTypeDeps(x, out, at);
      return at;
    case 'Map':
      return collectTypeDeps(t.value, out, collectTypeDeps(t.key, out, at));
    case 'Future':
    case 'Stream':
      return t.payload ? collectTypeDeps(t.payload, out, at) : at;
  }
}

/** `collectTypeDeps` for every type a typedef refers to. */
export function collectDeps(def: ast.TypeDef, out: Dep[], at: number): number {
  switch (def.kind) {
    case 'TypeAlias':
      return collectTypeDeps(def.type, out, at);
    case 'Record':
      for (const f of def.fields) at = collectTypeDeps(f.type, out, at);
      return at;
    case 'Variant':
      for (const c of def.cases) if (c.type) at = collectTypeDeps(c.type, out, at);
      return at;
    default:
      return at;
  }
}

/** The types a kind refers to, in wit-parser's visiting order. */
export function kindComponents(kind: TypeDefKind): Type[] {
  switch (kind.tag) {
    case 'type':
    case 'option':
    case 'list':
    case 'fixed-length-list':
      return [kind.type];
    case 'handle':
      return [kind.type];
    case 'tuple':
      return kind.types;
    case 'result':
      return [kind.ok, kind.err].filter((x): x is Type => x !== null);
    case 'map':
      return [kind.key, kind.value];
    case 'future':
    case 'stream':
      return kind.type === null ? [] : [kind.type];
    case 'record':
      return kind.fields.map((f) => f.type);
    case 'variant':
      return kind.cases.map((c) => c.type).filter((x): x is Type => x !== null);
    default:
      return [];
  }
}
