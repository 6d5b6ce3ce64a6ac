/**
 * Source of the WIT TextMate grammar (`grammar/wit.tmLanguage.json`, scope `source.wit`).
 *
 * The grammar is written here as TypeScript so that the shared pieces (identifiers, keyword boundaries, package paths,
 * semver) are defined once; `generate.ts` writes the JSON file and a test checks that the committed JSON is exactly
 * what `buildWitGrammar()` returns. Edit this file, then run `npx vite-node editors/textmate/generate.ts`.
 *
 * Design (see docs/editors.md for the scope table):
 * - Every `{` opens a scope whose name starts with `meta.block.` and whose only end is `}`, so brace nesting in the
 *   editor always matches the lexer's, even in broken files.
 * - Parentheses, angle brackets, attributes and statements (`use`, `include`) also end early at `;`, `{` or `}`, and
 *   statements end when a new item starts on a later line, so a missing `)`, `>` or `;` cannot colour the rest of the file.
 * - Strings cannot span lines (the lexer rejects raw newlines in strings); block comments nest like the lexer's.
 * - A bare keyword is never an identifier (the lexer reads it as a keyword); `%name` is always an identifier.
 */

/** Keywords by highlighting class. Together they are exactly the lexer's keyword list. */
export const KEYWORD_CLASSES: readonly { readonly scope: string; readonly words: readonly string[] }[] = [
  {
    scope: 'support.type.primitive.wit',
    words: ['bool', 'char', 'string', 'u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64', 'f32', 'f64', 'error-context'],
  },
  { scope: 'support.type.builtin.wit', words: ['list', 'option', 'result', 'tuple', 'map', 'future', 'stream'] },
  { scope: 'support.type.builtin.handle.wit', words: ['own', 'borrow'] },
  { scope: 'keyword.other.package.wit', words: ['package'] },
  { scope: 'keyword.declaration.interface.wit', words: ['interface'] },
  { scope: 'keyword.declaration.world.wit', words: ['world'] },
  { scope: 'keyword.declaration.type.wit', words: ['type'] },
  { scope: 'keyword.declaration.record.wit', words: ['record'] },
  { scope: 'keyword.declaration.flags.wit', words: ['flags'] },
  { scope: 'keyword.declaration.variant.wit', words: ['variant'] },
  { scope: 'keyword.declaration.enum.wit', words: ['enum'] },
  { scope: 'keyword.declaration.resource.wit', words: ['resource'] },
  { scope: 'keyword.declaration.function.wit', words: ['func'] },
  { scope: 'keyword.declaration.constructor.wit', words: ['constructor'] },
  { scope: 'keyword.control.import.wit', words: ['import'] },
  { scope: 'keyword.control.export.wit', words: ['export'] },
  { scope: 'keyword.control.include.wit', words: ['include'] },
  { scope: 'keyword.control.use.wit', words: ['use'] },
  { scope: 'storage.modifier.static.wit', words: ['static'] },
  { scope: 'storage.modifier.async.wit', words: ['async'] },
  { scope: 'keyword.other.as.wit', words: ['as'] },
  { scope: 'keyword.other.with.wit', words: ['with'] },
  { scope: 'keyword.other.from.wit', words: ['from'] },
  { scope: 'keyword.other.underscore.wit', words: ['_'] },
];

/** All keywords, in class order. */
export const GRAMMAR_KEYWORDS: readonly string[] = KEYWORD_CLASSES.flatMap((c) => c.words);

// ---------------------------------------------------------------------------------------------------------------
// Regex building blocks (Oniguruma syntax).

/** A character that may continue an identifier token (the lexer's XID_Continue or `-`). */
const ID_CHAR = String.raw`[\p{L}\p{N}_\-]`;
/** Not preceded by an identifier character or `%`. */
const BEFORE = String.raw`(?<![\p{L}\p{N}_%\-])`;
/** Not followed by an identifier character. */
const AFTER = String.raw`(?!${ID_CHAR})`;

const alternation = (words: readonly string[]) =>
  [...words]
    .sort((a, b) => b.length - a.length || a.localeCompare(b))
    .map((w) => w.replace(/[-]/g, String.raw`\-`))
    .join('|');

/** A whole keyword out of `words` (not part of a longer identifier, not `%`-escaped). */
const kw = (words: readonly string[]) => `${BEFORE}(?:${alternation(words)})${AFTER}`;
/** Like `kw` but captured. */
const kwc = (words: readonly string[]) => `${BEFORE}(${alternation(words)})${AFTER}`;

