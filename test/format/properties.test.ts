/**
 * Properties of the formatter on generated WIT: valid packages (interfaces, type definitions, functions, resources,
 * worlds) laid out with random whitespace and comments between their tokens.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatText } from '../../src/format/index.js';
import { loadSources, resolveToJson } from '../../src/resolve/index.js';
import { fmt, shape } from './helpers.js';

const prims = ['u8', 'u16', 'u32', 'u64', 's8', 's32', 's64', 'f32', 'f64', 'bool', 'char', 'string'];
const word = fc.constantFrom('alpha', 'beta', 'gamma', 'delta', 'eps', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu');
/** Distinct kebab-case names (some written with a `%` escape). */
const names = (min: number, max: number) =>
  fc
    .uniqueArray(fc.tuple(word, fc.nat(20)), { minLength: min, maxLength: max, selector: ([w, n]) => `${w}${n}` })
    .chain((xs) => fc.tuple(fc.constant(xs.map(([w, n]) => `${w}${n}`)), fc.array(fc.boolean(), { minLength: xs.length, maxLength: xs.length })))
    .map(([xs, esc]) => xs.map((x, i) => ({ name: x, written: esc[i] ? `%${x}` : x })));

/** A type over primitives and the named types in scope, as chunks of text (no separators inside a chunk). */
function typeArb(scope: readonly string[]): fc.Arbitrary<string[]> {
  const leaf = fc.oneof(fc.constantFrom(...prims), ...(scope.length > 0 ? [fc.constantFrom(...scope)] : [])).map((t) => [t]);
  return fc.letrec<{ t: string[] }>((tie) => ({
    t: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      tie('t').map((t) => ['list', '<', ...t, '>']),
      tie('t').map((t) => ['option', '<', ...t, '>']),
      fc.tuple(tie('t'), tie('t')).map(([a, b]) => ['result', '<', ...a, ',', ...b, '>']),
      tie('t').map((t) => ['result', '<', '_', ',', ...t, '>']),
      fc.array(tie('t'), { minLength: 1, maxLength: 3 }).map((ts) => ['tuple', '<', ...ts.flatMap((t, i) => (i ? [',', ...t] : t)), '>']),
    ),
  })).t;
}

function commaList(items: string[][], open: string, close: string, trailing: boolean): string[] {
  const body = items.flatMap((it, i) => (i ? [',', ...it] : it));
  return [open, ...body, ...(trailing && items.length > 0 ? [','] : []), close];
}

const interfaceArb = fc
  .tuple(names(1, 6), fc.array(fc.nat(5), { minLength: 6, maxLength: 6 }), fc.boolean())
  .chain(([items, kinds, trailing]) => {
    const scope: string[] = [];
    const parts = items.map(({ written }, i) => {
      const here = [...scope];
      scope.push(written);
      const kind = kinds[i]! % 6;
      if (kind === 0) return typeArb(here).map((t) => ['type', written, '=', ...t, ';']);
      if (kind === 1) {
        return fc.array(typeArb(here), { minLength: 0, maxLength: 3 }).map((ts) =>
          ['record', written, ...commaList(ts.map((t, k) => [`f${k}`, ':', ...t]), '{', '}', trailing)]);
      }
      if (kind === 2) return fc.integer({ min: 1, max: 4 }).map((n) => ['enum', written, ...commaList([...Array(n).keys()].map((k) => [`c${k}`]), '{', '}', trailing)]);
      if (kind === 3) return fc.integer({ min: 0, max: 3 }).map((n) => ['flags', written, ...commaList([...Array(n).keys()].map((k) => [`b${k}`]), '{', '}', trailing)]);
      if (kind === 4) {
        return fc.array(fc.option(typeArb(here), { nil: undefined }), { minLength: 1, maxLength: 3 }).map((ts) =>
          ['variant', written, ...commaList(ts.map((t, k) => (t ? [`v${k}`, '(', ...t, ')'] : [`v${k}`])), '{', '}', trailing)]);
      }
      scope.pop();
      return fc.tuple(fc.array(typeArb(here), { maxLength: 4 }), fc.option(typeArb(here), { nil: undefined }), fc.boolean()).map(([ps, r, isAsync]) => [
        written,
        ':',
        ...(isAsync ? ['async'] : []),
        'func',
        ...commaList(ps.map((t, k) => [`p${k}`, ':', ...t]), '(', ')', trailing),
        ...(r ? ['->', ...r] : []),
        ';',
      ]);
    });
    return fc.tuple(...parts).map((ps) => ps.flat());
  });

