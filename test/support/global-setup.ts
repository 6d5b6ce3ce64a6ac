/**
 * Gives the CLIs that tests spawn a code cache folder of their own (src/cli/code-cache.ts), removed afterwards, so
 * that `npm test` leaves nothing in the user's cache folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'witc-test-cache-'));
  process.env.WITC_CACHE_DIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
