/**
 * Traps: the canonical ABI's `trap_if` conditions surface as `Trap` errors with a stable `kind` naming the condition.
 */

/** The trap conditions of the canonical ABI's value layer (and the handle built-ins). */
export type TrapKind =
  | 'invalid_discriminant'
  | 'invalid_char'
  | 'invalid_string_encoding'
  | 'string_too_long'
  | 'list_too_long'
  | 'misaligned_pointer'
  | 'out_of_bounds'
  | 'invalid_handle_index'
  | 'resource_type_mismatch'
  | 'resource_lent'
  | 'not_an_own_handle'
  | 'not_a_resource_handle'
  | 'not_an_error_context'
  | 'table_full'
  | 'borrows_outstanding'
  // The component instance rules (`ComponentInstance.may_enter` / `may_leave`, the lockdown after a trap).
  | 'reentrance'
  | 'may_not_leave'
  | 'instance_trapped';

/** A canonical ABI trap. The guest is in an undefined state afterwards; the host must not call it again. */
export class Trap extends Error {
  /** Which `trap_if` condition fired. */
  readonly kind: TrapKind;

  constructor(kind: TrapKind, message: string) {
    super(`canonical ABI trap (${kind}): ${message}`);
    this.name = 'Trap';
    this.kind = kind;
  }
}

/** Throw a `Trap` (helper so that generated code stays short). */
export function trap(kind: TrapKind, message: string): never {
  throw new Trap(kind, message);
}
