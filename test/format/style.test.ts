import { describe, expect, it } from 'vitest';
import { formatText } from '../../src/format/index.js';
import { expectWellFormatted, fmt, wit } from './helpers.js';

describe('canonical style', () => {
  it('normalises spacing, indentation and puts one item per line', () => {
    const input = 'package   a:b@1.0.0 ;interface i{foo:func(a:u32,b:string)->result<_,string>;type t=list<u8>;}';
    expect(fmt(input)).toBe(wit`
      package a:b@1.0.0;

      interface i {
        foo: func(a: u32, b: string) -> result<_, string>;
        type t = list<u8>;
      }
    `);
  });

  it('puts one blank line between top-level items and keeps at most one elsewhere', () => {
    const input = wit`
      package a:b;
      interface x {
        a: func();



        b: func();
        c: func();
      }
      world w {}
      interface y {}
    `;
    expect(fmt(input)).toBe(wit`
      package a:b;

      interface x {
        a: func();

        b: func();
        c: func();
      }

      world w {}

      interface y {}
    `);
  });

  it('drops blank lines right after an opening brace and before a closing one', () => {
    expect(fmt('interface x {\n\n  a: func();\n\n}\n')).toBe('interface x {\n  a: func();\n}\n');
  });

  it('prints records, flags, enums and variants one element per line with trailing commas', () => {
    const input = 'interface i { record r { a: u32, b: string } flags f { x, y, } enum e { p } variant v { a(u32), b } }';
    expect(fmt(input)).toBe(wit`
      interface i {
        record r {
          a: u32,
          b: string,
        }
        flags f {
          x,
          y,
        }
        enum e {
          p,
        }
        variant v {
          a(u32),
          b,
        }
      }
    `);
  });

  it('keeps empty bodies on one line', () => {
    expect(fmt('interface i { record r {  } flags f {} resource x { } }')).toBe(wit`
      interface i {
        record r {}
        flags f {}
        resource x {}
      }
    `);
  });

  it('breaks long parameter lists one per line with a trailing comma, and joins short ones', () => {
    const long = `interface i { f: func(first-parameter: list<u8>, second-parameter: option<string>, third: u64) -> result<u32, string>; }`;
    expect(fmt(long)).toBe(wit`
      interface i {
        f: func(
          first-parameter: list<u8>,
          second-parameter: option<string>,
          third: u64,
        ) -> result<u32, string>;
      }
    `);
    const short = 'interface i {\n  f: func(\n    a: u32,\n  );\n}\n';
    expect(fmt(short)).toBe('interface i {\n  f: func(a: u32);\n}\n');
  });

  it('honours the width option', () => {
    const input = 'interface i { f: func(a: u32, b: u32); }';
    expect(fmt(input, { width: 20 })).toBe(wit`
      interface i {
        f: func(
          a: u32,
          b: u32,
        );
      }
    `);
    expect(fmt(input, { indent: 4 })).toBe('interface i {\n    f: func(a: u32, b: u32);\n}\n');
  });

  it('drops trailing commas from lists that stay on one line', () => {
    expect(fmt('interface i { use x.{a, b,}; type t = tuple<u32, u64,>; f: func(a: u32,); }')).toBe(wit`
      interface i {
        use x.{a, b};
        type t = tuple<u32, u64>;
        f: func(a: u32);
      }
    `);
  });

  it('prints worlds: imports, exports, includes, inline interfaces', () => {
    const input = wit`
      package a:b@0.1.0;
      world w {
        import wasi:io/streams@0.2.0;
        import   x : func ( ) ;
        export y: interface { f: func(); }
        include other with { a as b, c as d }
        include z;
        import label: wasi:io/poll@0.2.0;
      }
    `;
    expect(fmt(input)).toBe(wit`
      package a:b@0.1.0;

      world w {
        import wasi:io/streams@0.2.0;
        import x: func();
        export y: interface {
          f: func();
        }
        include other with { a as b, c as d }
        include z;
        import label: wasi:io/poll@0.2.0;
      }
    `);
  });

  it('prints resources with constructors, static and async methods', () => {
    const input = 'interface i { resource r { constructor(a: u32); m: func(self-arg: borrow<r>) -> own<r>; s: static async func() -> future<u8>; } }';
    expect(fmt(input)).toBe(wit`
      interface i {
        resource r {
          constructor(a: u32);
          m: func(self-arg: borrow<r>) -> own<r>;
          s: static async func() -> future<u8>;
        }
      }
    `);
  });

  it('prints attributes on their own lines, in order', () => {
    const input = 'package a:b@1.0.0; interface i { @since(version = 1.0.0) @deprecated(version=1.1.0-rc.1+b2) f: func(); @unstable(feature=x-y) type t = u8; }';
    expect(fmt(input)).toBe(wit`
      package a:b@1.0.0;

      interface i {
        @since(version = 1.0.0)
        @deprecated(version = 1.1.0-rc.1+b2)
        f: func();
        @unstable(feature = x-y)
        type t = u8;
      }
    `);
  });

  it('keeps % escapes, versions and every type form as written', () => {
    const input =
      'package %ns:%pkg@1.2.3-alpha.1; interface %interface { type %type = tuple<list<u8, 4>, map<string, u32>, option<%type>, result, result<u8>, stream, future<string>, error-context>; }';
    expect(fmt(input)).toBe(wit`
      package %ns:%pkg@1.2.3-alpha.1;

      interface %interface {
        type %type = tuple<list<u8, 4>, map<string, u32>, option<%type>, result, result<u8>, stream, future<string>, error-context>;
      }
    `);
  });

  it('prints nested packages and top-level uses', () => {
    const input = 'package a:b; use a:c/d@1.0.0 as e; package a:c@1.0.0 { interface d {} world w {} }';
    expect(fmt(input)).toBe(wit`
      package a:b;

      use a:c/d@1.0.0 as e;

      package a:c@1.0.0 {
        interface d {}

        world w {}
      }
    `);
  });

  it('breaks long use lists', () => {
    const input = 'interface i { use wasi:io/streams@0.2.0.{input-stream, output-stream, stream-error, another-name, last-one-here}; }';
    expect(fmt(input)).toBe(wit`
      interface i {
        use wasi:io/streams@0.2.0.{
          input-stream,
          output-stream,
          stream-error,
          another-name,
          last-one-here,
        };
      }
    `);
  });

  it('normalises line endings and removes trailing whitespace; empty input stays empty', () => {
    expect(fmt('interface i {   \r\n  f: func();   \r\n}\r\n')).toBe('interface i {\n  f: func();\n}\n');
    expect(fmt('')).toBe('');
    expect(fmt('   \n\n')).toBe('');
  });

  it('refuses input with syntax errors and says why', () => {
    const r = formatText('interface i { f: func( }', 'bad.wit');
    expect(r.text).toBeUndefined();
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics[0]!.severity).toBe('error');
    expect(r.diagnostics[0]!.message).toMatch(/expected/);
  });

  it('is idempotent and lossless on every style case above', () => {
    for (const input of [
      'package a:b@1.0.0; interface i { @since(version = 1.0.0) f: func(a: u32) -> u32; }',
      'world w { import x: func(); export y: interface { f: func(); } include z with { a as b } }',
      'interface i { f: func(first-parameter: list<u8>, second-parameter: option<string>, third: u64) -> result<u32, string>; }',
    ]) {
      expectWellFormatted(input);
    }
  });
});

describe('line width', () => {
  /** A one-line signature of exactly `n` columns (including the indentation and the `;`). */
  function signature(n: number): string {
    const head = '  f: func(a: ';
    const tail = ') -> u32;';
    const name = 'x'.repeat(n - head.length - tail.length);
    return `${head}${name}${tail}`;
  }

  it('keeps a signature of exactly 100 columns on one line and breaks one of 101', () => {
    const fits = signature(100);
    expect(fits.length).toBe(100);
    expect(fmt(`interface i {\n${fits}\n}\n`)).toBe(`interface i {\n${fits}\n}\n`);
    const long = signature(101);
    const name = long.slice('  f: func(a: '.length, -') -> u32;'.length);
    expect(fmt(`interface i {\n${long}\n}\n`)).toBe(`interface i {\n  f: func(\n    a: ${name},\n  ) -> u32;\n}\n`);
  });

  it('does not count a trailing // comment against the width', () => {
    const fits = signature(100);
    expect(fmt(`interface i {\n${fits} // a comment past the width\n}\n`)).toBe(`interface i {\n${fits} // a comment past the width\n}\n`);
  });
});
