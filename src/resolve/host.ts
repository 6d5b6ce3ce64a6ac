/**
 * All file access of the resolver goes through this interface, so the library works on disk (Node), in memory
 * (browser, language server, tests) or anywhere else. Paths are '/'-separated strings.
 */
export interface FileHost {
  /** The file's text, or undefined if it does not exist or is not a file. Throws only on unexpected I/O errors. */
  readFile(path: string): string | undefined;
  /** Entries of a directory (names only), or undefined when `path` is not a directory. */
  readDir(path: string): readonly string[] | undefined;
  /** 'file', 'dir' or undefined (missing). Links are followed. */
  stat(path: string): 'file' | 'dir' | undefined;
  /** The file's bytes (for binary `.wasm` packages). Optional: without it, `readFile`'s text is used. */
  readBytes?(path: string): Uint8Array | undefined;
}

/** A host over an in-memory map from path to text. Directories are implied by the paths. */
export function memoryHost(files: Readonly<Record<string, string>>): FileHost {
  const norm = (p: string) => p.replace(/\\/g, '/').replace(/\/+$/, '');
  const map = new Map(Object.entries(files).map(([k, v]) => [norm(k), v]));
  const dirs = new Map<string, Set<string>>();
  for (const path of map.keys()) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      let set = dirs.get(dir);
      if (!set) dirs.set(dir, (set = new Set()));
      set.add(parts[i]!);
    }
  }
  return {
    readFile: (p) => map.get(norm(p)),
    readDir: (p) => {
      const s = dirs.get(norm(p));
      return s ? [...s].sort() : undefined;
    },
    stat: (p) => (map.has(norm(p)) ? 'file' : dirs.has(norm(p)) ? 'dir' : undefined),
  };
}
