import type { Suite } from '../harness.js';
import { editorGrammarSuite } from './editor-grammar.js';

/** Registered suites, in pipeline order. Each stage adds its own file here. */
export const suites: Suite[] = [editorGrammarSuite];
