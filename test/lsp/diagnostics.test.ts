/**
 * Diagnostics while typing, over a real stdio connection: parse errors with partial results, resolver errors
 * across files of a package and from deps/, fixes that clear them, every prefix of a file typed one chunk at a time,
 * and malformed input and requests — after each of which the server still answers.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Diagnostic, DocumentSymbol, Hover } from 'vscode-languageserver-protocol';
import { marked, startServer, uri, workspace, type Server } from './client.js';

const LIB = `package t:lib;

interface types {
  type id = u64;
}
`;
const MAIN = `package t:main;

interface api {
  use t:lib/types.{id};
  get: func(x: id) -> string;
}
`;

let ws: ReturnType<typeof workspace>;
let server: Server;
let version = 1;

beforeAll(async () => {
  ws = workspace({ 'pkg/main.wit': MAIN, 'pkg/deps/lib/lib.wit': LIB, 'pkg/extra.wit': 'interface extra {}\n' });
  server = await startServer(ws.root);
});

afterAll(async () => {
  expect(await server.stop()).toBe(0);
  ws.dispose();
});

/** Sends a new text for `rel` and waits for the diagnostics of that version. */
async function edit(rel: string, text: string): Promise<Diagnostic[]> {
  const v = ++version;
  const done = server.diagnostics(uri(ws.path(rel)), v);
  if (v === 2) server.open(uri(ws.path(rel)), text, v);
  else server.change(uri(ws.path(rel)), text, v);
  return done;
}

/** The first cursor of a marked text as a range start. */
function at(text: string) {
  return marked(text).cursors[0]!;
}

describe('diagnostics while typing', () => {
  test('a clean package publishes no problems', async () => {
    expect(await edit('pkg/main.wit', MAIN)).toEqual([]);
  });

  test('a syntax error: code, range, and outline still works on the partial tree', async () => {
    const src = `package t:main;

interface api {
  use t:lib/types.{id};
  get: func(x: id <|>string;
  put: func(x: id);
}
`;
    const diags = await edit('pkg/main.wit', marked(src).text);
    expect(diags.length).toBeGreaterThan(0);
    expect(diags[0]!.code).toMatch(/^WIT02\d\d$/);
    expect(diags[0]!.source).toBe('witc');
    expect(diags[0]!.severity).toBe(1);
    expect(diags[0]!.range.start).toEqual(at(src));
    const outline = await server.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: uri(ws.path('pkg/main.wit')) } });
    expect(outline.map((s) => s.name)).toEqual(['t:main', 'api']);
  });

  test('an unknown type: resolver code on the name', async () => {
    const src = `package t:main;

interface api {
  use t:lib/types.{id};
  get: func(x: <|>nope) -> string;
}
`;
    const diags = await edit('pkg/main.wit', marked(src).text);
    expect(diags.map((d) => d.code)).toEqual(['WIT0301']);
    expect(diags[0]!.range).toEqual({ start: at(src), end: { ...at(src), character: at(src).character + 4 } });
    expect(diags[0]!.message).toMatch(/nope/);
  });

  test('a name missing from a deps/ package', async () => {
    const src = `package t:main;

interface api {
  use t:lib/types.{<|>ident};
}
`;
    const diags = await edit('pkg/main.wit', marked(src).text);
    expect(diags).toHaveLength(1);
    expect(diags[0]!.code).toMatch(/^WIT0[35]\d\d$/);
    expect(diags[0]!.range.start).toEqual(at(src));
  });

  test('a clash between two files of one package is reported at the later definition, related to the other', async () => {
    const src = `package t:main;\n\ninterface <|>extra {}\n`;
    const diags = await edit('pkg/main.wit', marked(src).text);
    expect(diags.map((d) => d.code)).toEqual(['WIT0302']);
    expect(diags[0]!.range.start).toEqual(at(src));
    expect(diags[0]!.relatedInformation?.map((r) => [r.location.uri, r.location.range.start])).toEqual([
      [uri(ws.path('pkg/extra.wit')), { line: 0, character: 10 }],
    ]);
  });

  test('fixing the file clears its problems', async () => {
    expect(await edit('pkg/main.wit', MAIN)).toEqual([]);
  });

  test('an unchanged text under a new version is answered again', async () => {
    expect(await edit('pkg/main.wit', MAIN)).toEqual([]);
  });

  test('every prefix of a file, typed chunk by chunk: a version-tagged answer each time, hover never fails', async () => {
    const target = MAIN + `
/// docs
world w {
  import api;
  export run: func(a: list<option<string>>, b: tuple<u8, s64>) -> result<_, string>;
}
`;
    for (let n = 0; n <= target.length; n += 7) {
      const text = target.slice(0, n);
      const diags = await edit('pkg/main.wit', text);
      expect(Array.isArray(diags)).toBe(true);
      const lines = text.split('\n');
      const end = { line: lines.length - 1, character: lines[lines.length - 1]!.length };
      const h = await server.request<Hover | null>('textDocument/hover', { textDocument: { uri: uri(ws.path('pkg/main.wit')) }, position: end });
      expect(h === null || typeof h === 'object').toBe(true);
    }
    expect(await edit('pkg/main.wit', target)).toEqual([]);
  });
});