/** An identifier: `%name` (any name) or a bare name that is not a keyword. No capture groups. */
const ID =
  String.raw`(?:%[\p{L}_]${ID_CHAR}*|${BEFORE}(?!(?:${alternation(GRAMMAR_KEYWORDS)})${AFTER})[\p{L}_]${ID_CHAR}*)`;

const SEMVER_IDS = String.raw`[0-9A-Za-z\-]+(?:\.[0-9A-Za-z\-]+)*`;
/** A semver version with optional pre-release and build metadata. No capture groups. */
const SEMVER = String.raw`[0-9]+\.[0-9]+\.[0-9]+(?:\-${SEMVER_IDS})?(?:\+${SEMVER_IDS})?`;

/** Statement keywords that start a new item; used to end unterminated statements at the start of a later line. */
const ITEM_START = kw([
  'package', 'interface', 'world', 'use', 'import', 'export', 'include',
  'type', 'record', 'flags', 'variant', 'enum', 'resource', 'constructor',
]);
/** Lookahead: a later line starts a new item (keyword, attribute, or `name: func`). */
const NEW_LINE_ITEM = String.raw`(?=^\s*(?:${ITEM_START}|@|${ID}\s*:\s*(?:${kw(['static', 'async'])}\s*)*${kw(['func'])}))`;

const S = {
  namespace: 'entity.name.namespace.wit',
  pkg: 'entity.name.package.wit',
  iface: 'entity.name.type.interface.wit',
  world: 'entity.name.type.world.wit',
  type: 'entity.name.type.wit',
  func: 'entity.name.function.wit',
  label: 'entity.name.label.wit',
  version: 'constant.other.version.wit',
  atVersion: 'punctuation.separator.version.wit',
  colon: 'punctuation.separator.colon.wit',
  slash: 'punctuation.separator.path.wit',
  comma: 'punctuation.separator.comma.wit',
  dot: 'punctuation.accessor.dot.wit',
};

/** A rule in the TextMate JSON format. */
export interface Rule {
  name?: string;
  contentName?: string;
  match?: string;
  begin?: string;
  end?: string;
  captures?: Captures;
  beginCaptures?: Captures;
  endCaptures?: Captures;
  patterns?: Rule[];
  include?: string;
  comment?: string;
}
type Captures = Record<string, { name: string }>;

const caps = (...names: (string | undefined)[]): Captures => {
  const out: Captures = {};
  names.forEach((n, i) => {
    if (n) out[String(i + 1)] = { name: n };
  });
  return out;
};
const inc = (name: string): Rule => ({ include: name.startsWith('$') ? name : `#${name}` });

/**
 * A package path `ns:pkg/name@ver` or a plain `name`, as 6 capture groups:
 * namespace, `:`, package, `/`, name, `@`, version (7 groups; the first four only for qualified paths).
 */
const PATH = String.raw`(?:(${ID})\s*(:)\s*(${ID})\s*(/)\s*)?(${ID})(?:\s*(@)\s*(${SEMVER}))?`;
const PATH_QUALIFIED = String.raw`(${ID})\s*(:)\s*(${ID})\s*(/)\s*(${ID})(?:\s*(@)\s*(${SEMVER}))?`;
const pathCaps = (last: string) => [S.namespace, S.colon, S.pkg, S.slash, last, S.atVersion, S.version];

/** A brace-delimited body whose begin regex ends with a captured `{`. */
function braceBlock(what: string, begin: string, beginNames: (string | undefined)[], patterns: Rule[]): Rule {
  return {
    name: what ? `meta.block.${what}.wit` : 'meta.block.wit',
    begin,
    beginCaptures: caps(...beginNames, 'punctuation.section.block.begin.wit'),
    end: String.raw`\}`,
    endCaptures: { '0': { name: 'punctuation.section.block.end.wit' } },
    patterns: [inc('comments'), inc('string'), ...patterns, inc('block')],
  };
}

