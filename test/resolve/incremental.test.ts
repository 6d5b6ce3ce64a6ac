/**
 * Incremental loading (`LoadOptions.cache`): unchanged files are not parsed again, unchanged packages are not
 * resolved or linked again when nothing before them changed, and every result equals a fresh load's.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LoadCache, loadSources, resolveToJson, type LoadResult } from '../../src/resolve/index.js';
import { parse } from '../../src/syntax/index.js';
import { renderReference } from '../../src/diagnostics/render.js';

const WASI = join(__dirname, '../../../shared/wit/wasi-0.3.0');

/** The WASI 0.3 packages as one directory package (`http`) with the others in `deps/`. */
function wasiFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const pkg of readdirSync(WASI).sort()) {
    const prefix = pkg === 'http' ? 'w/http' : `w/http/deps/${pkg}`;
    for (const f of readdirSync(join(WASI, pkg))) if (f.endsWith('.wit')) files[`${prefix}/${f}`] = readFileSync(join(WASI, pkg, f), 'utf8');
  }
  return files;
}

/** A cache whose parser counts the files it parses (by path). */
function countingCache(): { cache: LoadCache; parsed: string[] } {
  const parsed: string[] = [];
  const cache = new LoadCache((text, path) => {
    parsed.push(path);
    return parse(text, path);
  });
  return { cache, parsed };
}

/** Everything observable about a load: the JSON (or none), the main ids and the rendered diagnostics. */
function observe(r: LoadResult): unknown {
  return {
    json: r.resolve ? resolveToJson(r.resolve) : undefined,
    main: r.main,
    diagnostics: r.diagnostics.map((d) => [...(d.context ?? []), renderReference(d)].join('\n')),
  };
}

/** Appends a type to the last interface of a file. */
function edit(text: string, line: string): string {
  const at = text.lastIndexOf('}');
  return `${text.slice(0, at)}  ${line}\n${text.slice(at)}`;
}

