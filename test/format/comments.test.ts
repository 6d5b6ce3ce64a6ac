import { describe, expect, it } from 'vitest';
import { parse } from '../../src/syntax/index.js';
import { expectWellFormatted, fmt, wit } from './helpers.js';

describe('comment placement', () => {
  it('keeps file header comments, doc comments and leading comments before their items', () => {
    const input = wit`
      // Copyright header

      /// The package.
      package a:b;
      // Before the interface.
      /** Block doc. */
      interface i {
        /// Docs of f.
        f: func();
      }
    `;
    expect(fmt(input)).toBe(wit`
      // Copyright header

      /// The package.
      package a:b;

      // Before the interface.
      /** Block doc. */
      interface i {
        /// Docs of f.
        f: func();
      }
    `);
  });

  it('keeps trailing comments at the end of their line', () => {
    const input = wit`
      interface i { // after the brace
        f: func(); // after f
        record r {
          a: u32, // after a
          b: u32 // after b, no comma
        } // after the record
      } // after the interface
    `;
    expect(fmt(input)).toBe(wit`
      interface i { // after the brace
        f: func(); // after f
        record r {
          a: u32, // after a
          b: u32, // after b, no comma
        } // after the record
      } // after the interface
    `);
  });

  it('keeps comments at the end of a body inside it', () => {
    const input = 'interface i {\n  f: func();\n\n  // the end\n}\nworld w {\n// only a comment\n}\n';
    expect(fmt(input)).toBe(wit`
      interface i {
        f: func();

        // the end
      }

      world w {
        // only a comment
      }
    `);
  });

  it('keeps comments inside parameter lists, breaking the list when a line comment needs it', () => {
    const input = 'interface i {\n  f: func(a: u32, // first\n  b: u32);\n  g: func(/* none */);\n  h: func(a: u32, /* mid */ b: u32);\n}\n';
    expect(fmt(input)).toBe(wit`
      interface i {
        f: func(
          a: u32, // first
          b: u32,
        );
        g: func(/* none */);
        h: func(a: u32, /* mid */ b: u32);
      }
    `);
  });

  it('keeps doc comments of parameters and fields on their own lines', () => {
    const input = 'interface i {\n  f: func(\n    /// The offset.\n    offset: u64,\n  ) -> u32;\n  record r {\n    /// Field docs.\n    a: u32,\n  }\n}\n';
    expect(fmt(input)).toBe(input);
  });

  it('keeps comments between tokens of a type or signature in their gap', () => {
    const input = 'interface i {\n  type t = /* before */ list</* inner */ u8>;\n  f: func() -> // result next\n  u32;\n}\n';
    expect(fmt(input)).toBe(wit`
      interface i {
        type t = /* before */ list</* inner */ u8>;
        f: func() -> // result next
        u32;
      }
    `);
  });

  it('keeps comments around attributes and in use lists', () => {
    const input = wit`
      package a:b@1.0.0;
      interface i {
        // before the attribute
        @since(version = 1.0.0) // after the attribute
        /// docs after the attribute
        f: func();
        use x.{a, // a
          b};
      }
    `;
    expect(fmt(input)).toBe(wit`
      package a:b@1.0.0;

      interface i {
        // before the attribute
        @since(version = 1.0.0) // after the attribute
        /// docs after the attribute
        f: func();
        use x.{
          a, // a
          b,
        };
      }
    `);
  });

  it('keeps multi-line block comments verbatim, and comments at the end of the file', () => {
    const input = 'interface i {\n    /*\n       keep   this\n         layout\n    */\n  f: func();\n}\n\n\n// end 1\n\n// end 2';
    expect(fmt(input)).toBe('interface i {\n  /*\n       keep   this\n         layout\n    */\n  f: func();\n}\n\n// end 1\n\n// end 2\n');
  });

  it('keeps a file made only of comments', () => {
    expect(fmt('// a\n\n\n/* b */\n')).toBe('// a\n\n/* b */\n');
  });

  it('keeps comment text exactly, trailing spaces included', () => {
    const input = 'interface i {\n  f: func(); // spaces after   \n}\n';
    expect(fmt(input)).toBe(input);
  });

  const sample = wit`
    package a:b@1.0.0;
    interface i {
      use x:y/z@1.0.0.{a, b as c};
      @since(version = 1.0.0)
      f: async func(p: list<tuple<u8, string>>, q: option<borrow<r>>) -> result<_, e>;
      record rec { a: u32, b: map<string, u8> }
      variant v { a(u32), b }
      resource r { constructor(x: u32); m: static func() -> own<r>; }
      type t = stream<future<list<u8, 2>>>;
    }
    world w { import i; export f: func(); include w2 with { a as b } import n: interface { g: func(); } }
  `;

  it('keeps a comment in every gap between tokens (line and block comments): idempotent and lossless', () => {
    const { file } = parse(sample, 'sample.wit');
    const cuts = [0, ...file.tokens.map((t) => t.endOffset! + 1)];
    let checked = 0;
    for (const at of cuts) {
      for (const comment of [' /* c */ ', ' // c\n', '\n// own line\n', '\n/* own */ ']) {
        const input = sample.slice(0, at) + comment + sample.slice(at);
        // Comments cannot split a version (`1 /* c */ .0.0` is a syntax error): those inputs are skipped.
        if (parse(input, 'x.wit').diagnostics.length > 0) continue;
        expectWellFormatted(input);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });
});
