// Shared by the integration clients' tests.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { UpstreamError } from '../../src/integrations/http';

/** Awaits a call that must fail and returns its UpstreamError (anything else fails the test). */
export async function upstreamFailure(promise: Promise<unknown>): Promise<UpstreamError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof UpstreamError)) throw new Error(`expected an UpstreamError, got ${String(err)}`);
  return err;
}

/** A local port nothing listens on, for "connection refused". */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
