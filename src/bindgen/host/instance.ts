/**
 * The component instance rules of the canonical ABI as the generated host bindings apply them
 * (CanonicalABI.md, "Component Instances", `Store.lift`, `canon_lower`, `LiftLowerContext.reallocate`, `canon_lift`'s
 * post-return, and the Explainer's component invariants):
 *
 * - **Lockdown**: once a call traps, the instance is unusable. Every later call into it (an export, a resource
 *   method or constructor, dropping one of its resources) throws a `Trap` of kind `instance_trapped` whose `cause`
 *   is the first trap.
 * - **`may_enter`**: a call into the instance while it runs (for example from inside a host import) traps
 *   (`reentrance`).
 * - **`may_leave`**: while `cabi_realloc` or a `cabi_post_*` function runs, calling an import or the
 *   `resource.new`/`resource.drop` built-ins traps (`may_not_leave`).
 *
 * An error leaving a host import (other than a `result`'s `err`) traps the instance, since it unwinds the guest.
 */
import * as abi from '../../abi/runtime/index.js';
import type { HandleContext, ResourceType } from '../../abi/runtime/index.js';

/** The per-instance state behind those rules (`ComponentInstance.may_enter` / `may_leave`, plus the first trap). */
export class ComponentInstance {
  /** False while a call runs in the instance, and for good once it trapped. */
  mayEnter = true;
  /** False while `cabi_realloc` or a post-return function runs, and for good once the instance trapped. */
  mayLeave = true;
  /** True once the instance trapped. */
  trapped = false;
  /** What trapped it (a `Trap`, a `WebAssembly.RuntimeError`, or whatever a host import threw). */
  cause: unknown = undefined;
}

/** Lock the instance down because of `e` (the first cause wins); returns `e` so callers can `throw trapInstance(…)`. */
export function trapInstance(inst: ComponentInstance, e: unknown): unknown {
  if (!inst.trapped) {
    inst.trapped = true;
    inst.cause = e;
    inst.mayEnter = false;
    inst.mayLeave = false;
  }
  return e;
}

function describe(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  try {
    return String(e);
  } catch {
    return 'a value that cannot be printed';
  }
}

/** The `instance_trapped` error for a call (`what`) into an instance that trapped earlier. */
export function trappedError(inst: ComponentInstance, what: string): abi.Trap {
  const t = new abi.Trap(
    'instance_trapped',
    `cannot call ${what}: the component instance trapped earlier (${describe(inst.cause)}) and can no longer be used`,
  );
  Object.defineProperty(t, 'cause', { value: inst.cause, enumerable: false, writable: true, configurable: true });
  return t;
}

/** Throw the `instance_trapped` error for `what`. */
export function throwTrapped(inst: ComponentInstance, what: string): never {
  throw trappedError(inst, what);
}

/**
 * Called when `may_enter` is false on entry to `what`: throws `instance_trapped` after a trap, otherwise this is
 * reentrance, which traps (and locks the instance down).
 */
export function enterFailed(inst: ComponentInstance, what: string): never {
  if (inst.trapped) throwTrapped(inst, what);
  const t = new abi.Trap(
    'reentrance',
    `cannot call ${what}: the component instance is already running a call (reentrance, for example from inside a host import)`,
  );
  throw trapInstance(inst, t);
}

/** Called when `may_leave` is false on a call to the import or built-in `what`: traps (`may_not_leave`). */
export function leaveFailed(inst: ComponentInstance, what: string): never {
  if (inst.trapped) throwTrapped(inst, what);
  const t = new abi.Trap(
    'may_not_leave',
    `the guest called ${what} while it may not leave the instance (during cabi_realloc or a post-return function)`,
  );
  throw trapInstance(inst, t);
}

/**
 * The error an export call ends with. Before the core function was called (`entered` false), a `TypeError` is the
 * host's own argument not fitting the WIT type: the guest's state is intact, the instance stays usable. Anything
 * else (a trap while lowering or lifting, a core trap, an error a host import threw through the guest) traps it.
 */
export function exportFailed(inst: ComponentInstance, e: unknown, entered: boolean): unknown {
  if (!entered && !inst.trapped && e instanceof TypeError) {
    inst.mayEnter = true;
    return e;
  }
  return trapInstance(inst, e);
}

/** `cabi_realloc` wrapped so that `may_leave` is false while it runs. */
export function guardRealloc(
  inst: ComponentInstance,
  realloc: (a: any, b: any, c: any, d: any) => any,
): (a: any, b: any, c: any, d: any) => any {
  return (a, b, c, d) => {
    inst.mayLeave = false;
    const p = realloc(a, b, c, d);
    inst.mayLeave = true;
    return p;
  };
}

/** `canon resource.new` with its `may_leave` check. */
export function resourceNewBuiltin(
  inst: ComponentInstance,
  cx: HandleContext,
  t: ResourceType,
  rep: number,
  what: string,
): number {
  if (!inst.mayLeave) leaveFailed(inst, what);
  return abi.resourceNew(cx, t, rep);
}

/** `canon resource.drop` with its `may_leave` check; a trap (or a throwing host `[Symbol.dispose]`) locks it down. */
export function resourceDropBuiltin(
  inst: ComponentInstance,
  cx: HandleContext,
  t: ResourceType,
  i: number,
  what: string,
): void {
  if (!inst.mayLeave) leaveFailed(inst, what);
  try {
    abi.resourceDrop(cx, t, i);
  } catch (e) {
    throw trapInstance(inst, e);
  }
}

/** `canon resource.rep` (no `may_leave` check in the spec); a trap locks the instance down. */
export function resourceRepBuiltin(inst: ComponentInstance, cx: HandleContext, t: ResourceType, i: number): number {
  try {
    return abi.resourceRep(cx, t, i);
  } catch (e) {
    throw trapInstance(inst, e);
  }
}
