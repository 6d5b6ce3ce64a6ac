/**
 * Completion in context, document symbols, semantic tokens, folding ranges and formatting over a real stdio
 * connection, with cursor-marked documents; positions in UTF-16 (astral characters in comments and strings before
 * the names count two units).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CompletionItem, DocumentSymbol, FoldingRange, Hover, Location, SemanticTokens, TextEdit } from 'vscode-languageserver-protocol';
import { marked, startServer, uri, workspace, type Server } from './client.js';

const LIB = `package my:lib@1.2.0;

interface types {
  type id = u64;
  record entry { key: id }
  enum color { red, green }
}

interface other {}

world lib-world {}
`;

let ws: ReturnType<typeof workspace>;
let server: Server;
let version = 0;
const doc = () => uri(ws.path('pkg/main.wit'));

beforeAll(async () => {
  ws = workspace({ 'pkg/main.wit': 'package my:main;\n', 'pkg/deps/lib/lib.wit': LIB, 'pkg/deps/lib2/lib.wit': LIB.replace('1.2.0', '2.0.0') });
  server = await startServer(ws.root);
});

afterAll(async () => {
  expect(await server.stop()).toBe(0);
  ws.dispose();
});

/** Opens (or replaces) the document with a marked text and returns its cursors. */
async function show(text: string) {
  const m = marked(text);
  version++;
  const published = server.diagnostics(doc(), version);
  if (version === 1) server.open(doc(), m.text, version);
  else server.change(doc(), m.text, version);
  await published;
  return m.cursors;
}

async function labels(text: string): Promise<string[]> {
  const [position] = await show(text);
  const items = await server.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: doc() }, position });
  return items.map((i) => i.label);
}

describe('completion', () => {
  test('keywords for the scope at the start of an item', async () => {
    expect(await labels('package my:main;\n<|>')).toEqual(expect.arrayContaining(['interface', 'world', 'use']));
    const inIface = await labels('package my:main;\ninterface i {\n  <|>\n}\n');
    expect(inIface).toEqual(expect.arrayContaining(['use', 'type', 'record', 'variant', 'enum', 'flags', 'resource']));
    expect(inIface).not.toContain('import');
    const inWorld = await labels('package my:main;\nworld w {\n  im<|>\n}\n');
    expect(inWorld).toEqual(expect.arrayContaining(['import', 'export', 'include']));
    expect(await labels('package my:main;\ninterface i {\n  resource r {\n    <|>\n  }\n}\n')).toContain('constructor');
  });

  test('types in scope (local and used) where a type is expected', async () => {
    const items = await labels(`package my:main;
interface i {
  use my:lib/types@1.2.0.{id};
  type mine = u8;
  f: func(a: <|>
}
`);
    expect(items).toEqual(expect.arrayContaining(['id', 'mine', 'u32', 'string', 'list', 'option', 'borrow']));
    expect(items).not.toContain('f');
    const generic = await labels('package my:main;\ninterface i {\n  type mine = u8;\n  type l = list<m<|>\n}\n');
    expect(generic).toContain('mine');
  });

  test('packages, interfaces and versions in paths', async () => {
    expect(await labels('package my:main;\nworld w {\n  import <|>\n}\n')).toEqual(expect.arrayContaining(['my:lib']));
    const ifaces = await labels('package my:main;\nworld w {\n  import my:lib/<|>\n}\n');
    expect(ifaces.sort()).toEqual(['other', 'types']);
    expect(await labels('package my:main;\nworld w {\n  include my:lib/<|>\n}\n')).toEqual(['lib-world']);
    expect((await labels('package my:main;\nworld w {\n  import my:lib/types@<|>\n}\n')).sort()).toEqual(['1.2.0', '2.0.0']);
    const local = await labels('package my:main;\ninterface mine {}\nworld w {\n  export <|>\n}\n');
    expect(local).toContain('mine');
  });

  test('the names of the target interface inside a use list, minus those already listed', async () => {
    const items = await labels('package my:main;\ninterface i {\n  use my:lib/types@1.2.0.{id, <|>\n}\n');
    expect(items.sort()).toEqual(['color', 'entry']);
  });

  test('attributes after `@`', async () => {
    expect((await labels('package my:main;\ninterface i {\n  @<|>\n}\n')).sort()).toEqual(['deprecated', 'since', 'unstable']);
  });

  test('after `name:` in an interface: func', async () => {
    expect(await labels('package my:main;\ninterface i {\n  f: <|>\n}\n')).toEqual(expect.arrayContaining(['func', 'async']));
  });
});

