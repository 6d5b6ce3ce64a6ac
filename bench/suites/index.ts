import type { Bench } from '../harness.js';
import { abiBench } from './abi.js';
import { bindgenBench } from './bindgen.js';
import { hostBench } from './host.js';
import { parseBench } from './parse.js';
import { lspBench } from './lsp.js';
import { resolveBench } from './resolve.js';

/** Registered benchmarks, in pipeline order. Each stage adds its own file here. */
export const benches: Bench[] = [parseBench, resolveBench, abiBench, bindgenBench, hostBench, lspBench];
