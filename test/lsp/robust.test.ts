/**
 * Properties of the analyses behind the server, in process, on mutated WIT (truncated, cut, spliced with stray
 * tokens): nothing throws, and the answers are consistent — spans inside the text, definitions that name their
 * symbol, semantic tokens sorted and disjoint, renames that edit exactly the references.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { complete } from '../../src/lsp/analysis/complete.js';
import { definition, hover, prepareRename, references, rename } from '../../src/lsp/analysis/navigate.js';
import { foldingRanges, outline, semanticTokens } from '../../src/lsp/analysis/outline.js';
import { Workspace } from '../../src/lsp/workspace.js';
import { memoryHost } from '../../src/resolve/host.js';

const LIB = `package t:lib@1.0.0;
interface types {
  /// An id.
  type id = u64;
  record entry { key: id, value: list<u8> }
  resource bucket { constructor(n: string); get: func(k: borrow<bucket>) -> option<entry>; }
}
`;

const SEEDS = [
  readFileSync('wit-examples/hello.wit', 'utf8'),
  `package t:main;

interface api {
  use t:lib/types@1.0.0.{id, entry as e, bucket};
  variant shape { circle(f32), none }
  flags perms { read, write }
  enum color { red, green }
  get: func(x: id, b: own<bucket>) -> result<e, string>;
}

world w {
  import api;
  import t:lib/types@1.0.0;
  export run: async func(s: stream<u8>, f: future) -> tuple<u8, map<string, id>>;
  import inline: interface { use api.{shape}; g: func(s: shape); }
  include other with { run as run2 }
}

world other { export run: func(); }
package t:nested { interface n { type x = u8; } }
`,
];

const STRAYS = ['{', '}', ';', '<', '>', '(', ')', ':', '/', '@', '.', ',', 'use ', 'interface ', '%', '"', '/*', '///', '->', 'type x = ', '🎉', '\u0000', '\r\n'];

/** A seed mutated by a list of edits (positions are fractions of the current length). */
const mutated = fc
  .tuple(
    fc.constantFrom(...SEEDS),
    fc.array(
      fc.oneof(
        fc.record({ op: fc.constant('cut' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), len: fc.nat(40) }),
        fc.record({ op: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.constantFrom(...STRAYS) }),
        fc.record({ op: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
      ),
      { maxLength: 4 },
    ),
  )
  .map(([seed, edits]) => {
    let text = seed;
    for (const e of edits) {
      const i = Math.floor(e.at * text.length);
      if (e.op === 'cut') text = text.slice(0, i) + text.slice(i + e.len);
      else if (e.op === 'insert') text = text.slice(0, i) + e.text + text.slice(i);
      else text = text.slice(0, i);
    }
    return text;
  });

function analyse(text: string, offsets: readonly number[]): void {
  const ws = new Workspace({ host: memoryHost({ '/p/deps/lib/lib.wit': LIB, '/p/other.wit': 'interface helper { type h = string; }\n' }) });
  const path = '/p/main.wit';
  const roots = ws.setDocument(path, text, 1);
  expect(roots).toEqual(['/p']);
  const check = ws.check('/p');
  for (const [, diags] of check.byFile) for (const d of diags) if (d.span) expect(d.span.end).toBeLessThanOrEqual(d.span.source.text.length);
  const index = ws.index('/p');
  const file = ws.parsed(path)!.file;
  for (const occ of index.occurrences(path)) {
    expect(occ.span.start).toBeGreaterThanOrEqual(0);
    expect(occ.span.end).toBeLessThanOrEqual(text.length);
  }
  const tokens = semanticTokens(index, file);
  for (let i = 0; i < tokens.length; i++) {
    expect(tokens[i]!.start).toBeLessThan(tokens[i]!.end);
    if (i > 0) expect(tokens[i - 1]!.end).toBeLessThanOrEqual(tokens[i]!.start);
  }
  for (const f of foldingRanges(file)) expect(f.start).toBeLessThanOrEqual(f.end);
  outline(index, path);
  for (const frac of offsets) {
    const offset = Math.floor(frac * (text.length + 1));
    hover(index, path, offset);
    complete(index, file, offset);
    const def = definition(index, path, offset);
    if (def) {
      const sym = [...index.symbols.values()].find((s) => s.span === def);
      expect(sym).toBeDefined();
      if (sym!.kind !== 'package' && sym!.kind !== 'constructor') expect(def.source.text.slice(def.start, def.end).replace(/^%/, '')).toBe(sym!.name);
    }
    const refs = references(index, path, offset, true);
    const prep = prepareRename(index, path, offset);
    if (!('error' in prep)) {
      const r = rename(index, path, offset, 'fresh-name-x');
      if ('edits' in r) expect(r.edits.map((e) => e.span)).toEqual(refs);
    }
  }
}

describe('analyses on mutated WIT', () => {
  test('the seeds themselves', () => {
    for (const seed of SEEDS) analyse(seed, [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1]);
  });

  test('never throw and stay consistent', () => {
    fc.assert(
      fc.property(mutated, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 12 }), (text, offsets) => {
        analyse(text, offsets);
      }),
      { numRuns: 300 },
    );
  });

  test('every offset of the main seed', () => {
    const text = SEEDS[1]!;
    const offsets = Array.from({ length: text.length + 1 }, (_, i) => i / (text.length + 1));
    analyse(text, offsets);
  });
});
