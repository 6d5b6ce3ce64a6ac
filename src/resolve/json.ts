/**
 * The JSON form of a `Resolve`, byte-identical to wit-parser's `serde_json::to_string_pretty(&resolve)`.
 * Objects are built with keys in serde's field order and optional members absent, then printed by
 * `JSON.stringify(…, null, 2)`, whose layout and string escaping match serde_json's pretty printer for this data.
 */
import type { Func, Resolve, Stability, Type, TypeDef, TypeDefKind, WorldItem, WorldItems } from './model.js';
import { semverToString } from './model.js';

type Json = null | string | number | Json[] | { [key: string]: Json };

/** Serialises the model exactly as wit-parser does (no trailing newline). */
export function resolveToJson(resolve: Resolve): string {
  const out = {
    worlds: resolve.worlds.map((w) => {
      const o: { [k: string]: Json } = {
        name: w.name,
        imports: worldItemsJson(w.imports),
        exports: worldItemsJson(w.exports),
        package: w.package ?? null,
      };
      addDocs(o, w.docs);
      addStability(o, w.stability);
      return o;
    }),
    interfaces: resolve.interfaces.map((i) => {
      const o: { [k: string]: Json } = {
        name: i.name,
        types: Object.fromEntries(i.types),
        functions: Object.fromEntries([...i.functions].map(([k, f]) => [k, funcJson(f)])),
      };
      addDocs(o, i.docs);
      addStability(o, i.stability);
      o.package = i.package ?? null;
      if (i.cloneOf !== undefined) o.clone_of = i.cloneOf;
      return o;
    }),
    types: resolve.types.map(typeDefJson),
    packages: resolve.packages.map((p) => {
      const o: { [k: string]: Json } = { name: packageName(p.name) };
      addDocs(o, p.docs);
      o.interfaces = Object.fromEntries(p.interfaces);
      o.worlds = Object.fromEntries(p.worlds);
      return o;
    }),
  };
  return JSON.stringify(out, null, 2);
}

function packageName(n: Resolve['packages'][number]['name']): string {
  return `${n.namespace}:${n.name}${n.version ? `@${semverToString(n.version)}` : ''}`;
}

function addDocs(o: { [k: string]: Json }, docs: string | undefined): void {
  if (docs !== undefined) o.docs = { contents: docs };
}

export function stabilityJson(s: Stability): Json {
  if (s.kind === 'stable') {
    const inner: { [k: string]: Json } = { since: semverToString(s.since) };
    if (s.deprecated) inner.deprecated = semverToString(s.deprecated);
    return { stable: inner };
  }
  const inner: { [k: string]: Json } = { feature: s.feature };
  if (s.deprecated) inner.deprecated = semverToString(s.deprecated);
  return { unstable: inner };
}

function addStability(o: { [k: string]: Json }, s: Stability | undefined): void {
  if (s) o.stability = stabilityJson(s);
}

function worldItemsJson(items: WorldItems): Json {
  const o: { [k: string]: Json } = {};
  for (const { key, item } of items.values()) {
    o['name' in key ? key.name : `interface-${key.interface}`] = worldItemJson(item);
  }
  return o;
}

function worldItemJson(item: WorldItem): Json {
  switch (item.tag) {
    case 'interface': {
      const inner: { [k: string]: Json } = { id: item.id };
      addStability(inner, item.stability);
      if (item.externalId !== undefined) inner.external_id = item.externalId;
      addDocs(inner, item.docs);
      return { interface: inner };
    }
    case 'function':
      return { function: funcJson(item.func) };
    case 'type':
      return { type: item.id };
  }
}

function typeJson(t: Type | null): Json {
  return t;
}

function funcJson(f: Func): Json {
  const kind: Json = 'resource' in f.kind ? { [f.kind.tag]: f.kind.resource } : f.kind.tag;
  const o: { [k: string]: Json } = {
    name: f.name,
    kind,
    params: f.params.map((p): Json => (p.name === '' ? { type: p.type } : { name: p.name, type: p.type })),
  };
  if (f.result !== undefined) o.result = f.result;
  addDocs(o, f.docs);
  addStability(o, f.stability);
  if (f.externalId !== undefined) o.external_id = f.externalId;
  return o;
}

function typeDefJson(t: TypeDef): Json {
  const o: { [k: string]: Json } = {
    name: t.name,
    kind: kindJson(t.kind),
    owner: t.owner === null ? null : 'interface' in t.owner ? { interface: t.owner.interface } : { world: t.owner.world },
  };
  addDocs(o, t.docs);
  addStability(o, t.stability);
  if (t.externalId !== undefined) o.external_id = t.externalId;
  return o;
}

function withDocs(o: { [k: string]: Json }, docs: string | undefined): Json {
  addDocs(o, docs);
  return o;
}

function kindJson(k: TypeDefKind): Json {
  switch (k.tag) {
    case 'type':
      return { type: typeJson(k.type) };
    case 'record':
      return { record: { fields: k.fields.map((f) => withDocs({ name: f.name, type: f.type }, f.docs)) } };
    case 'resource':
      return 'resource';
    case 'handle':
      return { handle: { [k.handle]: k.type } };
    case 'flags':
      return { flags: { flags: k.flags.map((f) => withDocs({ name: f.name }, f.docs)) } };
    case 'tuple':
      return { tuple: { types: k.types } };
    case 'variant':
      return { variant: { cases: k.cases.map((c) => withDocs({ name: c.name, type: c.type }, c.docs)) } };
    case 'enum':
      return { enum: { cases: k.cases.map((c) => withDocs({ name: c.name }, c.docs)) } };
    case 'option':
      return { option: k.type };
    case 'result':
      return { result: { ok: k.ok, err: k.err } };
    case 'list':
      return { list: k.type };
    case 'fixed-length-list':
      return { 'fixed-length-list': [k.type, k.size] };
    case 'map':
      return { map: [k.key, k.value] };
    case 'future':
      return { future: k.type };
    case 'stream':
      return { stream: k.type };
    case 'unknown':
      return 'unknown';
  }
}
