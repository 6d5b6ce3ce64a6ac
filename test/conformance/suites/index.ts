import type { Suite } from '../harness.js';

/** Registered suites, in pipeline order. Each stage adds its own file here. */
export const suites: Suite[] = [];
