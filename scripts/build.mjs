// Build: bundle the CLI and library with esbuild, emit .d.ts with tsc.
// `--quiet` builds only the JavaScript bundles (used by conformance/bench scripts).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, chmodSync, readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

const quiet = process.argv.includes('--quiet');
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: quiet ? 'error' : 'warning',
  // Runtime dependencies stay external: npm installs them next to us.
  packages: 'external',
  define: { __WITC_VERSION__: JSON.stringify(pkg.version) },
};

const entries = [
  { in: 'src/index.ts', out: 'dist/index.js' },
  // The CLI bundles chevrotain (an ESM tree of ~100 modules that costs ~250 ms to load) for a fast cold start, and
  // drops whitespace and comments: V8 scans every byte of a module it loads (2–3 ms of a cold `witc check`). Names
  // are kept, and the source map maps stack traces back.
  // commander and picocolors are CommonJS: bundled, they skip Node's CommonJS loader and package lookups at startup
  // (about 10 ms); the `require` they use for Node's built-in modules comes from `createRequire`.
  {
    in: 'src/cli/bin.ts',
    out: 'dist/cli.js',
    banner: "#!/usr/bin/env node\nimport { createRequire as __witcRequire } from 'node:module';\nconst require = __witcRequire(import.meta.url);",
    bundle: ['chevrotain', 'commander', 'picocolors'],
    split: true,
    minify: true,
  },
  // The runtime generated host bindings import as `witc/runtime`.
  { in: 'src/bindgen/host/runtime.ts', out: 'dist/runtime.js' },
  // The prettier plugin, `witc/prettier` (prettier itself stays external: it loads the plugin).
  { in: 'src/format/prettier.ts', out: 'dist/prettier.js' },
];
// Developer tools (not part of the published package), bundled when present.
for (const [src, out] of [
  ['test/conformance/run.ts', 'dist/conformance.js'],
  ['bench/run.ts', 'dist/bench.js'],
  ['test/conformance/abi-vectors.ts', 'dist/abi-vectors.js'],
]) {
  if (existsSync(src)) entries.push({ in: src, out });
}

// The CLI's chunks have content hashes in their names: clear the old ones so that dist/ holds only this build's.
rmSync('dist/chunks', { recursive: true, force: true });

await Promise.all(
  entries.map((e) =>
    build({
      ...common,
      // The CLI is split: commands loaded with import() (lsp, fmt, bindgen) become chunks that load on demand.
      ...(e.split
        ? { entryPoints: { [e.out.replace(/^dist\/|\.js$/g, '')]: e.in }, outdir: 'dist', splitting: true, chunkNames: 'chunks/[name]-[hash]' }
        : { entryPoints: [e.in], outfile: e.out }),
      ...(e.banner ? { banner: { js: e.banner } } : {}),
      ...(e.minify ? { minifyWhitespace: true, minifySyntax: true } : {}),
      ...(e.bundle
        ? {
            packages: undefined,
            external: [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})].filter(
              (d) => !e.bundle.includes(d),
            ),
          }
        : {}),
    }),
  ),
);
chmodSync('dist/cli.js', 0o755);

if (!quiet) {
  const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    stdio: 'inherit',
  });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
}
