/**
 * Sweep: every `.wit` file under wit-examples/ and a set of inline snippets (valid, half-typed and malformed) tokenize
 * without error, and the grammar agrees with the lexer on comments, strings, `{…}` nesting and keywords
 * (grammar-check.ts). The corpora in ../shared are swept by the `editor-grammar` conformance suite instead.
 * Also shows that the checks fail for a damaged grammar.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IGrammar } from 'vscode-textmate';
import { checkGrammar } from './grammar-check.js';
import { grammarPath, loadGrammarText, loadWitGrammar, repoRoot, tokenizeText } from './textmate.js';

function witFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? witFiles(path) : name.endsWith('.wit') ? [path] : [];
    });
}

/** Snippets that exercise the lexer's corners and typical half-typed states. */
const SNIPPETS: Record<string, string> = {
  'nested comments': '/* a /* b /* c */ d */ e */\ninterface i {}\n/**/ /***/ /** doc /* inner */ */\n',
  'comment delimiters in strings and strings in comments': '@external-id("/* not a comment")\n// "not a string\n/* "x */\n',
  'string escapes': '@external-id("\\"\\\\\\t\\n\\r\\\'\\u{1F_600}\\7f")\ninterface i {}\n',
  'unterminated string stops at the line end': 'interface i {\n  @external-id("oops\n  f: func();\n}\n',
  'unterminated block comment': 'interface i {\n  /* never closed\n  f: func();\n}\n',
  'missing closing brace': 'interface i {\n  record r {\n    a: u32,\n',
  'stray closing braces': '}\n}\ninterface i {}\n}\n',
  'half-typed function': 'interface i {\n  f: func(a: list<u32\n  g: func();\n}\n',
  'missing semicolons': 'interface i {\n  use other.{t}\n  type x = u32\n  f: func() -> x\n}\nworld w {\n  import i\n  include w2\n}\n',
  'attribute without parens': 'interface i {\n  @since\n  f: func();\n  @unstable(feature = x\n  g: func();\n}\n',
  'keywords everywhere': 'package a:b;\nworld w { import x: async func(r: borrow<own>) -> future<stream<map<string, error-context>>>; }\n',
  'package-scope types (proposed)': 'package a:b;\ntype t = u32;\nrecord r { a: t }\n',
  'gates on everything': [
    'package a:b@1.0.0;',
    '@since(version = 1.0.0)',
    'interface i {',
    '  @unstable(feature = fancy)',
    '  resource r {',
    '    @since(version = 1.0.0) constructor();',
    '    @deprecated(version = 1.0.0) m: static async func();',
    '  }',
    '}',
  ].join('\n'),
  'CRLF line breaks': 'package a:b;\r\ninterface i {\r\n  /* x\r\n  */ f: func();\r\n}\r\n',
  'unicode identifiers (rejected by validation, still lexed)': 'interface Москва { 名前: func(); }\n',
};

let grammar: IGrammar;
beforeAll(async () => {
  grammar = await loadWitGrammar();
});

describe('grammar sweep', () => {
  const examples = witFiles(join(repoRoot(), 'wit-examples'));
  it.each(examples.map((f) => [f.slice(repoRoot().length + 1), f]))('%s', (_name, file) => {
    expect(checkGrammar(grammar, readFileSync(file, 'utf8'))).toEqual([]);
  });

  it.each(Object.entries(SNIPPETS))('snippet: %s', (_name, text) => {
    expect(checkGrammar(grammar, text)).toEqual([]);
  });

  it('keeps an unterminated block comment open to the end, and closes an unterminated string at the line end', () => {
    const lines = tokenizeText(grammar, SNIPPETS['unterminated block comment']!);
    expect(lines.at(-1)!.openScopes).toContain('comment.block.wit');
    const str = tokenizeText(grammar, SNIPPETS['unterminated string stops at the line end']!);
    expect(str[1]!.openScopes.some((s) => s.startsWith('string.'))).toBe(false);
    expect(str[2]!.tokens.find((t) => t.text === 'f')!.scopes.at(-1)).toBe('entity.name.function.wit');
  });

  it('recovers on the next item after a half-typed or unterminated statement', () => {
    const half = tokenizeText(grammar, SNIPPETS['half-typed function']!);
    expect(half[2]!.tokens.find((t) => t.text === 'g')!.scopes.at(-1)).toBe('entity.name.function.wit');
    const semis = tokenizeText(grammar, SNIPPETS['missing semicolons']!);
    expect(semis[2]!.tokens.find((t) => t.text === 'x')!.scopes.at(-1)).toBe('entity.name.type.alias.wit');
    expect(semis[3]!.tokens.find((t) => t.text === 'f')!.scopes.at(-1)).toBe('entity.name.function.wit');
    expect(semis[7]!.tokens.find((t) => t.text === 'w2')!.scopes.at(-1)).toBe('entity.name.type.world.wit');
    const attr = tokenizeText(grammar, SNIPPETS['attribute without parens']!);
    expect(attr[4]!.tokens.find((t) => t.text === 'g')!.scopes).not.toContain('meta.attribute.wit');
  });

  it('tokenizes a long file quickly (no catastrophic backtracking)', () => {
    const unit = 'interface i%N {\n  /// docs\n  record r { a: list<option<tuple<u32, string>>>, b: map<string, u8> }\n  f: async func(x: borrow<r>) -> result<_, e>;\n}\n';
    const text = Array.from({ length: 500 }, (_, i) => unit.replace('%N', String(i))).join('');
    const t0 = performance.now();
    tokenizeText(grammar, text);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});

describe('the checks can fail', () => {
  const raw = () => JSON.parse(readFileSync(grammarPath(), 'utf8')) as { repository: Record<string, Record<string, unknown>> };

  it('reports block comments that do not nest', async () => {
    const damaged = raw();
    damaged.repository['nested-block-comment']!['begin'] = 'NEVER-MATCHES';
    const g = await loadGrammarText(JSON.stringify(damaged));
    expect(checkGrammar(g, SNIPPETS['nested comments']!)).not.toEqual([]);
  });

  it('reports strings that run past the end of the line', async () => {
    const damaged = raw();
    damaged.repository['string']!['end'] = '(")';
    const g = await loadGrammarText(JSON.stringify(damaged));
    expect(checkGrammar(g, SNIPPETS['unterminated string stops at the line end']!)).not.toEqual([]);
  });

  it('reports braces that do not open a block', async () => {
    const damaged = raw();
    damaged.repository['block'] = { match: '\\{' };
    const g = await loadGrammarText(JSON.stringify(damaged));
    expect(checkGrammar(g, 'interface i {\n  f: func() { }\n}\n')).not.toEqual([]);
  });

  it('reports a keyword without its keyword scope', async () => {
    const damaged = raw();
    const keywords = damaged.repository['keywords'] as { patterns: { match: string }[] };
    keywords.patterns[0]!.match = keywords.patterns[0]!.match.replace('u32|', '');
    const g = await loadGrammarText(JSON.stringify(damaged));
    expect(checkGrammar(g, 'interface i { type t = u32; }')).toEqual([
      '1:24: keyword `u32` has scope meta.block.interface.wit, want support.type.primitive.wit',
    ]);
  });
});
