// Bad input (DESIGN.md §7, last line): every operation of the OpenAPI document is fuzzed from its own
// schema — path params, query strings, JSON bodies, content types and headers — anonymously, as a
// citizen and as a clerk. Whatever arrives, the BFF must answer below 500 (the only 503 allowed is
// WeChat/Alipay sign-in without an upstream), every error must be exactly the §5 shape with an
// x-request-id, and no body may carry an unmasked ID number or mobile number (§6) — not even one
// the request itself sent. Routes are discovered from /docs/json, so a new route is fuzzed as soon
// as it exists. Fixed seeds keep runs reproducible; PALM_FUZZ_STATS=1 prints what was sent.
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Tokens } from '@palm/shared/server';
import { ERROR_CODES } from '@palm/shared';
import { buildResidentId, DEMO_PHONES, DEMO_USERS, SEED_IDS, SLOT_RULES } from '../../../seeds';
import { slotMaker } from '../appointments/fixtures';
import { build, closeTestDatabase, type TestApp } from '../helper';

// ───────────────────────────── OpenAPI, as far as the fuzzer reads it ─────────────────────────────

interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minProperties?: number;
  items?: Schema;
}
interface Parameter {
  in: string;
  name: string;
  required?: boolean;
  schema?: Schema;
}
interface Media {
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, Media> };
  responses?: Record<string, { content?: Record<string, Media> }>;
  security?: unknown[];
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}
interface Op {
  method: string;
  path: string;
  key: string;
  operation: Operation;
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

function operationsOf(doc: OpenApi): Op[] {
  const ops: Op[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    if (path === '/docs' || path.startsWith('/docs/')) continue;
    for (const [method, operation] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method)) continue;
      ops.push({ method: method.toUpperCase(), path, key: `${method.toUpperCase()} ${path}`, operation });
    }
  }
  return ops;
}

function resolver(doc: OpenApi) {
  return (schema: Schema | undefined): Schema => {
    let s = schema ?? {};
    for (let i = 0; s.$ref && i < 10; i += 1) {
      const name = s.$ref.replace(/^#\/components\/schemas\//, '');
      s = doc.components?.schemas?.[name] ?? {};
    }
    return s;
  };
}

// ───────────────────────────── what the responses must never contain ─────────────────────────────

const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/;
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/;
const UUID_TEXT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const ERROR_KEYS = new Set(['code', 'message', 'details']);

/** Opaque random values (tokens, generated ids) could hold 11 digits in a row by chance: blank them. */
function scannable(body: string): string {
  return body.replace(/"(accessToken|refreshToken)"\s*:\s*"[^"]*"/g, '"$1":""').replace(UUID_TEXT, '<uuid>');
}

// ───────────────────────────── inputs ─────────────────────────────

const seededIds: string[] = Object.values(SEED_IDS).flatMap((group) => Object.values(group) as string[]);
const FRESH_ID_NUMBER = buildResidentId('1988-02-29', 'FEMALE', 731);
const UNKNOWN_ID_NUMBER = '11010519491231002X';

const NASTY = [
  '', ' ', '\t', '%', '%%', '_', '__', "'", "''", '"', '\\', '\\\\', '\\%', '%_%', 'a%b_c', "%' OR '1'='1", "'; DROP TABLE users; --",
  "1' AND SLEEP(5)--", '$1', '?', '*', '[]', '{}', 'null', 'undefined', 'true', 'false', 'NaN', 'Infinity', '-Infinity', '1e309',
  '-1e309', '-0', '0', '-1', '0x10', '1_000', '１２３', '../', '../../etc/passwd', '..\\..\\windows', '..%2F..%2F', '%2e%2e%2f', '\u0000',
  'a\u0000b', '\r\n', '\u202eevil', '\ufeff', '\ud800', '\udfff', '😀', '👨‍👩‍👧‍👦', '𠮷野家', '社保', '退休', '  社保  ', '社%', '社_',
  'ǅ', 'İ', 'ß', '<script>alert(1)</script>', '${jndi:ldap://x/a}', '{{7*7}}', '__proto__', 'constructor', 'prototype',
  'hasOwnProperty', DEMO_PHONES.citizen, DEMO_PHONES.clerk, '13912345678', '+8613800000001', '138 0000 0001', '138-0000-0001',
  '1380000000', '138000000011', FRESH_ID_NUMBER, FRESH_ID_NUMBER.toLowerCase(), UNKNOWN_ID_NUMBER, '110105194912310021',
  '张三', '欧阳·娜娜', 'a'.repeat(41), '中'.repeat(129), '9'.repeat(400),
];
const HUGE = ['x'.repeat(2000), '中'.repeat(2000), '%'.repeat(2000), `${'😀'.repeat(1000)}`, 'a'.repeat(70_000)];
// Percent-sequences that decode to nothing valid (sent unencoded).
const RAW_MALFORMED = ['%', '%zz', '%E4%B8', '%ED%A0%80', '%FF', '%C0%AF', '%00', '%2', 'a%', '%%%'];

const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom(...HUGE.slice(0, 4)) },
  { weight: 1, arbitrary: fc.double().map(String) },
);

/** Ids in every shape a validator might half-accept: seeded, unknown, upper case, braced, URN, … */
const uuidLike: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...seededIds) },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 2, arbitrary: fc.constantFrom(
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    `{${seededIds[0]}}`,
    `${seededIds[0]}\n`,
    ` ${seededIds[0]}`,
    (seededIds[0] ?? '').toUpperCase(),
    (seededIds[0] ?? '').replaceAll('-', ''),
    `${seededIds[0]}0`,
    'urn:uuid:5eed0001-0000-4000-8000-000000000001',
    'URN:UUID:5eed0003-0000-4000-8000-000000000001',
  ) },
);

const seededGroups = SEED_IDS as unknown as Record<string, Record<string, string>>;

/** Seeded ids of the kind a name suggests: path segment `offices`, property `serviceId`, … */
function seededIdsFor(name: string | undefined): string[] {
  if (!name) return [];
  const base = name.replace(/Ids?$/, '');
  const group = seededGroups[base] ?? seededGroups[`${base}s`];
  return group ? Object.values(group) : [];
}
const idFor = (name?: string): fc.Arbitrary<string> => {
  const own = seededIdsFor(name);
  return own.length ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...own) }, { weight: 2, arbitrary: uuidLike }) : uuidLike;
};

