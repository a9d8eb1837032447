// Action POSTs accept no body: no body at all, an empty one with or without a JSON content type, and
// `{}` all mean "no fields", on every POST route of the app's own route table. A 401, 404 or a
// missing required field is fine; a 400 or 415 about the body's type or emptiness is not.
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { OFFICE_IDS, SERVICE_IDS } from '../../../seeds';
import { slotMaker } from '../appointments/fixtures';
import { build, closeTestDatabase, errorCodeOf, resetQueue, type TestApp } from '../helper';
import { routeTable } from './route-table';

const UNKNOWN_ID = '00000000-0000-4000-8000-00000000abcd';

const NO_FIELDS: Record<string, Partial<InjectOptions>> = {
  'no body': {},
  'an empty body typed as JSON': { headers: { 'content-type': 'application/json' }, payload: '' },
  'an empty body typed as JSON with a charset': { headers: { 'content-type': 'application/json; charset=utf-8' }, payload: '' },
  'an empty body, untyped': { headers: { 'content-length': '0' }, payload: '' },
  'an empty body typed as text': { headers: { 'content-type': 'text/plain' }, payload: '' },
  'an empty form': { headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '' },
  '{}': { payload: {} },
};

/** A refusal about the body as a whole (its type, emptiness or media type), not about a field in it. */
function refusesTheBody(res: LightMyRequestResponse): boolean {
  if (res.statusCode === 415) return true;
  if (res.statusCode !== 400) return false;
  const { error } = res.json() as { error: { code: string; details?: { field: string; rule: string }[] } };
  return error.code === 'BAD_REQUEST' || (error.details ?? []).some((d) => d.field === 'body' && d.rule === 'type');
}

describe('action POSTs without a body', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build({ env: { RATE_LIMIT_PER_MINUTE: '100000', LOGIN_RATE_LIMIT_PER_MINUTE: '100000', BOOKING_IP_PER_MINUTE: '100000' } });
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  it('every POST route of the route table takes no body, an empty one or {} without a 400 about the body', async () => {
    const routes = routeTable(t.app, ['POST']);
    const actions = routes.filter((r) => r.url.includes(':id'));
    expect(actions.map((r) => r.url)).toEqual(expect.arrayContaining(['/api/appointments/:id/cancel', '/api/counters/:id/call-next', '/api/messages/:id/read', '/api/booking-suspensions/:id/decide']));
    const refused: string[] = [];
    for (const { url } of routes) {
      for (const [form, opts] of Object.entries(NO_FIELDS)) {
        // A fresh session each time: logout (a POST route too) ends the one it is sent with.
        const { accessToken } = await t.login({ phone: '13800000004' });
        const res = await t.as(accessToken, { method: 'POST', url: url.replace(/:id/g, UNKNOWN_ID), ...opts });
        if (refusesTheBody(res)) refused.push(`${url} with ${form} → ${res.statusCode} ${res.body}`);
      }
    }
    expect(refused).toEqual([]);
    // Every POST route × 7 forms, each with a sign-in: a minute as the route table grows.
  }, 60_000);

  it('cancels an appointment, leaves a waitlist and cancels a ticket with no body at all', async () => {
    await resetQueue(t);
    const newSlot = slotMaker(() => t, { officeId: OFFICE_IDS.countyCenter, serviceId: SERVICE_IDS.socialSecurityCardApply });
    const a = await t.login({ phone: '13300000001' });
    const slot = await newSlot({ capacity: 1 });
    const booked = await t.as(a.accessToken, { method: 'POST', url: '/api/appointments', payload: { slotId: slot.id, serviceId: SERVICE_IDS.socialSecurityCardApply } });
    expect(booked.statusCode).toBe(201);
    const cancelled = await t.as(a.accessToken, { method: 'POST', url: `/api/appointments/${booked.json().id}/cancel` });
    expect([cancelled.statusCode, cancelled.json().status]).toEqual([200, 'CANCELLED']);

    const full = await newSlot({ capacity: 1 });
    const b = await t.login({ phone: '13300000002' });
    expect((await t.as(b.accessToken, { method: 'POST', url: '/api/appointments', payload: { slotId: full.id, serviceId: SERVICE_IDS.socialSecurityCardApply } })).statusCode).toBe(201);
    const joined = await t.as(a.accessToken, { method: 'POST', url: '/api/appointments/waitlist', payload: { slotId: full.id, serviceId: SERVICE_IDS.socialSecurityCardApply } });
    expect(joined.statusCode).toBe(201);
    const left = await t.as(a.accessToken, { method: 'POST', url: `/api/appointments/waitlist/${joined.json().id}/cancel`, headers: { 'content-type': 'application/json' }, payload: '' });
    expect([left.statusCode, left.json().status]).toEqual([200, 'CANCELLED']);

    const taken = await t.as(a.accessToken, { method: 'POST', url: '/api/tickets', payload: { officeId: OFFICE_IDS.countyCenter, serviceId: SERVICE_IDS.socialSecurityCardApply } });
    expect(taken.statusCode).toBe(201);
    const dropped = await t.as(a.accessToken, { method: 'POST', url: `/api/tickets/${taken.json().id}/cancel`, headers: { 'content-type': 'application/json' }, payload: '' });
    expect([dropped.statusCode, dropped.json().status]).toEqual([200, 'CANCELLED']);
  });

  it('still names a missing required field, and still refuses bodies that are not JSON objects', async () => {
    const { accessToken } = await t.login({ phone: '13800000001' });
    const missing = await t.as(accessToken, { method: 'POST', url: '/api/tickets' });
    expect([missing.statusCode, errorCodeOf(missing)]).toEqual([400, 'VALIDATION_FAILED']);
    expect(missing.json().error.details).toEqual([{ field: 'body.officeId', rule: 'required' }]);
    const bad = [
      await t.as(accessToken, { method: 'POST', url: '/api/tickets', headers: { 'content-type': 'application/json' }, payload: '{"officeId":' }),
      await t.as(accessToken, { method: 'POST', url: '/api/tickets', headers: { 'content-type': 'application/json' }, payload: '{"__proto__":{"admin":true}}' }),
      await t.as(accessToken, { method: 'POST', url: '/api/tickets', headers: { 'content-type': 'application/json' }, payload: '   ' }),
      await t.as(accessToken, { method: 'POST', url: '/api/tickets', headers: { 'content-type': 'application/json' }, payload: '[]' }),
    ];
    expect(bad.map((r) => r.statusCode)).toEqual([400, 400, 400, 400]);
    const form = await t.as(accessToken, { method: 'POST', url: '/api/tickets', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'officeId=x' });
    expect([form.statusCode, form.json().error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const huge = await t.as(accessToken, { method: 'POST', url: '/api/tickets', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ officeId: 'x'.repeat(300 * 1024) }) });
    expect([huge.statusCode, errorCodeOf(huge)]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });
});
