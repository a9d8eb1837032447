// Live queue updates (WS /api/live, DESIGN.md §5): one ticket (its holder) or one hall's board
// (public). The socket is the fast path; whenever it cannot be had — a network that blocks
// WebSockets, an expired token, a BFF restart — the same views are polled every 5 s, and the
// socket is tried again with a growing pause, so a page always updates one way or the other.
import Taro from '@tarojs/taro';
import type { QueueBoard, Ticket } from '@palm/shared/server';
import { API_BASE_URL } from '../api/config';
import { getQueueBoard } from '../api/queue';
import { getActingFor } from '../api/acting-store';
import { getAccessToken } from '../api/session';
import { getTicket } from '../api/tickets';

export type LiveTarget = { ticketId: string } | { officeId: string };
/** 'live': the socket is open; 'polling': updates come from a GET every POLL_INTERVAL_MS. */
export type LiveStatus = 'live' | 'polling';

export interface LiveHandlers {
  onTicket?(ticket: Ticket): void;
  onBoard?(board: QueueBoard): void;
  onStatus?(status: LiveStatus): void;
}

export const POLL_INTERVAL_MS = 5_000;
/** A socket that neither opens nor fails within this time counts as failed. */
export const OPEN_TIMEOUT_MS = 8_000;
/** Pauses before trying the socket again: 2 s, 4 s, 8 s … at most 60 s. */
export const RETRY_BASE_MS = 2_000;
export const RETRY_MAX_MS = 60_000;

interface LiveMessage {
  type?: unknown;
  data?: unknown;
}

type Socket = Taro.SocketTask;

/** ws(s):// of the BFF: the configured origin, or on H5 (served by the BFF) the page's own. */
export function liveUrl(target: LiveTarget): string {
  let origin = API_BASE_URL;
  if (!origin && typeof location !== 'undefined') origin = `${location.protocol}//${location.host}`;
  const base = origin.replace(/^http/i, 'ws');
  if ('ticketId' in target) {
    const token = getAccessToken();
    // Acting for someone, their ticket is theirs: the socket names them (no headers on a WebSocket).
    const actingFor = getActingFor()?.userId;
    return `${base}/api/live?ticketId=${encodeURIComponent(target.ticketId)}${token ? `&access_token=${encodeURIComponent(token)}` : ''}${actingFor ? `&onBehalfOf=${encodeURIComponent(actingFor)}` : ''}`;
  }
  return `${base}/api/live?officeId=${encodeURIComponent(target.officeId)}`;
}

function parse(raw: unknown): LiveMessage | null {
  if (typeof raw !== 'string') return null;
  try {
    const message: unknown = JSON.parse(raw);
    return message && typeof message === 'object' ? (message as LiveMessage) : null;
  } catch {
    return null;
  }
}

/**
 * Starts live updates for a ticket or a hall board; returns the function that stops everything
 * (socket, polling, retries). Handlers get each fresh view; onStatus says how updates arrive, so
 * the page can show 实时更新中 or 每5秒刷新.
 */
export function subscribeLive(target: LiveTarget, handlers: LiveHandlers): () => void {
  let isStopped = false;
  let status: LiveStatus | null = null;
  // Each connection attempt has its own number: on Alipay the task's listeners are app-global
  // (my.onSocket*), so events of an earlier socket must not touch the current one.
  let generation = 0;
  let socket: Socket | null = null;
  let openTimer: ReturnType<typeof setTimeout> | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let pollTimer: ReturnType<typeof setInterval> | null = null;
  let isPolling = false;
  let failures = 0;

  const setStatus = (next: LiveStatus) => {
    if (status === next || isStopped) return;
    status = next;
    handlers.onStatus?.(next);
  };

  const deliver = (message: LiveMessage | null) => {
    if (!message || isStopped) return;
    if (message.type === 'ticket.updated' && message.data) handlers.onTicket?.(message.data as Ticket);
    else if (message.type === 'queue.board' && message.data) handlers.onBoard?.(message.data as QueueBoard);
  };

  const poll = async () => {
    if (isPolling || isStopped) return;
    isPolling = true;
    try {
      // Quiet and without the sign-in redirect: a failed poll is simply tried again in 5 s.
      const options = { isQuiet: true, shouldRedirectToLogin: false };
      if ('ticketId' in target) deliver({ type: 'ticket.updated', data: await getTicket(target.ticketId, options) });
      else deliver({ type: 'queue.board', data: await getQueueBoard(target.officeId, options) });
    } catch {
      // Offline for a moment: the next tick tries again.
    } finally {
      isPolling = false;
    }
  };

  const startPolling = () => {
    if (pollTimer !== null || isStopped) return;
    pollTimer = setInterval(() => void poll(), POLL_INTERVAL_MS);
    void poll();
  };

  const stopPolling = () => {
    if (pollTimer !== null) clearInterval(pollTimer);
    pollTimer = null;
  };

  const closeSocket = (task: Socket | null) => {
    try {
      task?.close({});
    } catch {
      // Already closed.
    }
  };

  const clearOpenTimer = () => {
    if (openTimer !== null) clearTimeout(openTimer);
    openTimer = null;
  };

  /** The socket of attempt `attempt` failed or closed: poll, and try the socket again later. */
  const fail = (attempt: number) => {
    if (attempt !== generation || isStopped) return;
    generation += 1;
    clearOpenTimer();
    const task = socket;
    socket = null;
    closeSocket(task);
    setStatus('polling');
    startPolling();
    const delay = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** failures);
    failures += 1;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect();
    }, delay);
  };

  const connect = () => {
    if (isStopped) return;
    generation += 1;
    const attempt = generation;
    openTimer = setTimeout(() => fail(attempt), OPEN_TIMEOUT_MS);
    let pending: Promise<Socket>;
    try {
      pending = Promise.resolve(Taro.connectSocket({ url: liveUrl(target) }));
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (task) => {
        if (attempt !== generation || isStopped) {
          closeSocket(task);
          return;
        }
        socket = task;
        task.onOpen(() => {
          if (attempt !== generation || isStopped) return;
          clearOpenTimer();
          failures = 0;
          stopPolling();
          setStatus('live');
        });
        task.onMessage((event: { data?: unknown }) => {
          if (attempt === generation) deliver(parse(event?.data));
        });
        task.onError(() => fail(attempt));
        task.onClose(() => fail(attempt));
      },
      () => fail(attempt),
    );
  };

  connect();

  return () => {
    if (isStopped) return;
    isStopped = true;
    generation += 1;
    clearOpenTimer();
    if (retryTimer !== null) clearTimeout(retryTimer);
    retryTimer = null;
    stopPolling();
    closeSocket(socket);
    socket = null;
  };
}
