/**
 * Hover, definition, references, rename and workspace symbols over a real stdio connection, on a workspace of two
 * package groups (one with a `deps/` package) plus a file that imports built-in WASI.
 *
 * Every occurrence of the type `id` of `my:lib/types` is marked `<|>` in the fixture: references and rename must
 * find exactly those places (the unrelated `id` of `my:other` is not marked).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Hover, Location, Position, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { marked, startServer, uri, workspace, type Server } from './client.js';

const sources = {
  'app/app.wit': `package my:app@0.1.0;

world app {
  import my:lib/store@1.0.0;
  export run;
  use my:lib/types@1.0.0.{<|>id};
}
`,
  'app/run.wit': `interface run {
  use my:lib/types@1.0.0.{<|>id, entry as e};
  go: func(x: <|>id) -> e;
  stop: func();
}
`,
  'app/deps/lib/types.wit': `package my:lib@1.0.0;

interface types {
  /// An identifier.
  type <|>id = u64;
  record entry { key: <|>id, value: string }
}
`,
  'app/deps/lib/store.wit': `interface store {
  use types.{<|>id, entry};
  resource bucket {
    constructor(name: string);
    get: func(k: <|>id) -> option<entry>;
  }
  open: func() -> bucket;
}
`,
  'other/other.wit': `package my:other;

interface x {
  type id = string;
  f: func(a: id);
}
`,
  'wasi-user/w.wit': `package t:w;

world w {
  import wasi:clocks/monotonic-clock@0.3.0;
}
`,
};

const files = Object.fromEntries(Object.entries(sources).map(([k, v]) => [k, marked(v)]));
const texts = Object.fromEntries(Object.entries(files).map(([k, v]) => [k, v.text]));

let ws: ReturnType<typeof workspace>;
let server: Server;
const u = (rel: string) => uri(ws.path(rel));

/** Every marked occurrence of `id` as "file:line:char". */
function markedIds(): string[] {
  return Object.entries(files)
    .flatMap(([rel, f]) => f.cursors.map((c) => `${u(rel)}:${c.line}:${c.character}`))
    .sort();
}

const key = (l: { uri: string; range: { start: Position } }) => `${l.uri}:${l.range.start.line}:${l.range.start.character}`;

