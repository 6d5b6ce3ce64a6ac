/**
 * The protocol layer of the WIT language server: wires a vscode-languageserver `Connection` to the workspace model
 * and the offset-based analyses in ./analysis, converting offsets to LSP positions (0-based lines, UTF-16
 * characters) at the edge. Every handler is guarded: a failure is logged and answered with an empty result, so the
 * server never crashes on bad input.
 */
import {
  CompletionItemKind,
  DiagnosticSeverity,
  DiagnosticTag,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  FoldingRangeKind,
  ResponseError,
  SymbolKind as LspSymbolKind,
  TextDocumentSyncKind,
  TextDocuments,
  type CompletionItem,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type DocumentSymbol,
  type InitializeParams,
  type InitializeResult,
  type Location,
  type Position,
  type Range,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Codes } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatText } from '../format/index.js';
import type { FileHost } from '../resolve/host.js';
import type { Source, Span } from '../text/source.js';
import { complete, type CompletionKind } from './analysis/complete.js';
import { definition, hover, otherDefinitions, prepareRename, references, rename } from './analysis/navigate.js';
import { foldingRanges, outline, semanticTokens, TOKEN_MODIFIERS, TOKEN_TYPES, type OutlineNode } from './analysis/outline.js';
import type { SymbolKind } from './analysis/symbols.js';
import { pathToUri, uriToPath } from './uri.js';
import { Workspace } from './workspace.js';

/** What the server needs from its environment (the CLI passes the Node versions). */
export interface ServerOptions {
  readonly host: FileHost;
  readonly builtinDirs?: readonly string[];
  readonly builtinLabel?: string;
  /**
   * The formatter for textDocument/formatting (default: `formatText`, the one of `witc fmt`). No `text`: the file
   * does not parse, and no edits are returned.
   */
  readonly format?: (text: string, path: string) => { text?: string | undefined };
}

const SEVERITY: Record<Diagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const SYMBOL_KIND: Record<SymbolKind, LspSymbolKind> = {
  package: LspSymbolKind.Package,
  interface: LspSymbolKind.Interface,
  world: LspSymbolKind.Module,
  'alias-type': LspSymbolKind.TypeParameter,
  record: LspSymbolKind.Struct,
  variant: LspSymbolKind.Enum,
  enum: LspSymbolKind.Enum,
  flags: LspSymbolKind.Enum,
  resource: LspSymbolKind.Class,
  function: LspSymbolKind.Function,
  method: LspSymbolKind.Method,
  constructor: LspSymbolKind.Constructor,
  field: LspSymbolKind.Field,
  case: LspSymbolKind.EnumMember,
  flag: LspSymbolKind.EnumMember,
  param: LspSymbolKind.Variable,
  alias: LspSymbolKind.TypeParameter,
  import: LspSymbolKind.Interface,
};

const COMPLETION_KIND: Record<CompletionKind, CompletionItemKind> = {
  ...(Object.fromEntries(Object.entries(SYMBOL_KIND).map(([k]) => [k, CompletionItemKind.Struct])) as Record<SymbolKind, CompletionItemKind>),
  keyword: CompletionItemKind.Keyword,
  type: CompletionItemKind.TypeParameter,
  interface: CompletionItemKind.Interface,
  world: CompletionItemKind.Module,
  package: CompletionItemKind.Module,
  version: CompletionItemKind.Constant,
  snippet: CompletionItemKind.Snippet,
  'alias-type': CompletionItemKind.TypeParameter,
  resource: CompletionItemKind.Class,
  enum: CompletionItemKind.Enum,
  variant: CompletionItemKind.Enum,
  flags: CompletionItemKind.Enum,
  function: CompletionItemKind.Function,
  import: CompletionItemKind.Interface,
};

/** Converts between offsets and LSP positions of one source. */
export function toPosition(source: Source, offset: number): Position {
  const p = source.position(Math.max(0, Math.min(offset, source.text.length)));
  return { line: p.line - 1, character: p.column - 1 };
}

export function toRange(span: Span): Range {
  return { start: toPosition(span.source, span.start), end: toPosition(span.source, span.end) };
}

