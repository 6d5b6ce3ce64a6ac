import { EmbeddedActionsParser } from 'chevrotain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderReference } from '../../src/diagnostics/render.js';
import { parse, parseWith } from '../../src/syntax/index.js';
import { WitParser } from '../../src/syntax/parser.js';
import { RECORDING_METHODS } from '../../src/syntax/parser-base.js';
import { printFile } from '../../src/syntax/print.js';
import { file } from './arbitraries.js';

// The parser ends chevrotain's grammar recording its own way (ParserBase.disableRecording): it points chevrotain's
// recording methods back at the prototype's instead of deleting them. These tests check that nothing of the
// recording is left and that parsing is the same as with chevrotain's own ending.

type Bag = Record<string, unknown>;

/** A parser that ends the recording with chevrotain's own method (which deletes the recording methods). */
const chevrotainEnd = (EmbeddedActionsParser.prototype as unknown as Bag).disableRecording as (this: unknown) => void;
class DeletingParser extends WitParser {
  protected override disableRecording(): void {
    chevrotainEnd.call(this);
  }
}

describe('the end of grammar recording', () => {
  it('leaves no recording method on the parser', () => {
    const parser = new WitParser() as unknown as Bag;
    const proto = Object.getPrototypeOf(parser) as Bag;
    expect(parser.RECORDING_PHASE).toBe(false);
    expect(RECORDING_METHODS).toHaveLength(89);
    // chevrotain put these on the object while recording; they are still own properties (so this parser's way of
    // ending the recording ran, not chevrotain's), and they are the prototype's methods.
    for (const key of RECORDING_METHODS) {
      expect(Object.hasOwn(parser, key), key).toBe(true);
      expect(typeof proto[key], key).toBe('function');
      expect(parser[key], key).toBe(proto[key]);
    }
  });

  it('knows every method that chevrotain replaces while recording', () => {
    // Recording methods are recognisable by name (`consumeInternalRecord`, `LA_RECORD`, …): none may be left behind
    // on a parser whose recording chevrotain ended its own way, nor on ours.
    const recordingLeft = (parser: Bag): string[] =>
      Object.keys(parser).filter((k) => typeof parser[k] === 'function' && /Record|_RECORD/.test(String(parser[k])));
    expect(recordingLeft(new DeletingParser() as unknown as Bag)).toEqual([]);
    expect(recordingLeft(new WitParser() as unknown as Bag)).toEqual([]);
  });

  it("compares with a parser that ends the recording chevrotain's way, deleting the methods", () => {
    const parser = new DeletingParser() as unknown as Bag;
    expect(parser.RECORDING_PHASE).toBe(false);
    expect(Object.hasOwn(parser, 'CONSUME')).toBe(false);
  });

  const deleting = new DeletingParser();
  const same = (text: string): void => {
    const a = parse(text, 'd.wit');
    const b = parseWith(deleting, text, 'd.wit');
    expect(a.diagnostics.map(renderReference)).toEqual(b.diagnostics.map(renderReference));
    expect(printFile(a.file)).toBe(printFile(b.file));
    expect(a.file.items.length).toBe(b.file.items.length);
  };

  it('parses printed random trees the same way', () => {
    fc.assert(fc.property(file, (tree) => same(printFile(tree))), { numRuns: 150 });
  });

  it('reports the same errors on broken input', () => {
    const pieces = ['{', '}', ';', ':', 'func(', ')', '->', '<', '>', ',', 'use', 'world', '%', '@since(', '"'];
    const broken = fc
      .record({ tree: file, edits: fc.array(fc.record({ at: fc.nat(), piece: fc.constantFrom(...pieces) }), { minLength: 1, maxLength: 3 }) })
      .map(({ tree, edits }) => {
        let s = printFile(tree);
        for (const e of edits) {
          const at = e.at % (s.length + 1);
          s = s.slice(0, at) + e.piece + s.slice(at);
        }
        return s;
      });
    fc.assert(fc.property(broken, same), { numRuns: 150 });
  });
});
