/**
 * The type half of a world's host bindings: one `export namespace` per module that owns types (interfaces and the
 * world), written with the shared mapping of src/bindgen/ts, resource instance and class interfaces, and the
 * world's `…Imports` / `…Exports` interfaces that type `instantiate`.
 */
import type { Func, TypeDef } from '../../resolve/model.js';
import { CodeWriter } from '../ts/writer.js';
import { propertyKey, quote } from '../ts/names.js';
import { ownedTypeIds, ownedBy, type ModuleNames, type ModuleOwner } from '../ts/modules.js';
import { tsParams, writeHelpers, writeTypes } from '../ts/declare.js';
import { helperDeclaration, paramsText, resultText, type Helper, type TypeContext } from '../ts/types.js';
import { ownerKey, type HostGroup, type HostPlan, type HostResource } from './plan.js';

/** A TypeContext writing inside `owner`'s namespace: other modules' types are `Namespace.Name`. */
export function namespaceContext(plan: HostPlan, owner: ModuleOwner): TypeContext & { names: ModuleNames } {
  const names = plan.registry.get(owner);
  return {
    resolve: plan.resolve,
    names,
    helper: (h) => names.helper(h),
    ref: (id) => qualifiedRef(plan, id, owner),
    errorContext: ERROR_CONTEXT,
  };
}

function qualifiedRef(plan: HostPlan, id: number, from: ModuleOwner | undefined): string {
  const def = plan.resolve.types[id]!;
  const owner = plan.registry.ownerOf(def);
  if (!owner) return 'unknown';
  const local = plan.registry.get(owner).types.get(id) ?? 'unknown';
  if (from !== undefined && ownedBy(def, from)) return local;
  const ns = plan.namespaces.get(ownerKey(owner));
  return ns === undefined ? 'unknown' : `${ns}.${local}`;
}

/**
 * The TS type of `error-context` in host bindings: the runtime's `ErrorContext` class, which is what lifting gives
 * and lowering takes (jco types it `number`, a handle index that means nothing to a host).
 */
export const ERROR_CONTEXT = 'rt.ErrorContext';

/** A TypeContext for top-level code: every named type is `Namespace.Name`; helpers are top-level aliases. */
export class TopContext implements TypeContext {
  readonly used = new Set<Helper>();
  readonly errorContext = ERROR_CONTEXT;
  constructor(private readonly plan: HostPlan) {}
  get resolve() {
    return this.plan.resolve;
  }
  ref(id: number): string {
    return qualifiedRef(this.plan, id, undefined);
  }
  helper(name: Helper): string {
    this.used.add(name);
    return name;
  }
}

/** The name of the class-side interface of resource `name` in a module (`CounterClass`, made unique). */
export function classInterfaceName(names: ModuleNames, name: string): string {
  const taken = new Set([...names.types.values(), ...names.cases.values()]);
  let n = `${name}Class`;
  for (let i = 1; taken.has(n); i++) n = `${name}Class$${i}`;
  return n;
}

/** Writes every namespace of the plan. */
export function writeNamespaces(w: CodeWriter, plan: HostPlan): void {
  for (const [key, ns] of plan.namespaces) {
    const owner: ModuleOwner = key.startsWith('i')
      ? { interface: Number(key.slice(1)) }
      : { world: Number(key.slice(1)) };
    const ctx = namespaceContext(plan, owner);
    const ids = ownedTypeIds(plan.resolve, owner);
    const docs = 'interface' in owner ? plan.resolve.interfaces[owner.interface]!.docs : plan.world.docs;
    w.blank();
    w.doc(docs, [`Types of \`${ctx.names.specifier}\`.`]);
    w.open(`export namespace ${ns} {`);
    const plain = ids.filter((id) => plan.resolve.types[id]!.kind.tag !== 'resource');
    writeTypes(w, ctx, plain, new Map(), { disposable: true });
    for (const id of ids) {
      const def = plan.resolve.types[id]!;
      if (def.kind.tag === 'resource') writeResourceTypes(w, plan, ctx, id, def);
    }
    writeHelpers(w, ctx.names);
    if (w.toString().endsWith('{\n')) w.line('// (no types)');
    w.close();
  }
}

function membersOf(plan: HostPlan, id: number): HostResource | undefined {
  for (const g of [...plan.imports, ...plan.exports]) for (const r of g.resources) if (r.id === id) return r;
  return undefined;
}

