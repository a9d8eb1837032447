// How a service gets done (办理方式) and what it costs, in words, from the catalogue's facts alone.
// One function says it for the whole guide — the facts list and the action bar read the same
// answer — so the page can never offer 预约 as the main step while saying 无需预约 beside it.
// The window is always a way (DESIGN.md §1): nothing online is made a precondition.

/** What a person can do from a guide: take a number, book, apply online, find a hall. */
export const HANDLING_ACTIONS = ['TICKET', 'BOOK', 'ONLINE', 'WHERE'] as const;
export type HandlingAction = (typeof HANDLING_ACTIONS)[number];

export const HANDLING_ACTION_LABELS: Readonly<Record<HandlingAction, string>> = {
  TICKET: '取号',
  BOOK: '预约',
  ONLINE: '在线办',
  WHERE: '去哪办',
};

export interface HandlingFacts {
  /** The service's name, as the online channel is searched by it. */
  name: string;
  appointmentRequired: boolean;
  onlineAllowed: boolean;
  proxyAllowed: boolean;
  /** Halls offering the service. */
  halls: number;
  /** Of those, halls taking online bookings (预约) for it. */
  bookableHalls: number;
  /** Of those, halls giving out queue numbers (取号) for it. */
  ticketHalls: number;
}

export interface Handling {
  /** The 办理方式 value: 到大厅办理、网上办理. */
  ways: string;
  /** How to be served at a hall: whether to book first, take a number, or just go. */
  atHall: string;
  /** 可委托他人代办 or 须本人到场办理. */
  byWhom: string;
  /** The actions the guide offers, the main one first, each backed by a real channel. */
  actions: HandlingAction[];
  /** The one main action (actions[0]), or null when there is nothing to do from here. */
  primary: HandlingAction | null;
  /** The online channel explained, in sentences; null when the service cannot be done online. */
  online: string[] | null;
}

/** The parts of a guide (GET /api/services/:id) the facts are read from. */
export interface HandlingGuide {
  name: string;
  channels: { online: boolean; proxy: boolean; appointmentRequired: boolean };
  offices: ReadonlyArray<{ hasOnlineBooking: boolean; takesTickets: boolean }>;
}

export function handlingFactsOf(guide: HandlingGuide): HandlingFacts {
  return {
    name: guide.name,
    appointmentRequired: guide.channels.appointmentRequired,
    onlineAllowed: guide.channels.online,
    proxyAllowed: guide.channels.proxy,
    halls: guide.offices.length,
    bookableHalls: guide.offices.filter((o) => o.hasOnlineBooking).length,
    ticketHalls: guide.offices.filter((o) => o.takesTickets).length,
  };
}

function atHallWords(f: HandlingFacts): string {
  const isBookable = f.bookableHalls > 0;
  const isTicketed = f.ticketHalls > 0;
  if (f.halls === 0) return '暂无可以办理的大厅';
  if (f.appointmentRequired) return isBookable ? '需先网上预约，按预约时间到大厅签到办理' : '需先预约，请致电大厅预约后前往';
  const booking = isBookable ? '；也可网上预约，签到后优先叫号' : '';
  if (isTicketed) return `无需预约，可网上取号或到大厅取号${booking}`;
  return `无需预约，可直接到大厅窗口办理${booking}`;
}

/**
 * The actions, each only where a channel exists: 取号 where a hall gives out numbers (not for a
 * service that needs a booking first: the booking's check-in gives the number), 预约 where a hall
 * takes bookings, 在线办 where the catalogue allows it online, 去哪办 where any hall offers it.
 */
function actionsOf(f: HandlingFacts): { actions: HandlingAction[]; primary: HandlingAction | null } {
  const atHall: HandlingAction[] = [];
  if (f.halls > 0) {
    if (f.ticketHalls > 0 && !f.appointmentRequired) atHall.push('TICKET');
    if (f.bookableHalls > 0) atHall.push('BOOK');
  }
  const primary: HandlingAction | null = atHall[0] ?? (f.halls > 0 ? 'WHERE' : f.onlineAllowed ? 'ONLINE' : null);
  const offered = new Set<HandlingAction>(atHall);
  if (f.onlineAllowed) offered.add('ONLINE');
  if (f.halls > 0) offered.add('WHERE');
  const rest = HANDLING_ACTIONS.filter((a) => offered.has(a) && a !== primary);
  return { actions: primary ? [primary, ...rest] : rest, primary };
}

function onlineWords(f: HandlingFacts, primary: HandlingAction | null): string[] | null {
  if (!f.onlineAllowed) return null;
  const hallStep =
    primary === 'TICKET' || primary === 'BOOK'
      ? `要到大厅办理，可以点下方的“${HANDLING_ACTION_LABELS[primary]}”。`
      : f.halls > 0
        ? '也可以到大厅办理，点下方的“去哪办”查看大厅。'
        : null;
  return [
    '这项业务可以在网上申请。',
    `请登录省政务服务网或其手机App，搜索“${f.name}”，按提示填写信息、上传材料（材料见本页“所需材料”）。`,
    hallStep ? `掌上办暂时不能直接提交申请；${hallStep}` : '掌上办暂时不能直接提交申请。',
  ];
}

/** The guide's 办理方式 and actions for a service, from the catalogue's facts. */
export function describeHandling(facts: HandlingFacts): Handling {
  const { actions, primary } = actionsOf(facts);
  const ways = [facts.halls > 0 ? '到大厅办理' : null, facts.onlineAllowed ? '网上办理' : null].filter((w): w is string => w !== null);
  return {
    ways: ways.length > 0 ? ways.join('、') : '请咨询县政务服务中心',
    atHall: atHallWords(facts),
    byWhom: facts.proxyAllowed ? '可委托他人代办' : '须本人到场办理',
    actions,
    primary,
    online: onlineWords(facts, primary),
  };
}

function yuan(fen: number): string {
  return (fen / 100).toFixed(2).replace(/\.?0+$/, '');
}

/**
 * A fee as people read it: 免费, one figure (20 元), or a range when it depends on the case
 * (20–40 元; `maxFen` is the highest, null for one figure). Fees are stored in fen.
 */
export function formatFee(fen: number, maxFen: number | null = null): string {
  if (maxFen !== null && maxFen > fen) return `${yuan(Math.max(0, fen))}–${yuan(maxFen)} 元`;
  if (fen <= 0) return '免费';
  return `${yuan(fen)} 元`;
}
