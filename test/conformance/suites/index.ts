import type { Suite } from '../harness.js';
import { abiSuite } from './abi.js';
import { bindgenSuite } from './bindgen.js';
import { editorGrammarSuite } from './editor-grammar.js';
import { resolveSuite } from './resolve.js';

/** Registered suites, in pipeline order. Each stage adds its own file here. */
export const suites: Suite[] = [editorGrammarSuite, resolveSuite, abiSuite, bindgenSuite];
