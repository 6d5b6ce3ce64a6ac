import type { Suite } from '../harness.js';
import { abiSuite } from './abi.js';
import { bindgenSuite } from './bindgen.js';
import { differentialSuite } from './differential.js';
import { editorGrammarSuite } from './editor-grammar.js';
import { hostBindingsSuite } from './host-bindings.js';
import { pipelineFuzzSuite } from './pipeline-fuzz.js';
import { formatSuite } from './format.js';
import { resolveSuite } from './resolve.js';
import { syntaxSuite } from './syntax.js';

/** Registered suites, in pipeline order. Each stage adds its own file here. */
export const suites: Suite[] = [editorGrammarSuite, syntaxSuite, resolveSuite, formatSuite, abiSuite, bindgenSuite, hostBindingsSuite, pipelineFuzzSuite, differentialSuite];