// Well-formed values for fields whose name says what they hold, so requests get past the rules
// behind validation (a real mobile, a checksummed ID number, a plausible name) and reach success.
const mobile = fc.oneof(fc.stringMatching(/^1[3-9]\d{9}$/), fc.constantFrom(...Object.values(DEMO_PHONES)));
const residentId = fc.oneof(
  fc
    .tuple(fc.date({ min: new Date('1930-01-01'), max: new Date('2008-01-01'), noInvalidDate: true }), fc.constantFrom('MALE' as const, 'FEMALE' as const), fc.integer({ min: 1, max: 998 }))
    .map(([d, sex, seq]) => buildResidentId(d.toISOString().slice(0, 10), sex, seq)),
  fc.constantFrom(FRESH_ID_NUMBER, FRESH_ID_NUMBER.toLowerCase(), DEMO_USERS.citizen.idNumber ?? UNKNOWN_ID_NUMBER, UNKNOWN_ID_NUMBER),
);
const personName = fc.constantFrom('张三', '李小明', '欧阳·娜娜', '阿卜杜拉·买买提', 'Anna Li', '王 五');
const HINTS: Record<string, fc.Arbitrary<string>> = { phone: mobile, idNumber: residentId, name: personName };

/** Calendar days: most plausible, some at the ends of what a DATE column or the calendar can hold. */
const EXTREME_DATES = ['0000-01-01', '9999-12-31', '1999-12-31', '2100-01-01'];
const calendarDate = fc.oneof(
  { weight: 1, arbitrary: fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
  { weight: 1, arbitrary: fc.constantFrom(...EXTREME_DATES) },
);
/** `s` with a NUL somewhere (PostgreSQL refuses it in text: it must be a 400, never a 500). */
const withNul = (s: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.tuple(s, fc.nat()).map(([v, at]) => {
    const chars = [...v];
    const i = chars.length ? at % (chars.length + 1) : 0;
    return [...chars.slice(0, i), '\u0000', ...chars.slice(i)].join('');
  });

/** encodeURIComponent, except lone surrogates (which it refuses) are sent as their raw bytes. */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...Buffer.from(value, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join('');
  }
}
const rawOrEncoded = (value: string, raw: boolean) => (raw ? value.replaceAll('#', '%23') : encode(value));

/** Deeply nested JSON text, past any reasonable recursion depth. */
const deepJson = (depth: number, open: string, close: string, leaf = '1') => open.repeat(depth) + leaf + close.repeat(depth);
const deepValue = (depth: number): unknown => {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i += 1) v = i % 2 ? [v] : { a: v };
  return v;
};

const numberTexts = (s: Schema): string[] => {
  const out = ['Infinity', '-Infinity', 'NaN', '1e309', '-1e309', '-0', '0', '1e-400', '0x10', '1_0', '+1', '.5', '5.', '1,5', '', ' ',
    '9'.repeat(400), '9007199254740993', '1.5', 'true', 'null', '[]', '{}', '１'];
  for (const bound of [s.minimum, s.maximum]) {
    if (typeof bound === 'number') out.push(String(bound), String(bound - 1), String(bound + 1), String(bound - 1e-9), String(bound + 1e-9));
  }
  return out;
};

// ───────────────────────────── values from schemas ─────────────────────────────

type Deref = (s: Schema | undefined) => Schema;

function typeOf(s: Schema): string | undefined {
  if (Array.isArray(s.type)) return s.type.find((t) => t !== 'null');
  return s.type;
}

