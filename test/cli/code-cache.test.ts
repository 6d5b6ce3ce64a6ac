import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheFileName, cacheKey, codeCacheDir, encodeCacheData, loadScript, readCacheData } from '../../src/cli/code-cache.js';

/** A script with a few functions, so that V8 has code to cache. */
function script(dir: string, factor = 2): string {
  const file = join(dir, 'script.cjs');
  writeFileSync(
    file,
    `'use strict';\nfunction scale(x) { return x * ${factor}; }\nfunction sum(xs) { let s = 0; for (const x of xs) s += scale(x); return s; }\nmodule.exports = { sum, dir: __dirname, req: typeof require('node:path').join };\n`,
  );
  return file;
}

function sumOf(loaded: { exports: unknown }): number {
  return (loaded.exports as { sum(xs: number[]): number }).sum([1, 2, 3]);
}

function fresh(): { dir: string; cache: string } {
  const dir = mkdtempSync(join(tmpdir(), 'witc-cc-'));
  return { dir, cache: join(dir, 'cache') };
}

describe('code cache folder', () => {
  const home = () => '/home/u';
  it('follows each platform’s convention', () => {
    expect(codeCacheDir({}, 'linux', home)).toBe(join('/home/u', '.cache', 'witc', 'v8'));
    expect(codeCacheDir({ XDG_CACHE_HOME: '/x' }, 'linux', home)).toBe(join('/x', 'witc', 'v8'));
    expect(codeCacheDir({ XDG_CACHE_HOME: 'relative' }, 'linux', home)).toBe(join('/home/u', '.cache', 'witc', 'v8'));
    expect(codeCacheDir({}, 'darwin', home)).toBe(join('/home/u', 'Library', 'Caches', 'witc', 'v8'));
    expect(codeCacheDir({ LOCALAPPDATA: 'C:\\L' }, 'win32', home)).toBe(join('C:\\L', 'witc', 'Cache', 'v8'));
    expect(codeCacheDir({}, 'win32', home)).toBe(join('/home/u', 'AppData', 'Local', 'witc', 'Cache', 'v8'));
  });
  it('can be moved or turned off', () => {
    expect(codeCacheDir({ WITC_CACHE_DIR: '/c' }, 'linux', home)).toBe(join('/c', 'v8'));
    expect(codeCacheDir({ WITC_CACHE_DIR: '' }, 'linux', home)).toBeUndefined();
    expect(codeCacheDir({ WITC_CACHE_DIR: '/c', NODE_DISABLE_COMPILE_CACHE: '1' }, 'linux', home)).toBeUndefined();
  });
  it('does not ask for the home folder when it need not', () => {
    const noHome = () => {
      throw new Error('home asked for');
    };
    expect(codeCacheDir({ XDG_CACHE_HOME: '/x' }, 'linux', noHome)).toBe(join('/x', 'witc', 'v8'));
    expect(codeCacheDir({ LOCALAPPDATA: 'C:\\L' }, 'win32', noHome)).toBe(join('C:\\L', 'witc', 'Cache', 'v8'));
  });
  it('is off when there is no home folder', () => {
    const noHome = () => {
      throw new Error('ENOENT: uv_os_homedir');
    };
    for (const platform of ['linux', 'darwin', 'win32']) expect(codeCacheDir({}, platform, noHome)).toBeUndefined();
  });
});

