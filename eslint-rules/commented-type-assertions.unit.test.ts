import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import rule from './commented-type-assertions.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });
const uncommented = [{ messageId: 'uncommented' }];

tester.run('commented-type-assertions', rule, {
  valid: [
    // Nothing is claimed about the value.
    'const modes = ["a", "b"] as const;',
    'const mode = <const>"a";',
    'const n = value satisfies number;',
    'const n = value as number; // Parsed by the schema above.',
    `// The schema above parsed it.
     const n = value as number;`,
    `/*
      * The schema above parsed it.
      */
     const n = value as number;`,
    // A comment in a block over the line: its last line is the one above.
    `// The schema above
     // parsed it.
     const n = <number>value;`,
    // A long operand: the comment may stand above the assertion or next to its \`as\`.
    `// Fastify checked it against the schema.
     const handler = (
       async () => 1
     ) as unknown as Handler;`,
    `const handler = (
       async () => 1
       // Fastify checked it against the schema.
     ) as unknown as Handler;`,
  ],
  invalid: [
    { code: 'const n = value as number;', errors: uncommented },
    { code: 'const n = <number>value;', errors: uncommented },
    // Two assertions, two claims.
    { code: 'const h = value as unknown as Handler;', errors: [...uncommented, ...uncommented] },
    // A comment that ends a line of code speaks of that code.
    {
      code: `start(); // Starts the clock.
             const n = value as number;`,
      errors: uncommented,
    },
    // Too far away: a blank line between.
    {
      code: `// The schema parsed it.

             const n = value as number;`,
      errors: uncommented,
    },
    // A comment far above a long expression does not reach an assertion deep inside it.
    {
      code: `// Registers the route.
             app.route({
               handler: value as Handler,
             });`,
      errors: uncommented,
    },
  ],
});