/** `interface Counter { methods; [Symbol.dispose] }` and `interface CounterClass { new(…); statics }`. */
function writeResourceTypes(
  w: CodeWriter,
  plan: HostPlan,
  ctx: TypeContext & { names: ModuleNames },
  id: number,
  def: TypeDef,
): void {
  const name = ctx.names.types.get(id)!;
  const res = membersOf(plan, id);
  const members = res?.members ?? [];
  const exported = plan.resourceSides.get(id) === 'export';
  w.blank();
  w.doc(def.docs, [
    exported
      ? 'A resource implemented by the component; dispose it to drop the handle.'
      : 'A resource the host implements.',
  ]);
  w.open(`export interface ${name} {`);
  for (const f of members) {
    if (f.kind.tag !== 'method' && f.kind.tag !== 'async-method') continue;
    const r = resultText(ctx, f);
    w.doc(f.docs, throwsDoc(r.throws));
    w.line(`${memberKey(res!.memberNames.get(f)!)}${paramsText(tsParams(ctx, f).slice(1))}: ${r.type};`);
  }
  w.line(exported ? '[Symbol.dispose](): void;' : '[Symbol.dispose]?(): void;');
  w.close();
  w.blank();
  w.doc(`The class of \`${name}\`: its constructor and static functions.`);
  w.open(`export interface ${classInterfaceName(ctx.names, name)} {`);
  const ctor = members.find((f) => f.kind.tag === 'constructor');
  if (ctor) {
    w.doc(ctor.docs, throwsDoc(resultText(ctx, ctor).throws));
    w.line(`new ${paramsText(tsParams(ctx, ctor))}: ${name};`);
  }
  for (const f of members) {
    if (f.kind.tag !== 'static' && f.kind.tag !== 'async-static') continue;
    const r = resultText(ctx, f);
    w.doc(f.docs, throwsDoc(r.throws));
    w.line(`${memberKey(res!.memberNames.get(f)!)}${paramsText(tsParams(ctx, f))}: ${r.type};`);
  }
  w.line(`readonly prototype: ${name};`);
  w.close();
}

function throwsDoc(throws: string | undefined): string[] {
  return throws === undefined ? [] : [`@throws the \`err\` payload of the result, of type \`${throws}\``];
}

/** The declared signature of a function as a method of an object type: `name(params): R;`. */
export function functionMember(ctx: TypeContext, name: string, f: Func): string {
  return `${memberKey(name)}${paramsText(tsParams(ctx, f))}: ${resultText(ctx, f).type};`;
}

/** A member key in an object type: quoted when bare it would mean something else (`new(…)` is a construct signature). */
export function memberKey(name: string): string {
  return name === 'new' ? quote(name) : propertyKey(name);
}

/** The reference to a resource's class-side interface from top-level code. */
export function classInterfaceRef(plan: HostPlan, id: number): string {
  const def = plan.resolve.types[id]!;
  const owner = plan.registry.ownerOf(def)!;
  const names = plan.registry.get(owner);
  return `${plan.namespaces.get(ownerKey(owner))}.${classInterfaceName(names, names.types.get(id)!)}`;
}

/** Writes `interface WorldImports { … }` and `interface WorldExports { … }`. */
export function writeWorldInterfaces(w: CodeWriter, plan: HostPlan, top: TopContext): void {
  w.blank();
  w.doc(undefined, [`What the host supplies to \`instantiate\`: imported interfaces keyed by unversioned name.`]);
  w.open(`export interface ${plan.importsType} {`);
  for (const g of plan.imports) writeGroupType(w, plan, top, g);
  w.close();
  w.blank();
  w.doc(undefined, ['The lifted exports of an instance.']);
  w.open(`export interface ${plan.exportsType} {`);
  for (const g of plan.exports) {
    if (g.interface === undefined) {
      for (const r of g.resources) w.line(`${propertyKey(r.className)}: ${classInterfaceRef(plan, r.id)};`);
      for (const f of g.free) {
        w.doc(f.docs);
        w.line(functionMember(top, g.freeNames.get(f)!.public, f));
      }
    } else {
      writeGroupType(w, plan, top, g);
      if (g.coreName.includes(':')) w.line(`${quote(g.coreName)}: ${plan.exportsType}[${quote(g.jsKey)}];`);
    }
  }
  w.close();
}

function writeGroupType(w: CodeWriter, plan: HostPlan, top: TopContext, g: HostGroup): void {
  if (g.interface === undefined && g.direction === 'import') {
    // World-level imported functions: `name: { default(…): R }`, as jco; resources under `$root`.
    for (const f of g.free) w.line(`${propertyKey(f.name)}: { ${functionMember(top, 'default', f)} };`);
    if (g.resources.length > 0) {
      w.open(`$root: {`);
      for (const r of g.resources) w.line(`${propertyKey(r.className)}: ${classInterfaceRef(plan, r.id)};`);
      w.close('};');
    }
    return;
  }
  w.open(`${quote(g.jsKey)}: {`);
  for (const r of g.resources) w.line(`${propertyKey(r.className)}: ${classInterfaceRef(plan, r.id)};`);
  for (const f of g.free) {
    w.doc(f.docs);
    w.line(functionMember(top, g.freeNames.get(f)!.public, f));
  }
  w.close('};');
}

/** The top-level helper aliases used by the world interfaces. */
export function writeTopHelpers(w: CodeWriter, top: TopContext): void {
  for (const h of ['Option', 'Result'] as const) {
    if (!top.used.has(h)) continue;
    w.blank();
    w.line(helperDeclaration(h, h));
  }
}