/** Values the schema accepts (or nearly: patterns and formats are approximated). */
function validFor(deref: Deref, schema: Schema | undefined, depth = 0, name?: string): fc.Arbitrary<unknown> {
  const s = deref(schema);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  const union = s.anyOf ?? s.oneOf;
  if (union?.length) return fc.oneof(...union.map((u) => validFor(deref, u, depth + 1)));
  if (s.allOf?.length) return validFor(deref, s.allOf[0], depth + 1);
  switch (typeOf(s)) {
    case 'string': {
      if (s.format === 'uuid') return idFor(name);
      if (s.format === 'date') return calendarDate;
      const min = s.minLength ?? 0;
      const max = s.maxLength ?? 64;
      // Otherwise fitting text with a NUL in it: free text a person types reaches the database.
      const nul = max >= 1 ? [{ weight: 1, arbitrary: withNul(fc.string({ minLength: Math.max(min - 1, 0), maxLength: Math.max(Math.min(max, 64) - 1, 0) })) }] : [];
      if (s.pattern) {
        try {
          return fc.oneof(fc.stringMatching(new RegExp(s.pattern)), nastyString, ...nul.map((n) => n.arbitrary));
        } catch {
          return nastyString;
        }
      }
      const fits = NASTY.filter((v) => v.length >= min && v.length <= max);
      const hint = name ? HINTS[name] : undefined;
      return fc.oneof(
        ...(hint ? [{ weight: 4, arbitrary: hint }] : []),
        { weight: 2, arbitrary: fc.string({ minLength: min, maxLength: Math.min(max, 64) }) },
        { weight: 3, arbitrary: fits.length ? fc.constantFrom(...fits) : fc.string({ minLength: min, maxLength: max }) },
        ...nul,
      );
    }
    case 'integer':
      return fc.oneof(fc.integer({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6 }), fc.constantFrom(...[s.minimum, s.maximum, 0].filter((b) => b !== undefined)));
    case 'number':
      return fc.oneof(
        fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true }),
        fc.constantFrom(...[s.minimum, s.maximum, 0].filter((b) => b !== undefined)),
      );
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 4 ? fc.constant([]) : fc.array(validFor(deref, s.items, depth + 1), { maxLength: 3 });
    case 'object': {
      const props = s.properties ?? {};
      const names = Object.keys(props);
      if (!names.length || depth > 4) return fc.constant({});
      const model = Object.fromEntries(names.map((n) => [n, validFor(deref, props[n], depth + 1, n)]));
      return fc.record(model, { requiredKeys: s.required ?? [] });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A value of the wrong kind for `s`: wrong type, out of range, too long, unicode, null, … */
function wrongFor(deref: Deref, schema: Schema | undefined): fc.Arbitrary<unknown> {
  const s = deref(schema);
  const alts: fc.Arbitrary<unknown>[] = [
    fc.constantFrom(null, true, false, 0, -1, 1.5, -0, 1e308, -1e308, 2 ** 53 + 1, '', [], {}, [null], { $gt: '' }, { __proto__: null }),
    nastyString,
    fc.jsonValue({ maxDepth: 3 }),
  ];
  const t = typeOf(s);
  if (t === 'string') {
    alts.push(fc.constant('a'.repeat((s.maxLength ?? 1000) + 1)));
    if (s.minLength) alts.push(fc.constant('a'.repeat(s.minLength - 1)));
  }
  if (t === 'number' || t === 'integer') {
    alts.push(fc.constantFrom(...numberTexts(s)));
    for (const b of [s.minimum, s.maximum]) if (typeof b === 'number') alts.push(fc.constantFrom(b - 1, b + 1, b - 1e-9, b + 1e-9));
  }
  return fc.oneof(...alts);
}

const EXTRA_KEYS = ['__proto__', 'constructor', 'prototype', 'admin', 'roles', 'id', 'userId', 'isAdmin', '', ' ', '$where', 'a.b', '😀', 'x'.repeat(300)];
const extraKey = fc.oneof(fc.constantFrom(...EXTRA_KEYS), fc.string({ minLength: 1, maxLength: 12 }));

/** Sets a key as an own property, so `__proto__` really ends up in the JSON text. */
function withKey(obj: unknown, key: string, value: unknown): Record<string, unknown> {
  const base = obj !== null && typeof obj === 'object' && !Array.isArray(obj) ? { ...(obj as Record<string, unknown>) } : {};
  Object.defineProperty(base, key, { value, enumerable: true, configurable: true, writable: true });
  return base;
}

/** Nearly valid values: one required field missing, one field wrong, one field too many, … */
function mutantFor(deref: Deref, schema: Schema | undefined): fc.Arbitrary<unknown> {
  const s = deref(schema);
  const alts: fc.Arbitrary<unknown>[] = [wrongFor(deref, s)];
  const union = s.anyOf ?? s.oneOf;
  if (union?.length) {
    alts.push(...union.map((u) => mutantFor(deref, u)));
    // Two branches at once ({userId, phone}).
    if (union.length > 1) {
      alts.push(fc.tuple(validFor(deref, union[0]), validFor(deref, union[1])).map(([a, b]) => ({ ...(a as object), ...(b as object) })));
    }
  }
  if (typeOf(s) === 'object' && s.properties) {
    const props = s.properties;
    const names = Object.keys(props);
    const valid = validFor(deref, s);
    const required = s.required ?? [];
    if (required.length) {
      alts.push(fc.tuple(valid, fc.constantFrom(...required)).map(([o, k]) => {
        const copy = { ...(o as Record<string, unknown>) };
        delete copy[k];
        return copy;
      }));
    }
    if (names.length) {
      const wrongField = fc.constantFrom(...names).chain((name) => fc.tuple(fc.constant(name), wrongFor(deref, props[name])));
      alts.push(fc.tuple(valid, wrongField).map(([o, [k, v]]) => withKey(o, k, v)));
      // Every field wrong at once.
      alts.push(fc.record(Object.fromEntries(names.map((n) => [n, wrongFor(deref, props[n])]))));
    }
    alts.push(fc.tuple(valid, extraKey, fc.jsonValue({ maxDepth: 2 })).map(([o, k, v]) => withKey(o, k, v)));
    alts.push(valid.map((o) => [o]));
    alts.push(valid.map((o) => withKey(o, 'nested', deepValue(200))));
    alts.push(fc.constant({}));
  }
  return fc.oneof(...alts);
}

// ───────────────────────────── one request ─────────────────────────────

interface Body {
  payload?: string;
  contentType?: string;
}

interface FuzzCase {
  method: string;
  path: string;
  query: string;
  body: Body;
  headers: Record<string, string | string[]>;
}

const WRONG_CONTENT_TYPES = [
  'text/plain', 'text/plain; charset=utf-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=----x', 'application/xml',
  'application/json; charset=utf-16', 'application/json; charset=iso-8859-1', 'application/json;;;', 'application/jsonp',
  'application/vnd.api+json', 'APPLICATION/JSON', ' application/json ', 'application/json, text/plain', '*/*', 'garbage', '',
  'application/octet-stream', 'application/json; boundary=x', 'application/json; charset="utf-8"', 'text/html; charset=utf-8',
];
const NON_JSON = [
  '', ' ', '{', '}', '{"a":', '[', 'nul', 'undefined', 'NaN', "{'a':1}", '{"a":1}{"b":2}', '{"a":1,}', '{a:1}', '\u0000', '\ufeff{}',
  '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"admin":true}}}', '{"a":"\\ud800"}', '{"a":"\\u0000"}', '"\\', 'true false',
  '0x10', '1e309', '<xml/>', 'phone=13800000001', '--boundary\r\n\r\n', '\xff\xfe', deepJson(20_000, '[', ']'), deepJson(5000, '{"a":', '}'),
];
const TOO_BIG = `{"x":"${'a'.repeat(300 * 1024)}"}`;

function bodyArb(deref: Deref, op: Op): fc.Arbitrary<Body> {
  const schema = op.operation.requestBody?.content?.['application/json']?.schema;
  const json = (v: unknown) => {
    try {
      return JSON.stringify(v) ?? 'null';
    } catch {
      return 'null';
    }
  };
  const junk = fc.oneof(
    fc.constantFrom(null, [], 0, 'x', true, [{}], deepValue(500)),
    fc.jsonValue({ maxDepth: 3 }),
  );
  const asJson = (a: fc.Arbitrary<unknown>) => a.map((v): Body => ({ payload: json(v), contentType: 'application/json' }));
  const none: fc.Arbitrary<Body> = fc.constantFrom<Body>({}, { contentType: 'application/json' }, { payload: '', contentType: 'application/json' });
  if (!schema) {
    return fc.oneof(
      { weight: 6, arbitrary: fc.constant<Body>({}) },
      { weight: 1, arbitrary: asJson(junk) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...NON_JSON), fc.constantFrom('application/json', ...WRONG_CONTENT_TYPES)).map(([payload, contentType]) => ({ payload, contentType })) },
    );
  }
  const s = deref(schema);
  // Numbers JSON.stringify cannot produce, written into the text itself.
  const numberProps = Object.entries(s.properties ?? {}).filter(([, p]) => ['number', 'integer'].includes(typeOf(deref(p)) ?? ''));
  const rawNumbers: fc.Arbitrary<Body>[] = numberProps.length
    ? [
        fc
          .tuple(fc.constantFrom(...numberProps.map(([n]) => n)), fc.constantFrom('1e309', '-1e309', '-0', '1e-400', 'NaN', 'Infinity', '0x1', '01', '1.0', '9007199254740993', '1.5e0', '2.0000000000000001'))
          .map(([name, text]) => ({ payload: `{"${name}":${text}}`, contentType: 'application/json' })),
      ]
    : [];
  return fc.oneof(
    { weight: 3, arbitrary: asJson(validFor(deref, s)) },
    { weight: 6, arbitrary: asJson(mutantFor(deref, s)) },
    { weight: 2, arbitrary: asJson(junk) },
    { weight: 2, arbitrary: fc.constantFrom(...NON_JSON).map((payload): Body => ({ payload, contentType: 'application/json' })) },
    {
      weight: 2,
      arbitrary: fc.tuple(validFor(deref, s), fc.constantFrom(...WRONG_CONTENT_TYPES)).map(([v, contentType]): Body => ({ payload: json(v), contentType })),
    },
    { weight: 1, arbitrary: none },
    { weight: 1, arbitrary: fc.constantFrom<Body>({ payload: TOO_BIG, contentType: 'application/json' }, { payload: json({ x: HUGE[4] }), contentType: 'application/json' }) },
    ...rawNumbers.map((arbitrary) => ({ weight: 1, arbitrary })),
  );
}

