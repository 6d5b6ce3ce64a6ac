/**
 * fast-check generators of valid WIT syntax trees, in the shape the parser produces after `strip` (no spans, no
 * docs). Used by the round-trip property: printFile(tree) parses back to the same tree.
 */
import fc from 'fast-check';
import type * as A from '../../src/syntax/ast.js';

const words = ['a', 'foo', 'bar-baz', 'x1', 'is-XML', 'HTTP', 'a0-000-3d4a-54FF', 'v2-beta'];
const keywordNames = ['record', 'async', 'type', 'list', 'own', 'stream', 'package', 'with', 'error-context', 'map'];

export const id: fc.Arbitrary<A.Id> = fc.oneof(
  fc.record({ name: fc.constantFrom(...words), escaped: fc.boolean() }),
  fc.record({ name: fc.constantFrom(...keywordNames), escaped: fc.constant(true) }),
).map(({ name, escaped }) => ({ kind: 'Id', name, escaped }) as unknown as A.Id);

export const version: fc.Arbitrary<A.Version> = fc
  .record({
    major: fc.nat(20),
    minor: fc.nat(20),
    patch: fc.nat(200),
    pre: fc.constantFrom('', 'rc', 'alpha.1', 'rc-1', 'x.7.z', '-'),
    build: fc.constantFrom('', 'b', '001', 'build.5'),
  })
  .map((v) => {
    const text = `${v.major}.${v.minor}.${v.patch}${v.pre ? `-${v.pre}` : ''}${v.build ? `+${v.build}` : ''}`;
    return { kind: 'Version', text, ...v } as A.Version;
  });

const opt = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined });

export const usePath: fc.Arbitrary<A.UsePath> = fc.oneof(
  id.map((name) => ({ kind: 'LocalPath', name }) as unknown as A.UsePath),
  fc
    .record({ namespace: id, package: id, name: id, version: opt(version) })
    .map((p) => ({ kind: 'PackagePath', ...p }) as unknown as A.UsePath),
);

const primitives: A.PrimitiveName[] = ['bool', 'u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64', 'f32', 'f64', 'char', 'string', 'error-context'];

export const typeExpr: fc.Arbitrary<A.TypeExpr> = fc.letrec<{ t: A.TypeExpr }>((tie) => {
  const t = tie('t');
  return {
    t: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(...primitives).map((name) => ({ kind: 'Primitive', name }) as unknown as A.TypeExpr),
      id.map((name) => ({ kind: 'Named', name }) as unknown as A.TypeExpr),
      fc.record({ element: t, n: opt(fc.nat(1000)) }).map(
        ({ element, n }) => ({ kind: 'List', element, length: n === undefined ? undefined : { value: n } }) as unknown as A.TypeExpr,
      ),
      t.map((inner) => ({ kind: 'Option', inner }) as unknown as A.TypeExpr),
      fc.record({ ok: opt(t), err: opt(t) }).map((r) => ({ kind: 'Result', ...r }) as unknown as A.TypeExpr),
      fc.array(t, { maxLength: 3 }).map((types) => ({ kind: 'Tuple', types }) as unknown as A.TypeExpr),
      fc.record({ key: t, value: t }).map((m) => ({ kind: 'Map', ...m }) as unknown as A.TypeExpr),
      fc.record({ k: fc.constantFrom('Future', 'Stream'), payload: opt(t) }).map(
        ({ k, payload }) => ({ kind: k, payload }) as unknown as A.TypeExpr,
      ),
      fc.record({ handle: fc.constantFrom('own', 'borrow'), resource: id }).map((h) => ({ kind: 'Handle', ...h }) as unknown as A.TypeExpr),
    ),
  };
}).t;

const stringChars = fc.constantFrom('a', 'Z', ' ', '"', '\\', '\n', '\t', 'é', '😀', '\u202e', '\u0001', ':', '/');
const attribute: fc.Arbitrary<A.Attribute> = fc.oneof(
  version.map((v) => ({ kind: 'Since', version: v }) as unknown as A.Attribute),
  version.map((v) => ({ kind: 'Deprecated', version: v }) as unknown as A.Attribute),
  id.map((feature) => ({ kind: 'Unstable', feature }) as unknown as A.Attribute),
  fc.string({ unit: stringChars, maxLength: 6 }).map((value) => ({ kind: 'ExternalId', value }) as unknown as A.Attribute),
);
const attributes = fc.array(attribute, { maxLength: 2 });

const param = fc.record({ name: id, type: typeExpr }).map((p) => ({ kind: 'Param', ...p }) as unknown as A.Param);
const params = fc.array(param, { maxLength: 3 });
const funcType: fc.Arbitrary<A.FuncType> = fc
  .record({ async: fc.boolean(), params, result: opt(typeExpr) })
  .map((f) => ({ kind: 'FuncType', ...f }) as unknown as A.FuncType);

const useNames = fc.array(
  fc.record({ name: id, as: opt(id) }).map((n) => ({ kind: 'UseName', ...n }) as unknown as A.UseName),
  { maxLength: 3 },
);
const use = fc.record({ attributes, path: usePath, names: useNames }).map((u) => ({ kind: 'Use', ...u }) as unknown as A.Use);