function repository(): Record<string, Rule> {
  return {
    comments: { patterns: [inc('doc-line-comment'), inc('line-comment'), inc('doc-block-comment'), inc('block-comment')] },
    'doc-line-comment': {
      name: 'comment.line.documentation.wit',
      match: String.raw`(///)(?!/).*`,
      captures: caps('punctuation.definition.comment.wit'),
    },
    'line-comment': {
      name: 'comment.line.double-slash.wit',
      match: String.raw`(//).*`,
      captures: caps('punctuation.definition.comment.wit'),
    },
    'doc-block-comment': {
      name: 'comment.block.documentation.wit',
      begin: String.raw`/\*\*(?![*/])`,
      end: String.raw`\*/`,
      beginCaptures: { '0': { name: 'punctuation.definition.comment.begin.wit' } },
      endCaptures: { '0': { name: 'punctuation.definition.comment.end.wit' } },
      patterns: [inc('nested-block-comment')],
    },
    'block-comment': {
      name: 'comment.block.wit',
      begin: String.raw`/\*`,
      end: String.raw`\*/`,
      beginCaptures: { '0': { name: 'punctuation.definition.comment.begin.wit' } },
      endCaptures: { '0': { name: 'punctuation.definition.comment.end.wit' } },
      patterns: [inc('nested-block-comment')],
    },
    'nested-block-comment': {
      comment: 'Block comments nest and must balance.',
      name: 'comment.block.nested.wit',
      begin: String.raw`/\*`,
      end: String.raw`\*/`,
      patterns: [inc('nested-block-comment')],
    },
    string: {
      comment: 'Strings end at the closing quote or, unterminated, at the end of the line.',
      name: 'string.quoted.double.wit',
      begin: '"',
      end: '(")|$',
      beginCaptures: { '0': { name: 'punctuation.definition.string.begin.wit' } },
      endCaptures: caps('punctuation.definition.string.end.wit'),
      patterns: [
        {
          name: 'constant.character.escape.wit',
          match: String.raw`\\(?:[tnr"'\\]|u\{[0-9A-Fa-f_]*\}|[0-9A-Fa-f]{2})`,
        },
        { name: 'invalid.illegal.escape.wit', match: String.raw`\\.?` },
      ],
    },
    attribute: {
      patterns: [
        {
          name: 'meta.attribute.wit',
          begin: String.raw`(@)\s*([\p{L}_]${ID_CHAR}*)\s*(\()`,
          beginCaptures: caps(
            'punctuation.definition.attribute.wit',
            'entity.other.attribute-name.wit',
            'punctuation.section.parens.begin.wit',
          ),
          end: String.raw`(\))|(?=[;{}@])|${NEW_LINE_ITEM}`,
          endCaptures: caps('punctuation.section.parens.end.wit'),
          patterns: [
            inc('comments'),
            inc('string'),
            {
              match: String.raw`${BEFORE}(version|feature)${AFTER}\s*(=)?`,
              captures: caps('variable.parameter.attribute.wit', 'keyword.operator.assignment.wit'),
            },
            { name: S.version, match: SEMVER },
            { name: 'entity.name.feature.wit', match: ID },
            inc('keywords'),
            inc('number'),
            { name: 'keyword.operator.assignment.wit', match: '=' },
            { name: S.comma, match: ',' },
          ],
        },
        {
          match: String.raw`(@)\s*([\p{L}_]${ID_CHAR}*)`,
          captures: caps('punctuation.definition.attribute.wit', 'entity.other.attribute-name.wit'),
        },
      ],
    },
    'package-decl': {
      match: String.raw`${kwc(['package'])}\s+(${ID})\s*(:)\s*(${ID})(?:\s*(@)\s*(${SEMVER}))?`,
      captures: caps('keyword.other.package.wit', S.namespace, S.colon, S.pkg, S.atVersion, S.version),
    },
    'interface-decl': braceBlock(
      'interface',
      String.raw`${kwc(['interface'])}(?:\s+(${ID}))?\s*(\{)`,
      ['keyword.declaration.interface.wit', S.iface],
      [inc('$self')],
    ),
    'world-decl': braceBlock(
      'world',
      String.raw`${kwc(['world'])}(?:\s+(${ID}))?\s*(\{)`,
      ['keyword.declaration.world.wit', S.world],
      [inc('$self')],
    ),
    'import-export': importExport(),
    include: includeStatement(),
    use: useStatement(),
    typedefs: typedefs(),
    'function-name': {
      comment: '`name: func`, `name: async func`, `name: static async func` (functions and resource methods).',
      match: String.raw`(${ID})\s*(:)(?=\s*(?:${kw(['static', 'async'])}\s*)*${kw(['func'])})`,
      captures: caps(S.func, S.colon),
    },
    params: {
      name: 'meta.parameters.wit',
      begin: String.raw`\(`,
      beginCaptures: { '0': { name: 'punctuation.section.parens.begin.wit' } },
      end: String.raw`(\))|(?=[;{}])|${NEW_LINE_ITEM}`,
      endCaptures: caps('punctuation.section.parens.end.wit'),
      patterns: [
        inc('comments'),
        inc('string'),
        { name: 'variable.parameter.wit', match: String.raw`${ID}(?=\s*:)` },
        inc('type-expression'),
      ],
    },
    'type-args': {
      name: 'meta.type-arguments.wit',
      begin: '<',
      beginCaptures: { '0': { name: 'punctuation.definition.type-arguments.begin.wit' } },
      end: String.raw`(>)|(?=[;{}()=])|${NEW_LINE_ITEM}`,
      endCaptures: caps('punctuation.definition.type-arguments.end.wit'),
      patterns: [inc('comments'), inc('string'), inc('type-expression')],
    },
    'type-expression': {
      patterns: [inc('type-args'), inc('keywords'), inc('number'), inc('punctuation'), inc('identifier')],
    },
    block: braceBlock('', String.raw`(\{)`, [], [inc('$self')]),
    keywords: { patterns: KEYWORD_CLASSES.map((c) => ({ name: c.scope, match: kw(c.words) })) },
    version: {
      match: String.raw`(@)\s*(${SEMVER})`,
      captures: caps(S.atVersion, S.version),
    },
    number: { name: 'constant.numeric.integer.wit', match: String.raw`${BEFORE}[0-9]+` },
    punctuation: {
      patterns: [
        { name: 'punctuation.separator.arrow.wit', match: '->' },
        { name: 'keyword.operator.assignment.wit', match: '=' },
        { name: S.colon, match: ':' },
        { name: 'punctuation.terminator.statement.wit', match: ';' },
        { name: S.comma, match: ',' },
        { name: S.dot, match: String.raw`\.` },
        { name: S.slash, match: '/' },
        { name: 'keyword.operator.star.wit', match: String.raw`\*` },
        { name: 'punctuation.section.parens.end.wit', match: String.raw`\)` },
        { name: 'punctuation.definition.type-arguments.end.wit', match: '>' },
        { name: 'punctuation.section.block.end.wit', match: String.raw`\}` },
      ],
    },
    identifier: {
      comment: 'A name in no other position is a type reference (after `=`, `->`, `:` or inside `<…>`).',
      name: S.type,
      match: ID,
    },
  };
}

