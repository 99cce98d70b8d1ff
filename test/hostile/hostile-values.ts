import fc from 'fast-check';

/**
 * Values an attacker (or a confused client) sends: fast-check arbitraries for strings, numbers
 * and JSON shaped by an operation's schema but bent out of it. None of them contains the markers
 * the leak checks look for (`/work/`, `node_modules`, SQL error words), so an echo of the input
 * is never mistaken for a leak.
 */

/** A JSON value nested `depth` levels deep, built without recursion. */
export function deeplyNested(depth: number, kind: 'array' | 'object' = 'array'): string {
  return kind === 'array'
    ? '['.repeat(depth) + ']'.repeat(depth)
    : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/**
 * JSON bodies nested `depth` levels deep for an operation: the whole body as deep arrays and as
 * deep objects, then each field its schema names holding one or the other, so the depth reaches
 * the code that reads that field (answers compared on a resubmit, a template, a row of data).
 */
export function deeplyNestedBodies(schema: Schema | undefined, depth = 10_000): string[] {
  const deep = [deeplyNested(depth), deeplyNested(depth, 'object')];
  const fields = Object.keys(schema?.properties ?? {});
  return [
    ...deep,
    ...fields.flatMap((field) => deep.map((d) => `{${JSON.stringify(field)}:${d}}`)),
  ];
}

const NASTY_STRINGS = [
  '',
  ' ',
  '../../../../etc/passwd',
  '..%2f..%2f..%2fetc%2fpasswd',
  '%2e%2e%2f%2e%2e%2f',
  '..\\..\\windows\\win.ini',
  'a%2Fb',
  "' or 1=1--",
  '"; drop table users; --',
  "1' union select password_hash from users --",
  '$1',
  '\u0000',
  'nul\u0000inside',
  '%00',
  '\ud800',
  'lone \udfff low',
  '\u202egnp.exe',
  '\u200b\u200c\u200d\ufeff',
  'e' + '\u0301'.repeat(200),
  '👩‍👩‍👧‍👦🏳️‍🌈',
  '\r\nSet-Cookie: pwned=1',
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1">',
  'javascript:window.__pwned=1',
  '${7*7}{{7*7}}#{7*7}',
  '=HYPERLINK("http://evil.test")',
  'NaN',
  'Infinity',
  '-0',
  '1e308',
  '-1',
  '99999999999999999999999999999',
  'null',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'x'.repeat(257),
  'é'.repeat(5_000),
  'a'.repeat(70_000),
];

export const NASTY_NUMBERS = [
  0,
  -0,
  -1,
  1.5,
  1e-7,
  1e308,
  -1e308,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
];

const loneSurrogates = fc
  .array(fc.integer({ min: 0xd800, max: 0xdfff }), { minLength: 1, maxLength: 4 })
  .map((codes) => String.fromCharCode(...codes));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: loneSurrogates },
);

export const hostileNumber = fc.oneof(
  fc.constantFrom(...NASTY_NUMBERS),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** Any JSON value, small, with hostile leaves. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 3 }),
  ),
})).value;

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  pattern?: string;
};

/**
 * `valid` requests keep to the schema (so they reach the handler and the database) with nasty
 * content where the schema allows any text; `bent` requests break it: wrong types, values past
 * limits, unknown fields.
 */
export type Mode = 'valid' | 'bent';

/** Text the schema accepts, often a nasty one that fits its length bounds. */
function textWithin(schema: Schema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 10_000;
  return fc.oneof(
    fc.string({ unit: 'binary', minLength: min, maxLength: Math.min(max, 30) }),
    hostileString.filter((s) => s.length >= min && s.length <= max),
  );
}

