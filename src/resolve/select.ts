/**
 * World selection for bindings generation and `--world` (wit-parser's `select_world` convention): no name ⇒ the only
 * world of the main package(s); a bare name ⇒ that world in the main package(s); `ns:pkg/world[@ver]` ⇒ that package
 * (the version may be left out when one version is loaded).
 */
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { Codes } from '../diagnostics/codes.js';
import { didYouMean } from './errors.js';
import type { Resolve } from './model.js';
import { packageNameToString } from './model.js';
import { findPackageKey } from './model.js';

export function selectWorld(
  resolve: Resolve,
  main: readonly number[],
  world?: string,
): { world?: number; diagnostics: Diagnostic[] } {
  const err = (message: string, notes: string[] = []) => ({
    diagnostics: [diagnostic({ code: Codes.WorldSelection, message, notes })],
  });
  const mainWorlds = main.flatMap((p) => [...resolve.packages[p]!.worlds].map(([name, id]) => ({ name, id, pkg: p })));
  if (world === undefined) {
    if (mainWorlds.length === 1) return { world: mainWorlds[0]!.id, diagnostics: [] };
    const pkgs = main.map((p) => packageNameToString(resolve.packages[p]!.name)).join(', ');
    if (mainWorlds.length === 0) return err(`no worlds found in package \`${pkgs}\``);
    return err(`multiple worlds in package \`${pkgs}\`, specify which to use with \`--world\``, [
      `worlds: ${mainWorlds.map((w) => w.name).join(', ')}`,
    ]);
  }
  const m = /^([^:/@]+):([^:/@]+)\/([^:/@]+)(?:@(.+))?$/.exec(world);
  if (!m) {
    const found = mainWorlds.filter((w) => w.name === world);
    if (found.length === 1) return { world: found[0]!.id, diagnostics: [] };
    if (found.length > 1) return err(`world \`${world}\` is defined in several packages; use \`ns:pkg/${world}\``);
    return err(`world \`${world}\` not found`, didYouMean(world, mainWorlds.map((w) => w.name)));
  }
  const [, ns, name, wname, version] = m;
  const names = resolve.packages.map((p) => p.name);
  const ref = packageNameToString({ namespace: ns!, name: name!, version: undefined }) + (version ? `@${version}` : '');
  const key = version
    ? names.map(packageNameToString).find((k) => k === ref)
    : findPackageKey(names, { namespace: ns!, name: name!, version: undefined });
  const pkg = resolve.packages.findIndex((p) => packageNameToString(p.name) === key);
  if (pkg < 0) return err(`package \`${ref}\` not found`, didYouMean(ref, names.map(packageNameToString)));
  const id = resolve.packages[pkg]!.worlds.get(wname!);
  if (id === undefined) {
    return err(`world \`${wname}\` not found in package \`${key}\``, didYouMean(wname!, resolve.packages[pkg]!.worlds.keys()));
  }
  return { world: id, diagnostics: [] };
}
