// Which calls carry X-On-Behalf-Of while the app acts for someone: only a citizen's own numbers,
// bookings, 候补 and suspensions and the 取号 preview (an allow-list) — never a clerk's window work, a supervisor's
// appeals, a witness at a window, a grid worker's grid, the catalogue or one's own account.
import { startActing, stopActing } from '../../src/api/acting-store';
import { appealSuspension, bookAppointment, cancelAppointment, cancelWaitlist, checkInAppointment, getAppointment, getSlotDay, joinWaitlist, listAppointments, listSuspensions, listWaitlist, rescheduleAppointment } from '../../src/api/appointments';
import { callNext, checkInByCode, getCounter, getHallCheckInCode, listCounters, listOfficeAppointments, setCounterState, ticketStep, transferTicket, walkIn } from '../../src/api/counters';
import { listResidents, listTasks, listTaskServices, requestConsent } from '../../src/api/grid';
import { getQueueBoard, getQueuePreview } from '../../src/api/queue';
import { closeReport, createReport, discardReportPhoto, getReport, listPendingRatings, listRatingReasons, listReports, rate, reopenReport, reportPhotoSrc, uploadReportPhoto } from '../../src/api/reports';
import { request } from '../../src/api/request';
import { cancelTicket, getTicket, listTickets, rejoinTicket, takeTicket } from '../../src/api/tickets';
import { lookupResident, revokeWitnessedGrant, witnessGrant } from '../../src/api/witnessed-grants';
import { liveUrl } from '../../src/lib/live';
import { answerRequests, ok, resetAll, signIn, taro } from '../helpers';

const MOTHER = '7b0c3c7e-2f44-4f7e-9a53-0d3f1a2b3c4d';

beforeEach(() => {
  resetAll();
  signIn();
  startActing({ userId: MOTHER, grantId: 'g-1', name: '张**', relation: '子女', scopes: ['QUEUE', 'APPOINTMENT'], services: [], validUntil: '2099-01-01T00:00:00.000Z', ownerId: null });
});
afterEach(() => stopActing());

describe('X-On-Behalf-Of while acting', () => {
  it('goes with a citizen’s own calls: numbers, bookings, 候补, suspensions', async () => {
    const calls = answerRequests(() => ok({ items: [] }));
    await takeTicket({ officeId: 'o-1', serviceId: 's-1' }, 'k-1');
    await listTickets();
    await getTicket('t-1');
    await cancelTicket('t-1');
    await rejoinTicket('t-1');
    await bookAppointment({ slotId: 'sl-1', serviceId: 's-1' }, 'k-2');
    await listAppointments();
    await getAppointment('a-1');
    await cancelAppointment('a-1');
    await rescheduleAppointment('a-1', 'sl-2');
    await checkInAppointment('a-1', 'HALL');
    await joinWaitlist({ slotId: 'sl-1', serviceId: 's-1' }, 'k-3');
    await listWaitlist();
    await cancelWaitlist('w-1');
    await listSuspensions();
    await appealSuspension('bs-1', '住院了');
    await getQueuePreview('o-1', 's-1');
    expect(calls).toHaveLength(17);
    expect(calls.filter((c) => c.header['X-On-Behalf-Of'] !== MOTHER).map((c) => c.url)).toEqual([]);
  });

  it('goes with 办不成事 and 好差评 for the person (a REPORT grant), but never with the reasons or a clerk’s walk-in', async () => {
    const calls = answerRequests(() => ok({ items: [] }));
    await createReport({ about: { ticketId: 't-1' }, text: '没办成' }, 'k-9');
    await listReports();
    await getReport('r-1');
    await reopenReport('r-1', undefined);
    await closeReport('r-1');
    await rate({ targetType: 'TICKET', targetId: 't-1', level: 4 });
    await listPendingRatings();
    await discardReportPhoto('f-1');
    expect(calls.filter((c) => c.header['X-On-Behalf-Of'] !== MOTHER).map((c) => c.url)).toEqual([]);
    // Photos go up and come down for her too (uploadFile, downloadFile): her report's.
    taro.uploadFile.mockResolvedValueOnce({ statusCode: 201, data: '{"id":"f-2"}' });
    taro.downloadFile.mockResolvedValueOnce({ statusCode: 200, tempFilePath: 'blob:x' });
    await uploadReportPhoto('blob:photo');
    await reportPhotoSrc('/api/reports/r-1/photos/f-2');
    const files = [taro.uploadFile.mock.calls[0], taro.downloadFile.mock.calls[0]].map((call) => (call as unknown as [{ header: Record<string, string> }])[0].header['X-On-Behalf-Of']);
    expect(files).toEqual([MOTHER, MOTHER]);
    const before = calls.length;
    await listRatingReasons();
    await request('/api/reports/walk-in', { method: 'POST', data: {} });
    expect(calls.slice(before).map((c) => c.header['X-On-Behalf-Of'])).toEqual([undefined, undefined]);
  });

  it('never goes with a window’s, a supervisor’s, a witness’s or a grid worker’s work, the catalogue or one’s account', async () => {
    const calls = answerRequests(() => ok({ items: [] }));
    await listCounters('o-1');
    await getCounter('c-1');
    await callNext('c-1');
    await setCounterState('c-1', 'open');
    await walkIn('c-1', 's-1', 'k-4');
    for (const step of ['recall', 'skip', 'start', 'finish'] as const) await ticketStep('t-1', step);
    await transferTicket('t-1', { counterId: 'c-2' });
    await listOfficeAppointments('o-1');
    await checkInByCode('o-1', '123456');
    await getHallCheckInCode('o-1');
    await witnessGrant({ residentIdNumber: '360000000000000000', granteePhone: '13800000001', relation: '子女', scopes: ['QUEUE'], formNumber: 'JZ-1' } as Parameters<typeof witnessGrant>[0]);
    await lookupResident('360000000000000000');
    await revokeWitnessedGrant('g-9', 'JZ-1');
    await listResidents();
    await requestConsent('r-1');
    await listTasks();
    await listTaskServices();
    await getQueueBoard('o-1');
    await getSlotDay('o-1', 's-1');
    await request('/api/booking-suspensions/appeals');
    await request('/api/booking-suspensions/bs-1/decide', { method: 'POST', data: { decision: 'UPHELD' } });
    await request('/api/me');
    await request('/api/messages');
    await request('/api/admin/users/u-1/block', { method: 'POST' });
    expect(calls.length).toBeGreaterThanOrEqual(27);
    expect(calls.filter((c) => c.header['X-On-Behalf-Of'] !== undefined).map((c) => c.url)).toEqual([]);
  });

  it('names the person acted for on a ticket’s live socket, and no one for oneself', () => {
    expect(liveUrl({ ticketId: 't-1' })).toContain(`&onBehalfOf=${MOTHER}`);
    stopActing();
    expect(liveUrl({ ticketId: 't-1' })).not.toContain('onBehalfOf');
  });
});
