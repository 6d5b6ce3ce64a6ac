/**
 * `file:` URIs to '/'-separated paths and back, without Node APIs (the analysis runs in browsers too).
 * Other schemes (`untitled:`) are kept as they are: the URI itself serves as the path.
 */

/** The path of a `file:` URI (percent-decoded; `file:///c%3A/x` becomes `c:/x`), or the URI unchanged. */
export function uriToPath(uri: string): string {
  if (!uri.startsWith('file://')) return uri;
  let rest = uri.slice('file://'.length);
  const slash = rest.indexOf('/');
  const authority = slash === -1 ? rest : rest.slice(0, slash);
  rest = slash === -1 ? '/' : rest.slice(slash);
  let path = safeDecode(rest);
  if (/^\/[A-Za-z]:/.test(path)) path = path.slice(1);
  return authority && authority !== 'localhost' ? `//${authority}${path}` : path;
}

/** The `file:` URI of a path; a path that already is a non-file URI is returned unchanged. */
export function pathToUri(path: string): string {
  if (/^[A-Za-z][A-Za-z0-9+.-]+:/.test(path) && !/^[A-Za-z]:[\\/]/.test(path)) return path;
  const p = path.replace(/\\/g, '/');
  const abs = /^[A-Za-z]:/.test(p) ? `/${p}` : p;
  return 'file://' + abs.split('/').map(encodeURIComponent).join('/');
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The directory part of a '/'-separated path ('' for a bare name). */
export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? (i === 0 ? '/' : '') : path.slice(0, i);
}

/** The last segment of a '/'-separated path. */
export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