function importExport(): Rule {
  const IE = kwc(['import', 'export']);
  const ieScope = 'keyword.control.$1.wit';
  return {
    patterns: [
      braceBlock(
        'interface',
        String.raw`${IE}\s+(${ID})\s*(:)\s*${kwc(['interface'])}\s*(\{)`,
        [ieScope, S.iface, S.colon, 'keyword.declaration.interface.wit'],
        [inc('$self')],
      ),
      {
        comment: '`import name: [async] func(…)`',
        match: String.raw`${IE}\s+(${ID})\s*(:)(?=\s*(?:${kw(['async'])}\s*)?${kw(['func'])})`,
        captures: caps(ieScope, S.func, S.colon),
      },
      {
        comment: '`import ns:pkg/iface@ver;`',
        match: String.raw`${IE}\s+${PATH_QUALIFIED}`,
        captures: caps(ieScope, ...pathCaps(S.iface)),
      },
      {
        comment: '`import label: iface;` (implements)',
        match: String.raw`${IE}\s+(${ID})\s*(:)\s*${PATH}`,
        captures: caps(ieScope, S.label, S.colon, ...pathCaps(S.iface)),
      },
      {
        match: String.raw`${IE}\s+(${ID})`,
        captures: caps(ieScope, S.iface),
      },
    ],
  };
}

