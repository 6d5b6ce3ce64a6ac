/**
 * Loads the CLI's bundle (a CommonJS script) through V8's code cache, so that a `witc` run after the first one skips
 * compiling it: about 20 ms of a cold `witc check` on Node 20, where Node has no compile cache for ES modules.
 *
 * The cache of a command is written after its first run (V8 then includes every function that run compiled) to a
 * per-user cache folder, and reused while the bundle file, Node's version and the architecture are unchanged.
 * V8 trusts the bytes of a code cache (a damaged one can abort the process), so each file carries a CRC-32 of its
 * data and the exact key it was made for, and is ignored unless both match. Any problem with the cache (a folder
 * that cannot be created, a file that cannot be read or written) only means a run without it: never an error.
 *
 * Where: `$WITC_CACHE_DIR` when set (empty turns the cache off); otherwise `$XDG_CACHE_HOME/witc` or
 * `~/.cache/witc` (Linux and others), `~/Library/Caches/witc` (macOS), `%LOCALAPPDATA%\witc\Cache` (Windows); the
 * files go into its `v8/` folder. `NODE_DISABLE_COMPILE_CACHE=1`, Node's own switch, turns it off too.
 */
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join } from 'node:path';
import { Script } from 'node:vm';

/** What happened to the cache: none used (`off`), `used`, or `missing`/`rejected`/`damaged` (a new one is saved). */
export type CodeCacheState = 'off' | 'used' | 'missing' | 'rejected' | 'damaged';

