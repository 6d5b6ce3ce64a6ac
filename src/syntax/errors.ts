/**
 * Syntax error support for the parser: wit-parser's message wording for chevrotain's errors, and the exceptions the
 * parser uses to abandon an item.
 */
import type { IParserErrorMessageProvider, IToken, TokenType } from 'chevrotain';
import { describeTokenType, Identifier, Integer, isEof } from './tokens.js';

/**
 * Marks a message whose primary span is the whole offending token (wit-parser's `err_expected`), as opposed to
 * `expect` failures that point at the token's first character. Stripped before the message reaches a diagnostic.
 */
export const FULL_SPAN = '\u0001';

/** Describes the token found where something else was expected. */
export function describeFound(t: IToken): string {
  return isEof(t) ? 'eof' : describeTokenType(t.tokenType);
}

/** Expectation wording that depends on the rule (`list<T, N>` calls its size "fixed-length"). */
function expectedFor(expected: TokenType, ruleName: string): { text: string; full: boolean } {
  if (expected === Integer && ruleName === 'listType') return { text: 'fixed-length', full: true };
  if (expected === Identifier) return { text: 'an identifier or string', full: true };
  return { text: describeTokenType(expected), full: false };
}

/** Builds wit-parser's "expected X, found Y" messages from chevrotain's error reports. */
export const errorMessageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, ruleName }) {
    const e = expectedFor(expected, ruleName);
    return `${e.full ? FULL_SPAN : ''}expected ${e.text}, found ${describeFound(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `unexpected ${describeFound(firstRedundant)}`;
  },
  buildNoViableAltMessage({ actual, customUserDescription }) {
    const found = actual[0] ? describeFound(actual[0]) : 'eof';
    return `${FULL_SPAN}expected ${customUserDescription ?? 'something else'}, found ${found}`;
  },
  buildEarlyExitMessage({ actual, customUserDescription }) {
    const found = actual[0] ? describeFound(actual[0]) : 'eof';
    return `${FULL_SPAN}expected ${customUserDescription ?? 'something else'}, found ${found}`;
  },
};

/** Thrown (after recording a diagnostic) to abandon the current item, like wit-parser's `bail!`. */
export class AbandonItem extends Error {
  constructor() {
    super('abandon item');
  }
}

/** Thrown when the error limit is reached: parsing stops. */
export class TooManyErrors extends Error {
  constructor() {
    super('too many errors');
  }
}