const wellFormedId = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...seededIds) }, { weight: 1, arbitrary: fc.uuid() });

function pathArb(op: Op, plausible = false): fc.Arbitrary<string> {
  const names = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
  if (!names.length) return fc.constant(op.path);
  // The segment before `{id}` names the kind (`/api/offices/{id}` → seeded offices).
  const kinds = [...op.path.matchAll(/([^/]*)\/\{([^}]+)\}/g)].map((m) => (m[2] === 'id' ? m[1] : m[2]));
  const value = fc.oneof(
    { weight: 3, arbitrary: uuidLike.map((v) => encode(v)) },
    { weight: 3, arbitrary: nastyString.map((v) => encode(v)) },
    { weight: 1, arbitrary: fc.constantFrom(...HUGE.slice(0, 3)).map((v) => encode(v)) },
    { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double()).map((n) => encode(String(n))) },
    { weight: 1, arbitrary: fc.constantFrom('..', '../', '../..', '..%2F..%2Fdocs', '%2e%2e', '.', './x', 'a/b', '%2F', '~', ';x=1') },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_MALFORMED) },
  );
  const values = plausible
    ? fc.tuple(...names.map((_, i) => fc.oneof({ weight: 4, arbitrary: idFor(kinds[i]) }, { weight: 1, arbitrary: wellFormedId }).map(encode)))
    : fc.array(value, { minLength: names.length, maxLength: names.length });
  return values.map((values) => {
    let i = 0;
    return op.path.replace(/\{[^}]+\}/g, () => values[i++] ?? '');
  });
}

/** Every declared query parameter either absent or valid (all, none or some of them), properly encoded. */
function plausibleQueryArb(deref: Deref, op: Op): fc.Arbitrary<string> {
  const params = (op.operation.parameters ?? []).filter((p) => p.in === 'query');
  if (!params.length) return fc.constant('');
  const values = fc.tuple(...params.map((p) => validFor(deref, p.schema, 0, p.name).map((v) => String(v))));
  const keep = fc.oneof(
    fc.constant(params.map(() => true)),
    fc.constant(params.map(() => false)),
    fc.array(fc.boolean(), { minLength: params.length, maxLength: params.length }),
  );
  return fc.tuple(values, keep).map(([vs, kept]) => {
    const parts = params.flatMap((p, i) => (kept[i] ? [`${encode(p.name)}=${encode(vs[i] ?? '')}`] : []));
    return parts.length ? `?${parts.join('&')}` : '';
  });
}

function queryArb(deref: Deref, op: Op): fc.Arbitrary<string> {
  const params = (op.operation.parameters ?? []).filter((p) => p.in === 'query');
  const valueFor = (p: Parameter): fc.Arbitrary<string> => {
    const s = deref(p.schema);
    const t = typeOf(s);
    const good = validFor(deref, s, 0, p.name).map((v) => String(v));
    const bad = fc.oneof(
      nastyString,
      t === 'number' || t === 'integer' ? fc.constantFrom(...numberTexts(s)) : fc.constantFrom('0', '-1', '1e309', 'NaN'),
      fc.constantFrom(HUGE[0] ?? '', 'x'.repeat(s.maxLength !== undefined ? s.maxLength + 1 : 2001)),
    );
    return fc.oneof({ weight: 2, arbitrary: good }, { weight: 3, arbitrary: bad });
  };
  const perParam = params.map((p) =>
    fc.oneof(
      { weight: 2, arbitrary: fc.constant<Array<[string, string]>>([]) },
      { weight: 6, arbitrary: valueFor(p).map((v): Array<[string, string]> => [[p.name, v]]) },
      // Repeated keys arrive as arrays.
      { weight: 1, arbitrary: fc.array(valueFor(p), { minLength: 2, maxLength: 3 }).map((vs) => vs.map((v): [string, string] => [p.name, v])) },
      { weight: 1, arbitrary: valueFor(p).map((v): Array<[string, string]> => [[`${p.name}[]`, v]]) },
    ),
  );
  const extras = fc.array(fc.tuple(fc.oneof(extraKey, fc.constantFrom('a[b]', '__proto__[x]', 'constructor[prototype][x]', 'access_token')), nastyString), { maxLength: 2 });
  return fc
    .tuple(fc.tuple(...perParam), fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: extras }), fc.integer({ min: 0, max: 9 }), fc.constantFrom(...RAW_MALFORMED))
    .map(([lists, extra, mode, malformed]) => {
      const pairs = [...lists.flat(), ...extra];
      // mode 0: values unencoded; 1: a malformed percent-sequence appended; otherwise encoded.
      const parts = pairs.map(([k, v]) => `${rawOrEncoded(k, mode === 0)}=${rawOrEncoded(v, mode === 0)}`);
      if (mode === 1) parts.push(`x=${malformed}`);
      if (mode === 2 && parts.length) parts.push('&&=&');
      return parts.length ? `?${parts.join('&')}` : mode === 3 ? '?' : '';
    });
}