/** A value the schema would accept. */
function plausible(schema: Schema, ids: string[], depth: number): fc.Arbitrary<unknown> {
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches?.length) return fc.oneof(...branches.map((b) => plausible(b, ids, depth)));
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      if (schema.format === 'uuid') return ids.length ? fc.constantFrom(...ids) : fc.uuid();
      if (schema.format === 'date-time')
        return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
      if (schema.pattern)
        return fc
          .stringMatching(new RegExp(schema.pattern))
          .filter((s) => s.length <= (schema.maxLength ?? 200));
      return textWithin(schema);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return depth > 3 || !schema.items
        ? fc.constant([])
        : fc.array(plausible(schema.items, ids, depth + 1), {
            minLength: Math.min((schema as { minItems?: number }).minItems ?? 0, 3),
            maxLength: Math.min(schema.maxItems ?? 3, 3),
          });
    case 'object':
      return depth > 3 ? fc.constant({}) : objectOf(schema, ids, depth, 'valid');
    case undefined:
    default:
      return hostileJson;
  }
}

/** Just past a limit the schema states. */
function overLimit(schema: Schema): fc.Arbitrary<unknown> | undefined {
  if (schema.maxLength !== undefined) return fc.constant('z'.repeat(schema.maxLength + 1));
  if (schema.maximum !== undefined) return fc.constant(schema.maximum + 1);
  if (schema.minimum !== undefined) return fc.constant(schema.minimum - 1);
  if (schema.maxItems !== undefined)
    return fc.constant(Array.from({ length: schema.maxItems + 1 }, (_, i) => `item${i}`));
  return undefined;
}

/** A value for one field: in `bent` mode often the wrong type, a nasty value or past a limit. */
export function fieldValue(
  schema: Schema,
  ids: string[],
  mode: Mode,
  depth = 0,
): fc.Arbitrary<unknown> {
  if (mode === 'valid') return plausible(schema, ids, depth);
  const over = overLimit(schema);
  return fc.oneof(
    { weight: 3, arbitrary: plausible(schema, ids, depth) },
    { weight: 2, arbitrary: hostileString },
    { weight: 1, arbitrary: hostileNumber },
    { weight: 1, arbitrary: hostileJson },
    ...(over ? [{ weight: 1, arbitrary: over }] : []),
  );
}

function objectOf(
  schema: Schema,
  ids: string[],
  depth: number,
  mode: Mode,
): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const record = Object.fromEntries(
    fields.map(([name, field]) => {
      const value = fieldValue(field, ids, mode, depth + 1);
      if (mode === 'valid' && required.has(name)) return [name, value];
      // Bent requests usually keep required fields too, else every one stops at "missing".
      const freq = required.has(name) ? 8 : 2;
      return [name, fc.option(value, { freq, nil: undefined })];
    }),
  );
  const extras =
    mode === 'valid'
      ? fc.constant({})
      : fc.oneof(
          { weight: 4, arbitrary: fc.constant({}) },
          fc.dictionary(hostileString, hostileJson, { maxKeys: 2 }),
        );
  return fc.tuple(fc.record(record), extras).map(([known, extra]) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(known)) if (v !== undefined) out[k] = v;
    for (const [k, v] of Object.entries(extra))
      Object.defineProperty(out, k, { value: v, enumerable: true });
    return out;
  });
}

export type HostileBody =
  { kind: 'json'; value: unknown } | { kind: 'raw'; contentType: string; raw: string };

/** A request body: shaped by the schema (when there is one), bent in `bent` mode. */
export function hostileBody(
  schema: Schema | undefined,
  ids: string[],
  mode: Mode,
): fc.Arbitrary<HostileBody> {
  const shaped = schema
    ? objectOf(schema, ids, 0, mode)
    : fc.dictionary(hostileString, hostileJson, { maxKeys: 4 });
  const json = shaped.map((value): HostileBody => ({ kind: 'json', value }));
  if (mode === 'valid') return json;
  return fc.oneof(
    { weight: 6, arbitrary: json },
    { weight: 1, arbitrary: hostileJson.map((value): HostileBody => ({ kind: 'json', value })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            'text/csv',
            'text/plain',
            'application/x-www-form-urlencoded',
            'application/xml',
            'application/json',
          ),
          fc.oneof(
            hostileString,
            fc.constantFrom(
              '{"a":',
              '\ufeff{}',
              'a,b\n"unterminated',
              '%%%',
              'a=1&a=2&__proto__[x]=1',
            ),
          ),
        )
        .map(([contentType, raw]): HostileBody => ({ kind: 'raw', contentType, raw })),
    },
  );
}
