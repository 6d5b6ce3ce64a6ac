export { Source, utf8Length, span } from './source.js';
export type { Span } from './source.js';