interface Identities {
  citizen: Tokens;
  clerk: Tokens;
}

function forgedTokens(ids: Identities): string[] {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const [header, payload, signature] = ids.citizen.accessToken.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  const admin = b64({ ...claims, roles: ['ADMIN'] });
  const sign = (h: string, p: string, key: string) => `${h}.${p}.${createHmac('sha256', key).update(`${h}.${p}`).digest('base64url')}`;
  return [
    `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`,
    `${b64({ alg: 'none', typ: 'JWT' })}.${admin}.`,
    `${header}.${admin}.${signature}`,
    sign(header, payload, 'not-the-secret'),
    `${header}.${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`,
    `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 1, roles: 'ADMIN' })}.x`,
    `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ ...claims, exp: 1 })}.x`,
    `${header}.${b64('not an object')}.${signature}`,
    `${header}.%%%.${signature}`,
    'a.b.c',
    'a.b',
    '...',
    ids.citizen.refreshToken,
  ];
}

const printable = fc.stringMatching(/^[\x20-\x7e]{0,60}$/);

function headersArb(ids: Identities, mode: Mode): fc.Arbitrary<Record<string, string | string[]>> {
  const own = mode === 'anonymous' ? undefined : ids[mode].accessToken;
  const forged = forgedTokens(ids);
  const garbageAuth: fc.Arbitrary<string | string[]> = fc.oneof(
    fc.constantFrom('Bearer', 'Bearer ', 'Bearer  ', 'bearer', 'Basic Zm9vOmJhcg==', 'Digest x', 'Token abc', 'null', 'undefined', '', ' '),
    printable.map((s) => `Bearer ${s}`),
    fc.constantFrom(...forged).map((s) => `Bearer ${s}`),
    fc.constant(`Bearer ${'x'.repeat(10_000)}`),
    fc.constant<string[]>(['Bearer a', 'Bearer b']),
    ...(own ? [fc.constantFrom<string | string[]>(`bearer ${own}`, `BEARER ${own}`, own, `Bearer ${own} extra`, `Bearer  ${own}`, `Bearer ${own}x`, [`Bearer ${own}`, `Bearer ${own}`])] : []),
    printable,
  );
  const auth = fc.oneof({ weight: 3, arbitrary: fc.constant(own ? `Bearer ${own}` : undefined) }, { weight: 1, arbitrary: garbageAuth });
  const onBehalf = fc.oneof(
    { weight: 4, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: printable },
    { weight: 1, arbitrary: uuidLike },
    {
      weight: 1,
      arbitrary: fc.constantFrom<string | string[]>(
        ids.citizen.user.id,
        ids.clerk.user.id,
        ids.citizen.user.id.toUpperCase(),
        SEED_IDS.users.elderly,
        '',
        ' ',
        'x'.repeat(5000),
        [ids.citizen.user.id, ids.clerk.user.id],
        `${ids.citizen.user.id}, ${ids.clerk.user.id}`,
      ),
    },
  );
  const extraName = fc.oneof(
    fc.constantFrom('x-forwarded-for', 'x-real-ip', 'x-http-method-override', 'cookie', 'origin', 'content-encoding', 'accept-language', 'range', 'if-none-match', 'referer', 'user-agent'),
    fc.stringMatching(/^x-[a-z0-9-]{1,20}$/),
  );
  return fc
    .record({
      authorization: auth,
      onBehalf,
      requestId: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: printable }),
      idempotencyKey: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.oneof(printable, fc.uuid(), fc.constant('k'.repeat(5000))) }),
      accept: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('application/json', 'text/html', 'application/xml', '*/*', '', 'garbage') }),
      extra: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.tuple(extraName, printable) }),
    })
    .map((h) => {
      const out: Record<string, string | string[]> = {};
      if (h.authorization !== undefined) out.authorization = h.authorization;
      if (h.onBehalf !== undefined) out['x-on-behalf-of'] = h.onBehalf;
      if (h.requestId !== undefined) out['x-request-id'] = h.requestId;
      if (h.idempotencyKey !== undefined) out['idempotency-key'] = h.idempotencyKey;
      if (h.accept !== undefined) out.accept = h.accept;
      if (h.extra) out[h.extra[0]] = h.extra[1];
      return out;
    });
}

type Mode = 'anonymous' | 'citizen' | 'clerk';
const MODES: Mode[] = ['anonymous', 'citizen', 'clerk'];

/**
 * A hall and a service it takes bookings for (the seeded slot rules). Random seeded ids rarely
 * pair up, and a request naming a hall and a service that does not go together stops at "not
 * offered": with these the plausible ones reach the slot, booking and queue code behind it.
 */
const BOOKABLE = SLOT_RULES.map((r) => ({ officeId: r.officeId, serviceId: r.serviceId }));
type Pair = (typeof BOOKABLE)[number];

/** The case with `pair` put wherever the operation names a hall or a service (path, query, body). */
function withPair(c: FuzzCase, op: Op, pair: Pair): FuzzCase {
  const template = op.path.split('/');
  const segments = c.path.split('/');
  const path = template[2] === 'offices' && template[3] === '{id}' && segments.length === template.length ? [...segments.slice(0, 3), pair.officeId, ...segments.slice(4)].join('/') : c.path;
  const declared = new Set((op.operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name));
  const params = new URLSearchParams(c.query.slice(1));
  for (const [name, value] of Object.entries(pair)) if (declared.has(name)) params.set(name, value);
  const query = params.toString() ? `?${params.toString()}` : '';
  let body = c.body;
  try {
    const parsed: unknown = body.payload === undefined ? undefined : JSON.parse(body.payload);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const fields = Object.fromEntries(Object.entries(pair).filter(([name]) => name in parsed));
      body = { ...body, payload: JSON.stringify({ ...parsed, ...fields }) };
    }
  } catch {
    // Not JSON: left as it is.
  }
  return { ...c, path, query, body };
}

