/** The package version, inlined at build time by esbuild (see scripts/build.mjs). */
declare const __WITC_VERSION__: string | undefined;
export const version: string = typeof __WITC_VERSION__ === 'string' ? __WITC_VERSION__ : '0.0.0-dev';
