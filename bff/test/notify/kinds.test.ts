// Each domain declares its own notification kinds (its notifications.ts, with notify/kind-spec.ts);
// the outbox, the worker and the inbox read everything about a kind from that one declaration.
// Pure: no server.
import { NOTIFICATION_KINDS } from '@palm/shared/server';
import { APPOINTMENT_NOTIFICATIONS } from '../../src/appointments/notifications';
import { defineKinds, kind } from '../../src/notify/kind-spec';
import { collectKinds, KINDS, templateKeyOf } from '../../src/notify/kinds';
import { APPOINTMENT_KINDS, REMINDER_KINDS, renderAlipay, renderInApp, renderWechat } from '../../src/notify/templates';
import { QUEUE_NOTIFICATIONS } from '../../src/queue/notifications';

describe('notification kinds', () => {
  it('declares every kind of the API contract once, in the domain that sends it', () => {
    expect(Object.keys(KINDS).sort()).toEqual([...NOTIFICATION_KINDS].sort());
    expect(KINDS.TICKET_CALLED).toBe(QUEUE_NOTIFICATIONS.TICKET_CALLED);
    expect(KINDS.WAITLIST_PROMOTED).toBe(APPOINTMENT_NOTIFICATIONS.WAITLIST_PROMOTED);
  });

  it('reads the template, the appointment checks and the words from the kind’s declaration', () => {
    expect(templateKeyOf('WAITLIST_PROMOTED')).toBe('APPOINTMENT_REMINDER');
    expect(templateKeyOf('BOOKING_SUSPENDED')).toBeNull();
    expect([...APPOINTMENT_KINDS].sort()).toEqual(['APPOINTMENT_REMINDER_DAY', 'APPOINTMENT_REMINDER_HOUR', 'WAITLIST_PROMOTED']);
    expect([...REMINDER_KINDS].sort()).toEqual(['APPOINTMENT_REMINDER_DAY', 'APPOINTMENT_REMINDER_HOUR']);
    const facts = { displayNumber: 'B007', serviceName: '社保卡申领', officeName: '县政务服务中心', counterNumber: 3, at: '2026-11-23T01:30:00.000Z' };
    expect(renderInApp('TICKET_CALLED', facts).title).toBe('请到 3 号窗口');
    expect(renderWechat('TICKET_CALLED', facts).character_string1).toEqual({ value: 'B007' });
    expect(renderAlipay('TICKET_CALLED', facts).keyword1).toEqual({ value: 'B007' });
  });

  it('refuses platform words for a kind that is in-app only', () => {
    const facts = { idNumberMasked: null, at: '2026-11-23T01:30:00.000Z' };
    expect(renderInApp('REAL_NAME_MOVED', facts).title).toBe('实名认证已解除');
    expect(() => renderWechat('REAL_NAME_MOVED', facts)).toThrow('REAL_NAME_MOVED has no platform template');
    expect(() => renderAlipay('REAL_NAME_MOVED', facts)).toThrow('REAL_NAME_MOVED has no platform template');
  });

  it('refuses a kind that two domains declare', () => {
    const inApp = () => ({ title: 't', body: 'b' });
    const one = defineKinds({ SOMETHING: kind({ template: null, inApp }) });
    const again = defineKinds({ SOMETHING: kind({ template: null, inApp }) });
    expect(() => collectKinds([one, again])).toThrow('kind "SOMETHING" is declared by two domains');
    expect(Object.keys(collectKinds([one]))).toEqual(['SOMETHING']);
  });
});
