// Building blocks for request/response schemas. Server-only (imports TypeBox, which compiles to
// ajv): the mini-app imports the *types* derived from these, never the values.
import { Type, type TObject, type TProperties, type ObjectOptions, type StringOptions } from '@sinclair/typebox';

/** Objects reject unknown fields: a typo in a request is an error, not silently ignored. */
export const StrictObject = <T extends TProperties>(properties: T, options: ObjectOptions = {}): TObject<T> =>
  Type.Object(properties, { additionalProperties: false, ...options });

/**
 * The ajv keyword that rewrites a valid string in place to lower case (the BFF registers it in its
 * ajv options; a schema using it fails to compile anywhere it is not registered). Ajv runs it after
 * the schema's own checks, so only a value that already passed them is rewritten.
 */
export const LOWERCASE_KEYWORD = 'x-lowercase';

/**
 * Every id in a path, query or body. A UUID is case-insensitive, but the rules compare ids as text
 * (the one-active-ticket key, an owner check, a live channel): the id is canonical (lower case, as
 * PostgreSQL prints a uuid) before any of them sees it, and a reply echoes that form. ajv's `uuid`
 * format also accepts a `urn:uuid:` prefix, which PostgreSQL's uuid type refuses (a 500): the
 * pattern pins the bare form.
 */
export const UuidSchema = Type.String({
  format: 'uuid',
  pattern: '^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$',
  [LOWERCASE_KEYWORD]: true,
  description: 'UUID (any letter case in a request; always lower case in a reply)',
});

/**
 * `Idempotency-Key` on a creating POST (a take, a booking, a walk-in): a client-chosen key per
 * attempt; a retry with the same key answers with what the first created, never a second one.
 */
export const IdempotencyHeadersSchema = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9._:-]+$' })),
});
export const IdParamsSchema = StrictObject({ id: UuidSchema });

/**
 * Free text a person types and we store (a cancel reason, an appeal, a decision note): any
 * character but the control characters, line breaks and tabs excepted. PostgreSQL refuses a NUL
 * in text (SQLSTATE 22021) — without this a 500 — and the others have no place in what someone
 * reads back.
 */
export const TextSchema = (options: StringOptions & { maxLength: number }) =>
  Type.String({ ...options, pattern: '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$' });

/** One line of text: as TextSchema, without line breaks or tabs either (a name, a list's item, a search word). */
export const LineSchema = (options: StringOptions & { maxLength: number }) => Type.String({ ...options, pattern: '^[^\\u0000-\\u001F\\u007F]*$' });

/**
 * A business date in a query (YYYY-MM-DD, Asia/Shanghai), kept to the years a DATE column, the
 * calendar and a person can mean: 0000-01-01 or 9999-12-31 is a 400, not a database error.
 */
export const BusinessDateSchema = (options: StringOptions = {}) => Type.String({ ...options, format: 'date', pattern: '^20\\d{2}-\\d{2}-\\d{2}$' });

export const ErrorSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ examples: ['VALIDATION_FAILED'] }),
      message: Type.String({ examples: ['填写的信息有误，请检查后重试'] }),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { $id: 'Error', description: 'Every non-2xx response (DESIGN.md §5)' },
);

/** Error responses a route may declare next to its success schema. */
export const errorResponses = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [s, ErrorSchema]));

export const ListOf = <T extends TObject>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Optional(Type.String()) });
