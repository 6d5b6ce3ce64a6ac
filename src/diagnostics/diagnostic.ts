import type { Span } from '../text/source.js';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A secondary location with its own short message (rendered under the primary snippet). */
export interface Label {
  readonly span: Span;
  readonly message: string;
}

/**
 * A diagnostic is plain data: stages create them, renderers (human, wasm-tools, JSON, LSP) turn them into text.
 *
 * `code` is stable across releases (see `codes.ts` and docs/diagnostics.md); `message` matches wit-parser's wording
 * where wit-parser has the same error, so that users (and the conformance suite) recognise it.
 */
export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** Primary location. Absent for errors about a whole package or load (wit-parser prints no snippet for those). */
  readonly span?: Span | undefined;
  readonly labels: readonly Label[];
  readonly notes: readonly string[];
  /**
   * Outer context layers, outermost first, as wit-parser chains them with ": "
   * (e.g. "failed to parse package: DIR"). Rendered only by the wasm-tools compatible renderer and in JSON.
   */
  readonly context?: readonly string[] | undefined;
}

export interface DiagnosticInit {
  code: string;
  message: string;
  span?: Span | undefined;
  severity?: Severity;
  labels?: readonly Label[];
  notes?: readonly string[];
  context?: readonly string[];
}

export function diagnostic(init: DiagnosticInit): Diagnostic {
  return {
    code: init.code,
    severity: init.severity ?? 'error',
    message: init.message,
    span: init.span,
    labels: init.labels ?? [],
    notes: init.notes ?? [],
    ...(init.context && init.context.length > 0 ? { context: init.context } : {}),
  };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Sort by file, then offset; stable for equal positions. Diagnostics without a span keep their relative order last. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => {
      const sa = a.d.span;
      const sb = b.d.span;
      if (!sa || !sb) return sa ? -1 : sb ? 1 : a.i - b.i;
      if (sa.source.path !== sb.source.path) return sa.source.path < sb.source.path ? -1 : 1;
      return sa.start - sb.start || a.i - b.i;
    })
    .map((x) => x.d);
}