const member: fc.Arbitrary<A.ResourceMember> = fc.oneof(
  fc.record({ attributes, params, result: opt(typeExpr) }).map((c) => ({ kind: 'Constructor', ...c }) as unknown as A.ResourceMember),
  fc.record({ attributes, name: id, static: fc.boolean(), func: funcType }).map((m) => ({ kind: 'Method', ...m }) as unknown as A.ResourceMember),
);

const typeDef: fc.Arbitrary<A.TypeDef> = fc.oneof(
  fc.record({ attributes, name: id, type: typeExpr }).map((t) => ({ kind: 'TypeAlias', ...t }) as unknown as A.TypeDef),
  fc
    .record({ attributes, name: id, fields: fc.array(fc.record({ name: id, type: typeExpr }).map((f) => ({ kind: 'Field', ...f })), { maxLength: 3 }) })
    .map((r) => ({ kind: 'Record', ...r }) as unknown as A.TypeDef),
  fc
    .record({ attributes, name: id, flags: fc.array(id.map((name) => ({ kind: 'Flag', name })), { maxLength: 3 }) })
    .map((r) => ({ kind: 'Flags', ...r }) as unknown as A.TypeDef),
  fc
    .record({ attributes, name: id, cases: fc.array(fc.record({ name: id, type: opt(typeExpr) }).map((c) => ({ kind: 'VariantCase', ...c })), { maxLength: 3 }) })
    .map((r) => ({ kind: 'Variant', ...r }) as unknown as A.TypeDef),
  fc
    .record({ attributes, name: id, cases: fc.array(id.map((name) => ({ kind: 'EnumCase', name })), { maxLength: 3 }) })
    .map((r) => ({ kind: 'Enum', ...r }) as unknown as A.TypeDef),
  fc.record({ attributes, name: id, members: opt(fc.array(member, { maxLength: 3 })) }).map((r) => ({ kind: 'Resource', ...r }) as unknown as A.TypeDef),
);

const interfaceItem: fc.Arbitrary<A.InterfaceItem> = fc.oneof(
  typeDef,
  use,
  fc.record({ attributes, name: id, func: funcType }).map((f) => ({ kind: 'FuncItem', ...f }) as unknown as A.InterfaceItem),
);
const interfaceItems = fc.array(interfaceItem, { maxLength: 4 });

const externItem: fc.Arbitrary<A.ExternItem> = fc.oneof(
  usePath.map((path) => ({ kind: 'ExternPath', path }) as unknown as A.ExternItem),
  fc.record({ name: id, func: funcType }).map((f) => ({ kind: 'ExternFunc', ...f }) as unknown as A.ExternItem),
  fc.record({ name: id, items: interfaceItems }).map((i) => ({ kind: 'ExternInterface', ...i }) as unknown as A.ExternItem),
  fc.record({ label: id, path: usePath }).map((i) => ({ kind: 'ExternImplements', ...i }) as unknown as A.ExternItem),
);

const worldItem: fc.Arbitrary<A.WorldItem> = fc.oneof(
  fc.record({ attributes, item: externItem }).map((i) => ({ kind: 'Import', ...i }) as unknown as A.WorldItem),
  fc.record({ attributes, item: externItem }).map((i) => ({ kind: 'Export', ...i }) as unknown as A.WorldItem),
  fc
    .record({ attributes, path: usePath, with: fc.array(fc.record({ name: id, as: id }).map((n) => ({ kind: 'IncludeName', ...n })), { maxLength: 2 }) })
    .map((i) => ({ kind: 'Include', ...i }) as unknown as A.WorldItem),
  use,
  typeDef,
);

const packageName = fc
  .record({ namespace: id, name: id, version: opt(version) })
  .map((p) => ({ kind: 'PackageName', ...p }) as unknown as A.PackageName);

const inner: fc.Arbitrary<A.Interface | A.World | A.TopLevelUse> = fc.oneof(
  fc.record({ attributes, name: id, items: interfaceItems }).map((i) => ({ kind: 'Interface', ...i }) as unknown as A.Interface),
  fc.record({ attributes, name: id, items: fc.array(worldItem, { maxLength: 4 }) }).map((w) => ({ kind: 'World', ...w }) as unknown as A.World),
  fc.record({ attributes: fc.constant([]), path: usePath, as: opt(id) }).map((u) => ({ kind: 'TopLevelUse', ...u }) as unknown as A.TopLevelUse),
);

const topItem: fc.Arbitrary<A.TopLevelItem> = fc.oneof(
  { arbitrary: inner, weight: 4 },
  {
    arbitrary: fc
      .record({ attributes: fc.constant([]), name: packageName, items: fc.array(inner, { maxLength: 2 }) })
      .map((p) => ({ kind: 'NestedPackage', ...p }) as unknown as A.NestedPackage),
    weight: 1,
  },
);

/** A file tree (package header optional). */
export const file = fc
  .record({
    package: opt(packageName.map((name) => ({ kind: 'PackageDecl', attributes: [], name }) as unknown as A.PackageDecl)),
    items: fc.array(topItem, { maxLength: 4 }),
  })
  .map((f) => ({ kind: 'File', ...f }) as unknown as A.File);
