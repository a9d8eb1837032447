// Queue rules shared by the BFF and the mini-app (DESIGN.md §4 "Queue"): display numbers, the
// wait estimate, "your turn is near", who is called next, and which steps a ticket may take.

export const TICKET_STATUSES = ['WAITING', 'CALLED', 'SERVING', 'DONE', 'SKIPPED', 'CANCELLED', 'TRANSFERRED'] as const;
export type TicketStatusKey = (typeof TICKET_STATUSES)[number];
export const ACTIVE_TICKET_STATUSES: readonly TicketStatusKey[] = ['WAITING', 'CALLED', 'SERVING'];

export const TICKET_PRIORITIES = ['NORMAL', 'ELDERLY', 'DISABLED', 'APPOINTMENT'] as const;
export type TicketPriorityKey = (typeof TICKET_PRIORITIES)[number];

export const TICKET_CHANNELS = ['ONLINE', 'KIOSK', 'APPOINTMENT', 'PROXY', 'WINDOW'] as const;
export type TicketChannelKey = (typeof TICKET_CHANNELS)[number];

/** Smoothing of the service-time average (DESIGN.md §4: α 0.2). */
export const SERVICE_TIME_ALPHA = 0.2;
/** A 过号 ticket may rejoin once, behind this many others. */
export const REJOIN_BEHIND = 3;

export interface QueueSettings {
  nearPeopleAhead: number;
  nearMinutes: number;
  maxPriorityStreak: number;
}
export const DEFAULT_QUEUE_SETTINGS: QueueSettings = { nearPeopleAhead: 3, nearMinutes: 10, maxPriorityStreak: 3 };

/** A023: the letter and at least three digits (numbers past 999 keep all their digits). */
export function formatDisplayNumber(letter: string, number: number): string {
  return `${letter}${String(number).padStart(3, '0')}`;
}

/** The next EWMA of service minutes after one real sample. */
export function nextServiceTime(previousMinutes: number, sampleMinutes: number, alpha = SERVICE_TIME_ALPHA): number {
  return alpha * sampleMinutes + (1 - alpha) * previousMinutes;
}

export interface WaitEstimate {
  lowMinutes: number;
  highMinutes: number;
}

/**
 * people ahead × average service minutes ÷ open counters serving it, shown as a range (−20 % …
 * +25 %, whole minutes) because a single figure promises more than a queue can keep. Null when no
 * counter serving it is open: there is no honest estimate then.
 */
export function estimateWait(peopleAhead: number, serviceMinutes: number, openCounters: number): WaitEstimate | null {
  if (openCounters <= 0) return null;
  const minutes = (Math.max(0, peopleAhead) * Math.max(0, serviceMinutes)) / openCounters;
  return { lowMinutes: Math.floor(minutes * 0.8), highMinutes: Math.ceil(minutes * 1.25) };
}

/** "Your turn is near": few enough people ahead, or a short enough wait (the upper estimate). */
export function isTurnNear(peopleAhead: number, estimate: WaitEstimate | null, settings: QueueSettings = DEFAULT_QUEUE_SETTINGS): boolean {
  return peopleAhead <= settings.nearPeopleAhead || (estimate !== null && estimate.highMinutes <= settings.nearMinutes);
}

export interface QueueCandidate {
  id: string;
  priority: TicketPriorityKey;
  /** ISO time or epoch ms: the place in line. */
  queuedAt: number;
}

const PRIORITY_RANK: Record<TicketPriorityKey, number> = { APPOINTMENT: 0, ELDERLY: 1, DISABLED: 1, NORMAL: 2 };

/** Waiting order without the anti-starvation rule: priority class first, then place in line. */
export function compareQueueOrder(a: QueueCandidate, b: QueueCandidate): number {
  return PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || a.queuedAt - b.queuedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Who is called next. APPOINTMENT before ELDERLY/DISABLED before NORMAL, each in line order —
 * except that a waiting NORMAL ticket is never passed by more than `maxPriorityStreak` priority
 * tickets in a row: once the last calls were that many priority tickets, the longest-waiting
 * NORMAL ticket goes next. `priorityStreak` is how many of the latest calls in a row were priority.
 */
export function chooseNext(waiting: readonly QueueCandidate[], priorityStreak: number, maxPriorityStreak: number): QueueCandidate | null {
  if (waiting.length === 0) return null;
  const ordered = [...waiting].sort(compareQueueOrder);
  const first = ordered[0]!;
  if (first.priority !== 'NORMAL' && priorityStreak >= maxPriorityStreak) {
    const normal = ordered.find((c) => c.priority === 'NORMAL');
    if (normal) return normal;
  }
  return first;
}

/** Waiting people ahead of a ticket in the order chooseNext serves them (ignoring the streak). */
export function peopleAhead(ticket: QueueCandidate, waiting: readonly QueueCandidate[]): number {
  return waiting.filter((c) => c.id !== ticket.id && compareQueueOrder(c, ticket) < 0).length;
}

/** Steps a ticket may take from each status; anything else is a 409 with a reason. */
export const TICKET_TRANSITIONS = {
  call: ['WAITING'],
  recall: ['CALLED'],
  skip: ['CALLED'],
  rejoin: ['SKIPPED'],
  start: ['CALLED'],
  finish: ['SERVING'],
  transfer: ['CALLED', 'SERVING'],
  cancel: ['WAITING', 'CALLED'],
} as const satisfies Record<string, readonly TicketStatusKey[]>;
export type TicketAction = keyof typeof TICKET_TRANSITIONS;

export function canTransition(action: TicketAction, from: TicketStatusKey): boolean {
  return (TICKET_TRANSITIONS[action] as readonly TicketStatusKey[]).includes(from);
}

export interface EstimateSample {
  lowMinutes: number;
  highMinutes: number;
  /** The wait that followed: from taking the number to being called. */
  actualMinutes: number;
}

export interface EstimateAccuracy {
  samples: number;
  /** Share of waits that fell inside the range shown (null without samples). */
  withinRangeShare: number | null;
  /** Mean distance in minutes from the actual wait to the range (0 inside it). */
  meanErrorMinutes: number | null;
}

/** How good the shown ranges were: the figures a supervisor sees for a day (issue 4 "Estimate"). */
export function estimateAccuracy(samples: readonly EstimateSample[]): EstimateAccuracy {
  if (samples.length === 0) return { samples: 0, withinRangeShare: null, meanErrorMinutes: null };
  let within = 0;
  let error = 0;
  for (const s of samples) {
    const miss = s.actualMinutes < s.lowMinutes ? s.lowMinutes - s.actualMinutes : s.actualMinutes > s.highMinutes ? s.actualMinutes - s.highMinutes : 0;
    if (miss === 0) within += 1;
    error += miss;
  }
  const round = (n: number) => Math.round(n * 100) / 100;
  return { samples: samples.length, withinRangeShare: round(within / samples.length), meanErrorMinutes: round(error / samples.length) };
}
