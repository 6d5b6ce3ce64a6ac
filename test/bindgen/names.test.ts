import { describe, expect, it } from 'vitest';
import {
  Scope,
  camelCase,
  interfaceFileStem,
  memberName,
  pascalCase,
  propertyKey,
  typeName,
  valueName,
  fileStem,
  MAX_STEM,
} from '../../src/bindgen/ts/names.js';

describe('case conversion (jco/heck conventions)', () => {
  it('camelCases kebab names, lowercasing all-caps words', () => {
    expect(camelCase('foo')).toBe('foo');
    expect(camelCase('foo-bar')).toBe('fooBar');
    expect(camelCase('get-HTTP-request')).toBe('getHttpRequest');
    expect(camelCase('HTTP')).toBe('http');
    expect(camelCase('x86-64')).toBe('x8664');
    expect(camelCase('%type')).toBe('type');
  });
  it('PascalCases type names', () => {
    expect(pascalCase('foo-bar')).toBe('FooBar');
    expect(pascalCase('incoming-HTTP-body')).toBe('IncomingHttpBody');
    expect(pascalCase('a')).toBe('A');
  });
});

describe('escaping rule 1: reserved names get a trailing underscore', () => {
  it('escapes keywords and strict-mode names used as bindings', () => {
    for (const w of ['delete', 'new', 'class', 'default', 'arguments', 'eval', 'await', 'yield', 'undefined', 'this']) {
      expect(valueName(w)).toBe(`${w}_`);
    }
    expect(valueName('global-this')).toBe('globalThis_');
  });
  it('leaves contextual keywords alone, like jco', () => {
    for (const w of ['get', 'set', 'type', 'of', 'async', 'from', 'constructor']) expect(valueName(w)).toBe(w);
  });
  it('escapes type names that would shadow globals the bindings use', () => {
    expect(typeName('map')).toBe('Map_');
    expect(typeName('uint8-array')).toBe('Uint8Array_');
    expect(typeName('promise')).toBe('Promise_');
    expect(typeName('error')).toBe('Error_');
    expect(typeName('point')).toBe('Point');
  });
  it('escapes class members that clash with built-ins', () => {
    expect(memberName('constructor', false)).toBe('constructor_');
    expect(memberName('name', true)).toBe('name_');
    expect(memberName('prototype', true)).toBe('prototype_');
    expect(memberName('name', false)).toBe('name');
    expect(memberName('read-all', false)).toBe('readAll');
  });
});

describe('escaping rule 2: clashes get $1, $2 in declaration order', () => {
  it('numbers later claims', () => {
    const s = new Scope();
    expect(s.claim('aB')).toBe('aB');
    expect(s.claim('aB')).toBe('aB$1');
    expect(s.claim('aB')).toBe('aB$2');
    expect(s.claim('c')).toBe('c');
  });
  it('respects pre-reserved names', () => {
    const s = new Scope(['Result']);
    expect(s.claim('Result')).toBe('Result$1');
  });
});

describe('helpers', () => {
  it('quotes property keys only when needed', () => {
    expect(propertyKey('fooBar')).toBe('fooBar');
    expect(propertyKey('a-b')).toBe("'a-b'");
  });
  it('keeps versions in interface file stems so two versions never share a file', () => {
    expect(interfaceFileStem('wasi:io/streams@0.2.12')).toBe('wasi-io-streams@0.2.12');
    expect(interfaceFileStem('wasi:io/streams@0.2.0')).not.toBe(interfaceFileStem('wasi:io/streams@0.2.12'));
    expect(interfaceFileStem('a:b/c')).toBe('a-b-c');
  });
});

describe('file stems', () => {
  it('cuts very long stems and keeps them distinct', () => {
    const a = `x-${'long-'.repeat(60)}a`;
    const b = `x-${'long-'.repeat(60)}b`;
    expect(fileStem(a).length).toBeLessThanOrEqual(MAX_STEM);
    expect(fileStem(a)).not.toBe(fileStem(b));
    expect(fileStem('short')).toBe('short');
  });
});
