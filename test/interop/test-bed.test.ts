/** Unit tests of the component test bed's own logic (no componentize-js run). */
import { describe, expect, it } from 'vitest';
import { buildOrSkip, type BuiltComponent } from '../support/components.js';
import { INTEROP_BUILD } from '../fixtures/interop/world.js';

const fail = (message: string) => async (): Promise<never> => {
  throw new Error(message);
};

describe('buildOrSkip', () => {
  it('skips with the reason when componentize-js cannot build even a trivial world', async () => {
    const result = await buildOrSkip(INTEROP_BUILD, { build: fail('engine missing'), canary: async () => 'no wizer binary' });
    expect(result).toStrictEqual({ skipped: 'componentize-js cannot run on this machine: no wizer binary' });
  });

  it('fails (does not skip) when only the fixture is broken', async () => {
    const attempt = buildOrSkip(INTEROP_BUILD, { build: fail('bad guest'), canary: async () => true });
    await expect(attempt).rejects.toThrow('bad guest');
  });

  it('returns the build when it succeeds, without running the canary', async () => {
    const built = { dir: '/x' } as BuiltComponent;
    const result = await buildOrSkip(INTEROP_BUILD, { build: async () => built, canary: fail('must not run') });
    expect(result).toStrictEqual({ built });
  });
});