export interface LoadedScript {
  /** The script's `module.exports`. */
  readonly exports: unknown;
  readonly cache: CodeCacheState;
  /** The cache file (undefined when the cache is off). */
  readonly cacheFile: string | undefined;
  /**
   * Writes the code cache when there was no usable one. Call it once the work is done: the cache then holds every
   * function compiled so far. Returns whether a file was written.
   */
  save(): boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The folder for witc's code caches, or undefined when caching is off (or there is no home folder to put it in). */
export function codeCacheDir(env: Env, platform: string, home: () => string): string | undefined {
  if (env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  const explicit = env.WITC_CACHE_DIR;
  if (explicit !== undefined) return explicit === '' ? undefined : join(explicit, 'v8');
  try {
    let base: string;
    if (platform === 'win32') base = join(env.LOCALAPPDATA || join(home(), 'AppData', 'Local'), 'witc', 'Cache');
    else if (platform === 'darwin') base = join(home(), 'Library', 'Caches', 'witc');
    // The XDG spec: a relative path in the variable is to be ignored.
    else base = join(env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : join(home(), '.cache'), 'witc');
    return join(base, 'v8');
  } catch {
    // `os.homedir()` throws when the user has no home folder.
    return undefined;
  }
}

const MAGIC = 0x31636377; // "wcc1", little-endian
const HEADER = 12; // magic, CRC-32 of the data, length of the key

/** The key a cache is made for: the script file (path, size, modification time), Node's version and the CPU. */
export function cacheKey(file: string, size: number, mtimeMs: number, label: string): string {
  return `${label}\n${file}\n${size}\n${mtimeMs}\n${process.version}\n${process.arch}`;
}

/** A short stable file name for a key (FNV-1a; the file holds the whole key, so a collision only misses). */
export function cacheFileName(label: string, key: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return `${label}-${(h >>> 0).toString(16).padStart(8, '0')}.bin`;
}

/** CRC-32 (zlib's, loaded only when a cache is read or written). */
function crc32(data: Uint8Array): number {
  const zlib = process.getBuiltinModule('node:zlib') as { crc32?: (d: Uint8Array) => number };
  if (typeof zlib.crc32 !== 'function') throw new Error('no zlib.crc32');
  return zlib.crc32(data) >>> 0;
}

/** The cached data in `bytes` when it is whole and made for `key`. */
export function readCacheData(bytes: Buffer, key: string): Buffer | undefined {
  if (bytes.length < HEADER || bytes.readUInt32LE(0) !== MAGIC) return undefined;
  const keyLength = bytes.readUInt32LE(8);
  if (HEADER + keyLength > bytes.length) return undefined;
  if (bytes.toString('utf8', HEADER, HEADER + keyLength) !== key) return undefined;
  const data = bytes.subarray(HEADER + keyLength);
  return data.length > 0 && crc32(data) === bytes.readUInt32LE(4) ? data : undefined;
}

/** The file contents for `data` made for `key`. */
export function encodeCacheData(data: Uint8Array, key: string): Buffer {
  const keyBytes = Buffer.from(key, 'utf8');
  const header = Buffer.alloc(HEADER);
  header.writeUInt32LE(MAGIC, 0);
  header.writeUInt32LE(crc32(data), 4);
  header.writeUInt32LE(keyBytes.length, 8);
  return Buffer.concat([header, keyBytes, data]);
}

/** Files of other keys older than this are removed when a new cache is written. */
const STALE_MS = 30 * 24 * 3600 * 1000;

/**
 * Loads `file`, a CommonJS script, with the code cache in `dir` (none when undefined). `label` names the cache (one
 * per command: each run's cache holds the functions that command compiled).
 */
export function loadScript(file: string, dir: string | undefined, label: string): LoadedScript {
  const fd = openSync(file, 'r');
  let source: string;
  let key = '';
  try {
    source = readFileSync(fd, 'utf8');
    const st = fstatSync(fd);
    key = cacheKey(file, st.size, st.mtimeMs, label);
  } finally {
    closeSync(fd);
  }
  const cacheFile = dir === undefined ? undefined : join(dir, cacheFileName(label, key));
  let state: CodeCacheState = 'off';
  let cachedData: Buffer | undefined;
  if (cacheFile !== undefined) {
    state = 'missing';
    try {
      cachedData = readCacheData(readFileSync(cacheFile), key);
      if (cachedData === undefined) state = 'damaged';
    } catch {
      // No cache yet (or unreadable): compile from source.
    }
  }
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new Script(wrapper, { filename: file, ...(cachedData ? { cachedData } : {}) });
  if (cachedData) state = script.cachedDataRejected ? 'rejected' : 'used';
  const module = { exports: {} as unknown };
  const fn = script.runInThisContext() as (e: unknown, r: NodeJS.Require, m: typeof module, f: string, d: string) => void;
  fn(module.exports, createRequire(file), module, file, dirname(file));

  let saved = false;
  const save = (): boolean => {
    if (saved || cacheFile === undefined || state === 'used' || state === 'off') return false;
    saved = true;
    // Written aside and renamed, so that a concurrent run never reads half a file.
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    try {
      // The folder first: where it cannot be made (a read-only home), the cache is not worth serializing.
      mkdirSync(dirname(cacheFile), { recursive: true, mode: 0o700 });
      writeFileSync(tmp, encodeCacheData(script.createCachedData(), key), { mode: 0o600 });
      renameSync(tmp, cacheFile);
    } catch {
      tryRemove(tmp);
      return false;
    }
    removeStale(dirname(cacheFile), cacheFile, `${label}-`);
    return true;
  };
  return { exports: module.exports, cache: state, cacheFile, save };
}

/**
 * Removes this command's other cache files (and leftovers of interrupted writes) when untouched for a month: they
 * were made for other versions of witc or Node.
 */
function removeStale(dir: string, keep: string, prefix: string): void {
  const now = Date.now();
  try {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (path === keep || !name.startsWith(prefix)) continue;
      try {
        if (now - statSync(path).mtimeMs > STALE_MS) tryRemove(path);
      } catch {
        // Removed by another run meanwhile.
      }
    }
  } catch {
    // A folder that cannot be listed keeps its files.
  }
}

function tryRemove(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Nothing to remove, or not ours to remove.
  }
}
