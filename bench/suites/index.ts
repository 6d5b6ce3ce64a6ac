import type { Bench } from '../harness.js';

/** Registered benchmarks, in pipeline order. Each stage adds its own file here. */
export const benches: Bench[] = [];
