// Requests Node's HTTP parser refuses never reach Fastify's routing (inject() skips the parser), so
// these go over real sockets to a listening server: each refusal still answers in the error shape
// with its status, no-store, and closes the connection.
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { ERROR_CODES } from '@palm/shared';
import { build, closeTestDatabase, type TestApp } from '../helper';

interface RawReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Writes `request` as is and reads until the server closes the connection. */
function raw(port: number, request: string): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // The server may reset a connection it refused while unread request bytes remain: what it
    // answered before that is still the reply.
    socket.on('error', (err) => (chunks.length > 0 ? undefined : reject(err)));
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n', 2) as [string?, string?];
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    });
    socket.write(request, 'latin1');
  });
}

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
