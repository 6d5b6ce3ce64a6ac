/**
 * witc against the wit-parser inside jco 1.35 (a dev dependency: `@bytecodealliance/jco-transpile`, wit-parser
 * 0.259), on packages made by line-level edits of the ui suite's single-file cases, valid and parse-fail alike. Both
 * load each package (feature `active`; jco through `generateTypes` of the first world witc finds) and must agree:
 * both accept it, or both reject it with the same first message.
 *
 * Not compared: packages for which jco cannot pick that world (it reports the world missing before looking at the
 * rest), and inputs on which wit-parser panics (the instance is made anew). Expected (docs/resolver.md, Divergences):
 * witc rejects and jco accepts when witc's only errors are spec rules that wit-parser does not check (their note says
 * so); witc accepts and jco reports an unversioned package missing when witc resolved that reference to the only
 * version loaded. Anything else is a failure. The five disagreements this suite found first are tests in
 * test/resolve/rules.test.ts and test/syntax/errors/.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import type { Suite } from '../harness.js';
import { loadSources } from '../../../src/resolve/index.js';
import { SPEC_RULE_NOTE } from '../../../src/resolve/syntax-helpers.js';
import { parse } from '../../../src/syntax/index.js';

interface JcoTypes {
  $init: Promise<void>;
  generateTypes(name: string, options: { wit: { tag: 'source'; val: string }; world?: string; features?: { tag: 'list'; val: string[] } }): unknown;
}

const TRANSPILE = resolve('node_modules/@bytecodealliance/jco-transpile');

/** jco 1.35's bindgen component, instantiated anew on each call (`fresh` is the instance's number). */
async function jcoInstance(fresh: number): Promise<JcoTypes | undefined> {
  const file = join(TRANSPILE, 'vendor/js-component-bindgen-component.js');
  const shim = ['dist/nodejs/filesystem.js', 'lib/nodejs/filesystem.js']
    .map((p) => join(TRANSPILE, 'node_modules/@bytecodealliance/preview2-shim', p))
    .find((p) => existsSync(p));
  if (!existsSync(file) || !shim) return undefined;
  const api = (await import(`${pathToFileURL(file).href}?instance=${fresh}`)) as JcoTypes;
  await api.$init;
  return api;
}

/** The first line of a message, without a trailing colon (wit-parser puts lists of notes after one). */
const head = (message: string): string => message.split('\n')[0]!.replace(/:\s*$/, '');

function edit(lines: string[], [op, a, b]: [number, number, number], donor: readonly string[]): void {
  if (lines.length === 0) lines.push('');
  const i = a % lines.length;
  const j = b % lines.length;
  if (op === 0) lines.splice(i, 1);
  else if (op === 1) lines.splice(i, 0, lines[j]!);
  else if (op === 2) lines.splice(i, 0, donor[b % donor.length]!);
  else if (op === 3) [lines[i], lines[j]] = [lines[j]!, lines[i]!];
  else if (op === 4) {
    const words = lines.join('\n').match(/[a-z][a-z0-9-]*/g) ?? [];
    if (words.length > 1) lines[i] = lines[i]!.replace(words[a % words.length]!, words[b % words.length]!);
  } else lines[i] = lines[i]!.replace(/@\d+\.\d+\.\d+/, ['', '@0.2.0', '@1.0.0'][b % 3]!);
}

export const differentialSuite: Suite = {
  name: 'differential',
  async run(ctx) {
    let instance = 0;
    let jco = await jcoInstance(instance++).catch(() => undefined);
    if (!jco) {
      ctx.log('skipped: jco 1.35 (@bytecodealliance/jco-transpile) is not installed');
      return { passed: 0, failed: 0, skipped: 1 };
    }
    const ui = join(ctx.shared, 'conformance/wit-parser-ui');
    const read = (dir: string) =>
      readdirSync(dir)
        .filter((n) => n.endsWith('.wit') && statSync(join(dir, n)).isFile())
        .sort()
        .map((n) => readFileSync(join(dir, n), 'utf8'));
    const corpus = [...read(ui), ...read(join(ui, 'parse-fail'))];
    const donor = corpus.flatMap((t) => t.split('\n'));
    const arb = fc.record({ base: fc.nat(corpus.length - 1), edits: fc.array(fc.tuple(fc.nat(5), fc.nat(), fc.nat()), { maxLength: 3 }) });
    const runs = 20_000;
    const counts = { compared: 0, agree: 0, specOnly: 0, unversioned: 0, worldNotPicked: 0, panics: 0 };
    const disagreements: string[] = [];
    for (const input of fc.sample(arb, { numRuns: runs, seed: 20261125 })) {
      const lines = corpus[input.base]!.split('\n');
      for (const e of input.edits) edit(lines, e, donor);
      const text = lines.join('\n');
      const world = parse(text, 'a.wit').file.items.find((i) => i.kind === 'World')?.name.name ?? 'w';
      const r = loadSources({ '/x/a.wit': text }, '/x/a.wit', { features: ['active'] });
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      const ours = r.resolve ? undefined : head(errors[0]?.message ?? 'failed');
      let theirs: string | undefined;
      // wit-parser's panic messages go to standard error: kept out of the suite's report.
      const write = process.stderr.write;
      process.stderr.write = () => true;
      try {
        jco.generateTypes('x', { wit: { tag: 'source', val: text }, world, features: { tag: 'list', val: ['active'] } });
      } catch (e) {
        const message = String((e as { payload?: unknown }).payload ?? (e as Error).message ?? e);
        if ((e as Error).name === 'RuntimeError' || /wasm trap|unreachable/.test(message)) {
          counts.panics++;
          jco = (await jcoInstance(instance++))!;
          continue;
        }
        theirs = head(message);
      } finally {
        process.stderr.write = write;
      }
      if (theirs !== undefined && /^World `[^`]*` not found in package|contains no worlds|multiple worlds/.test(theirs)) {
        counts.worldNotPicked++;
        continue;
      }
      counts.compared++;
      if (ours === theirs) {
        counts.agree++;
        continue;
      }
      if (theirs === undefined && errors.length > 0 && errors.every((d) => d.notes.includes(SPEC_RULE_NOTE))) {
        counts.specOnly++;
        continue;
      }
      if (ours === undefined && theirs !== undefined && /^package '[^'@]+' not found/.test(theirs)) {
        counts.unversioned++;
        continue;
      }
      disagreements.push(`witc: ${ours ?? 'ok'} | jco: ${theirs ?? 'ok'} | input: ${JSON.stringify(ctx.verbose ? text : text.slice(0, 200))}`);
    }
    ctx.log(
      `${runs} edited ui cases: ${counts.compared} compared, ${counts.agree} agree, ${counts.specOnly} rejected by witc only for a spec rule wit-parser does not check, ${counts.unversioned} accepted by witc only because it resolves an unversioned reference to the one version loaded, ${disagreements.length} disagree (not compared: ${counts.worldNotPicked} whose world jco could not pick, ${counts.panics} on which wit-parser panicked)`,
    );
    for (const d of disagreements.slice(0, ctx.verbose ? undefined : 5)) ctx.log(`FAIL ${d}`);
    return { passed: disagreements.length === 0 ? 1 : 0, failed: disagreements.length === 0 ? 0 : 1, skipped: 0 };
  },
};
