import { residentIdCheckDigit } from '@palm/shared';
import { DEMO_USERS } from '../../../seeds';
import {
  createRealNameClient,
  realNameSignature,
  requestStringToSign,
  responseStringToSign,
  type RealNameConfig,
  type RealNameVerifier,
} from '../../src/integrations/realname';
import { createDemoVerifier, MISMATCH_MARKER } from '../../src/integrations/realname-demo';
import { startRealNameStub } from '../stubs';
import type { RealNameStub } from '../stubs';
import { closedPort, upstreamFailure } from './helpers';

const validId = (first17: string) => first17 + residentIdCheckDigit(first17);
const CITIZEN = DEMO_USERS.citizen;
const STRANGER_ID = validId('36012319850615123');

let stub: RealNameStub;
let client: RealNameVerifier;
const clientFor = (over: Partial<RealNameConfig> = {}): RealNameVerifier =>
  createRealNameClient({ baseUrl: stub.baseUrl, appKey: stub.appKey, appSecret: stub.appSecret, timeoutMs: 10_000, ...over });

beforeAll(async () => {
  stub = await startRealNameStub();
  client = clientFor();
});
afterAll(() => stub.close());
beforeEach(() => {
  stub.checks.length = 0;
});

describe('request and answer signatures', () => {
  it('signs method, path, timestamp, nonce and the body digest, one per line, with HMAC-SHA256', () => {
    const text = requestStringToSign('POST', '/v1/id-verify/two-factor', '1767225600000', '0123456789abcdef0123456789abcdef', '{}');
    // SHA-256 of "{}".
    expect(text).toBe('POST\n/v1/id-verify/two-factor\n1767225600000\n0123456789abcdef0123456789abcdef\n44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
    expect(realNameSignature('secret', text)).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(realNameSignature('secret', text)).not.toBe(realNameSignature('other', text));
    expect(responseStringToSign('n', '1', '{}')).toBe('n\n1\n44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
  });
});

describe('the platform client against the stub', () => {
  it('answers MATCH for a seeded person’s own name, with the platform’s verifyId', async () => {
    const verdict = await client.verify(CITIZEN.name, CITIZEN.idNumber);
    expect(verdict.result).toBe('MATCH');
    expect(verdict.verifyId).toBe(stub.checks[0]?.verifyId);
    expect(stub.checks).toEqual([expect.objectContaining({ name: CITIZEN.name, idNumber: CITIZEN.idNumber, result: 'MATCH' })]);
  });

  it('answers MISMATCH for a seeded number under another name', async () => {
    expect((await client.verify('陈思源', CITIZEN.idNumber)).result).toBe('MISMATCH');
  });

  it('follows the register: a registered pair matches its own name only; other numbers match unless the name ends in the marker', async () => {
    const registered = validId('36012319770808123');
    stub.register(registered, '刘洋');
    expect((await client.verify('刘洋', registered)).result).toBe('MATCH');
    expect((await client.verify('刘阳', registered)).result).toBe('MISMATCH');
    expect((await client.verify('王芳', STRANGER_ID)).result).toBe('MATCH');
    expect((await client.verify(`王芳${MISMATCH_MARKER}`, STRANGER_ID)).result).toBe('MISMATCH');
  });

  it('reads NO_RECORD when the register has no such number', async () => {
    stub.failNext({ result: 'NO_RECORD' });
    expect((await client.verify('王芳', STRANGER_ID)).result).toBe('NO_RECORD');
  });

  it('answers the same as the built-in demo verifier of development', async () => {
    const demo = createDemoVerifier();
    for (const [name, id] of [
      [CITIZEN.name, CITIZEN.idNumber],
      ['陈思源', CITIZEN.idNumber],
      ['王芳', STRANGER_ID],
      [`王芳${MISMATCH_MARKER}`, STRANGER_ID],
    ] as const) {
      expect((await client.verify(name, id)).result).toBe((await demo.verify(name, id)).result);
    }
  });

  it('reports a wrong secret (SIGNATURE_INVALID) as UNAVAILABLE, not retryable, without the name or number', async () => {
    const err = await upstreamFailure(clientFor({ appSecret: 'wrong-secret-0123456789' }).verify(CITIZEN.name, CITIZEN.idNumber));
    expect(err).toMatchObject({ upstream: 'realname', kind: 'UNAVAILABLE', upstreamCode: 'SIGNATURE_INVALID', retryable: false });
    expect(err.message).not.toContain(CITIZEN.idNumber);
    expect(err.message).not.toContain(CITIZEN.name);
    expect(stub.checks).toHaveLength(0);
  });

  it('reports an unknown app key as UNAVAILABLE, not retryable', async () => {
    expect(await upstreamFailure(clientFor({ appKey: 'nobody' }).verify(CITIZEN.name, CITIZEN.idNumber))).toMatchObject({
      kind: 'UNAVAILABLE',
      upstreamCode: 'APP_KEY_INVALID',
      retryable: false,
    });
  });

  it('refuses a verdict whose signature is wrong, missing or made for another request', async () => {
    for (const signature of ['wrong', 'missing', 'replayed'] as const) {
      stub.failNext({ result: 'MATCH', signature });
      expect(await upstreamFailure(client.verify('王芳', STRANGER_ID))).toMatchObject({ kind: 'UNAVAILABLE', upstreamCode: 'RESPONSE_SIGNATURE_INVALID', retryable: false });
    }
  });

  it('reports the platform’s frequency control as RATE_LIMITED and its own trouble as UNAVAILABLE and retryable', async () => {
    stub.failNext({ code: 'QUOTA_EXCEEDED' });
    expect(await upstreamFailure(client.verify('王芳', STRANGER_ID))).toMatchObject({ kind: 'RATE_LIMITED', upstreamCode: 'QUOTA_EXCEEDED', retryable: false });
    stub.failNext({ code: 'SOURCE_UNAVAILABLE' });
    expect(await upstreamFailure(client.verify('王芳', STRANGER_ID))).toMatchObject({ kind: 'UNAVAILABLE', upstreamCode: 'SOURCE_UNAVAILABLE', retryable: true });
    stub.failNext({ code: 'PARAM_INVALID', httpStatus: 400 });
    expect(await upstreamFailure(client.verify('王芳', STRANGER_ID))).toMatchObject({ kind: 'REJECTED', upstreamCode: 'PARAM_INVALID' });
  });

  it('gives up with UNAVAILABLE within the configured timeout when the platform does not answer', async () => {
    stub.failNext('hang');
    const started = Date.now();
    const err = await upstreamFailure(clientFor({ timeoutMs: 300 }).verify('王芳', STRANGER_ID));
    const elapsed = Date.now() - started;
    expect(err).toMatchObject({ kind: 'UNAVAILABLE', upstreamCode: 'TIMEOUT', retryable: true });
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(1_500); // the stub never answers: only our deadline ends the call
  });

  it('reports a dropped connection, a refused connection, a 502 page and a non-JSON answer as UNAVAILABLE', async () => {
    stub.failNext('close-socket');
    expect(await upstreamFailure(client.verify('王芳', STRANGER_ID))).toMatchObject({ kind: 'UNAVAILABLE', upstreamCode: 'NETWORK' });
    stub.failNext({ httpStatus: 502 });
    expect(await upstreamFailure(client.verify('王芳', STRANGER_ID))).toMatchObject({ kind: 'UNAVAILABLE', upstreamCode: 'HTTP_502' });
    stub.failNext({ httpStatus: 200 });
    expect(await upstreamFailure(client.verify('王芳', STRANGER_ID))).toMatchObject({ kind: 'UNAVAILABLE', upstreamCode: 'MALFORMED_RESPONSE' });
    const port = await closedPort();
    expect(await upstreamFailure(clientFor({ baseUrl: `http://127.0.0.1:${port}` }).verify('王芳', STRANGER_ID))).toMatchObject({ kind: 'UNAVAILABLE', upstreamCode: 'NETWORK' });
  });

  it('tolerates a trailing slash on the base URL', async () => {
    expect((await clientFor({ baseUrl: `${stub.baseUrl}/` }).verify('王芳', STRANGER_ID)).result).toBe('MATCH');
  });
});
