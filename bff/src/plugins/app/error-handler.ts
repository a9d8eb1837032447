// One error handler for the whole API (DESIGN.md §5): every failure leaves as
// {"error":{"code","message"}} with a fitting status. Client mistakes say what was wrong; server
// faults say nothing about why (no stack, no SQL) and are logged with the request id instead.
import { STATUS_CODES as HTTP_REASONS } from 'node:http';
import type { Socket } from 'node:net';
import fp from 'fastify-plugin';
import type { ConnectionError, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CODES, type ErrorCode } from '@palm/shared';
import { isAppError } from '../../lib/errors';
import { isUniqueViolation } from '../../lib/constraints';
import { isDatabaseUnavailableError, isUnstorableTextError } from '@palm/db';
import { UpstreamError } from '../../integrations/http';

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  408: 'REQUEST_TIMEOUT',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  431: 'HEADERS_TOO_LARGE',
};

/** What Node's HTTP parser refuses before there is a request (Node's own mapping of its codes). */
const CLIENT_ERRORS: Record<string, ErrorCode> = {
  HPE_HEADER_OVERFLOW: 'HEADERS_TOO_LARGE',
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 'PAYLOAD_TOO_LARGE',
  ERR_HTTP_REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
};

/**
 * The server's `clientError` (Fastify's `clientErrorHandler`): a request Node's HTTP parser refuses
 * — an oversized URL or headers, a NUL in a header, Content-Length with Transfer-Encoding, a
 * malformed request line — never reaches Fastify's routing or error handler, and Node would answer
 * with a body of its own. It gets the error shape here, written straight to the socket, which is
 * then closed (the parser cannot find where the next request would start).
 */
export function clientErrorHandler(this: FastifyInstance, err: ConnectionError, socket: Socket): void {
  // A reset connection has no one to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const code = CLIENT_ERRORS[err.code] ?? 'BAD_REQUEST';
  const { status, message } = ERROR_CODES[code];
  // Only the parser's code: the error also carries the raw bytes, which may hold a token.
  this.log.info({ code: err.code }, 'request refused by the HTTP parser');
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify({ error: { code, message } });
  const head = [
    `HTTP/1.1 ${status} ${HTTP_REASONS[status] ?? 'Bad Request'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'X-Content-Type-Options: nosniff',
    'Connection: close',
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`, () => socket.destroy());
}

function send(reply: FastifyReply, status: number, code: string, message: string, details?: unknown) {
  return reply.code(status).type('application/json; charset=utf-8').send({ error: details === undefined ? { code, message } : { code, message, details } });
}

function validationDetails(err: FastifyError) {
  return (err.validation ?? []).map((v) => {
    const params = v.params as Record<string, unknown> | undefined;
    const extra = params?.additionalProperty ?? params?.missingProperty;
    const path = [err.validationContext, ...(v.instancePath ? v.instancePath.split('/').filter(Boolean) : []), ...(extra ? [String(extra)] : [])];
    return { field: path.join('.'), rule: v.keyword };
  });
}

/** Prisma errors that user input can cause, mapped to client statuses. */
function prismaClientError(err: unknown): ErrorCode | undefined {
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('P')) return undefined;
  if (code === 'P2025' || code === 'P2001') return 'NOT_FOUND';
  if (isUniqueViolation(err) || code === 'P2034') return 'CONFLICT';
  return undefined;
}

export default fp(
  async (app) => {
    app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      if (isAppError(err)) {
        if (err.statusCode === 429 && typeof (err.details as { retryAfterSeconds?: number })?.retryAfterSeconds === 'number') {
          reply.header('retry-after', String((err.details as { retryAfterSeconds: number }).retryAfterSeconds));
        }
        return send(reply, err.statusCode, err.code, err.message, err.details);
      }
      if (err.validation) {
        return send(reply, 400, 'VALIDATION_FAILED', ERROR_CODES.VALIDATION_FAILED.message, validationDetails(err));
      }
      if (isDatabaseUnavailableError(err)) {
        request.log.error({ err }, 'database unavailable');
        reply.header('retry-after', '5');
        return send(reply, 503, 'SERVICE_UNAVAILABLE', ERROR_CODES.SERVICE_UNAVAILABLE.message);
      }
      if (err instanceof UpstreamError) {
        request.log.warn({ err }, 'upstream failure');
        if (err.kind === 'RATE_LIMITED') return send(reply, 429, 'RATE_LIMITED', ERROR_CODES.RATE_LIMITED.message);
        return send(reply, 503, 'UPSTREAM_UNAVAILABLE', ERROR_CODES.UPSTREAM_UNAVAILABLE.message);
      }
      // Backstop of the schemas' TextSchema: text PostgreSQL refuses (a NUL) is the client's input.
      if (isUnstorableTextError(err)) {
        request.log.warn({ err }, 'text the database refuses reached a query');
        return send(reply, 400, 'VALIDATION_FAILED', ERROR_CODES.VALIDATION_FAILED.message);
      }
      const prismaCode = prismaClientError(err);
      if (prismaCode) return send(reply, ERROR_CODES[prismaCode].status, prismaCode, ERROR_CODES[prismaCode].message);
      const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
      if (status >= 400 && status < 500) {
        const code = STATUS_CODES[status] ?? 'BAD_REQUEST';
        return send(reply, status, code, ERROR_CODES[code].message);
      }
      request.log.error({ err }, 'unhandled error');
      return send(reply, 500, 'INTERNAL', ERROR_CODES.INTERNAL.message);
    });

    // Unknown paths are rate-limited more tightly than the API: scanners probe them by the thousand.
    app.setNotFoundHandler(
      { preHandler: app.rateLimit ? app.rateLimit({ max: 60, timeWindow: 60_000 }) : undefined },
      (_request, reply) => send(reply, 404, 'NOT_FOUND', ERROR_CODES.NOT_FOUND.message),
    );
  },
  { name: 'error-handler', dependencies: ['rate-limit'] },
);
