/**
 * The WIT keyword list and the scope the grammar must give each keyword. Written from ../shared/notes/wit-features.md
 * §1 L8 (wit-parser's lexer: the spec's list plus `error-context` and `_`), independently of the grammar source, so
 * the tests compare two lists. When src/syntax/tokens.ts exports the lexer's keyword list, keywords.test.ts also
 * compares against it.
 */

/** Every WIT keyword (wit-parser 0.257). `from` is reserved but unused. */
export const WIT_KEYWORDS: readonly string[] = [
  'as', 'async', 'bool', 'borrow', 'char', 'constructor', 'enum', 'error-context', 'export', 'f32', 'f64', 'flags',
  'from', 'func', 'future', 'import', 'include', 'interface', 'list', 'map', 'option', 'own', 'package', 'record',
  'resource', 'result', 's8', 's16', 's32', 's64', 'static', 'stream', 'string', 'tuple', 'type', 'u8', 'u16', 'u32',
  'u64', 'use', 'variant', 'with', 'world', '_',
];

const PRIMITIVES = ['bool', 'char', 'string', 'u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64', 'f32', 'f64', 'error-context'];
const BUILTINS = ['list', 'option', 'result', 'tuple', 'map', 'future', 'stream'];
const DECLARATIONS: Record<string, string> = {
  interface: 'interface', world: 'world', type: 'type', record: 'record', flags: 'flags', variant: 'variant',
  enum: 'enum', resource: 'resource', func: 'function', constructor: 'constructor',
};

/** The scope the grammar gives a keyword token (the contract documented in docs/editors.md). */
export function keywordScope(word: string): string | undefined {
  if (PRIMITIVES.includes(word)) return 'support.type.primitive.wit';
  if (BUILTINS.includes(word)) return 'support.type.builtin.wit';
  if (word === 'own' || word === 'borrow') return 'support.type.builtin.handle.wit';
  if (word in DECLARATIONS) return `keyword.declaration.${DECLARATIONS[word]}.wit`;
  if (['import', 'export', 'include', 'use'].includes(word)) return `keyword.control.${word}.wit`;
  if (word === 'static' || word === 'async') return `storage.modifier.${word}.wit`;
  if (word === 'package') return 'keyword.other.package.wit';
  if (word === 'as' || word === 'with' || word === 'from') return `keyword.other.${word}.wit`;
  if (word === '_') return 'keyword.other.underscore.wit';
  return undefined;
}