describe('loadScript', () => {
  it('runs the script as CommonJS, saves a cache once, and uses it the next time', () => {
    const { dir, cache } = fresh();
    const file = script(dir);
    const first = loadScript(file, cache, 'check');
    expect(first.cache).toBe('missing');
    expect(sumOf(first)).toBe(12);
    expect(first.exports).toMatchObject({ dir, req: 'function' });
    expect(first.save()).toBe(true);
    expect(first.save()).toBe(false);
    expect(readdirSync(cache)).toEqual([first.cacheFile!.slice(cache.length + 1)]);
    expect(first.cacheFile!.slice(cache.length + 1)).toMatch(/^check-[0-9a-f]{8}\.bin$/);

    const second = loadScript(file, cache, 'check');
    expect(second.cache).toBe('used');
    expect(sumOf(second)).toBe(12);
    expect(second.save()).toBe(false);
  });

  it('keeps one cache per label', () => {
    const { dir, cache } = fresh();
    const file = script(dir);
    loadScript(file, cache, 'check').save();
    expect(loadScript(file, cache, 'fmt').cache).toBe('missing');
  });

  it('ignores a damaged cache file (V8 would trust it and could abort) and replaces it', () => {
    const { dir, cache } = fresh();
    const file = script(dir);
    const first = loadScript(file, cache, 'check');
    first.save();
    const path = first.cacheFile!;
    const good = readFileSync(path);
    const damaged = [
      Buffer.from(good).fill(0x5a, good.length - 40, good.length - 30), // the data
      good.subarray(0, good.length - 7), // truncated
      good.subarray(0, 6), // shorter than the header
      Buffer.from(good).fill(0, 0, 4), // not a cache file
      Buffer.alloc(0),
    ];
    for (const bytes of damaged) {
      writeFileSync(path, bytes);
      const again = loadScript(file, cache, 'check');
      expect(again.cache).toBe('damaged');
      expect(sumOf(again)).toBe(12);
      expect(again.save()).toBe(true);
      expect(loadScript(file, cache, 'check').cache).toBe('used');
    }
  });

  it('makes a new cache when the script changes', () => {
    const { dir, cache } = fresh();
    const file = script(dir, 2);
    loadScript(file, cache, 'check').save();
    script(dir, 3); // same length, other code (and another modification time)
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const changed = loadScript(file, cache, 'check');
    expect(changed.cache).toBe('missing');
    expect(sumOf(changed)).toBe(18);
  });

  it('reports a cache that V8 rejects, and replaces it', () => {
    // V8 data made for another source (of another length), in a file with valid framing and key. (The script is
    // one this process has not compiled yet: V8 would take a compiled one from memory and not read the data.)
    const other = fresh();
    const otherFile = join(other.dir, 'other.cjs');
    writeFileSync(otherFile, 'module.exports = { f() { return 1; } };\n');
    const o = loadScript(otherFile, other.cache, 'check');
    o.save();
    const otherData = readCacheData(readFileSync(o.cacheFile!), keyOf(otherFile, 'check'))!;
    const { dir, cache } = fresh();
    const file = script(dir, 5);
    const key = keyOf(file, 'check');
    const path = join(cache, cacheFileName('check', key));
    mkdirSync(cache);
    writeFileSync(path, encodeCacheData(otherData, key));
    const first = loadScript(file, cache, 'check');
    expect(first.cacheFile).toBe(path);
    expect(first.cache).toBe('rejected');
    expect(sumOf(first)).toBe(30);
    expect(first.save()).toBe(true);
    expect(readCacheData(readFileSync(path), key)).not.toEqual(otherData);
  });

  it('runs without a cache when it is off or cannot be written', () => {
    const { dir } = fresh();
    const file = script(dir);
    const off = loadScript(file, undefined, 'check');
    expect(off.cache).toBe('off');
    expect(off.save()).toBe(false);
    // The cache folder would be inside a file.
    const blocked = loadScript(file, join(file, 'cache'), 'check');
    expect(blocked.cache).toBe('missing');
    expect(sumOf(blocked)).toBe(12);
    expect(blocked.save()).toBe(false);
  });

  it('leaves nothing behind when the cache file cannot be written', () => {
    const { dir, cache } = fresh();
    const file = script(dir, 4);
    const first = loadScript(file, cache, 'check');
    mkdirSync(first.cacheFile!, { recursive: true }); // a folder where the file would go
    expect(first.save()).toBe(false);
    expect(readdirSync(cache)).toEqual([first.cacheFile!.slice(cache.length + 1)]);
    expect(sumOf(first)).toBe(24);
  });

  it('removes this label’s caches untouched for a month, and nothing else', () => {
    const { dir, cache } = fresh();
    const file = script(dir);
    const first = loadScript(file, cache, 'check');
    first.save();
    const old = new Date(Date.now() - 40 * 24 * 3600 * 1000);
    const files = { oldCheck: 'check-00000000.bin', newCheck: 'check-11111111.bin', oldFmt: 'fmt-00000000.bin', oldTmp: 'check-22222222.bin.9.tmp' };
    for (const name of Object.values(files)) writeFileSync(join(cache, name), 'x');
    for (const name of [files.oldCheck, files.oldFmt, files.oldTmp]) utimesSync(join(cache, name), old, old);
    writeFileSync(first.cacheFile!, 'damaged');
    loadScript(file, cache, 'check').save();
    expect(readdirSync(cache).sort()).toEqual([first.cacheFile!.slice(cache.length + 1), files.newCheck, files.oldFmt].sort());
  });
});

function keyOf(file: string, label: string): string {
  const { size, mtimeMs } = statSync(file);
  return cacheKey(file, size, mtimeMs, label);
}

describe('cache file names', () => {
  it('depend on the whole key', () => {
    const a = cacheFileName('check', cacheKey('/a/cli-main.cjs', 10, 1, 'check'));
    expect(a).toBe(cacheFileName('check', cacheKey('/a/cli-main.cjs', 10, 1, 'check')));
    for (const other of [cacheKey('/b/cli-main.cjs', 10, 1, 'check'), cacheKey('/a/cli-main.cjs', 11, 1, 'check'), cacheKey('/a/cli-main.cjs', 10, 2, 'check')]) {
      expect(cacheFileName('check', other)).not.toBe(a);
    }
  });
});
