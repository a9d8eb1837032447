// Requests Node's HTTP parser refuses never reach Fastify's routing (inject() skips the parser), so
// these go over real sockets to a listening server: each refusal still answers in the error shape
// with its status, no-store, and closes the connection. So does a request that arrives on a busy
// connection while the server closes.
import { connect } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { ERROR_CODES } from '@palm/shared';
import { build, closeTestDatabase, type TestApp } from '../helper';

interface RawReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The replies in what a connection received (pipelined requests get one each, in order). */
function parseReplies(text: string): RawReply[] {
  const replies: RawReply[] = [];
  let rest = text;
  while (rest.startsWith('HTTP/1.1 ')) {
    const headEnd = rest.indexOf('\r\n\r\n');
    const [statusLine = '', ...lines] = rest.slice(0, headEnd).split('\r\n');
    const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
    const bodyBytes = Buffer.from(rest.slice(headEnd + 4), 'utf8');
    const length = Number(headers['content-length'] ?? bodyBytes.length);
    replies.push({ status: Number(statusLine.split(' ')[1]), headers, body: bodyBytes.subarray(0, length).toString('utf8') });
    rest = bodyBytes.subarray(length).toString('utf8');
  }
  return replies;
}

/**
 * Opens a connection, writes `request` as is and reads until the server closes it; `then` may
 * write more on the same connection.
 */
function rawAll(port: number, request: string, then?: (socket: Socket) => Promise<void>): Promise<RawReply[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // The server may reset a connection it refused while unread request bytes remain: what it
    // answered before that is still the reply.
    socket.on('error', (err) => (chunks.length > 0 ? undefined : reject(err)));
    socket.on('close', () => resolve(parseReplies(Buffer.concat(chunks).toString('utf8'))));
    socket.write(request, 'latin1');
    then?.(socket).catch(reject);
  });
}

const raw = async (port: number, request: string): Promise<RawReply> => {
  const replies = await rawAll(port, request);
  expect(replies).toHaveLength(1);
  return replies[0]!;
};

describe('errors of the HTTP layer', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await build({ reset: false });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  const expectErrorShape = (reply: RawReply, status: number, code: keyof typeof ERROR_CODES) => {
    expect(reply.status).toBe(status);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.headers.connection).toBe('close');
    expect(Number(reply.headers['content-length'])).toBe(Buffer.byteLength(reply.body));
    expect(JSON.parse(reply.body)).toEqual({ error: { code, message: ERROR_CODES[code].message } });
  };

  it('answers a well-formed request over the same kind of socket normally (the harness itself works)', async () => {
    const reply = await raw(port, 'GET /healthz HTTP/1.1\r\nHost: palm\r\nConnection: close\r\n\r\n');
    expect([reply.status, JSON.parse(reply.body)]).toEqual([200, { status: 'ok' }]);
  });

  it('answers an oversized URL with 431 in the error shape', async () => {
    expectErrorShape(await raw(port, `GET /api/services?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: palm\r\n\r\n`), 431, 'HEADERS_TOO_LARGE');
  });

  it('answers oversized headers with 431 in the error shape', async () => {
    expectErrorShape(await raw(port, `GET /api/services HTTP/1.1\r\nHost: palm\r\nX-Filler: ${'b'.repeat(20_000)}\r\n\r\n`), 431, 'HEADERS_TOO_LARGE');
  });

  it('answers a NUL in a header with 400 in the error shape, and logs neither the header nor its token', async () => {
    const reply = await raw(port, 'GET /api/me HTTP/1.1\r\nHost: palm\r\nAuthorization: Bearer raw-secret-token\r\nX-Bad: a\0b\r\n\r\n');
    expectErrorShape(reply, 400, 'BAD_REQUEST');
    const lines = t.logs.filter((l) => l.includes('refused by the HTTP parser'));
    expect(lines.length).toBeGreaterThan(0);
    expect(t.logs.join('\n')).not.toContain('raw-secret-token');
  });

  it('answers Content-Length together with Transfer-Encoding with 400 in the error shape', async () => {
    const request = 'POST /api/auth/dev-login HTTP/1.1\r\nHost: palm\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n';
    expectErrorShape(await raw(port, request), 400, 'BAD_REQUEST');
  });

  it('answers a malformed request line with 400 in the error shape', async () => {
    expectErrorShape(await raw(port, 'THIS IS NOT HTTP\r\n\r\n'), 400, 'BAD_REQUEST');
    expectErrorShape(await raw(port, 'GET /api/services HTTP/9.9\r\nHost: palm\r\n\r\n'), 400, 'BAD_REQUEST');
  });
});

describe('a request that arrives while the server closes', () => {
  afterAll(closeTestDatabase);

  it('is refused with 503 in the error shape, after the one in flight before it finishes', async () => {
    let started: () => void = () => undefined;
    const inFlight = new Promise<void>((resolve) => (started = resolve));
    let release: () => void = () => undefined;
    const t = await build({
      reset: false,
      configure: (app) => {
        app.get('/slow', async () => {
          started();
          await new Promise<void>((resolve) => (release = resolve));
          return { done: true };
        });
      },
    });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    // A keep-alive connection busy with /slow when the server starts closing: the next request on
    // it arrives while closing.
    let closing: Promise<undefined> | undefined;
    const replies = rawAll(port, 'GET /slow HTTP/1.1\r\nHost: palm\r\n\r\n', async (socket) => {
      await inFlight;
      closing = t.app.close();
      socket.write('GET /api/services HTTP/1.1\r\nHost: palm\r\n\r\n');
      await new Promise((resolve) => setTimeout(resolve, 200));
      release();
    });
    const [first, second] = await replies;
    await closing;
    expect([first!.status, JSON.parse(first!.body)]).toEqual([200, { done: true }]);
    expect(second!.status).toBe(503);
    expect(second!.headers['cache-control']).toBe('no-store');
    expect(second!.headers.connection).toBe('close');
    expect(JSON.parse(second!.body)).toEqual({ error: { code: 'SERVICE_UNAVAILABLE', message: ERROR_CODES.SERVICE_UNAVAILABLE.message } });
  });
});
