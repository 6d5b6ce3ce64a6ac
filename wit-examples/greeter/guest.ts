/**
 * A component written in TypeScript against witc's guest declarations for `greeter-world`
 * (golden/bindgen/greeter; regenerate with `npm run golden:update`). Built with componentize-js by
 * test/bindgen/e2e.test.ts, which also type-checks it against freshly generated declarations.
 */
/// <reference path="../../golden/bindgen/greeter/greeter-world/greeter-world.d.ts" />
import { lookup, type Person } from 'witc:greeter/names@0.1.0';
import { getRandomU64 } from 'wasi:random/random@0.2.12';
import type * as World from 'witc:greeter/greeter-world@0.1.0';
import log from 'log';

export const greeter: typeof World.greeter = {
  greet(id, mood) {
    log(`greet ${id}`);
    const person = lookup(id);
    // A thrown value becomes the `err` payload of the result.
    if (person === undefined) throw `no person ${id}`;
    return mood === 'happy' ? `Hello, ${person.name} (${person.age})!` : `Hmph. ${person.name}.`;
  },
  elders(people, age) {
    return people
      .filter((p: Person) => p.age >= age)
      .sort((a, b) => b.age - a.age)
      .map((p): [Person, number] => [p, [...p.name].length]);
  },
  lucky() {
    return getRandomU64() | 1n;
  },
};
