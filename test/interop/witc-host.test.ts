/**
 * witc's generated host bindings on the interop fixture: the same properties as jco's reference host, with every
 * call's outcome required to be identical to jco's on the same arguments (test/interop/properties.ts).
 */
import { describe, it } from 'vitest';
import { buildOrSkip } from '../support/components.js';
import { HOSTS } from '../support/hosts.js';
import { witcHost } from '../support/witc-host.js';
import { INTEROP_BUILD } from '../fixtures/interop/world.js';
import { defineInteropProperties } from './properties.js';

const availability = await buildOrSkip(INTEROP_BUILD);

if ('skipped' in availability) {
  describe.skip(`witc host interop (skipped: ${availability.skipped})`, () => {
    it('needs componentize-js', () => undefined);
  });
} else {
  defineInteropProperties(availability.built, { name: 'witc', create: witcHost }, HOSTS[0]);
}
