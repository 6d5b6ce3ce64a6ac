/**
 * Declarations of a module's contents (types, resource classes, functions) as TypeScript text. Shared by the guest
 * generator (inside `declare module '…' { }`) and the host generator (ES module `.d.ts`/`.ts` files).
 */
import type { Func, TypeDef } from '../../resolve/model.js';
import { CodeWriter } from './writer.js';
import { Scope, camelCase, escapeReserved, RESERVED_WORDS, memberName, propertyKey, quote, typeName } from './names.js';
import {
  defText,
  isNullable,
  paramsText,
  resultText,
  typeText,
  helperDeclaration,
  type TsParam,
  type TypeContext,
} from './types.js';
import { ModuleNames, NameRegistry, memberWitName, ownedBy, type ModuleOwner, type FunctionName } from './modules.js';

/** Which side of the boundary a module's resources are seen from. */
export interface DeclareOptions {
  /** Declare `[Symbol.dispose](): void` on resource classes (the consumer side: guest imports, host exports). */
  readonly disposable: boolean;
  /**
   * Declare a resource without a WIT constructor with `constructor(...args: never[])` instead of
   * `private constructor()`, so that any class implementing it is assignable (the provider side: guest exports).
   */
  readonly openConstructor?: boolean | undefined;
}

/** The TypeContext for writing inside `owner`'s module. */
export function moduleContext(registry: NameRegistry, owner: ModuleOwner): TypeContext & { names: ModuleNames } {
  const names = registry.get(owner);
  const resolve = registry.resolve;
  return {
    resolve,
    names,
    helper: (h) => names.helper(h),
    ref(id: number): string {
      const def = resolve.types[id]!;
      const local = names.types.get(id);
      if (local !== undefined) return local;
      const ownerOf = registry.ownerOf(def);
      if (!ownerOf) return typeName(def.name ?? 't');
      if (ownedBy(def, owner)) return typeName(def.name ?? 't');
      const other = registry.get(ownerOf);
      return `import(${quote(other.specifier)}).${other.types.get(id) ?? typeName(def.name ?? 't')}`;
    },
  };
}

/** Named parameters of `func`: camelCase, keywords escaped with `_`, clashes with `$n`. */
export function tsParams(ctx: TypeContext, func: Func): TsParam[] {
  const scope = new Scope();
  return func.params.map((p) => ({
    name: scope.claim(escapeReserved(camelCase(p.name), RESERVED_WORDS)),
    type: typeText(ctx, p.type),
  }));
}

/** TSDoc extra lines describing how errors surface. */
function throwsDoc(throws: string | undefined): string[] {
  return throws === undefined ? [] : [`@throws the \`err\` payload of the result, of type \`${throws}\``];
}

/** Writes the declarations of every type of the module, then the helpers it used (collected while writing). */
export function writeTypes(
  w: CodeWriter,
  ctx: TypeContext & { names: ModuleNames },
  ids: readonly number[],
  members: Map<number, Func[]>,
  opts: DeclareOptions,
): void {
  for (const id of ids) {
    w.blank();
    writeType(w, ctx, id, members.get(id) ?? [], opts);
  }
}

/** Writes the helper aliases the module used so far. Call after everything else of the module has been written. */
export function writeHelpers(w: CodeWriter, names: ModuleNames): void {
  for (const h of ['Option', 'Result'] as const) {
    const local = names.helpers.get(h);
    if (local !== undefined) {
      w.blank();
      w.line(helperDeclaration(h, local));
    }
  }
}

