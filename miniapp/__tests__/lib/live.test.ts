// The live client: socket first, 5-second polling whenever the socket cannot be had, the socket
// tried again with a growing pause, and nothing left running after unsubscribe.
import { subscribeLive, type LiveStatus } from '../../src/lib/live';
import { sockets } from '../__mocks__/taro';
import { answerRequests, ok, resetAll, signIn, taro } from '../helpers';

const TICKET_ID = '7ac0a001-0000-4000-8000-000000000001';
const OFFICE_ID = '5eed0001-0000-4000-8000-000000000001';
const ticket = (peopleAhead: number) => ({ id: TICKET_ID, displayNumber: 'A023', status: 'WAITING', peopleAhead });
const board = { office: { id: OFFICE_ID, name: '青石县政务服务中心' }, businessDate: '2026-11-23', counters: [], waiting: [] };

beforeEach(() => {
  resetAll();
  jest.useFakeTimers();
});
afterEach(() => jest.useRealTimers());

function track() {
  const statuses: LiveStatus[] = [];
  const tickets: unknown[] = [];
  const boards: unknown[] = [];
  const handlers = { onStatus: (s: LiveStatus) => statuses.push(s), onTicket: (t: unknown) => tickets.push(t), onBoard: (b: unknown) => boards.push(b) };
  return { statuses, tickets, boards, handlers };
}

const flush = () => jest.advanceTimersByTimeAsync(0);

describe('subscribeLive', () => {
  it('opens the ticket socket with the access token and passes each update on', async () => {
    signIn('access-live');
    const seen = track();
    const stop = subscribeLive({ ticketId: TICKET_ID }, seen.handlers);
    await flush();
    expect(sockets).toHaveLength(1);
    expect(sockets[0]!.url).toBe(`ws://localhost/api/live?ticketId=${TICKET_ID}&access_token=access-live`);
    sockets[0]!.open();
    expect(seen.statuses).toEqual(['live']);
    sockets[0]!.receive({ type: 'ticket.updated', data: ticket(4) });
    sockets[0]!.receive({ type: 'something.else', data: {} });
    expect(seen.tickets).toEqual([ticket(4)]);
    stop();
    expect(sockets[0]!.close).toHaveBeenCalled();
  });

  it('falls back to polling every 5 s when the socket fails, and back to live when it reconnects', async () => {
    signIn();
    const calls = answerRequests(() => ok(ticket(3)));
    const seen = track();
    const stop = subscribeLive({ ticketId: TICKET_ID }, seen.handlers);
    await flush();
    sockets[0]!.fail();
    expect(seen.statuses).toEqual(['polling']);
    await flush();
    expect(calls.map((c) => c.url)).toEqual([`/api/tickets/${TICKET_ID}`]);
    expect(seen.tickets).toEqual([ticket(3)]);

    // The socket is tried again after 2 s; it fails again, the next try waits 4 s.
    await jest.advanceTimersByTimeAsync(2_000);
    expect(sockets).toHaveLength(2);
    sockets[1]!.fail();
    await jest.advanceTimersByTimeAsync(3_000);
    expect(calls).toHaveLength(2); // polled at 0 s and 5 s, not again at the second failure
    expect(sockets).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(sockets).toHaveLength(3);
    sockets[2]!.open();
    expect(seen.statuses).toEqual(['polling', 'live']);
    await jest.advanceTimersByTimeAsync(20_000);
    expect(calls).toHaveLength(2);
    stop();
  });

  it('counts a socket that never opens as failed', async () => {
    answerRequests(() => ok(ticket(1)));
    const seen = track();
    const stop = subscribeLive({ ticketId: TICKET_ID }, seen.handlers);
    await jest.advanceTimersByTimeAsync(8_000);
    expect(seen.statuses).toEqual(['polling']);
    expect(sockets[0]!.close).toHaveBeenCalled();
    stop();
  });

  it('ignores a late event from a socket it has already given up on', async () => {
    answerRequests(() => ok(ticket(1)));
    const seen = track();
    const stop = subscribeLive({ ticketId: TICKET_ID }, seen.handlers);
    await flush();
    sockets[0]!.fail();
    sockets[0]!.open();
    sockets[0]!.receive({ type: 'ticket.updated', data: ticket(9) });
    expect(seen.statuses).toEqual(['polling']);
    await flush();
    expect(seen.tickets).toEqual([ticket(1)]);
    stop();
  });

  it('watches a hall board without a token, polling the public board when needed', async () => {
    signIn('access-live');
    const calls = answerRequests(() => ok(board));
    const seen = track();
    const stop = subscribeLive({ officeId: OFFICE_ID }, seen.handlers);
    await flush();
    expect(sockets[0]!.url).toBe(`ws://localhost/api/live?officeId=${OFFICE_ID}`);
    sockets[0]!.open();
    sockets[0]!.receive({ type: 'queue.board', data: board });
    expect(seen.boards).toEqual([board]);
    sockets[0]!.fail();
    await flush();
    expect(calls.map((c) => c.url)).toEqual([`/api/offices/${OFFICE_ID}/queue`]);
    expect(seen.boards).toHaveLength(2);
    stop();
  });

  it('stops socket, polling and retries on unsubscribe', async () => {
    const calls = answerRequests(() => ok(ticket(2)));
    const stop = subscribeLive({ ticketId: TICKET_ID }, track().handlers);
    await flush();
    sockets[0]!.fail();
    await flush();
    stop();
    await jest.advanceTimersByTimeAsync(120_000);
    expect(calls).toHaveLength(1);
    expect(sockets).toHaveLength(1);
    expect(taro.connectSocket).toHaveBeenCalledTimes(1);
  });

  it('closes a socket that connects only after unsubscribe', async () => {
    const stop = subscribeLive({ ticketId: TICKET_ID }, track().handlers);
    stop();
    await flush();
    expect(sockets[0]!.close).toHaveBeenCalled();
  });
});
