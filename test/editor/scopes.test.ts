/**
 * Unit cases: the scopes grammar/wit.tmLanguage.json gives each WIT construct, tokenized with vscode-textmate and
 * vscode-oniguruma as VS Code does. Expected scopes are the contract documented in docs/editors.md.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { IGrammar } from 'vscode-textmate';
import { WIT_KEYWORDS, keywordScope } from './keywords.js';
import { loadWitGrammar, tokenizeText, type LineToken } from './textmate.js';

let grammar: IGrammar;
beforeAll(async () => {
  grammar = await loadWitGrammar();
});

/** Offset of the `nth` occurrence of `needle`; a needle that starts with a name char must start a whole word. */
function find(text: string, needle: string, nth: number): number {
  const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const before = /^[\p{L}\p{N}_%-]/u.test(needle) ? '(?<![\\p{L}\\p{N}_%-])' : '';
  const after = /[\p{L}\p{N}_-]$/u.test(needle) ? '(?![\\p{L}\\p{N}_-])' : '';
  const re = new RegExp(`${before}${escaped}${after}`, 'gu');
  const all = [...text.matchAll(re)];
  const m = all[nth];
  if (!m) throw new Error(`\`${needle}\` (#${nth}) not in the text`);
  return m.index;
}

/**
 * The token that starts at the `nth` occurrence of `needle` in `text` (0-based). Fails when no token starts there,
 * so a needle that is only part of a token is reported too.
 */
function tokenAt(text: string, needle: string, nth = 0): LineToken {
  const offset = find(text, needle, nth);
  const before = text.slice(0, offset).split('\n');
  const line = before.length - 1;
  const column = before[line]!.length;
  const tokens = tokenizeText(grammar, text)[line]!.tokens;
  const token = tokens.find((t) => t.start === column);
  if (!token) {
    const covering = tokens.find((t) => t.start <= column && column < t.end);
    throw new Error(`no token starts at \`${needle}\`; it is inside ${JSON.stringify(covering)}`);
  }
  return token;
}

/** The innermost scope of the token starting at `needle`, after checking the token is exactly `needle`. */
function scopeOf(text: string, needle: string, nth = 0): string | undefined {
  const t = tokenAt(text, needle, nth);
  expect(t.text, `token at \`${needle}\``).toBe(needle);
  return t.scopes[t.scopes.length - 1];
}

/** All scopes of the token starting at `needle`. */
const scopesOf = (text: string, needle: string, nth = 0) => tokenAt(text, needle, nth).scopes;

describe('keywords', () => {
  it.each(WIT_KEYWORDS.filter((k) => !['_', 'from'].includes(k)))('`%s` in a keyword position', (word) => {
    // Each keyword where the parser accepts it, or (for misplaced ones) at least as a bare word in a body.
    const text = `interface i {\n  ${word}\n}`;
    expect(scopeOf(text, word)).toBe(keywordScope(word));
  });

  it('`_` in result<_, E> and the reserved `from`', () => {
    const text = 'interface i { type t = result<_, e>; }\nfrom';
    expect(scopeOf(text, '_')).toBe('keyword.other.underscore.wit');
    expect(scopeOf(text, 'from')).toBe('keyword.other.from.wit');
  });

  it('keywords inside signatures and types', () => {
    const text = 'interface i {\n  f: static async func(a: own<r>, b: borrow<r>) -> stream<future<error-context>>;\n}';
    expect(scopeOf(text, 'static')).toBe('storage.modifier.static.wit');
    expect(scopeOf(text, 'async')).toBe('storage.modifier.async.wit');
    expect(scopeOf(text, 'func')).toBe('keyword.declaration.function.wit');
    expect(scopeOf(text, 'own')).toBe('support.type.builtin.handle.wit');
    expect(scopeOf(text, 'borrow')).toBe('support.type.builtin.handle.wit');
    expect(scopeOf(text, 'stream')).toBe('support.type.builtin.wit');
    expect(scopeOf(text, 'future')).toBe('support.type.builtin.wit');
    expect(scopeOf(text, 'error-context')).toBe('support.type.primitive.wit');
  });

  it('a keyword inside a longer identifier is not a keyword', () => {
    const text = 'interface i { type my-type = list-of-u8; record-x: func(); }';
    expect(scopeOf(text, 'my-type')).toBe('entity.name.type.alias.wit');
    expect(scopeOf(text, 'list-of-u8')).toBe('entity.name.type.wit');
    expect(scopeOf(text, 'record-x')).toBe('entity.name.function.wit');
  });
});

