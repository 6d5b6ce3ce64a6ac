/**
 * The Node.js file host: the resolver's `FileHost` over the real file system. (Only src/node and src/cli may use
 * `node:` modules; the rest of the library runs in browsers.)
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import type { FileHost } from '../resolve/host.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Error raised for a file that is not valid UTF-8; the resolver turns it into a diagnostic. */
export class InvalidUtf8Error extends Error {
  constructor(readonly path: string) {
    super(`input file is not valid utf-8 [${path}]`);
  }
}

export const nodeHost: FileHost = {
  readFile(path) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path);
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw e;
    }
    try {
      return decoder.decode(bytes);
    } catch {
      throw new InvalidUtf8Error(path);
    }
  },
  readBytes(path) {
    try {
      return readFileSync(path);
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw e;
    }
  },
  readDir(path) {
    try {
      return readdirSync(path).sort();
    } catch (e) {
      if (isMissing(e) || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
      throw e;
    }
  },
  stat(path) {
    try {
      const s = statSync(path);
      return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : undefined;
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw e;
    }
  },
};

function isMissing(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP' || code === 'ENAMETOOLONG';
}
