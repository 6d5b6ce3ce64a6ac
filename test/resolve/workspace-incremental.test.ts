/**
 * The language server's workspace uses incremental loading: after an edit only the edited file is parsed again,
 * the dependency packages are taken over from the previous load, and the diagnostics and model are those of a fresh
 * load of the same texts.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../src/lsp/workspace.js';
import { loadPath, memoryHost, resolveToJson, type FileHost, type LoadResult } from '../../src/resolve/index.js';
import { renderReference } from '../../src/diagnostics/render.js';

const WASI = join(__dirname, '../../../shared/wit/wasi-0.3.0');

function wasiFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const pkg of readdirSync(WASI).sort()) {
    const prefix = pkg === 'http' ? '/w/http' : `/w/http/deps/${pkg}`;
    for (const f of readdirSync(join(WASI, pkg))) if (f.endsWith('.wit')) files[`${prefix}/${f}`] = readFileSync(join(WASI, pkg, f), 'utf8');
  }
  return files;
}

function observe(r: LoadResult): unknown {
  return {
    json: r.resolve ? resolveToJson(r.resolve) : undefined,
    main: r.main,
    diagnostics: r.diagnostics.map((d) => [...(d.context ?? []), renderReference(d)].join('\n')),
  };
}

/** A fresh load of the workspace's current view (documents over the disk), without any cache. */
function fresh(ws: FileHost, root: string): unknown {
  return observe(loadPath(ws, root));
}

describe('workspace incremental checking', () => {
  const files = wasiFiles();
  const root = '/w/http';
  const edited = '/w/http/types.wit';
  const dep = '/w/http/deps/sockets/types.wit';

  it('re-parses only the edited file and re-links only the edited package', () => {
    const ws = new Workspace({ host: memoryHost(files) });
    ws.setDocument(edited, files[edited]!, 1);
    const first = ws.load(root);
    expect(first.resolve).toBeDefined();
    const { stats } = ws.cache;
    const parses = stats.parses;
    const linked = stats.packagesLinked;
    expect(parses).toBe(Object.keys(files).length);
    let text = files[edited]!;
    for (let i = 0; i < 5; i++) {
      const at = text.lastIndexOf('}');
      text = `${text.slice(0, at)}  type edit-${i} = u32;\n${text.slice(at)}`;
      expect(ws.setDocument(edited, text, i + 2)).toContain(root);
      const r = ws.load(root);
      expect(observe(r)).toEqual(fresh(ws, root));
    }
    // Five edits: five parses (the edited file) and five links (wasi:http, appended last).
    expect(stats.parses - parses).toBe(5);
    expect(stats.packagesLinked - linked).toBe(5);
    // The symbol index shares the parses: building it parses nothing new.
    const before = stats.parses;
    ws.index(root);
    expect(stats.parses).toBe(before);
  });

  it('errors in a dependency and their repair match fresh loads', () => {
    const ws = new Workspace({ host: memoryHost(files) });
    ws.load(root);
    const broken = files[dep]!.replace(/}\s*$/, '  type oops = missing-type;\n}\n');
    for (const text of [broken, files[dep]!, broken.replace('oops = missing-type', 'oops = ;'), files[dep]!]) {
      ws.setDocument(dep, text, 1);
      const r = ws.load(root);
      expect(observe(r)).toEqual(fresh(ws, root));
    }
  });
});