describe('identifiers', () => {
  it('%-escaped keywords are identifiers', () => {
    const text = 'package test:%async;\ninterface i {\n  record %record { %type: u32 }\n  type t47 = %t44;\n  %func: func();\n}';
    expect(scopeOf(text, '%async')).toBe('entity.name.package.wit');
    expect(scopeOf(text, '%record')).toBe('entity.name.type.record.wit');
    expect(scopeOf(text, '%type')).toBe('variable.other.member.wit');
    expect(scopeOf(text, '%t44')).toBe('entity.name.type.wit');
    expect(scopeOf(text, '%func')).toBe('entity.name.function.wit');
  });

  it('acronyms and digit segments', () => {
    const text = 'interface i { type is-XML = a0-000-3d4a-54FF; }';
    expect(scopeOf(text, 'is-XML')).toBe('entity.name.type.alias.wit');
    expect(scopeOf(text, 'a0-000-3d4a-54FF')).toBe('entity.name.type.wit');
  });
});

describe('declarations and type names', () => {
  const text = [
    'interface types {',
    '  type alias = u32;',
    '  record rec { field-a: list<u8>, field-b: option<alias> }',
    '  flags fl { read, write }',
    '  variant var { none, some(tuple<u32, string>) }',
    '  enum en { first, second }',
    '  resource res;',
    '  resource res2 {',
    '    constructor(x: u32) -> result<res2, en>;',
    '    method: func(self-arg: borrow<res>) -> map<string, list<u8, 4>>;',
    '    make: static func() -> res2;',
    '  }',
    '}',
    'world wld { }',
  ].join('\n');

  it('names the declared items', () => {
    expect(scopeOf(text, 'types')).toBe('entity.name.type.interface.wit');
    expect(scopeOf(text, 'alias')).toBe('entity.name.type.alias.wit');
    expect(scopeOf(text, 'rec')).toBe('entity.name.type.record.wit');
    expect(scopeOf(text, 'fl')).toBe('entity.name.type.flags.wit');
    expect(scopeOf(text, 'var')).toBe('entity.name.type.variant.wit');
    expect(scopeOf(text, 'en')).toBe('entity.name.type.enum.wit');
    expect(scopeOf(text, 'res')).toBe('entity.name.type.resource.wit');
    expect(scopeOf(text, 'res2')).toBe('entity.name.type.resource.wit');
    expect(scopeOf(text, 'wld')).toBe('entity.name.type.world.wit');
  });

  it('fields, cases and flags', () => {
    expect(scopeOf(text, 'field-a')).toBe('variable.other.member.wit');
    expect(scopeOf(text, 'field-b')).toBe('variable.other.member.wit');
    expect(scopeOf(text, 'read')).toBe('variable.other.enummember.wit');
    expect(scopeOf(text, 'none')).toBe('variable.other.enummember.wit');
    expect(scopeOf(text, 'some')).toBe('variable.other.enummember.wit');
    expect(scopeOf(text, 'second')).toBe('variable.other.enummember.wit');
  });

  it('type references', () => {
    expect(scopeOf(text, 'alias', 1)).toBe('entity.name.type.wit');
    expect(scopeOf(text, 'res2', 1)).toBe('entity.name.type.wit');
    expect(scopeOf(text, 'en', 1)).toBe('entity.name.type.wit');
    expect(scopesOf(text, 'string')).toContain('meta.variant-payload.wit');
    expect(scopeOf(text, '4')).toBe('constant.numeric.integer.wit');
    expect(scopesOf(text, '4')).toContain('meta.type-arguments.wit');
  });

  it('functions, methods, constructors and parameters', () => {
    expect(scopeOf(text, 'constructor')).toBe('keyword.declaration.constructor.wit');
    expect(scopeOf(text, 'x')).toBe('variable.parameter.wit');
    expect(scopeOf(text, 'method')).toBe('entity.name.function.wit');
    expect(scopeOf(text, 'self-arg')).toBe('variable.parameter.wit');
    expect(scopeOf(text, 'make')).toBe('entity.name.function.wit');
    expect(scopeOf(text, '->')).toBe('punctuation.separator.arrow.wit');
  });
});

