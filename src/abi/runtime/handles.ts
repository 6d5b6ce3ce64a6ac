/**
 * The instance's `handles` table and the handle operations of the value layer (CanonicalABI.md, "Table State",
 * "Resource State", `lift_own`/`lift_borrow`/`lower_own`/`lower_borrow`, `lift_error_context`, and the
 * `resource.new`/`resource.rep`/`resource.drop` built-ins).
 */
import { trap } from './trap.js';

/** Maximum number of table entries (`Table.MAX_LENGTH`). */
export const MAX_TABLE_LENGTH = 2 ** 28 - 1;

/**
 * A runtime resource type. Identity matters: handles carry a reference and `lift_*` compare by identity.
 * `impl` is the identity of the instance that implements the resource (compared with the context's `instance`).
 */
export class ResourceType {
  constructor(
    readonly name: string,
    readonly impl: object | null = null,
    readonly dtor: ((rep: number) => void) | null = null,
  ) {}
}

/** A borrow scope of a task that lowered borrowed handles (`Task.num_borrows`). */
export interface BorrowScope {
  numBorrows: number;
}

/** An element of the handles table that refers to a resource (`ResourceHandle`). */
export class ResourceHandle {
  /** Live borrows lent out from this handle (`num_lends`). */
  lends = 0;

  constructor(
    readonly rt: ResourceType,
    readonly rep: number,
    readonly own: boolean,
    readonly scope: BorrowScope | null = null,
  ) {}
}

/** An error-context value: the handles table stores it directly. */
export class ErrorContext {
  constructor(readonly message: string) {}
}

/** A growable table of handles; index 0 is reserved, freed slots are reused last-freed-first (`Table`). */
export class HandleTable {
  /** Slot `i` holds the element of handle index `i`, or `null`. */
  readonly array: unknown[] = [null];
  /** Free slots; the next `add` reuses the last one. */
  readonly free: number[] = [];

  /** `Table.get`: trap when `i` is out of range or a hole. */
  get(i: number): unknown {
    if (i >= this.array.length) trap('invalid_handle_index', `handle index ${i} is out of range`);
    const e = this.array[i];
    if (e === null || e === undefined) trap('invalid_handle_index', `handle index ${i} is not in use`);
    return e;
  }

  /** `Table.add`: the index of the new element. */
  add(e: unknown): number {
    const reused = this.free.pop();
    if (reused !== undefined) {
      this.array[reused] = e;
      return reused;
    }
    const i = this.array.length;
    if (i > MAX_TABLE_LENGTH) trap('table_full', 'the handles table is full');
    this.array.push(e);
    return i;
  }

  /** `Table.remove`: take the element out and free its slot. */
  remove(i: number): unknown {
    const e = this.get(i);
    this.array[i] = null;
    this.free.push(i);
    return e;
  }
}

/** The part of the lift/lower context that handle operations need. */
export interface HandleContext {
  readonly handles: HandleTable;
  /** Identity of the instance the code runs for (compared with `ResourceType.impl`). */
  readonly instance: object;
  /** The task that lowers borrowed handles (`cx.borrow_scope` when lowering). */
  borrowScope: BorrowScope;
  /** Handles lent by lifting borrows (`Subtask.lenders`); `endLends` returns them. */
  readonly lenders: ResourceHandle[];
  /** Resource types by the identity keys used in `AbiType`. */
  readonly resources: Record<string, ResourceType>;
}

/** Look up the resource type of a key used in generated code. */
export function resourceType(cx: HandleContext, key: string): ResourceType {
  const rt = cx.resources[key];
  if (!rt) throw new TypeError(`unknown resource type ${JSON.stringify(key)}`);
  return rt;
}

function asResource(e: unknown, i: number): ResourceHandle {
  if (!(e instanceof ResourceHandle)) trap('not_a_resource_handle', `handle ${i} is not a resource handle`);
  return e;
}

