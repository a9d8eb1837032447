// Fastify's own schema compilers (ajv for requests, fast-json-stringify for replies), with each
// compiled function kept for the life of the process, keyed by the schema's JSON.
//
// Fastify makes a fresh compiler per app and compiles every route's schemas again: about half of
// the CPU time of building the app (~130 routes). One production process builds one app, so this
// changes nothing there; the test suites build an app for nearly every test file and case, and
// there it saves roughly half a second of CPU per build.
//
// What a compiled function depends on is all in the key: the shared schemas and the compiler's
// options (as @fastify/ajv-compiler keys its own pool) and the route's schema. Header schemas are
// lower-cased first, as Fastify does for its default compiler (it leaves a custom one's alone).
import type { FastifyServerOptions } from 'fastify';
import { AjvCompiler } from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
type JsonSchema = Record<string, unknown>;
interface RouteSchema {
  schema: unknown;
  method: string;
  url: string;
  httpPart?: string;
  httpStatus?: string;
  contentType?: string;
}
type Compiled = (data: unknown) => unknown;
type Compile = (route: RouteSchema) => Compiled;
type Builder = (externalSchemas: unknown, options: unknown) => Compile;

const validatorPools = AjvCompiler() as unknown as Builder;
const serializerFactory = SerializerSelector() as unknown as Builder;
const validators = new Map<string, Compiled>();
const serializers = new Map<string, Compiled>();

function memo<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let made = cache.get(key);
  if (made === undefined) {
    made = make();
    cache.set(key, made);
  }
  return made;
}

/** The header schema with lower-case property names (HTTP header names are case-insensitive). */
function lowerCaseHeaders(schema: JsonSchema): JsonSchema {
  const properties = schema.properties as JsonSchema | undefined;
  if (!properties || typeof properties !== 'object') return schema;
  return {
    ...schema,
    properties: Object.fromEntries(Object.entries(properties).map(([name, value]) => [name.toLowerCase(), value])),
    ...(Array.isArray(schema.required) ? { required: (schema.required as string[]).map((name) => name.toLowerCase()) } : {}),
  };
}

const buildValidator: Builder = (externalSchemas, options) => {
  const compile = validatorPools(externalSchemas, options);
  const pool = JSON.stringify(externalSchemas) + JSON.stringify((options as { customOptions?: unknown } | undefined)?.customOptions ?? {});
  return (route) => {
    const isPlainHeaders = route.httpPart === 'headers' && route.schema !== null && typeof route.schema === 'object';
    const schema = isPlainHeaders ? lowerCaseHeaders(route.schema as JsonSchema) : route.schema;
    return memo(validators, `${pool}\0${JSON.stringify(schema)}`, () => compile({ ...route, schema }));
  };
};

const buildSerializer: Builder = (externalSchemas, options) => {
  const compile = serializerFactory(externalSchemas, options);
  const pool = JSON.stringify(externalSchemas) + JSON.stringify(options ?? {});
  return (route) => memo(serializers, `${pool}\0${JSON.stringify(route.schema)}`, () => compile(route));
};

/** For `Fastify({ schemaController: { compilersFactory } })`. */
export const compilersFactory = { buildValidator, buildSerializer } as unknown as CompilersFactory;