export function toOffset(source: Source, pos: Position): number {
  const line = Math.max(0, pos.line);
  if (line >= source.lineCount) return source.text.length;
  const lineStart = source.lineStarts[line]!;
  const lineEnd = line + 1 < source.lineCount ? source.lineStarts[line + 1]! - 1 : source.text.length;
  return Math.min(lineStart + Math.max(0, pos.character), lineEnd);
}

function location(span: Span): Location {
  return { uri: pathToUri(span.source.path), range: toRange(span) };
}

/** Starts serving on `connection` (which the caller created, e.g. over stdio) and begins listening. */
export function startServer(connection: Connection, options: ServerOptions): void {
  const ws = new Workspace({ host: options.host, builtinDirs: options.builtinDirs ?? [], builtinLabel: options.builtinLabel ?? '' });
  const documents = new TextDocuments(TextDocument);
  const pending = new Set<string>();
  const published = new Map<string, number>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let debounceMs = 0;

  const log = (what: string, e: unknown) =>
    connection.console.error(`witc: ${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  function guard<A extends unknown[], R>(what: string, empty: R, f: (...a: A) => R): (...a: A) => R {
    return (...a: A) => {
      try {
        return f(...a);
      } catch (e) {
        log(what, e);
        return empty;
      }
    };
  }

  const schedule = (roots: readonly string[]) => {
    for (const r of roots) pending.add(r);
    if (timer === undefined && pending.size > 0) timer = setTimeout(flush, debounceMs);
  };

  const flush = guard('checking', undefined, () => {
    timer = undefined;
    const roots = [...pending];
    pending.clear();
    for (const root of roots) publishGroup(root);
  });

  function publishGroup(root: string): void {
    const check = ws.check(root);
    for (const [path, diags] of check.byFile) {
      const had = published.get(path) ?? 0;
      if (diags.length === 0 && had === 0 && !ws.isOpen(path)) continue;
      published.set(path, diags.length);
      const doc = documents.get(pathToUri(path));
      connection.sendDiagnostics({
        uri: pathToUri(path),
        ...(doc ? { version: doc.version } : {}),
        diagnostics: diags.map((d) => toLspDiagnostic(withEarlierDefinition(root, d))),
      });
    }
  }

  /** A "defined twice" diagnostic gains a label at the other definition (from the symbol index). */
  function withEarlierDefinition(root: string, d: Diagnostic): Diagnostic {
    if (d.code !== Codes.DuplicateName || !d.span || d.labels.length > 0) return d;
    const spans = otherDefinitions(ws.index(root), d.span);
    return spans.length > 0 ? { ...d, labels: spans.map((span) => ({ span, message: 'also defined here' })) } : d;
  }

  let watchFiles = false;
  connection.onInitialized(() => {
    if (!watchFiles) return;
    void connection.client
      .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.wit' }, { globPattern: '**/deps/**' }] })
      .catch((e: unknown) => log('registering file watchers', e));
  });

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    watchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    const folders = params.workspaceFolders?.map((f) => uriToPath(f.uri)) ?? (params.rootUri ? [uriToPath(params.rootUri)] : []);
    ws.roots = folders;
    const init = params.initializationOptions as { debounceMs?: unknown } | undefined;
    if (typeof init?.debounceMs === 'number' && init.debounceMs >= 0) debounceMs = init.debounceMs;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        completionProvider: { triggerCharacters: [':', '/', '@', '{', ',', '<', '.', ' '] },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        semanticTokensProvider: { legend: { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] }, full: true },
        documentFormattingProvider: true,
        foldingRangeProvider: true,
      },
      serverInfo: { name: 'witc' },
    };
  });

  documents.onDidOpen(guard('open', undefined, (e) => schedule(ws.setDocument(uriToPath(e.document.uri), e.document.getText(), e.document.version))));
  documents.onDidChangeContent(
    guard('change', undefined, (e) => schedule(ws.setDocument(uriToPath(e.document.uri), e.document.getText(), e.document.version))),
  );
  documents.onDidClose(
    guard('close', undefined, (e) => {
      const path = uriToPath(e.document.uri);
      schedule(ws.closeDocument(path));
      // A document that exists only in the editor takes its diagnostics with it.
      if (ws.stat(path) === undefined && published.delete(path)) connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    }),
  );
  connection.onDidChangeWatchedFiles(
    guard('watched files', undefined, (p) => {
      if (p.changes.some((c) => c.type !== FileChangeType.Changed || !ws.isOpen(uriToPath(c.uri)))) schedule(ws.diskChanged());
    }),
  );

  /** The parsed file and offset of a request's position. */
  const at = (uri: string, pos: Position) => {
    const path = uriToPath(uri);
    const parsed = ws.parsed(path);
    if (!parsed) return undefined;
    return { path, file: parsed.file, offset: toOffset(parsed.file.source, pos), index: ws.indexFor(path) };
  };

  connection.onHover(
    guard('hover', null, (p) => {
      const q = at(p.textDocument.uri, p.position);
      const h = q && hover(q.index, q.path, q.offset);
      return h ? { contents: { kind: 'markdown' as const, value: h.markdown }, range: toRange(h.span) } : null;
    }),
  );

  connection.onDefinition(
    guard('definition', null, (p) => {
      const q = at(p.textDocument.uri, p.position);
      const span = q && definition(q.index, q.path, q.offset);
      return span ? location(span) : null;
    }),
  );

  connection.onReferences(
    guard('references', [], (p) => {
      const q = at(p.textDocument.uri, p.position);
      return q ? references(q.index, q.path, q.offset, p.context.includeDeclaration).map(location) : [];
    }),
  );

  connection.onPrepareRename((p) => {
    try {
      const q = at(p.textDocument.uri, p.position);
      if (!q) return null;
      const r = prepareRename(q.index, q.path, q.offset);
      if ('error' in r) return new ResponseError(-32803, r.error);
      return { range: toRange(r.span), placeholder: r.name };
    } catch (e) {
      log('prepare rename', e);
      return null;
    }
  });

  connection.onRenameRequest((p) => {
    try {
      const q = at(p.textDocument.uri, p.position);
      if (!q) return null;
      const r = rename(q.index, q.path, q.offset, p.newName, (path) => ws.isBuiltin(path));
      if ('error' in r) return new ResponseError(-32803, r.error);
      const changes: Record<string, { range: Range; newText: string }[]> = {};
      for (const e of r.edits) (changes[pathToUri(e.span.source.path)] ??= []).push({ range: toRange(e.span), newText: e.text });
      return { changes };
    } catch (e) {
      log('rename', e);
      return null;
    }
  });

  connection.onCompletion(
    guard('completion', [], (p): CompletionItem[] => {
      const q = at(p.textDocument.uri, p.position);
      if (!q) return [];
      const seen = new Set<string>();
      const out: CompletionItem[] = [];
      for (const c of complete(q.index, q.file, q.offset)) {
        if (seen.has(c.label)) continue;
        seen.add(c.label);
        out.push({
          label: c.label,
          kind: COMPLETION_KIND[c.kind] ?? CompletionItemKind.Text,
          ...(c.detail ? { detail: c.detail } : {}),
          ...(c.insert ? { insertText: c.insert } : {}),
        });
      }
      return out;
    }),
  );

  connection.onDocumentSymbol(
    guard('document symbols', [], (p): DocumentSymbol[] => {
      const path = uriToPath(p.textDocument.uri);
      if (!ws.parsed(path)) return [];
      const convert = (n: OutlineNode): DocumentSymbol => ({
        name: n.name,
        kind: SYMBOL_KIND[n.kind],
        ...(n.detail ? { detail: n.detail } : {}),
        range: toRange(n.span),
        selectionRange: toRange(n.selection),
        children: n.children.map(convert),
      });
      return outline(ws.indexFor(path), path).map(convert);
    }),
  );

  connection.onWorkspaceSymbol(
    guard('workspace symbols', [], (p) => {
      const query = p.query.toLowerCase();
      const out: { name: string; kind: LspSymbolKind; location: Location; containerName?: string }[] = [];
      const seen = new Set<string>();
      for (const root of ws.discover()) {
        const index = ws.index(root);
        for (const sym of index.symbols.values()) {
          if (sym.kind === 'param' || !fuzzy(sym.name.toLowerCase(), query)) continue;
          const id = `${sym.span.source.path}:${sym.span.start}`;
          if (seen.has(id)) continue;
          seen.add(id);
          const container = sym.container ? index.symbols.get(sym.container)?.name : undefined;
          out.push({ name: sym.name, kind: SYMBOL_KIND[sym.kind], location: location(sym.span), ...(container ? { containerName: container } : {}) });
          if (out.length >= 1000) return out;
        }
      }
      return out;
    }),
  );

  connection.languages.semanticTokens.on(
    guard('semantic tokens', { data: [] }, (p) => {
      const path = uriToPath(p.textDocument.uri);
      const parsed = ws.parsed(path);
      if (!parsed) return { data: [] };
      const source = parsed.file.source;
      const data: number[] = [];
      let line = 0;
      let char = 0;
      for (const t of semanticTokens(ws.indexFor(path), parsed.file)) {
        for (const piece of splitLines(source, t.start, t.end)) {
          const pos = toPosition(source, piece.start);
          data.push(pos.line - line, pos.line === line ? pos.character - char : pos.character, piece.end - piece.start, t.type, t.modifiers);
          line = pos.line;
          char = pos.character;
        }
      }
      return { data };
    }),
  );

  connection.onFoldingRanges(
    guard('folding ranges', [], (p) => {
      const parsed = ws.parsed(uriToPath(p.textDocument.uri));
      if (!parsed) return [];
      const source = parsed.file.source;
      return foldingRanges(parsed.file)
        .map((f) => ({ start: toPosition(source, f.start).line, end: toPosition(source, f.end).line, comment: f.comment }))
        .map((f) => (f.comment ? f : { ...f, end: f.end - 1 }))
        .filter((f) => f.end > f.start)
        .map((f) => ({ startLine: f.start, endLine: f.end, ...(f.comment ? { kind: FoldingRangeKind.Comment } : {}) }));
    }),
  );

  connection.onDocumentFormatting(
    guard('formatting', [], (p) => {
      const doc = documents.get(p.textDocument.uri);
      if (!doc) return [];
      const text = doc.getText();
      const r = (options.format ?? formatText)(text, uriToPath(p.textDocument.uri));
      if (r.text === undefined || r.text === text) return [];
      return [{ range: { start: { line: 0, character: 0 }, end: doc.positionAt(text.length) }, newText: r.text }];
    }),
  );

  documents.listen(connection);
  connection.listen();
}

/** Per-line pieces of a token (LSP semantic tokens cannot span lines). */
function splitLines(source: Source, start: number, end: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let s = start;
  const text = source.text;
  while (s < end) {
    let nl = text.indexOf('\n', s);
    if (nl === -1 || nl >= end) nl = end;
    let e = nl;
    if (e > s && text.charCodeAt(e - 1) === 13) e--;
    if (e > s) out.push({ start: s, end: e });
    s = nl + 1;
  }
  return out;
}

/** Every query character in order (VS Code's workspace symbol matching). */
function fuzzy(name: string, query: string): boolean {
  let i = 0;
  for (const c of name) if (i < query.length && c === query[i]) i++;
  return i === query.length;
}

/** A witc diagnostic as LSP sends it: code, source `witc`, notes in the message, labels as related locations. */
export function toLspDiagnostic(d: Diagnostic): LspDiagnostic {
  const range = d.span ? toRange(d.span) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const message = d.notes.length > 0 ? `${d.message}\n${d.notes.map((n) => `note: ${n}`).join('\n')}` : d.message;
  const deprecated = /deprecated/i.test(d.message) && d.severity !== 'error';
  return {
    range,
    severity: SEVERITY[d.severity],
    code: d.code,
    source: 'witc',
    message,
    ...(d.labels.length > 0
      ? { relatedInformation: d.labels.map((l) => ({ location: location(l.span), message: l.message || d.message })) }
      : {}),
    ...(deprecated ? { tags: [DiagnosticTag.Deprecated] } : {}),
  };
}
