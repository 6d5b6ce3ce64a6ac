/**
 * The grammar file itself: it is what editors/textmate/wit-grammar.ts generates, it is a valid TextMate grammar for
 * `source.wit`, and its keyword list is WIT's keyword list (ours in keywords.ts, and the lexer's once
 * src/syntax/tokens.ts exports one).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { witGrammarJson } from '../../editors/textmate/wit-grammar.js';
import { WIT_KEYWORDS } from './keywords.js';
import { grammarPath } from './textmate.js';

interface RawRule {
  match?: string;
  name?: string;
  include?: string;
  patterns?: RawRule[];
  repository?: Record<string, RawRule>;
}
const text = readFileSync(grammarPath(), 'utf8');
const grammar = JSON.parse(text) as RawRule & { scopeName: string; repository: Record<string, RawRule> };

/** The words of the first `(?:a|b\-c|…)` alternation found in `regex` after `marker`. */
function alternationAfter(regex: string, marker: string): string[] {
  const at = regex.indexOf(marker);
  if (at < 0) return [];
  const m = /^\(\?:((?:[A-Za-z0-9_]|\\-|\|)+)\)/.exec(regex.slice(at + marker.length - 3));
  return m ? m[1]!.split('|').map((w) => w.replace(/\\-/g, '-')) : [];
}

const sorted = (words: Iterable<string>) => [...words].sort();

describe('grammar/wit.tmLanguage.json', () => {
  it('is exactly what editors/textmate/generate.ts writes (run it after editing wit-grammar.ts)', () => {
    expect(text).toBe(witGrammarJson());
  });

  it('is a TextMate grammar for source.wit whose includes all resolve', () => {
    expect(grammar.scopeName).toBe('source.wit');
    const missing: string[] = [];
    const walk = (rule: RawRule) => {
      if (rule.include?.startsWith('#') && !(rule.include.slice(1) in grammar.repository)) missing.push(rule.include);
      rule.patterns?.forEach(walk);
    };
    walk(grammar);
    Object.values(grammar.repository).forEach(walk);
    expect(missing).toEqual([]);
  });

  it('highlights exactly the WIT keywords', () => {
    const words = grammar.repository.keywords!.patterns!.flatMap((r) => alternationAfter(r.match ?? '', '(?:'));
    expect(sorted(words)).toEqual(sorted(WIT_KEYWORDS));
    expect(new Set(words).size).toBe(words.length);
  });

  it('never reads a bare keyword as an identifier', () => {
    const excluded = alternationAfter(grammar.repository.identifier!.match ?? '', '(?!(?:');
    expect(sorted(excluded)).toEqual(sorted(WIT_KEYWORDS));
  });

  it("matches the lexer's keyword list (src/syntax/tokens.ts), when the lexer exports one", async () => {
    const tokens = (await import('../../src/syntax/tokens.js')) as Record<string, unknown>;
    const list = tokens['keywords'];
    const lexer =
      list instanceof Map ? [...list.keys()] : Array.isArray(list) ? list : list instanceof Set ? [...list] : undefined;
    if (lexer === undefined) {
      console.warn('src/syntax/tokens.ts exports no `keywords` yet; compared with test/editor/keywords.ts only');
      return;
    }
    expect(sorted(lexer.map(String))).toEqual(sorted(WIT_KEYWORDS));
  });
});
