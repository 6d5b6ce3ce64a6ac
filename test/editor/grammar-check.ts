/**
 * Checks the grammar's tokenization of one WIT text against the reference scanner (reference-scan.ts):
 * - every character is inside a comment, a string or neither exactly as the lexer says;
 * - at the end of every line, the grammar is inside exactly as many block comments and `{…}` blocks as the lexer;
 * - no string is open at the end of a line (WIT strings cannot span lines);
 * - when the file's comments and brackets balance, nothing delimiter-based is still open at the end of the file;
 * - every keyword token the lexer sees gets the keyword scope of keywords.ts.
 */
import type { IGrammar } from 'vscode-textmate';
import { WIT_KEYWORDS, keywordScope } from './keywords.js';
import { referenceScan } from './reference-scan.js';
import { tokenizeText, type TokenizedLine } from './textmate.js';

const KEYWORD_SET: ReadonlySet<string> = new Set(WIT_KEYWORDS);

/** Scopes that a balanced file must have closed by its end. */
const DELIMITED = /^(comment\.block|string\.|meta\.block(\.|$)|meta\.parameters\.|meta\.variant-payload\.|meta\.type-arguments\.|meta\.attribute\.)/;

const count = (scopes: readonly string[], re: RegExp) => scopes.filter((s) => re.test(s)).length;

/** Problems found in `text` (empty when the grammar agrees with the lexer), each as `line:col: message`. */
export function checkGrammar(grammar: IGrammar, text: string): string[] {
  const lines = tokenizeText(grammar, text);
  const ref = referenceScan(text, KEYWORD_SET);
  const problems: string[] = [];
  lines.forEach((line, i) => {
    const mismatch = firstMismatch(grammarClasses(line), ref.classes[i]!);
    if (mismatch >= 0) {
      problems.push(`${i + 1}:${mismatch + 1}: comment/string extent differs from the lexer's`);
    }
    const want = ref.lines[i]!;
    const open = line.openScopes;
    const comments = count(open, /^comment\.block/);
    if (comments !== want.commentDepth) {
      problems.push(`${i + 1}: line ends inside ${comments} block comment(s), the lexer says ${want.commentDepth}`);
    }
    if (count(open, /^string\./) > 0) problems.push(`${i + 1}: line ends inside a string`);
    const blocks = count(open, /^meta\.block(\.|$)/);
    if (blocks !== want.braceDepth) {
      problems.push(`${i + 1}: line ends inside ${blocks} {…} block(s), the lexer says ${want.braceDepth}`);
    }
  });
  const last = ref.lines[ref.lines.length - 1];
  const balanced = last && !last.commentDepth && !last.braceDepth && !last.parenDepth && !last.angleDepth;
  const end = lines[lines.length - 1]?.openScopes ?? [];
  if (balanced && count(end, DELIMITED) > 0) {
    problems.push(`end of file: still inside ${end.filter((s) => DELIMITED.test(s)).join(' ')}`);
  }
  for (const k of ref.keywords) {
    const got = innermost(lines[k.line]!, k.column);
    const want = keywordScope(k.word);
    if (got !== want) problems.push(`${k.line + 1}:${k.column + 1}: keyword \`${k.word}\` has scope ${got}, want ${want}`);
  }
  return problems;
}

function innermost(line: TokenizedLine, column: number): string | undefined {
  const scopes = line.tokens.find((t) => t.start <= column && column < t.end)?.scopes;
  return scopes?.[scopes.length - 1];
}

/** One class character per UTF-16 unit, as in reference-scan.ts, from the grammar's scopes. */
function grammarClasses(line: TokenizedLine): string {
  const cls = Array.from({ length: line.text.length }, () => '.');
  for (const t of line.tokens) {
    const k = t.scopes.some((s) => s.startsWith('comment.')) ? 'c' : t.scopes.some((s) => s.startsWith('string.')) ? 's' : '.';
    for (let j = t.start; j < t.end; j++) cls[j] = k;
  }
  return cls.join('');
}

function firstMismatch(a: string, b: string): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return i;
  return -1;
}
