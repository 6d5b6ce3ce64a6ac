/**
 * Suite `editor-grammar`: tokenizes every `.wit` file of the wit-parser ui suite (valid and parse-fail cases) and of
 * the WASI 0.2.12 / 0.3.0 sets (plus the 2.5 MB bench/synth.wit) with grammar/wit.tmLanguage.json, and checks each against the lexer's view
 * (test/editor/grammar-check.ts): comments, strings and `{…}` blocks close where the lexer says, and every keyword
 * token gets its keyword scope. Also reports tokenizing throughput.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkGrammar } from '../../editor/grammar-check.js';
import { loadWitGrammar, tokenizeText } from '../../editor/textmate.js';
import type { Suite, SuiteContext, SuiteResult } from '../harness.js';

/** Every `.wit` file below `dir`, sorted. */
function witFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...witFiles(path));
    else if (name.endsWith('.wit')) out.push(path);
  }
  return out;
}

async function run(ctx: SuiteContext): Promise<SuiteResult> {
  const grammar = await loadWitGrammar();
  const roots = [join(ctx.shared, 'conformance', 'wit-parser-ui'), join(ctx.shared, 'wit')];
  const synth = join(ctx.shared, 'bench', 'synth.wit');
  const files = [...roots.flatMap(witFiles), ...(existsSync(synth) ? [synth] : [])].filter(
    (f) => !ctx.filter || f.includes(ctx.filter),
  );
  let passed = 0;
  let failed = 0;
  let bytes = 0;
  let shown = 0;
  let tokenizeMs = 0;
  const t0 = performance.now();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    bytes += text.length;
    const t1 = performance.now();
    tokenizeText(grammar, text);
    tokenizeMs += performance.now() - t1;
    const problems = checkGrammar(grammar, text);
    if (problems.length === 0) {
      passed += 1;
      continue;
    }
    failed += 1;
    if (ctx.verbose || shown < 10) {
      shown += 1;
      ctx.log(`FAIL ${relative(ctx.shared, file)}`);
      for (const p of problems.slice(0, ctx.verbose ? undefined : 5)) ctx.log(`    ${p}`);
    }
  }
  const ms = performance.now() - t0;
  const mbps = bytes / 1e6 / (tokenizeMs / 1000);
  ctx.log(`${files.length} files, ${(bytes / 1024).toFixed(0)} KiB; tokenizing alone ${tokenizeMs.toFixed(0)} ms ` +
    `(${mbps.toFixed(2)} MB/s), with the checks ${ms.toFixed(0)} ms`);
  return { passed, failed, skipped: 0 };
}

export const editorGrammarSuite: Suite = { name: 'editor-grammar', run };
