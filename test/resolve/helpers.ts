import { loadSources, type LoadOptions, type LoadResult } from '../../src/resolve/index.js';
import { renderReference } from '../../src/diagnostics/render.js';

/** Loads one in-memory file `t.wit`. */
export function load(text: string, options?: LoadOptions): LoadResult {
  return loadSources({ 't.wit': text }, 't.wit', options);
}

/** The first error rendered like wit-parser: message and `line:col`. */
export function firstError(r: LoadResult): string | undefined {
  const d = r.diagnostics.find((x) => x.severity === 'error');
  if (!d) return undefined;
  const text = renderReference(d);
  const loc = /--> [^\n]*:(\d+:\d+)/.exec(text);
  const message = [...(d.context ?? []), d.message].join(': ');
  return loc ? `${message} @${loc[1]}` : message;
}

export function json(r: LoadResult): unknown {
  if (!r.resolve) throw new Error(`load failed: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  return r.resolve;
}
