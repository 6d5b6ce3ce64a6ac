/**
 * Shared types for the conformance suites (they read ../shared, so they are not part of `npm test`).
 * Each suite lives in its own file under suites/ and is registered in run.ts.
 */
export interface SuiteContext {
  /** Absolute path of the shared/ folder (references and test data). */
  readonly shared: string;
  /** Print a line of the suite's report. */
  log(line: string): void;
  /** Only cases whose name contains this string (from `npm run conformance -- --filter X`). */
  readonly filter: string | undefined;
  /** Print every failure in full, not only the first few. */
  readonly verbose: boolean;
}

export interface SuiteResult {
  readonly passed: number;
  /** Failures not listed as known: any of these makes the run fail. */
  readonly failed: number;
  /** Known failures (each listed with its reason in the suite's known-failures file). */
  readonly skipped: number;
}

export interface Suite {
  readonly name: string;
  run(ctx: SuiteContext): Promise<SuiteResult>;
}
