// The server's clock as the app learns it from the BFF's `x-server-time`: the offset at the
// midpoint of each request, the tighter of two agreeing estimates, a new one when a clock was
// changed, and the business date (Asia/Shanghai) from it — whatever the device's clock says.
import { act, render } from '@testing-library/react';
import { request } from '../../src/api/request';
import { officeStatus } from '../../src/lib/format';
import { BoardClock } from '../../src/pages/board/clock';
import { knowsServerTime, learnServerTime, serverClockError, serverNow, serverTimeOf, serverToday, shanghaiDate } from '../../src/lib/server-clock';
import { answerRequests, ok, resetAll, taro } from '../helpers';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The E2E BFF's PALM_CLOCK: Monday 2026-11-23 09:30 in Shanghai. */
const SERVER = Date.parse('2026-11-23T09:30:00+08:00');

beforeEach(() => {
  resetAll();
  jest.useFakeTimers({ now: SERVER - DAY });
});
afterEach(() => jest.useRealTimers());

describe('server clock', () => {
  it('is the device clock until the BFF has answered', () => {
    expect(knowsServerTime()).toBe(false);
    expect(serverClockError()).toBe(0);
    expect(serverNow()).toBe(Date.now());
    expect(serverToday()).toBe('2026-11-22');
  });

  it('takes the server time at the midpoint of the round trip, and then runs with the device clock', () => {
    const sentAt = Date.now();
    learnServerTime(SERVER + 100, sentAt, sentAt + 200);
    expect(knowsServerTime()).toBe(true);
    expect(serverNow()).toBe(SERVER);
    expect(serverClockError()).toBe(100);
    expect(serverToday()).toBe('2026-11-23');
    expect(serverToday(1)).toBe('2026-11-24');
    jest.advanceTimersByTime(90_000);
    expect(serverNow()).toBe(SERVER + 90_000);
  });

  it('keeps the tighter estimate when a slower answer agrees with it', () => {
    const t0 = Date.now();
    learnServerTime(SERVER + 20, t0, t0 + 40); // offset SERVER − t0, ± 20 ms
    learnServerTime(SERVER + 1_000 + 1_500, t0, t0 + 3_000); // offset SERVER − t0 + 1 000, ± 1 500 ms: agrees, looser
    expect(serverNow() - Date.now()).toBe(SERVER - t0);
    learnServerTime(SERVER + 5, t0, t0 + 6); // offset SERVER − t0 + 2, ± 3 ms: agrees, tighter
    expect(serverNow() - Date.now()).toBe(SERVER - t0 + 2);
  });

  it('replaces the estimate with one that contradicts it: a clock was changed meanwhile', () => {
    const t0 = Date.now();
    learnServerTime(SERVER + 5, t0, t0 + 10);
    // The phone's clock is set right (a day forward) while the server's runs on: a day less off,
    // though this answer was slower than the first.
    learnServerTime(SERVER + 50, t0 + DAY, t0 + DAY + 100);
    expect(serverNow() - Date.now()).toBe(SERVER - t0 - DAY);
    learnServerTime(SERVER + 60_000 + 50, t0, t0 + 100); // a BFF restarted with another pin
    expect(serverNow() - Date.now()).toBe(SERVER - t0 + 60_000);
  });

  it('learns nothing from a round trip the device clock ran backwards through, or from a time that is not one', () => {
    const t0 = Date.now();
    learnServerTime(SERVER, t0, t0 - 1_000);
    learnServerTime(Number.NaN, t0, t0 + 10);
    learnServerTime(0, t0, t0 + 10);
    expect(serverNow()).toBe(Date.now());
  });

  it('reads x-server-time in any header-name case, and nothing else', () => {
    expect(serverTimeOf({ 'x-server-time': String(SERVER) })).toBe(SERVER);
    expect(serverTimeOf({ 'X-Server-Time': ` ${SERVER}` })).toBe(SERVER);
    expect(serverTimeOf({ 'x-server-time': 'Mon, 23 Nov 2026 01:30:00 GMT' })).toBeNull();
    expect(serverTimeOf({ 'x-server-time': '-5' })).toBeNull();
    expect(serverTimeOf({ date: 'Mon, 23 Nov 2026 01:30:00 GMT' })).toBeNull();
    expect(serverTimeOf(undefined)).toBeNull();
  });

  it('gives the Shanghai business date, which turns at 16:00 UTC', () => {
    expect(shanghaiDate(0, Date.parse('2026-11-22T15:59:59.999Z'))).toBe('2026-11-22');
    expect(shanghaiDate(0, Date.parse('2026-11-22T16:00:00Z'))).toBe('2026-11-23');
    expect(shanghaiDate(-1, Date.parse('2026-03-01T00:00:00+08:00'))).toBe('2026-02-28');
  });
});

describe('the request wrapper learns the server clock', () => {
  it('from a successful answer’s x-server-time', async () => {
    answerRequests(() => ({ ...ok({ items: [] }), header: { 'x-server-time': String(SERVER) } }));
    await request('/api/offices');
    expect(Math.abs(serverNow() - SERVER)).toBeLessThan(1_000);
    expect(serverToday()).toBe('2026-11-23');
  });

  it('from an error answer too, as Alipay delivers it through fail', async () => {
    taro.request.mockImplementation(async () => {
      throw { error: 19, status: 404, data: { error: { code: 'NOT_FOUND', message: '…' } }, headers: { 'x-server-time': String(SERVER) } };
    });
    await expect(request('/api/offices/x', { isQuiet: true })).rejects.toMatchObject({ status: 404 });
    expect(serverToday()).toBe('2026-11-23');
  });

  it('not from an answer without the header (the device clock stays)', async () => {
    answerRequests(() => ({ ...ok({ items: [] }), header: {} }));
    await request('/api/offices');
    expect(serverNow()).toBe(Date.now());
  });
});

describe('what people see follows the server clock, the device a day behind', () => {
  it('leaves the hall board\'s clock blank until the BFF has said its time', () => {
    render(<BoardClock />);
    expect(document.getElementById('board-clock')).toHaveTextContent(/^$/);
    act(() => void learnServerTime(SERVER, Date.now(), Date.now()));
    act(() => void jest.advanceTimersByTime(1_000));
    expect(document.getElementById('board-clock')).toHaveTextContent('11月23日 星期一 09:30:01');
  });

  it('says 今天 / 明天 开门 by the server\'s date', () => {
    learnServerTime(SERVER, Date.now(), Date.now());
    expect(officeStatus({ openNow: false, closesAt: null, opensNext: { date: '2026-11-23', time: '13:30' } }).detail).toBe('今天 13:30 开门');
    expect(officeStatus({ openNow: false, closesAt: null, opensNext: { date: '2026-11-24', time: '09:00' } }).detail).toBe('明天 09:00 开门');
  });

  it('runs the hall board\'s clock on it, second by second', () => {
    learnServerTime(SERVER, Date.now(), Date.now());
    render(<BoardClock />);
    expect(document.getElementById('board-clock')).toHaveTextContent('11月23日 星期一 09:30:00');
    act(() => void jest.advanceTimersByTime(61_000));
    expect(document.getElementById('board-clock')).toHaveTextContent('11月23日 星期一 09:31:01');
  });
});