/** `lift_own`: remove the handle and return its rep. */
export function liftOwn(cx: HandleContext, i: number, rt: ResourceType): number {
  const h = asResource(cx.handles.remove(i), i);
  if (h.rt !== rt) trap('resource_type_mismatch', `handle ${i} is a ${h.rt.name}, expected a ${rt.name}`);
  if (h.lends !== 0) trap('resource_lent', `own handle ${i} is lent out (${h.lends} borrows)`);
  if (!h.own) trap('not_an_own_handle', `handle ${i} is a borrow, expected an own handle`);
  return h.rep;
}

/** `lift_borrow`: read the rep and record the lend until `endLends`. */
export function liftBorrow(cx: HandleContext, i: number, rt: ResourceType): number {
  const h = asResource(cx.handles.get(i), i);
  if (h.rt !== rt) trap('resource_type_mismatch', `handle ${i} is a ${h.rt.name}, expected a ${rt.name}`);
  h.lends += 1;
  cx.lenders.push(h);
  return h.rep;
}

/** `lower_own`: insert an owning handle for `rep`. */
export function lowerOwn(cx: HandleContext, rep: number, rt: ResourceType): number {
  return cx.handles.add(new ResourceHandle(rt, rep, true));
}

/** `lower_borrow`: a borrow handle in the current borrow scope, or the rep itself for the implementing instance. */
export function lowerBorrow(cx: HandleContext, rep: number, rt: ResourceType): number {
  if (rt.impl === cx.instance) return rep;
  const h = new ResourceHandle(rt, rep, false, cx.borrowScope);
  cx.borrowScope.numBorrows += 1;
  return cx.handles.add(h);
}

/** `lift_error_context`. */
export function liftErrorContext(cx: HandleContext, i: number): ErrorContext {
  const e = cx.handles.get(i);
  if (!(e instanceof ErrorContext)) trap('not_an_error_context', `handle ${i} is not an error context`);
  return e;
}

/** `lower_error_context`. */
export function lowerErrorContext(cx: HandleContext, e: ErrorContext): number {
  if (!(e instanceof ErrorContext)) throw new TypeError('expected an ErrorContext');
  return cx.handles.add(e);
}

/** `Subtask.deliver_resolve`: give back every handle lent by lifted borrows. */
export function endLends(cx: HandleContext): void {
  for (const h of cx.lenders) h.lends -= 1;
  cx.lenders.length = 0;
}

/** `canon resource.new`. */
export function resourceNew(cx: HandleContext, rt: ResourceType, rep: number): number {
  return cx.handles.add(new ResourceHandle(rt, rep, true));
}

/** `canon resource.rep`. */
export function resourceRep(cx: HandleContext, rt: ResourceType, i: number): number {
  const h = asResource(cx.handles.get(i), i);
  if (h.rt !== rt) trap('resource_type_mismatch', `handle ${i} is a ${h.rt.name}, expected a ${rt.name}`);
  return h.rep;
}

/** `canon resource.drop`: remove the handle; run the destructor of an owned resource or end a borrow. */
export function resourceDrop(cx: HandleContext, rt: ResourceType, i: number): void {
  const h = asResource(cx.handles.remove(i), i);
  if (h.rt !== rt) trap('resource_type_mismatch', `handle ${i} is a ${h.rt.name}, expected a ${rt.name}`);
  if (h.lends !== 0) trap('resource_lent', `own handle ${i} is lent out (${h.lends} borrows)`);
  if (h.own) rt.dtor?.(h.rep);
  else if (h.scope) h.scope.numBorrows -= 1;
}

/** End of a task: trap when borrowed handles were not dropped (`Task.return_`'s `num_borrows` check). */
export function endBorrowScope(cx: HandleContext): void {
  if (cx.borrowScope.numBorrows > 0)
    trap('borrows_outstanding', `${cx.borrowScope.numBorrows} borrowed handles were not dropped`);
}