/** The position of the `n`th occurrence of `needle` in a fixture file (0-based), `delta` characters in. */
function find(rel: string, needle: string, n = 0, delta = 0): Position {
  const text = texts[rel]!;
  let at = -1;
  for (let i = 0; i <= n; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`${needle} not in ${rel}`);
  const before = text.slice(0, at + delta).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

beforeAll(async () => {
  ws = workspace(texts);
  server = await startServer(ws.root);
  const ready = server.diagnostics(u('app/run.wit'));
  server.open(u('app/run.wit'), texts['app/run.wit']!);
  expect(await ready).toEqual([]);
});

afterAll(async () => {
  expect(await server.stop()).toBe(0);
  ws.dispose();
});

describe('hover', () => {
  test('a type used from a dependency shows its definition and docs', async () => {
    const h = await server.request<Hover>('textDocument/hover', { textDocument: { uri: u('app/run.wit') }, position: files['app/run.wit']!.cursors[1] });
    const value = (h.contents as { value: string }).value;
    expect(value).toContain('type id = u64;');
    expect(value).toContain('An identifier.');
    expect(value).toContain('my:lib@1.0.0');
    expect(h.range).toEqual({ start: files['app/run.wit']!.cursors[1], end: { ...files['app/run.wit']!.cursors[1]!, character: files['app/run.wit']!.cursors[1]!.character + 2 } });
  });

  test('an alias shows the use and the type it names', async () => {
    const h = await server.request<Hover>('textDocument/hover', { textDocument: { uri: u('app/run.wit') }, position: find('app/run.wit', '-> e', 0, 3) });
    const value = (h.contents as { value: string }).value;
    expect(value).toContain('record entry');
    expect(value).toContain('entry as e');
  });

  test('a function shows its signature; nothing under whitespace', async () => {
    const h = await server.request<Hover>('textDocument/hover', { textDocument: { uri: u('app/run.wit') }, position: find('app/run.wit', 'go') });
    expect((h.contents as { value: string }).value).toContain('go: func(x: id) -> e;');
    const none = await server.request<Hover | null>('textDocument/hover', { textDocument: { uri: u('app/run.wit') }, position: { line: 0, character: 15 } });
    expect(none).toBeNull();
  });
});

describe('definition', () => {
  test('into a deps/ package, and through a use alias', async () => {
    const def = await server.request<Location>('textDocument/definition', { textDocument: { uri: u('app/run.wit') }, position: files['app/run.wit']!.cursors[1] });
    expect(key(def)).toBe(`${u('app/deps/lib/types.wit')}:${files['app/deps/lib/types.wit']!.cursors[0]!.line}:${files['app/deps/lib/types.wit']!.cursors[0]!.character}`);
    const alias = await server.request<Location>('textDocument/definition', { textDocument: { uri: u('app/run.wit') }, position: find('app/run.wit', '-> e', 0, 3) });
    expect(key(alias)).toBe(`${u('app/run.wit')}:${find('app/run.wit', 'as e', 0, 3).line}:${find('app/run.wit', 'as e', 0, 3).character}`);
    const target = await server.request<Location>('textDocument/definition', { textDocument: { uri: u('app/run.wit') }, position: find('app/run.wit', 'as e', 0, 3) });
    expect(key(target)).toBe(`${u('app/deps/lib/types.wit')}:${find('app/deps/lib/types.wit', 'entry').line}:${find('app/deps/lib/types.wit', 'entry').character}`);
  });

  test('interfaces by path, across files of one package and into deps', async () => {
    const run = await server.request<Location>('textDocument/definition', { textDocument: { uri: u('app/app.wit') }, position: find('app/app.wit', 'export run', 0, 8) });
    expect(key(run)).toBe(`${u('app/run.wit')}:0:10`);
    const store = await server.request<Location>('textDocument/definition', { textDocument: { uri: u('app/app.wit') }, position: find('app/app.wit', 'store') });
    expect(key(store)).toBe(`${u('app/deps/lib/store.wit')}:0:10`);
    const pkg = await server.request<Location>('textDocument/definition', { textDocument: { uri: u('app/app.wit') }, position: find('app/app.wit', 'my:lib', 0, 4) });
    expect(key(pkg)).toBe(`${u('app/deps/lib/types.wit')}:0:8`);
  });

  test('into the built-in WASI packages', async () => {
    const def = await server.request<Location | null>('textDocument/definition', {
      textDocument: { uri: u('wasi-user/w.wit') },
      position: find('wasi-user/w.wit', 'monotonic-clock', 0, 3),
    });
    expect(def?.uri).toMatch(/lib\/wit\/builtin\/0\.3\.0\/wasi-clocks\/package\.wit$/);
  });
});

describe('references and rename', () => {
  test('references of a type find every use across files and packages, and nothing else', async () => {
    for (const [rel, cursor] of [
      ['app/run.wit', files['app/run.wit']!.cursors[1]!],
      ['app/deps/lib/types.wit', files['app/deps/lib/types.wit']!.cursors[0]!],
      ['app/app.wit', files['app/app.wit']!.cursors[0]!],
    ] as const) {
      const refs = await server.request<Location[]>('textDocument/references', {
        textDocument: { uri: u(rel) },
        position: cursor,
        context: { includeDeclaration: true },
      });
      expect(refs.map(key).sort()).toEqual(markedIds());
    }
    const noDecl = await server.request<Location[]>('textDocument/references', {
      textDocument: { uri: u('app/run.wit') },
      position: files['app/run.wit']!.cursors[1],
      context: { includeDeclaration: false },
    });
    expect(noDecl).toHaveLength(markedIds().length - 1);
  });

  test('rename edits every reference; keywords are escaped', async () => {
    const edit = await server.request<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri: u('app/deps/lib/store.wit') },
      position: files['app/deps/lib/store.wit']!.cursors[1],
      newName: 'record',
    });
    const edits = Object.entries(edit.changes ?? {}).flatMap(([uri, list]) => list.map((e) => ({ uri, ...e })));
    expect(edits.map(key).sort()).toEqual(markedIds());
    expect(new Set(edits.map((e) => e.newText))).toEqual(new Set(['%record']));
  });

  test('rename refuses invalid names, clashes, packages and built-in WASI names', async () => {
    const at = { textDocument: { uri: u('app/deps/lib/types.wit') }, position: files['app/deps/lib/types.wit']!.cursors[0] };
    for (const bad of ['Bad_Name', 'x--y', '1abc', 'camelCase', '']) {
      await expect(server.request('textDocument/rename', { ...at, newName: bad })).rejects.toThrow(/not a valid WIT identifier/);
    }
    await expect(server.request('textDocument/rename', { ...at, newName: 'entry' })).rejects.toThrow(/already defined/);
    const pkgAt = { textDocument: { uri: u('app/app.wit') }, position: find('app/app.wit', 'my:app', 0, 1) };
    await expect(server.request('textDocument/prepareRename', pkgAt)).rejects.toThrow(/packages cannot be renamed/);
    const builtin = { textDocument: { uri: u('wasi-user/w.wit') }, position: find('wasi-user/w.wit', 'monotonic-clock', 0, 3) };
    await expect(server.request('textDocument/rename', { ...builtin, newName: 'clock' })).rejects.toThrow(/read-only/);
    const ok = await server.request<{ range: unknown; placeholder: string }>('textDocument/prepareRename', at);
    expect(ok.placeholder).toBe('id');
  });
});

describe('workspace symbols', () => {
  test('finds symbols of every package group, deps included', async () => {
    const syms = await server.request<{ name: string; location: Location; containerName?: string }[]>('workspace/symbol', { query: 'bucket' });
    expect(syms.map((s) => s.name)).toEqual(['bucket']);
    expect(syms[0]!.location.uri).toBe(u('app/deps/lib/store.wit'));
    const ids = await server.request<{ name: string; location: Location }[]>('workspace/symbol', { query: 'id' });
    const idFiles = ids.filter((s) => s.name === 'id').map((s) => s.location.uri).sort();
    expect(idFiles).toEqual([u('app/deps/lib/types.wit'), u('other/other.wit')].sort());
  });
});
