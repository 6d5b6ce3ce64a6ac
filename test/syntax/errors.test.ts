/**
 * Golden tests of rendered syntax errors. Each `errors/NAME.wit` has `errors/NAME.txt`: every diagnostic rendered
 * as wit-parser renders errors (`renderReference`), separated by blank lines. The first one is what wit-parser
 * reports for the file; the others come from error recovery.
 *
 * `UPDATE_GOLDEN=1 npx vitest run test/syntax/errors.test.ts` rewrites the .txt files (review the diff!).
 */
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderReference } from '../../src/diagnostics/render.js';
import { parse } from '../../src/syntax/index.js';

const dir = join(import.meta.dirname, 'errors');
const update = process.env['UPDATE_GOLDEN'] === '1';

describe('syntax error golden files', () => {
  const inputs = readdirSync(dir).filter((n) => n.endsWith('.wit')).sort();
  it('has inputs', () => expect(inputs.length).toBeGreaterThan(20));
  for (const name of inputs) {
    it(name, () => {
      const text = readFileSync(join(dir, name), 'utf8');
      const { diagnostics } = parse(text, `errors/${name}`);
      const rendered = diagnostics.map(renderReference).join('\n\n') + '\n';
      const golden = join(dir, name.replace(/\.wit$/, '.txt'));
      if (update || !existsSync(golden)) writeFileSync(golden, rendered);
      expect(diagnostics.length).toBeGreaterThan(0);
      expect(rendered).toBe(readFileSync(golden, 'utf8'));
    });
  }
});