/**
 * Two kinds of request: hostile ones (anything may be wrong) and plausible ones (well-formed ids,
 * valid query and body, the mode's own token) whose values are still nasty — LIKE and SQL
 * metacharacters, emoji, boundary numbers — so they reach the handlers, the queries and the
 * serialisers instead of stopping at validation.
 */
function caseArb(deref: Deref, op: Op, ids: Identities, mode: Mode): fc.Arbitrary<FuzzCase> {
  const otherMethods = ['HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE', op.method === 'GET' ? 'POST' : 'GET'];
  const schema = op.operation.requestBody?.content?.['application/json']?.schema;
  const own = mode === 'anonymous' ? undefined : ids[mode].accessToken;
  const plausible = fc.record({
    method: fc.constant(op.method),
    path: pathArb(op, true),
    query: plausibleQueryArb(deref, op),
    body: schema ? validFor(deref, schema).map((v): Body => ({ payload: JSON.stringify(v), contentType: 'application/json' })) : fc.constant<Body>({}),
    headers: fc
      .oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(ids.citizen.user.id, ids.clerk.user.id, SEED_IDS.users.elderly) })
      .map((onBehalf) => ({ ...(own ? { authorization: `Bearer ${own}` } : {}), ...(onBehalf ? { 'x-on-behalf-of': onBehalf } : {}) })),
  }).chain((c) => fc.oneof({ weight: 1, arbitrary: fc.constant(c) }, { weight: 2, arbitrary: fc.constantFrom(...BOOKABLE).map((pair) => withPair(c, op, pair)) }));
  const hostile = fc.record({
    method: fc.oneof({ weight: 15, arbitrary: fc.constant(op.method) }, { weight: 1, arbitrary: fc.constantFrom(...otherMethods) }),
    path: pathArb(op),
    query: queryArb(deref, op),
    body: bodyArb(deref, op),
    headers: headersArb(ids, mode),
  });
  return fc.oneof({ weight: 2, arbitrary: plausible }, { weight: 3, arbitrary: hostile });
}

// ───────────────────────────── what every response must satisfy ─────────────────────────────

const UPSTREAM_LOGIN = /^\/api\/auth\/(wechat|alipay)\/?$/;

function problemsOf(c: FuzzCase, res: LightMyRequestResponse): string[] {
  const problems: string[] = [];
  const status = res.statusCode;
  let body: unknown;
  try {
    body = res.body ? JSON.parse(res.body) : undefined;
  } catch {
    body = undefined;
  }
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;

  if (status >= 500) {
    const upstream = status === 503 && UPSTREAM_LOGIN.test(c.path) && error?.code === 'UPSTREAM_UNAVAILABLE';
    if (!upstream) problems.push(`status ${status}`);
  }
  if (!res.headers['x-request-id']) problems.push('no x-request-id header');
  if (status >= 400 && c.method !== 'HEAD') {
    const keys = body !== null && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : undefined;
    const errorKeys = error !== null && typeof error === 'object' && !Array.isArray(error) ? Object.keys(error) : undefined;
    if (!keys || keys.length !== 1 || keys[0] !== 'error' || !errorKeys || errorKeys.some((k) => !ERROR_KEYS.has(k))) {
      problems.push('body is not exactly {error:{code,message,details?}}');
    } else if (typeof error?.code !== 'string' || !(error.code in ERROR_CODES) || typeof error.message !== 'string' || !error.message) {
      problems.push('error.code is not a code of ERROR_CODES or error.message is empty');
    }
    if (!String(res.headers['content-type'] ?? '').startsWith('application/json')) problems.push('error content-type is not application/json');
  }
  const text = scannable(res.body);
  if (ID_NUMBER.test(text)) problems.push('body holds an unmasked ID number');
  if (MOBILE.test(text)) problems.push('body holds an unmasked mobile number');
  return problems;
}

const clip = (v: string, n = 240) => (v.length > n ? `${v.slice(0, n)}…(${v.length} chars)` : v);

function describeCase(c: FuzzCase, ids: Identities, res?: LightMyRequestResponse): string {
  const tokens: Array<[string, string]> = [
    [ids.citizen.accessToken, '<citizen-token>'],
    [ids.clerk.accessToken, '<clerk-token>'],
  ];
  const hide = (v: string) => tokens.reduce((acc, [token, name]) => acc.replaceAll(token, name), v);
  const headers = Object.fromEntries(Object.entries(c.headers).map(([k, v]) => [k, Array.isArray(v) ? v.map((x) => clip(hide(x), 80)) : clip(hide(v), 80)]));
  const lines = [
    `${c.method} ${clip(c.path + c.query)}`,
    `headers ${JSON.stringify(headers)}`,
    c.body.contentType !== undefined || c.body.payload !== undefined ? `content-type ${JSON.stringify(c.body.contentType)} body ${JSON.stringify(clip(c.body.payload ?? '<none>'))}` : 'no body',
  ];
  if (res) lines.push(`→ ${res.statusCode} ${clip(res.body, 400)}`);
  return lines.join('\n    ');
}

// ───────────────────────────── the suite ─────────────────────────────

// A longer hunt: PALM_FUZZ_RUNS=1000 PALM_FUZZ_SEED=<n> (the defaults keep the file well under a minute).
const RUNS_PER_OPERATION_PER_MODE = Number(process.env.PALM_FUZZ_RUNS) || 40;
const SEED = Number(process.env.PALM_FUZZ_SEED) || 20261123;

/** A stable seed per operation and mode, so adding a route does not reshuffle the others. */
const seedOf = (key: string) => [...key].reduce((h, ch) => (Math.imul(h, 31) + ch.charCodeAt(0)) | 0, SEED);