/** `include path [with { a as b, … }]` (no `;` after the braces). */
function includeStatement(): Rule {
  return {
    name: 'meta.include.wit',
    begin: String.raw`${kwc(['include'])}(?:\s+${PATH})?`,
    beginCaptures: caps('keyword.control.include.wit', ...pathCaps(S.world)),
    end: String.raw`(;)|(?<=\})|(?=[}@])|${NEW_LINE_ITEM}`,
    endCaptures: caps('punctuation.terminator.statement.wit'),
    patterns: [
      inc('comments'),
      inc('string'),
      braceBlock('include-with', String.raw`(\{)`, [], [
        { name: S.label, match: ID },
        inc('keywords'),
        { name: S.comma, match: ',' },
      ]),
      inc('keywords'),
      inc('version'),
      { match: PATH, captures: caps(...pathCaps(S.world)) },
      inc('punctuation'),
    ],
  };
}

/** `use path [as name];` (top level) and `use path.{a, b as c};` (interfaces and worlds). */
function useStatement(): Rule {
  return {
    name: 'meta.use.wit',
    begin: String.raw`${kwc(['use'])}(?:\s+${PATH})?`,
    beginCaptures: caps('keyword.control.use.wit', ...pathCaps(S.iface)),
    end: String.raw`(;)|(?=[}@])|${NEW_LINE_ITEM}`,
    endCaptures: caps('punctuation.terminator.statement.wit'),
    patterns: [
      inc('comments'),
      inc('string'),
      braceBlock('use-list', String.raw`(\{)`, [], [
        { name: S.type, match: ID },
        inc('keywords'),
        { name: S.comma, match: ',' },
      ]),
      {
        match: String.raw`${kwc(['as'])}\s*(${ID})?`,
        captures: caps('keyword.other.as.wit', S.iface),
      },
      inc('keywords'),
      inc('version'),
      { match: PATH, captures: caps(...pathCaps(S.iface)) },
      inc('punctuation'),
    ],
  };
}

function typedefs(): Rule {
  const member = { name: 'variable.other.member.wit', match: String.raw`${ID}(?=\s*:)` };
  const enumMember = { name: 'variable.other.enummember.wit', match: ID };
  const cases = [inc('attribute'), enumMember, inc('keywords'), inc('punctuation')];
  const payload: Rule = {
    name: 'meta.variant-payload.wit',
    begin: String.raw`\(`,
    beginCaptures: { '0': { name: 'punctuation.section.parens.begin.wit' } },
    end: String.raw`(\))|(?=[;{}])|${NEW_LINE_ITEM}`,
    endCaptures: caps('punctuation.section.parens.end.wit'),
    patterns: [inc('comments'), inc('string'), inc('type-expression')],
  };
  const named = (word: string, body: Rule[]): Rule[] => [
    braceBlock(word, String.raw`${kwc([word])}(?:\s+(${ID}))?\s*(\{)`, [`keyword.declaration.${word}.wit`, `entity.name.type.${word}.wit`], body),
    { match: String.raw`${kwc([word])}\s+(${ID})`, captures: caps(`keyword.declaration.${word}.wit`, `entity.name.type.${word}.wit`) },
  ];
  return {
    patterns: [
      {
        match: String.raw`${kwc(['type'])}\s+(${ID})`,
        captures: caps('keyword.declaration.type.wit', 'entity.name.type.alias.wit'),
      },
      ...named('record', [inc('attribute'), member, inc('type-expression')]),
      ...named('flags', cases),
      ...named('enum', cases),
      ...named('variant', [inc('attribute'), payload, ...cases]),
      ...named('resource', [inc('$self')]),
    ],
  };
}

/** The whole grammar, in the JSON shape VS Code and vscode-textmate load. */
export function buildWitGrammar(): Record<string, unknown> {
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'WIT',
    scopeName: 'source.wit',
    fileTypes: ['wit'],
    comment: 'Generated from editors/textmate/wit-grammar.ts by editors/textmate/generate.ts; do not edit by hand.',
    patterns: [
      inc('comments'),
      inc('string'),
      inc('attribute'),
      inc('package-decl'),
      inc('interface-decl'),
      inc('world-decl'),
      inc('import-export'),
      inc('include'),
      inc('use'),
      inc('typedefs'),
      inc('function-name'),
      inc('params'),
      inc('type-args'),
      inc('block'),
      inc('version'),
      inc('keywords'),
      inc('number'),
      inc('punctuation'),
      inc('identifier'),
    ],
    repository: repository(),
  };
}

/** The grammar as the text of `grammar/wit.tmLanguage.json`. */
export function witGrammarJson(): string {
  return `${JSON.stringify(buildWitGrammar(), null, 2)}\n`;
}