describe('packages, paths and versions', () => {
  it('package header with full semver', () => {
    const text = 'package my-ns:pkg@1.0.0-rc.1+build.5;';
    expect(scopeOf(text, 'package')).toBe('keyword.other.package.wit');
    expect(scopeOf(text, 'my-ns')).toBe('entity.name.namespace.wit');
    expect(scopeOf(text, 'pkg')).toBe('entity.name.package.wit');
    expect(scopeOf(text, '@')).toBe('punctuation.separator.version.wit');
    expect(scopeOf(text, '1.0.0-rc.1+build.5')).toBe('constant.other.version.wit');
  });

  it('nested package blocks', () => {
    const text = 'package a:b;\npackage c:d@0.1.0 {\n  interface e {}\n}';
    expect(scopeOf(text, 'c')).toBe('entity.name.namespace.wit');
    expect(scopeOf(text, '0.1.0')).toBe('constant.other.version.wit');
    expect(scopesOf(text, 'e')).toContain('meta.block.wit');
    expect(scopeOf(text, 'e')).toBe('entity.name.type.interface.wit');
  });

  it('use with a qualified path, version and renames', () => {
    const text = 'interface i {\n  use wasi:io/streams@0.2.0.{input-stream as in-s, error};\n}';
    expect(scopeOf(text, 'use')).toBe('keyword.control.use.wit');
    expect(scopeOf(text, 'wasi')).toBe('entity.name.namespace.wit');
    expect(scopeOf(text, 'io')).toBe('entity.name.package.wit');
    expect(scopeOf(text, '/')).toBe('punctuation.separator.path.wit');
    expect(scopeOf(text, 'streams')).toBe('entity.name.type.interface.wit');
    expect(scopeOf(text, '0.2.0')).toBe('constant.other.version.wit');
    expect(tokenAt(text, '.{').scopes.at(-1)).toBe('punctuation.accessor.dot.wit');
    expect(scopeOf(text, 'input-stream')).toBe('entity.name.type.wit');
    expect(scopeOf(text, 'as')).toBe('keyword.other.as.wit');
    expect(scopeOf(text, 'in-s')).toBe('entity.name.type.wit');
  });

  it('top-level use with alias', () => {
    const text = 'use foo:bar/baz@1.2.3 as other;';
    expect(scopeOf(text, 'baz')).toBe('entity.name.type.interface.wit');
    expect(scopeOf(text, 'other')).toBe('entity.name.type.interface.wit');
    expect(scopeOf(text, ';')).toBe('punctuation.terminator.statement.wit');
  });
});

describe('worlds', () => {
  const text = [
    'world w {',
    '  import wasi:http/types@0.3.0;',
    '  import store-one: local:demo/store;',
    '  export store-two: store;',
    '  import run: async func(a: u32);',
    '  export inline: interface { f: func(); }',
    '  export plain;',
    '  include other with { a as b, c as d }',
    '  include ns:pkg/base@1.0.0;',
    '}',
  ].join('\n');

  it('import and export forms', () => {
    expect(scopeOf(text, 'import')).toBe('keyword.control.import.wit');
    expect(scopeOf(text, 'export')).toBe('keyword.control.export.wit');
    expect(scopeOf(text, 'http')).toBe('entity.name.package.wit');
    expect(scopeOf(text, 'types')).toBe('entity.name.type.interface.wit');
    expect(scopeOf(text, 'store-one')).toBe('entity.name.label.wit');
    expect(scopeOf(text, 'store', 1)).toBe('entity.name.type.interface.wit');
    expect(scopeOf(text, 'store-two')).toBe('entity.name.label.wit');
  });

  it('functions, inline interfaces and plain names', () => {
    expect(scopeOf(text, 'run')).toBe('entity.name.function.wit');
    expect(scopeOf(text, 'async')).toBe('storage.modifier.async.wit');
    expect(scopeOf(text, 'inline')).toBe('entity.name.type.interface.wit');
    expect(scopesOf(text, 'f')).toContain('meta.block.interface.wit');
    expect(scopeOf(text, 'f')).toBe('entity.name.function.wit');
    expect(scopeOf(text, 'plain')).toBe('entity.name.type.interface.wit');
  });

  it('include … with', () => {
    expect(scopeOf(text, 'include')).toBe('keyword.control.include.wit');
    expect(scopeOf(text, 'other')).toBe('entity.name.type.world.wit');
    expect(scopeOf(text, 'with')).toBe('keyword.other.with.wit');
    expect(tokenAt(text, 'a as').scopes.at(-1)).toBe('entity.name.label.wit');
    expect(tokenAt(text, 'd }').scopes.at(-1)).toBe('entity.name.label.wit');
    expect(scopeOf(text, 'base')).toBe('entity.name.type.world.wit');
    expect(scopeOf(text, '1.0.0')).toBe('constant.other.version.wit');
    // The include ends at its `}` (no `;`): the next line is back in the world body.
    expect(scopesOf(text, 'include', 1).filter((s) => s === 'meta.include.wit')).toHaveLength(1);
  });
});