describe('incremental loading', () => {
  const base = wasiFiles();
  const rootFile = 'w/http/types.wit';
  const depFile = 'w/http/deps/clocks/types.wit';

  it('parses every file once, then only the edited file', () => {
    const { cache, parsed } = countingCache();
    const first = loadSources(base, 'w/http', { cache });
    expect(first.resolve).toBeDefined();
    expect([...parsed].sort()).toEqual(Object.keys(base).sort());
    parsed.length = 0;
    const again = loadSources(base, 'w/http', { cache });
    expect(parsed).toEqual([]);
    expect(observe(again)).toEqual(observe(first));
    const edited = { ...base, [rootFile]: edit(base[rootFile]!, 'type extra-alias = u32;') };
    const after = loadSources(edited, 'w/http', { cache });
    expect(parsed).toEqual([rootFile]);
    expect(observe(after)).toEqual(observe(loadSources(edited, 'w/http')));
  });

  it('re-resolves and re-links only the edited root package, not its dependencies', () => {
    const { cache } = countingCache();
    loadSources(base, 'w/http', { cache });
    const packages = cache.stats.packagesLinked;
    expect(packages).toBe(6);
    const resolvedBefore = cache.stats.packagesResolved;
    const edited = { ...base, [rootFile]: edit(base[rootFile]!, 'type extra-alias = u32;') };
    const r = loadSources(edited, 'w/http', { cache });
    expect(r.resolve).toBeDefined();
    // `wasi:http` is appended last (it depends on every other package): only it is resolved and linked again.
    expect(cache.stats.packagesResolved - resolvedBefore).toBe(1);
    expect(cache.stats.packagesLinked - packages).toBe(1);
    expect(observe(r)).toEqual(observe(loadSources(edited, 'w/http')));
  });

  it('an edit in a dependency re-links that package and those after it, with fresh-load results', () => {
    const { cache, parsed } = countingCache();
    const first = loadSources(base, 'w/http', { cache });
    parsed.length = 0;
    const linked = cache.stats.packagesLinked;
    const file = 'w/http/deps/random/random.wit';
    const edited = { ...base, [file]: edit(base[file]!, '/// extra\n  get-extra: func() -> u64;') };
    const r = loadSources(edited, 'w/http', { cache });
    expect(parsed).toEqual([file]);
    // Packages appended before wasi:random are taken over; it and the packages after it are linked again.
    const names = first.resolve!.packages.map((p) => p.name.name);
    const position = names.indexOf('random');
    expect(position).toBeGreaterThan(0);
    expect(cache.stats.packagesLinked - linked).toBe(names.length - position);
    expect(observe(r)).toEqual(observe(loadSources(edited, 'w/http')));
    // And back to the original text: identical to the first load again.
    expect(observe(loadSources(base, 'w/http', { cache }))).toEqual(observe(loadSources(base, 'w/http')));
  });

  it('errors and recoveries give the same diagnostics as a fresh load', () => {
    const { cache } = countingCache();
    const variants = [
      base,
      { ...base, [rootFile]: edit(base[rootFile]!, 'type bad = no-such-type;') },
      { ...base, [rootFile]: edit(base[rootFile]!, 'type syntax = ;') },
      { ...base, [depFile]: edit(base[depFile]!, 'type bad = no-such-type;') },
      base,
      { ...base, [depFile]: edit(base[depFile]!, 'type fine = u8;') },
      { ...base, [depFile]: edit(base[depFile]!, 'type fine = u8;'), [rootFile]: edit(base[rootFile]!, 'type fine2 = u8;') },
      base,
    ];
    for (const files of variants) {
      for (const features of [undefined, ['x']]) {
        const options = features ? { features } : {};
        expect(observe(loadSources(files, 'w/http', { ...options, cache }))).toEqual(observe(loadSources(files, 'w/http', options)));
      }
    }
  });

  it('any sequence of edits to any files gives fresh-load results (property)', () => {
    const paths = Object.keys(base).sort();
    const edits = [
      (t: string) => edit(t, 'type p-alias = u32;'),
      (t: string) => edit(t, 'type p-bad = p-missing;'),
      (t: string) => edit(t, 'type p-syntax = ;'),
      (t: string) => `${t}\n// trailing comment\n`,
      (t: string) => t.replace('@since(version = 0.3.0)', '@unstable(feature = p-gate)'),
      (t: string) => t,
    ];
    const step = fc.record({ file: fc.nat(paths.length - 1), edit: fc.nat(edits.length - 1), revert: fc.boolean(), gate: fc.boolean() });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 6 }), (steps) => {
        const cache = new LoadCache();
        let files = { ...base };
        for (const s of steps) {
          const path = paths[s.file]!;
          files = { ...files, [path]: s.revert ? base[path]! : edits[s.edit]!(files[path]!) };
          const options = s.gate ? { features: ['p-gate'] } : {};
          expect(observe(loadSources(files, 'w/http', { ...options, cache }))).toEqual(observe(loadSources(files, 'w/http', options)));
        }
      }),
      { numRuns: 25 },
    );
  });

  it('nested packages and single files', () => {
    const { cache, parsed } = countingCache();
    const text = 'package a:b;\npackage a:c { interface i { type t = u8; } }\ninterface j { use a:c/i.{t}; type u = list<t>; }\n';
    const files = { 'f.wit': text };
    const first = loadSources(files, 'f.wit', { cache });
    expect(observe(first)).toEqual(observe(loadSources(files, 'f.wit')));
    expect(observe(loadSources(files, 'f.wit', { cache }))).toEqual(observe(first));
    expect(parsed).toEqual(['f.wit']);
    const changed = { 'f.wit': text.replace('type t = u8', 'type t = u16') };
    expect(observe(loadSources(changed, 'f.wit', { cache }))).toEqual(observe(loadSources(changed, 'f.wit')));
  });
});