function writeType(
  w: CodeWriter,
  ctx: TypeContext & { names: ModuleNames },
  id: number,
  members: Func[],
  opts: DeclareOptions,
): void {
  const def = ctx.resolve.types[id]!;
  const name = ctx.names.types.get(id) ?? typeName(def.name ?? 't');
  const k = def.kind;
  switch (k.tag) {
    case 'record': {
      w.doc(def.docs);
      if (k.fields.length === 0) {
        w.line(`export interface ${name} {}`);
        return;
      }
      w.open(`export interface ${name} {`);
      const scope = new Scope();
      for (const f of k.fields) {
        w.doc(f.docs);
        const key = propertyKey(scope.claim(camelCase(f.name)));
        if (isNullable(ctx.resolve, f.type)) w.line(`${key}?: ${typeText(ctx, f.type)};`);
        else w.line(`${key}: ${typeText(ctx, f.type)};`);
      }
      w.close();
      return;
    }
    case 'flags': {
      w.doc(def.docs);
      if (k.flags.length === 0) {
        w.line(`export interface ${name} {}`);
        return;
      }
      w.open(`export interface ${name} {`);
      const scope = new Scope();
      for (const f of k.flags) {
        w.doc(f.docs);
        w.line(`${propertyKey(scope.claim(camelCase(f.name)))}?: boolean;`);
      }
      w.close();
      return;
    }
    case 'variant': {
      w.doc(def.docs);
      const caseNames = k.cases.map((_, i) => ctx.names.cases.get(`${id}/${i}`) ?? `${name}Case${i}`);
      w.line(`export type ${name} = ${caseNames.length === 0 ? 'never' : caseNames.join(' | ')};`);
      k.cases.forEach((c, i) => {
        w.blank();
        w.doc(c.docs);
        w.open(`export interface ${caseNames[i]} {`);
        w.line(`tag: ${quote(c.name)};`);
        if (c.type !== null) w.line(`val: ${typeText(ctx, c.type)};`);
        w.close();
      });
      return;
    }
    case 'enum': {
      const caseDocs = k.cases
        .filter((c) => c.docs)
        .map((c) => `- \`${quote(c.name)}\`: ${c.docs!.replace(/\s*\n\s*/g, ' ')}`);
      w.doc(def.docs, caseDocs);
      w.line(`export type ${name} = ${defText(ctx, def)};`);
      return;
    }
    case 'resource':
      writeResource(w, ctx, def, name, members, opts);
      return;
    default:
      w.doc(def.docs);
      w.line(`export type ${name} = ${defText(ctx, def)};`);
  }
}

/** A resource as a class: constructor (or a private one), methods, statics, and optionally `[Symbol.dispose]`. */
function writeResource(
  w: CodeWriter,
  ctx: TypeContext,
  def: TypeDef,
  name: string,
  members: Func[],
  opts: DeclareOptions,
): void {
  w.doc(def.docs);
  w.open(`export class ${name} {`);
  const scope = new Scope();
  const ctor = members.find((f) => f.kind.tag === 'constructor');
  if (ctor) {
    const r = resultText(ctx, ctor);
    w.doc(ctor.docs, throwsDoc(r.throws));
    w.line(`constructor${paramsText(tsParams(ctx, ctor))};`);
  } else {
    w.line(opts.openConstructor ? 'constructor(...args: never[]);' : 'private constructor();');
  }
  for (const f of members) {
    if (f.kind.tag === 'constructor') continue;
    const isStatic = f.kind.tag === 'static' || f.kind.tag === 'async-static';
    const member = scope.claim(memberName(memberWitName(f), isStatic));
    const params = tsParams(ctx, f);
    // Methods take `self` implicitly: the model lists it as the first parameter.
    const shown = isStatic ? params : params.slice(1);
    const r = resultText(ctx, f);
    w.doc(f.docs, throwsDoc(r.throws));
    w.line(`${isStatic ? 'static ' : ''}${member}${paramsText(shown)}: ${r.type};`);
  }
  if (opts.disposable) w.line('[Symbol.dispose](): void;');
  w.close();
}

/**
 * Writes freestanding functions: `export function f(…): R;`, or for a name that is a keyword
 * `function delete_(…): R;` plus `export { delete_ as delete };`.
 */
export function writeFunctions(
  w: CodeWriter,
  ctx: TypeContext,
  funcs: readonly Func[],
  names: Map<Func, FunctionName>,
): void {
  for (const f of funcs) {
    const n = names.get(f)!;
    const r = resultText(ctx, f);
    w.blank();
    w.doc(f.docs, throwsDoc(r.throws));
    const sig = `${paramsText(tsParams(ctx, f))}: ${r.type};`;
    if (n.binding === n.public) {
      w.line(`export function ${n.binding}${sig}`);
    } else {
      w.line(`function ${n.binding}${sig}`);
      w.line(`export { ${n.binding} as ${n.public} };`);
    }
  }
}