describe('comments', () => {
  const text = [
    '/// a doc comment',
    '// a plain comment',
    '//// four slashes: plain',
    '/** a doc block */',
    '/* plain /* nested /* twice */ back */ outer */ after',
    '/**/ /***/ tail',
    '/** doc /* nested */',
    '  still doc */ type',
  ].join('\n');

  it('tells doc comments from plain ones', () => {
    expect(scopesOf(text, '///')).toContain('comment.line.documentation.wit');
    expect(scopesOf(text, '// a plain')).toContain('comment.line.double-slash.wit');
    expect(scopesOf(text, '////')).toContain('comment.line.double-slash.wit');
    expect(scopesOf(text, '////')).not.toContain('comment.line.documentation.wit');
    expect(scopesOf(text, '/** a doc')).toContain('comment.block.documentation.wit');
    expect(scopesOf(text, '/* plain')).toContain('comment.block.wit');
    expect(scopesOf(text, '/**/')).toContain('comment.block.wit');
    expect(scopesOf(text, '/**/')).not.toContain('comment.block.documentation.wit');
    expect(scopesOf(text, '/***/')).not.toContain('comment.block.documentation.wit');
  });

  it('nests block comments and ends them where the lexer does', () => {
    expect(scopesOf(text, '/* twice')).toEqual(['source.wit', 'comment.block.wit', 'comment.block.nested.wit', 'comment.block.nested.wit']);
    expect(scopesOf(text, ' back')).toEqual(['source.wit', 'comment.block.wit', 'comment.block.nested.wit']);
    expect(scopesOf(text, ' outer')).toEqual(['source.wit', 'comment.block.wit']);
    expect(scopeOf(text, 'after')).toBe('entity.name.type.wit');
    expect(scopeOf(text, 'tail')).toBe('entity.name.type.wit');
    expect(tokenAt(text, '  still').scopes).toContain('comment.block.documentation.wit');
    expect(scopeOf(text, 'type')).toBe('keyword.declaration.type.wit');
  });

  it('ignores comment starts inside line comments and strings', () => {
    const t = '// not /* a block\ninterface i {}\n@external-id("/* no")\nworld w {}';
    expect(scopeOf(t, 'interface')).toBe('keyword.declaration.interface.wit');
    expect(scopeOf(t, 'world')).toBe('keyword.declaration.world.wit');
  });
});

describe('attributes and strings', () => {
  const text = [
    'interface i {',
    '  @since(version = 0.2.1)',
    '  @deprecated(version = 1.0.0-rc.1)',
    '  @unstable(feature = fancy-foo)',
    '  @external-id("esm:\\u{1F600} \\"q\\" \\\\ \\t\\n\\r\\\' \\7f \\x")',
    '  f: func();',
    '}',
  ].join('\n');

  it('names attributes and their arguments', () => {
    for (const name of ['since', 'deprecated', 'unstable', 'external-id']) {
      expect(scopeOf(text, name)).toBe('entity.other.attribute-name.wit');
      expect(tokenAt(text, name).scopes).toContain('meta.attribute.wit');
    }
    expect(scopeOf(text, '@')).toBe('punctuation.definition.attribute.wit');
    expect(scopeOf(text, 'version')).toBe('variable.parameter.attribute.wit');
    expect(scopeOf(text, '=')).toBe('keyword.operator.assignment.wit');
    expect(scopeOf(text, '0.2.1')).toBe('constant.other.version.wit');
    expect(scopeOf(text, '1.0.0-rc.1')).toBe('constant.other.version.wit');
    expect(scopeOf(text, 'feature')).toBe('variable.parameter.attribute.wit');
    expect(scopeOf(text, 'fancy-foo')).toBe('entity.name.feature.wit');
    expect(scopeOf(text, 'f')).toBe('entity.name.function.wit');
    expect(scopesOf(text, 'f')).not.toContain('meta.attribute.wit');
  });

  it('scopes strings, valid escapes and invalid ones', () => {
    expect(scopeOf(text, '"')).toBe('punctuation.definition.string.begin.wit');
    expect(scopesOf(text, 'esm:')).toContain('string.quoted.double.wit');
    for (const escape of ['\\u{1F600}', '\\"', '\\\\', '\\t', '\\n', '\\r', "\\'", '\\7f']) {
      expect(scopeOf(text, escape), escape).toBe('constant.character.escape.wit');
    }
    expect(scopeOf(text, '\\x')).toBe('invalid.illegal.escape.wit');
    expect(tokenAt(text, '")').scopes.at(-1)).toBe('punctuation.definition.string.end.wit');
  });
});
