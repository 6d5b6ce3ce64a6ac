/**
 * Token definitions. PLACEHOLDER: the syntax stage owns this file. `Token` is chevrotain's token object, so the
 * parser consumes the lexer's output without copying; comments are tokens too (kept in `File.comments`).
 */
import type { IToken } from 'chevrotain';

export type Token = IToken;