describe('malformed input: the server never crashes and always answers', () => {
  const garbage = [
    '\u0000\u0001\u0002 package',
    '}}}}{{{{ ;;;; <<<< >>>> ->->-> @@@ ::: ///',
    'package a:b;\ninterface i { type t = ' + 'list<'.repeat(500) + 'u8' + '>'.repeat(500) + '; }',
    'package a:b;\ninterface i { f: func(' + 'x: u8, '.repeat(2000) + '); }',
    '/* unterminated comment',
    'package a:b; world w { import "string\\q; }',
    'package \uD800 a:b;\ninterface \uDFFF {}',
    'package a:b;\u202E interface i {}',
    'package a:b@1.2.3.4.5-;\ninterface %interface { use %use.{%type}; }',
    'interface i { resource r { constructor(); constructor(); %static: static func(); } }',
    'package a:b { package c:d { } }',
    'x'.repeat(100_000),
  ];

  test.each(garbage.map((g, i) => [i, g] as const))('garbage #%i', async (_i, text) => {
    const diags = await edit('pkg/main.wit', text);
    expect(Array.isArray(diags)).toBe(true);
    const doc = { textDocument: { uri: uri(ws.path('pkg/main.wit')) } };
    for (const position of [{ line: 0, character: 3 }, { line: 1, character: 20 }, { line: 999, character: 999 }, { line: 0, character: -5 }]) {
      await server.request('textDocument/hover', { ...doc, position });
      await server.request('textDocument/completion', { ...doc, position });
      await server.request('textDocument/definition', { ...doc, position });
      await server.request('textDocument/references', { ...doc, position, context: { includeDeclaration: true } });
    }
    await server.request('textDocument/documentSymbol', doc);
    await server.request('textDocument/semanticTokens/full', doc);
    await server.request('textDocument/foldingRange', doc);
    await server.request('textDocument/formatting', { ...doc, options: { tabSize: 2, insertSpaces: true } });
    expect(server.proc.exitCode).toBeNull();
  });

  test('requests about unknown documents and unknown methods are answered', async () => {
    const missing = { textDocument: { uri: uri(ws.path('nowhere/none.wit')) }, position: { line: 0, character: 0 } };
    expect(await server.request('textDocument/hover', missing)).toBeNull();
    expect(await server.request('textDocument/definition', missing)).toBeNull();
    expect(await server.request('textDocument/completion', missing)).toEqual([]);
    expect(await server.request('textDocument/documentSymbol', { textDocument: { uri: 'untitled:Untitled-1' } })).toEqual([]);
    await expect(server.request('witc/noSuchMethod', {})).rejects.toThrow();
    await expect(server.request('textDocument/hover', { nonsense: true })).resolves.toBeNull();
    expect(await server.request('workspace/symbol', { query: '' })).toBeInstanceOf(Array);
    // Still alive and checking.
    expect(await edit('pkg/main.wit', MAIN)).toEqual([]);
  });
});
