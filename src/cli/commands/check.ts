/**
 * `witc check PATH`: parse and resolve a WIT file or package directory, print every problem.
 */
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { packageNameToString } from '../../resolve/model.js';
import { loadWorld, type LoadFlags } from '../load.js';
import { Exit, failureExit, printDiagnostics, type DiagnosticFormat } from '../output.js';

export interface CheckOptions extends LoadFlags {
  readonly format: DiagnosticFormat;
  readonly color: boolean;
  readonly world?: string | undefined;
}

export function check(path: string, options: CheckOptions): number {
  const { resolve, result, diagnostics } = loadWorld(path, options, options.world, false);
  printDiagnostics(diagnostics, options.format, options.color);
  if (hasErrors(diagnostics)) return failureExit(diagnostics);
  if (options.format === 'human' && resolve) {
    const names = result.main.map((id) => packageNameToString(resolve.packages[id]!.name));
    const worlds = result.main.reduce((n, id) => n + resolve.packages[id]!.worlds.size, 0);
    const ifaces = result.main.reduce((n, id) => n + resolve.packages[id]!.interfaces.size, 0);
    const deps = resolve.packages.length - result.main.length;
    process.stderr.write(
      `${path}: ok (${names.join(', ')}: ${plural(ifaces, 'interface')}, ${plural(worlds, 'world')}; ` +
        `${plural(deps, 'dependency package', 'dependency packages')})\n`,
    );
  }
  return Exit.Ok;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