describe('document structure', () => {
  const SRC = `package my:main;

/// The API.
interface api {
  record point {
    x: u32,
    y: u32,
  }
  resource handle {
    constructor();
    get: func() -> point;
  }
  // a note
  // more
  f: func(p: point);
}

world w {
  export api;
}
`;

  test('document symbols nest items in their containers', async () => {
    await show(SRC);
    const syms = await server.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: doc() } });
    const tree = (s: DocumentSymbol): unknown => (s.children?.length ? { [s.name]: s.children.map(tree) } : s.name);
    expect(syms.map(tree)).toEqual(['my:main', { api: [{ point: ['x', 'y'] }, { handle: ['constructor', 'get'] }, 'f'] }, 'w']);
  });

  test('folding ranges for blocks and comment runs', async () => {
    await show(SRC);
    const folds = await server.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: doc() } });
    const lines = (f: FoldingRange) => `${f.startLine}-${f.endLine}${f.kind ? `:${f.kind}` : ''}`;
    expect(folds.map(lines).sort()).toEqual(['12-13:comment', '17-18', '3-14', '4-6', '8-10'].sort());
  });

  test('semantic tokens classify declarations, references, keywords and comments', async () => {
    await show(SRC);
    const legend = ['namespace', 'interface', 'class', 'type', 'struct', 'enum', 'enumMember', 'function', 'method', 'parameter', 'property', 'keyword', 'comment', 'string', 'number', 'decorator'];
    const r = await server.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: doc() } });
    const text = SRC.split('\n');
    const decoded: string[] = [];
    let line = 0;
    let char = 0;
    for (let i = 0; i < r.data.length; i += 5) {
      line += r.data[i]!;
      char = r.data[i]! === 0 ? char + r.data[i + 1]! : r.data[i + 1]!;
      decoded.push(`${text[line]!.slice(char, char + r.data[i + 2]!)}:${legend[r.data[i + 3]!]}${r.data[i + 4]! & 1 ? '.decl' : ''}`);
    }
    expect(decoded).toEqual(
      expect.arrayContaining([
        'package:keyword',
        'my:main:namespace.decl',
        '/// The API.:comment',
        'api:interface.decl',
        'point:struct.decl',
        'x:property.decl',
        'u32:type',
        'handle:class.decl',
        'get:method.decl',
        'point:struct',
        'f:function.decl',
        'p:parameter.decl',
        'api:interface',
      ]),
    );
  });

  test('formatting replaces the document with the canonical layout; a broken file gets no edits', async () => {
    await show('package my:main;\ninterface   i{type t=u8;\n  // note\n f:func(a:u32)->string;}\n');
    const options = { tabSize: 2, insertSpaces: true };
    const edits = await server.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri: doc() }, options });
    expect(edits).toEqual([
      {
        range: { start: { line: 0, character: 0 }, end: { line: 4, character: 0 } },
        newText: 'package my:main;\n\ninterface i {\n  type t = u8;\n  // note\n  f: func(a: u32) -> string;\n}\n',
      },
    ]);
    await show('package my:main;\ninterface i { type t = ; }\n');
    expect(await server.request('textDocument/formatting', { textDocument: { uri: doc() }, options })).toEqual([]);
    await show(SRC);
    expect(await server.request('textDocument/formatting', { textDocument: { uri: doc() }, options })).toEqual([]);
  });
});

describe('UTF-16 positions', () => {
  test('astral characters before a name shift columns by two units', async () => {
    const cursors = await show(`package my:main;
interface i {
  /// 🎉🎉 party
  type t = u8; /* 🎉 */ type <|>u = <|>t;
}
`);
    const h = await server.request<Hover>('textDocument/hover', { textDocument: { uri: doc() }, position: cursors[1] });
    expect((h.contents as { value: string }).value).toContain('type t = u8;');
    expect(h.range!.start).toEqual(cursors[1]);
    const def = await server.request<Location>('textDocument/definition', { textDocument: { uri: doc() }, position: cursors[1] });
    expect(def.range.start).toEqual({ line: 3, character: 7 });
    const syms = await server.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: doc() } });
    const u = syms[1]!.children!.find((s) => s.name === 'u')!;
    expect(u.selectionRange.start).toEqual(cursors[0]);
    // The column counts UTF-16 units: `  type t = u8; /* 🎉 */ type ` is 29 units (🎉 is two).
    expect(cursors[0]!.character).toBe(29);
  });

  test('incremental changes with UTF-16 ranges are applied to the right place', async () => {
    const [cursor] = await show('package my:main;\ninterface i {\n  /* 🎉 */ type t = u8; type u = <|>x;\n}\n');
    version++;
    const published = server.diagnostics(doc(), version);
    // Replace `x` (one unit at the cursor) with `t`.
    await server.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: doc(), version },
      contentChanges: [{ range: { start: cursor, end: { ...cursor!, character: cursor!.character + 1 } }, text: 't' }],
    });
    expect(await published).toEqual([]);
    const def = await server.request<Location>('textDocument/definition', { textDocument: { uri: doc() }, position: cursor });
    expect(def.range.start).toEqual({ line: 2, character: 16 });
  });
});
