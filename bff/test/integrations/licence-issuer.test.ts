// The e-licence platform client (integrations/licence-issuer.ts) against its local stub over HTTP:
// the signed query and the signed answer, every failure mapped to one UpstreamError, a malformed
// licence refused as a whole; and the BFF's sync (POST /api/licences/sync) through the stub, the
// way production talks to the platform.
import { DEMO_PHONES, DEMO_USERS } from '../../../seeds';
import { createLicenceIssuerClient, type LicenceIssuer } from '../../src/integrations/licence-issuer';
import { createDemoLicenceIssuer } from '../../src/integrations/licence-issuer-demo';
import { startLicenceIssuerStub, type LicenceIssuerStub } from '../stubs';
import { build, closeTestDatabase, errorCodeOf, type TestApp } from '../helper';
import { closedPort, upstreamFailure } from './helpers';

const CITIZEN = { name: DEMO_USERS.citizen.name, idNumber: DEMO_USERS.citizen.idNumber };

let stub: LicenceIssuerStub;
let client: LicenceIssuer;
beforeAll(async () => {
  stub = await startLicenceIssuerStub();
  client = createLicenceIssuerClient({ baseUrl: stub.baseUrl, appKey: stub.appKey, appSecret: stub.appSecret, timeoutMs: 10_000 });
});
afterAll(() => stub.close());

describe('licence issuer client', () => {
  it('gets a seeded person’s licences, as the in-process demo issuer does', async () => {
    const licences = await client.licencesOf(CITIZEN);
    expect(licences.map((l) => l.type).sort()).toEqual(['BUSINESS_LICENCE', 'DRIVING_LICENCE', 'HOUSEHOLD_REGISTER', 'MARRIAGE_CERTIFICATE', 'RESIDENT_ID', 'SOCIAL_SECURITY_CARD']);
    expect(licences).toEqual(await createDemoLicenceIssuer().licencesOf(CITIZEN));
    expect(stub.queries.at(-1)).toEqual(CITIZEN);
  });

  it('finds nothing for a name that is not the number’s', async () => {
    expect(await client.licencesOf({ ...CITIZEN, name: '王芳' })).toEqual([]);
  });

  it('refuses an answer whose signature is wrong, missing or made for another request', async () => {
    for (const signature of ['wrong', 'missing', 'replayed'] as const) {
      stub.failNext({ signature });
      const err = await upstreamFailure(client.licencesOf(CITIZEN));
      expect([err.kind, err.upstreamCode, err.retryable]).toEqual(['UNAVAILABLE', 'RESPONSE_SIGNATURE_INVALID', false]);
    }
  });

  it('is refused by the platform with a wrong secret (our set-up: not retryable)', async () => {
    const wrong = createLicenceIssuerClient({ baseUrl: stub.baseUrl, appKey: stub.appKey, appSecret: 'not-the-secret-at-all' });
    const err = await upstreamFailure(wrong.licencesOf(CITIZEN));
    expect([err.kind, err.upstreamCode, err.retryable]).toEqual(['UNAVAILABLE', 'SIGNATURE_INVALID', false]);
  });

  it('maps the platform’s codes and the transport’s failures', async () => {
    stub.failNext({ code: 'RATE_LIMITED' });
    expect((await upstreamFailure(client.licencesOf(CITIZEN))).kind).toBe('RATE_LIMITED');
    stub.failNext({ code: 'SYSTEM_BUSY' });
    expect(await upstreamFailure(client.licencesOf(CITIZEN))).toMatchObject({ kind: 'UNAVAILABLE', retryable: true });
    stub.failNext({ code: 'HOLDER_MISMATCH', httpStatus: 400 });
    expect((await upstreamFailure(client.licencesOf(CITIZEN))).kind).toBe('REJECTED');
    stub.failNext({ httpStatus: 502 });
    expect((await upstreamFailure(client.licencesOf(CITIZEN))).upstreamCode).toBe('HTTP_502');
    stub.failNext('close-socket');
    expect((await upstreamFailure(client.licencesOf(CITIZEN))).upstreamCode).toBe('NETWORK');
    const port = await closedPort();
    const nowhere = createLicenceIssuerClient({ baseUrl: `http://127.0.0.1:${port}`, appKey: 'k', appSecret: 'x'.repeat(16) });
    expect((await upstreamFailure(nowhere.licencesOf(CITIZEN))).upstreamCode).toBe('NETWORK');
    stub.failNext('hang');
    const impatient = createLicenceIssuerClient({ baseUrl: stub.baseUrl, appKey: stub.appKey, appSecret: stub.appSecret, timeoutMs: 200 });
    expect((await upstreamFailure(impatient.licencesOf(CITIZEN))).upstreamCode).toBe('TIMEOUT');
  });

  it('refuses a signed answer with a licence it cannot read (unknown type, bad date, non-text field)', async () => {
    const good = { type: 'RESIDENT_ID', number: CITIZEN.idNumber, issuer: '青石县公安局', validFrom: '2016-05-20', validUntil: null, status: 'VALID', fields: { name: CITIZEN.name } };
    for (const bad of [{ ...good, type: 'PASSPORT' }, { ...good, validFrom: '2016/05/20' }, { ...good, status: 'LOST' }, { ...good, fields: { name: 1 } }, { ...good, number: '' }]) {
      stub.failNext({ body: { code: '0000', data: { licences: [good, bad] } } });
      expect((await upstreamFailure(client.licencesOf(CITIZEN))).upstreamCode).toBe('MALFORMED_RESPONSE');
    }
    stub.failNext({ body: { code: '0000', data: {} } });
    expect((await upstreamFailure(client.licencesOf(CITIZEN))).upstreamCode).toBe('MALFORMED_RESPONSE');
  });

  it('keeps only the fields its type carries, and masks a "…Masked" field the platform sent in full', async () => {
    const card = {
      type: 'SOCIAL_SECURITY_CARD',
      number: CITIZEN.idNumber,
      issuer: '云溪市人力资源和社会保障局',
      validFrom: '2019-03-01',
      validUntil: '2029-03-01',
      status: 'VALID',
      // A platform's extra fields (a full ID number, a phone) and a card number it failed to mask.
      fields: { name: CITIZEN.name, cardNumberMasked: 'G36871800', bank: '中国农业银行', idNumber: CITIZEN.idNumber, phone: '13812345678' },
    };
    stub.failNext({ body: { code: '0000', data: { licences: [card] } } });
    const [licence] = await client.licencesOf(CITIZEN);
    expect(Object.keys(licence!.fields).sort()).toEqual(['bank', 'cardNumberMasked', 'name']);
    expect(licence!.fields.cardNumberMasked).toBe('*******00');
    expect(JSON.stringify(licence!.fields)).not.toContain(CITIZEN.idNumber);
    // One already masked is kept as the platform masked it.
    stub.failNext({ body: { code: '0000', data: { licences: [{ ...card, fields: { ...card.fields, cardNumberMasked: 'G3****718' } }] } } });
    expect((await client.licencesOf(CITIZEN))[0]!.fields.cardNumberMasked).toBe('G3****718');
  });
});

