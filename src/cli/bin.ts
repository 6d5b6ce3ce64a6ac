/**
 * The `witc` executable. On Node ≥ 22.1 it first turns on Node's compile cache (V8's compiled code of the CLI's
 * modules is kept on disk, in Node's default cache directory, and reused by the next run: 5 ms of a cold
 * `witc check`), then loads the command line (./main.ts), which runs the command.
 */
import nodeModule from 'node:module';

(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
await import('./main.js');
