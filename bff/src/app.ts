// The app factory (shape from fastify/demo): resources and config are decorated first, then
// plugins are autoloaded in four tiers — external (cors, helmet, rate limit, swagger, jwt) → ours
// (auth, policy, audit, errors) → the domains (each top-level folder's index.ts decorates its
// services) → routes — so adding a route, a plugin or a domain needs no registration.
import { compilersFactory } from './lib/schema-compilers';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import autoload from '@fastify/autoload';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config';
import type { AppResources } from './resources';
import { ERROR_CODES } from '@palm/shared';
import { LOWERCASE_KEYWORD } from '@palm/shared/server';
import { AppError } from './lib/errors';
import { scrubText } from './lib/log-scrub';
import { clientErrorHandler } from './plugins/app/error-handler';
import './types/fastify';

/**
 * The domain tier: every top-level folder of src/ with an index.ts is a domain, and that index.ts is
 * its plugin (a fastify-plugin with a name and its dependencies, which autoload orders by). Only
 * the shared infrastructure folders below are not domains; a subfolder of a domain (queue/tickets/)
 * is its own business.
 */
const INFRASTRUCTURE = ['generated', 'integrations', 'lib', 'plugins', 'policy', 'routes', 'types'];
const DOMAIN_TIER = {
  maxDepth: 1,
  // Domains declare no routes: no URL prefix from their folder names.
  dirNameRoutePrefix: false,
  ignorePattern: new RegExp(`^(${INFRASTRUCTURE.join('|')})$`),
  matchFilter: (path: string) => /^\/[a-z-]+\/index\.(ts|js)$/.test(path),
};

export interface BuildAppOptions {
  config: Config;
  resources: AppResources;
  /** Where log lines go (tests capture them); defaults to stdout. */
  logStream?: NodeJS.WritableStream;
}

// A client-supplied request id is kept only when it is short and harmless, so it can be echoed
// and logged without becoming an injection vector.
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

// Paths pino removes before a line is written. Free text is masked by scrubText (streamWrite).
// pino's `*` matches one level only, so each secret key is listed at the top level and one and
// two levels down (`log.info({ otp })`, `{ body: { otp } }`, `{ req: { body: { otp } } }`).
const SECRET_KEYS = ['password', 'token', 'accessToken', 'refreshToken', 'code', 'authCode', 'otp', 'idNumber', 'phone', 'secret'];
const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-on-behalf-of"]',
  'res.headers["set-cookie"]',
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
];

export function loggerOptions(config: Config, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return {
    level: config.LOG_LEVEL,
    ...(stream ? { stream } : {}),
    redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
    serializers: {
      req: (req: { method: string; url: string; id: string; ip?: string }) => ({
        method: req.method,
        url: req.url,
        requestId: req.id,
      }),
    },
    hooks: {
      // Every finished log line is scrubbed of ID numbers, phones and query-string secrets just
      // before it is written (DESIGN.md §6), whatever a developer passed to the logger.
      streamWrite: (line: string) => scrubText(line),
    },
  };
}

export async function buildApp(opts: BuildAppOptions): Promise<FastifyInstance> {
  const { config, resources } = opts;
  const app = Fastify({
    logger: loggerOptions(config, opts.logStream),
    trustProxy: config.TRUST_PROXY,
    requestIdHeader: false,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    bodyLimit: 256 * 1024,
    // Each route's compiled validators and serializers are kept for the process (lib/schema-compilers.ts).
    schemaController: { compilersFactory },
    ajv: {
      customOptions: {
        // Unknown body fields are rejected, not silently dropped (schemas set additionalProperties: false).
        removeAdditional: false,
        coerceTypes: 'array',
        useDefaults: true,
        allErrors: false,
        keywords: [
          {
            // UuidSchema's canonical form: a path, query or body id reaches the handler in lower case.
            keyword: LOWERCASE_KEYWORD,
            type: 'string',
            schemaType: 'boolean',
            modifying: true,
            errors: false,
            validate: (enabled: boolean, data: string, _schema, cxt) => {
              if (enabled && cxt?.parentData != null) (cxt.parentData as Record<string | number, unknown>)[cxt.parentDataProperty] = data.toLowerCase();
              return true;
            },
          },
        ],
      },
    },
    // In-flight requests finish on close; idle keep-alive sockets are closed at once. A request
    // that still arrives while closing is refused below, in the error shape (Fastify's own 503
    // has a body of its own).
    forceCloseConnections: 'idle',
    return503OnClosing: false,
    // Requests Node's HTTP parser refuses (431, its 400s) answer in the error shape too.
    clientErrorHandler,
    // Errors Fastify raises before routing (a malformed URL, say) get the same error shape.
    frameworkErrors: (error, request, reply) => {
      request.log.info({ code: error.code }, 'request rejected before routing');
      (reply as unknown as FastifyReply)
        .code(400)
        .header('x-request-id', request.id)
        // Sent before any hook runs: the no-store plugin does not see it.
        .header('cache-control', 'no-store')
        .send({ error: { code: 'BAD_REQUEST', message: ERROR_CODES.BAD_REQUEST.message } });
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('config', config);
  app.decorate('resources', resources);
  app.decorate('prisma', resources.db.prisma);

  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // Pipelined behind an in-flight request, or on a busy keep-alive connection: the client
    // retries on another instance.
    if (closing) {
      reply.header('connection', 'close');
      throw new AppError('SERVICE_UNAVAILABLE');
    }
  });

  const pluginOptions = { config, resources };
  await app.register(autoload, { dir: join(__dirname, 'plugins', 'external'), options: pluginOptions, forceESM: false });
  await app.register(autoload, { dir: join(__dirname, 'plugins', 'app'), options: pluginOptions, forceESM: false });
  await app.register(autoload, { dir: __dirname, options: pluginOptions, forceESM: false, ...DOMAIN_TIER });
  await app.register(autoload, {
    dir: join(__dirname, 'routes'),
    options: pluginOptions,
    autoHooks: true,
    cascadeHooks: true,
    forceESM: false,
    ignorePattern: /(^|[./])(schemas?|service|helpers?)\.ts$/,
  });
  return app;
}
