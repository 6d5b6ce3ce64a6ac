// Build: bundle the CLI and library with esbuild, emit .d.ts with tsc.
// `--quiet` builds only the JavaScript bundles (used by conformance/bench scripts).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

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
  // The CLI is CommonJS (an ES module entry costs Node 20 about 7 ms more to start): a small executable, and the
  // command line in one bundle that the executable loads through V8's code cache (src/cli/code-cache.ts).
  { in: 'src/cli/bin.ts', out: 'dist/cli.cjs', cjs: true, banner: '#!/usr/bin/env node' },
  // The bundle includes chevrotain (an ESM tree of ~100 modules that costs ~250 ms to load), commander and
  // picocolors (bundled, they skip Node's package lookups at startup), and drops whitespace and comments: V8 scans
  // every byte of a script it compiles. Names are kept, and the source map maps stack traces back. The rarer
  // commands (lsp, bindgen, fmt) are in the bundle too, but are only evaluated when used.
  {
    in: 'src/cli/main.ts',
    out: 'dist/cli-main.cjs',
    cjs: true,
    // `import.meta.url` (the built-in WIT search starts from witc's own folder) in a CommonJS file.
    banner: "var __witcSelfUrl = require('node:url').pathToFileURL(__filename).href;",
    define: { 'import.meta.url': '__witcSelfUrl' },
    bundle: ['chevrotain', 'commander', 'picocolors'],
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

// Earlier builds' CLI chunks: dist/ holds only this build's.
for (const old of ['dist/chunks', 'dist/cli.js.map']) rmSync(old, { recursive: true, force: true });

await Promise.all(
  entries.map((e) =>
    build({
      ...common,
      entryPoints: [e.in],
      outfile: e.out,
      ...(e.cjs ? { format: 'cjs' } : {}),
      ...(e.define ? { define: { ...common.define, ...e.define } } : {}),
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
chmodSync('dist/cli.cjs', 0o755);
// The executable was dist/cli.js until it became CommonJS. Links made then (npx keeps one per project folder in its
// cache, and does not renew it) still point there: this file passes them on.
writeFileSync(
  'dist/cli.js',
  "#!/usr/bin/env node\n// The executable is dist/cli.cjs; this file serves links made when it was dist/cli.js.\nimport { createRequire } from 'node:module';\ncreateRequire(import.meta.url)('./cli.cjs');\n",
);
chmodSync('dist/cli.js', 0o755);

if (!quiet) {
  const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    stdio: 'inherit',
  });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
}
