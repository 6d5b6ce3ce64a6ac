export { diagnostic, hasErrors, sortDiagnostics } from './diagnostic.js';
export type { Diagnostic, DiagnosticInit, Label, Severity } from './diagnostic.js';
export { Codes } from './codes.js';
export type { Code } from './codes.js';
export { renderHuman, renderReference, diagnosticToJson, spanToJson } from './render.js';
export type { Colors, RenderOptions } from './render.js';