describe('POST /api/licences/sync through the platform stub', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build({ env: { LICENCE_ISSUER_API_BASE: stub.baseUrl, LICENCE_ISSUER_APP_KEY: stub.appKey, LICENCE_ISSUER_APP_SECRET: stub.appSecret, RATE_LIMIT_PER_MINUTE: '100000' } });
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  it('syncs over HTTP, and a platform outage is a clean 503 that changes nothing', async () => {
    const { accessToken } = await t.login({ phone: DEMO_PHONES.citizen });
    const asked = stub.queries.length;
    const res = await t.as(accessToken, { method: 'POST', url: '/api/licences/sync' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ synced: true });
    expect(stub.queries.length).toBe(asked + 1);
    const before = await t.app.prisma.licence.findMany({ where: { holderId: DEMO_USERS.citizen.id }, orderBy: { id: 'asc' } });
    stub.failNext({ httpStatus: 503 });
    const down = await t.as(accessToken, { method: 'POST', url: '/api/licences/sync' });
    expect([down.statusCode, errorCodeOf(down)]).toEqual([503, 'UPSTREAM_UNAVAILABLE']);
    expect(await t.app.prisma.licence.findMany({ where: { holderId: DEMO_USERS.citizen.id }, orderBy: { id: 'asc' } })).toEqual(before);
    // The ID number never reaches the log.
    expect(t.logs.join('\n')).not.toContain(DEMO_USERS.citizen.idNumber);
  });
});