/** A package: a header, one to three interfaces and a world importing and exporting them. */
const packageArb = fc
  .tuple(fc.array(interfaceArb, { minLength: 1, maxLength: 3 }), fc.boolean())
  .map(([ifaces, versioned]) => {
    const chunks = ['package', versioned ? 'test:pkg@1.2.3' : 'test:pkg', ';'];
    ifaces.forEach((body, i) => chunks.push('interface', `i${i}`, '{', ...body, '}'));
    chunks.push('world', 'w', '{', ...ifaces.flatMap((_, i) => [i % 2 ? 'export' : 'import', `i${i}`, ';']), 'import', 'f', ':', 'func', '(', ')', ';', '}');
    return chunks;
  });

const separators = [' ', '\n', '\n\n\n', '  \t', ' /* c */ ', ' // line\n', '\n/// doc\n', '\n// own\n\n', '/* a */', '\r\n', ' /* multi\n   line */ ', '\n/** doc\n */\n'];
/** Joins chunks with random whitespace and comments (at least one space where two words would merge). */
const layoutArb = packageArb.chain((chunks) =>
  fc.array(fc.constantFrom(...separators), { minLength: chunks.length, maxLength: chunks.length }).map((seps) =>
    chunks.map((c, i) => (i === 0 ? c : `${seps[i]}${c}`)).join('').replace(/\*\/(?=[\w%])/g, '*/ '),
  ),
);

function json(text: string): string | undefined {
  const r = loadSources({ 't.wit': text }, 't.wit');
  return r.resolve ? resolveToJson(r.resolve) : undefined;
}

describe('formatter properties on generated packages', () => {
  it('generated inputs parse and resolve (the generator is sound)', () => {
    fc.assert(
      fc.property(layoutArb, (text) => {
        expect(json(text)).toBeDefined();
      }),
      { numRuns: 50 },
    );
  });

  it('fmt(fmt(x)) == fmt(x)', () => {
    fc.assert(
      fc.property(layoutArb, fc.integer({ min: 20, max: 120 }), (text, width) => {
        const once = fmt(text, { width });
        expect(fmt(once, { width })).toBe(once);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the token sequence (trailing commas aside) and every comment in its gap', () => {
    fc.assert(
      fc.property(layoutArb, (text) => {
        expect(shape(fmt(text))).toEqual(shape(text));
      }),
      { numRuns: 300 },
    );
  });

  it('resolves to the same JSON as the input', () => {
    fc.assert(
      fc.property(layoutArb, (text) => {
        expect(json(fmt(text))).toBe(json(text));
      }),
      { numRuns: 150 },
    );
  });

  it('never throws on arbitrary text: formats it or refuses with diagnostics', () => {
    const alphabet = fc.constantFrom(...'abc:;{}()<>,.@/*%-_= \n\t"0123456789'.split(''), 'interface', 'func', 'record', '//', '/*', '*/', 'package');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }).map((xs) => xs.join('')), (text) => {
        const r = formatText(text, 'x.wit');
        if (r.text === undefined) expect(r.diagnostics.length).toBeGreaterThan(0);
        else expect(formatText(r.text, 'x.wit').text).toBe(r.text);
      }),
      { numRuns: 500 },
    );
  });
});