let addressCounter = 0;
/** A new client address per request: rate limits (per IP) must not hide what a request would get. */
function nextAddress(): string {
  addressCounter += 1;
  return `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
}

async function send(t: TestApp, c: FuzzCase, remoteAddress = nextAddress()): Promise<LightMyRequestResponse> {
  const headers: Record<string, string | string[]> = { ...c.headers };
  if (c.body.contentType !== undefined) headers['content-type'] = c.body.contentType;
  const opts: InjectOptions = { method: c.method as InjectOptions['method'], url: c.path + c.query, headers, remoteAddress };
  if (c.body.payload !== undefined) opts.payload = c.body.payload;
  return t.app.inject(opts);
}

describe('fuzzing every route from its OpenAPI schema (DESIGN.md §7)', () => {
  let t: TestApp;
  let doc: OpenApi;
  let ops: Op[];
  let deref: Deref;
  let ids: Identities;
  const stats = new Map<string, Map<number, number>>();

  beforeAll(async () => {
    t = await build({ env: { RATE_LIMIT_PER_MINUTE: '1000000', LOGIN_RATE_LIMIT_PER_MINUTE: '1000000' } });
    ids = { citizen: await t.login({ phone: DEMO_PHONES.citizen }), clerk: await t.login({ phone: DEMO_PHONES.clerk }) };
    const res = await t.app.inject({ url: '/docs/json' });
    if (res.statusCode !== 200) throw new Error(`GET /docs/json: ${res.statusCode}`);
    doc = res.json();
    deref = resolver(doc);
    ops = operationsOf(doc);
    // The first file of a worker also clones its database: beside other heavy files it passes 5 s.
  }, 30_000);
  afterAll(async () => {
    if (process.env.PALM_FUZZ_STATS) {
      let total = 0;
      for (const [key, byStatus] of stats) {
        const sum = [...byStatus.values()].reduce((a, b) => a + b, 0);
        total += sum;
        console.log(`${key}: ${sum} requests, ${[...byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ')}`);
      }
      console.log(`total ${total} requests`);
    }
    await t.close();
    await closeTestDatabase();
  });

  it('finds the operations to fuzz in the OpenAPI document', () => {
    const keys = ops.map((o) => o.key);
    expect(keys).toEqual(expect.arrayContaining(['GET /healthz', 'GET /readyz', 'POST /api/auth/dev-login', 'GET /api/me/', 'GET /api/services/{id}', 'GET /api/offices/{id}']));
    expect(keys.some((k) => k.includes('/docs'))).toBe(false);
  });

  it.each(MODES)('answers malformed requests (%s) below 500, in the error shape, without unmasked identifiers', async (mode) => {
    // Every case runs (no stop at the first failure, so one bug cannot hide another); failures are
    // grouped by operation, method, status and kind of problem, each shown with its shortest example.
    const failures = new Map<string, { count: number; example: string }>();
    for (const op of ops) {
      const byStatus = stats.get(op.key) ?? new Map<number, number>();
      stats.set(op.key, byStatus);
      const cases = fc.sample(caseArb(deref, op, ids, mode), { seed: seedOf(`${mode} ${op.key}`), numRuns: RUNS_PER_OPERATION_PER_MODE });
      for (const c of cases) {
        let problems: string[];
        let res: LightMyRequestResponse | undefined;
        try {
          res = await send(t, c);
          byStatus.set(res.statusCode, (byStatus.get(res.statusCode) ?? 0) + 1);
          problems = problemsOf(c, res);
        } catch (err) {
          problems = [`inject threw ${(err as Error).message}`];
        }
        if (!problems.length) continue;
        const key = `${op.key} (sent ${c.method}) as ${mode} → ${res?.statusCode ?? 'no response'}: ${problems.join('; ')}`;
        const example = describeCase(c, ids, res);
        const seen = failures.get(key);
        failures.set(key, { count: (seen?.count ?? 0) + 1, example: seen && seen.example.length <= example.length ? seen.example : example });
      }
    }
    expect([...failures].map(([key, { count, example }]) => `${key} (${count}×), e.g.\n    ${example}`)).toEqual([]);
  }, 120_000);

  // Routes limited per signed-in person after validation (taking a ticket, booking or moving an
  // appointment, real-name binding, inviting to a grant, a clerk's 见证授权 and its look-up by ID
  // number, 亮证, noting a licence screen capture and the e-licence sync): malformed samples never reach their limiter, so their limit is proven by their own
  // route tests instead.
  const LIMITED_PER_PERSON = [
    'POST /api/tickets/',
    'POST /api/appointments/',
    'POST /api/appointments/{id}/reschedule',
    'POST /api/appointments/waitlist/',
    'POST /api/me/real-name',
    'POST /api/grants/',
    'POST /api/grants/witnessed/',
    'POST /api/grants/witnessed/lookup',
    'POST /api/licences/{id}/presentations',
    'POST /api/licences/{id}/captures',
    'POST /api/licences/sync',
    // 办不成事 and 好差评 (issue 16): bff/test/reports/.
    'POST /api/reports/',
    'POST /api/reports/photos',
    'POST /api/ratings/',
  ];

  it('answers 429 in the error shape, with retry-after, on every rate-limited route', async () => {
    const limited = await build({ reset: false, env: { RATE_LIMIT_PER_MINUTE: '2', LOGIN_RATE_LIMIT_PER_MINUTE: '1' } });
    try {
      const failures: string[] = [];
      const neverLimited: string[] = [];
      const check = (key: string, c: FuzzCase, res: LightMyRequestResponse) => {
        const problems = problemsOf(c, res);
        if (res.statusCode === 429) {
          if ((JSON.parse(res.body) as { error?: { code?: unknown } }).error?.code !== 'RATE_LIMITED') problems.push('429 without code RATE_LIMITED');
          if (!/^\d+$/.test(String(res.headers['retry-after']))) problems.push('429 without retry-after');
        }
        if (problems.length) failures.push(`${key} → ${res.statusCode}: ${problems.join('; ')}\n    ${describeCase(c, ids, res)}`);
      };
      for (const [i, op] of ops.entries()) {
        // Malformed requests still count (the limit runs before validation). Signed in, because
        // the limiter runs after authentication: a request with a bad token is refused first.
        // 8 samples: a few may be URLs malformed enough to be refused before routing (not counted),
        // and at least 3 must reach the route for the limit of 2 to show.
        const sample = fc.sample(caseArb(deref, op, ids, 'citizen'), { seed: seedOf(`429 ${op.key}`), numRuns: 8 });
        let seen429 = false;
        for (const sampled of sample) {
          const c = { ...sampled, method: op.method, headers: { ...sampled.headers, authorization: `Bearer ${ids.citizen.accessToken}` } };
          const res = await send(limited, c, `10.250.${i >> 8}.${i & 255}`);
          seen429 ||= res.statusCode === 429;
          check(op.key, c, res);
        }
        if (!seen429 && op.path.startsWith('/api/') && !LIMITED_PER_PERSON.includes(op.key)) neverLimited.push(op.key);
      }
      // Unknown paths have their own, tighter limit (60 a minute).
      let last: LightMyRequestResponse | undefined;
      for (let i = 0; i < 61; i += 1) {
        const c: FuzzCase = { method: 'GET', path: `/api/no-such-route-${i}`, query: '', body: {}, headers: {} };
        last = await send(limited, c, '10.251.0.1');
        check('unknown path', c, last);
      }
      expect(last?.statusCode).toBe(429);
      expect(failures).toEqual([]);
      expect(neverLimited).toEqual([]);
    } finally {
      await limited.close();
    }
  }, 60_000);

  it('the checks see a leak, a 500 and a body outside the error shape', () => {
    const c: FuzzCase = { method: 'GET', path: '/api/x', query: '', body: {}, headers: {} };
    const reply = (statusCode: number, body: string, headers: Record<string, string> = { 'x-request-id': 'r', 'content-type': 'application/json' }) =>
      ({ statusCode, body, headers }) as unknown as LightMyRequestResponse;
    expect(problemsOf(c, reply(200, '{"id":"5eed0004-0000-4000-8000-000000000001","phoneMasked":"138****0001"}'))).toEqual([]);
    expect(problemsOf(c, reply(200, `{"phone":"${DEMO_PHONES.citizen}"}`))).toEqual(['body holds an unmasked mobile number']);
    expect(problemsOf(c, reply(400, `{"error":{"code":"BAD_REQUEST","message":"${FRESH_ID_NUMBER}"}}`))).toEqual(['body holds an unmasked ID number']);
    expect(problemsOf(c, reply(500, '{"error":{"code":"INTERNAL","message":"m"}}'))).toEqual(['status 500']);
    expect(problemsOf(c, reply(400, '{"error":{"code":"BAD_REQUEST","message":"m"},"statusCode":400}'))).toEqual(['body is not exactly {error:{code,message,details?}}']);
    expect(problemsOf(c, reply(404, 'Not Found', {}))).toEqual([
      'no x-request-id header',
      'body is not exactly {error:{code,message,details?}}',
      'error content-type is not application/json',
    ]);
    const wechat: FuzzCase = { ...c, method: 'POST', path: '/api/auth/wechat' };
    expect(problemsOf(wechat, reply(503, '{"error":{"code":"UPSTREAM_UNAVAILABLE","message":"m"}}'))).toEqual([]);
    expect(problemsOf(wechat, reply(503, '{"error":{"code":"SERVICE_UNAVAILABLE","message":"m"}}'))).toEqual(['status 503']);
  });

  it('answers 400, never 500, to text PostgreSQL refuses: a NUL in a cancel reason, or one a schema let through', async () => {
    const who = await t.login({ phone: '13799990001' });
    const now = t.resources.clock.now().getTime();
    const newSlot = slotMaker(() => t, { officeId: SEED_IDS.offices.countyCenter, serviceId: SEED_IDS.services.socialSecurityCardApply, capacity: 5 });
    const slot = await newSlot({ at: new Date(now + 2 * 24 * 3600_000), releasedAt: new Date(now - 3600_000) });
    const booked = await t.as(who.accessToken, { method: 'POST', url: '/api/appointments', payload: { slotId: slot.id, serviceId: slot.serviceId } });
    expect(booked.statusCode).toBe(201);
    const id = booked.json().id as string;
    const cancel = (reason: string) => t.as(who.accessToken, { method: 'POST', url: `/api/appointments/${id}/cancel`, payload: { reason } });
    for (const reason of ['临时\u0000有事', '\u0000', '有事\u001b']) {
      const res = await cancel(reason);
      expect([res.statusCode, res.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect((await t.app.prisma.appointment.findUniqueOrThrow({ where: { id } })).status).toBe('BOOKED');
    expect((await cancel('临时有事，\n改天再来')).json()).toMatchObject({ status: 'CANCELLED', cancelReason: '临时有事，\n改天再来' });

    // The error handler's backstop, for a field a schema forgot: the database's refusal is a 400.
    const probe = await build({
      reset: false,
      configure: (app) => app.post('/test/echo', async (request) => (await app.prisma.$queryRaw<{ text: string }[]>`SELECT ${(request.body as { text: string }).text}::text AS "text"`)[0]),
    });
    try {
      const echo = (text: string) => probe.app.inject({ method: 'POST', url: '/test/echo', payload: { text } });
      expect((await echo('社保')).json()).toEqual({ text: '社保' });
      const refused = await echo('社\u0000保');
      expect(problemsOf({ method: 'POST', path: '/test/echo', query: '', body: {}, headers: {} }, refused)).toEqual([]);
      expect([refused.statusCode, refused.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
    } finally {
      await probe.close();
    }
  });

  it('declares error responses in the error shape for every route that takes input', () => {
    const isErrorShape = (s: Schema) => {
      const error = deref(deref(s).properties?.error);
      return deref(s).required?.includes('error') === true && ['code', 'message'].every((k) => error.required?.includes(k) && error.properties?.[k]);
    };
    const problems: string[] = [];
    for (const op of ops) {
      const responses = op.operation.responses ?? {};
      const errorStatuses = Object.keys(responses).filter((s) => /^[45]\d\d$/.test(s));
      const hasInput = (op.operation.parameters?.length ?? 0) > 0 || op.operation.requestBody !== undefined;
      if (hasInput && !errorStatuses.some((s) => s.startsWith('4'))) problems.push(`${op.key}: takes input but declares no 4xx response`);
      if (hasInput && !errorStatuses.includes('400')) problems.push(`${op.key}: takes input but does not declare 400 (validation)`);
      if (op.operation.security?.length && !errorStatuses.includes('401')) problems.push(`${op.key}: needs a token but does not declare 401`);
      for (const status of errorStatuses) {
        const schema = responses[status]?.content?.['application/json']?.schema;
        if (!schema || !isErrorShape(schema)) problems.push(`${op.key}: ${status} is not declared with the error shape`);
      }
    }
    expect(problems).toEqual([]);
  });
});
