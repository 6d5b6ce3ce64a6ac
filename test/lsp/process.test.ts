/**
 * The server process: command-line usage, file watching (dynamic registration, disk changes re-check the package),
 * editor-only documents, and exit when the client goes away.
 */
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, uri, workspace, type Server } from './client.js';

describe('command line', () => {
  test('`witc lsp` without --stdio is a usage error', () => {
    const r = spawnSync(process.execPath, ['dist/cli.cjs', 'lsp'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--stdio/);
    expect(r.stdout).toBe('');
  });

  test('the server exits when its stdin closes', async () => {
    const p = spawn(process.execPath, [resolve('dist/cli.cjs'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((res) => p.on('exit', (code) => res(code)));
    p.stdin.end();
    const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5000))]);
    if (code === 'timeout') p.kill();
    expect(code).not.toBe('timeout');
  });
});

describe('files outside the editor', () => {
  let ws: ReturnType<typeof workspace>;
  let server: Server;

  beforeAll(async () => {
    ws = workspace({
      'pkg/main.wit': 'package t:main;\ninterface api {\n  use t:lib/types.{later};\n}\n',
      'pkg/deps/lib/lib.wit': 'package t:lib;\ninterface types {\n  type id = u64;\n}\n',
    });
    server = await startServer(ws.root, {}, { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } });
  });

  afterAll(async () => {
    expect(await server.stop()).toBe(0);
    ws.dispose();
  });

  test('the server asks to watch .wit files', async () => {
    const main = uri(ws.path('pkg/main.wit'));
    const first = server.diagnostics(main, 1);
    server.open(main, 'package t:main;\ninterface api {\n  use t:lib/types.{later};\n}\n', 1);
    expect((await first).map((d) => d.code)).toHaveLength(1);
    expect(JSON.stringify(server.registrations)).toContain('workspace/didChangeWatchedFiles');
  });

  test('a dependency changed on disk re-checks the package', async () => {
    const main = uri(ws.path('pkg/main.wit'));
    writeFileSync(ws.path('pkg/deps/lib/lib.wit'), 'package t:lib;\ninterface types {\n  type id = u64;\n  type later = u8;\n}\n');
    const next = server.diagnostics(main, 1);
    await server.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(ws.path('pkg/deps/lib/lib.wit')), type: 2 }] });
    expect(await next).toEqual([]);
  });

  test('an editor-only document loses its diagnostics when closed', async () => {
    const ghost = uri(ws.path('pkg/zz-ghost.wit'));
    const opened = server.diagnostics(ghost, 1);
    server.open(ghost, 'interface api {}\n', 1);
    expect((await opened).map((d) => d.code)).toEqual(['WIT0302']);
    const cleared = server.diagnostics(ghost);
    await server.conn.sendNotification('textDocument/didClose', { textDocument: { uri: ghost } });
    expect(await cleared).toEqual([]);
  });
});
