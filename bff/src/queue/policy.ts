// The queue's actions (policy/kit.ts): taking and holding a number. Working a window is the
// staff's `office.operate` (policy/staff.ts).
import { definePolicy, ownersOnly, SELF } from '../policy/kit';

/** Someone else's ticket looks like no ticket at all (DESIGN.md §6: no existence leak). */
const holdersOnly = ownersOnly('not the holder of this ticket');

export const QUEUE_POLICY = definePolicy({
  objects: {
    ticket: '没有找到该排队号',
    counter: '没有找到该窗口',
  },
  actions: {
    /** Take a queue number for oneself or (with a QUEUE grant) for someone else. */
    'ticket.take': { onBehalf: 'QUEUE', allow: SELF },
    /** Read or cancel a ticket: its holder or whoever took it for them. */
    'ticket.read': { onBehalf: 'QUEUE', allow: holdersOnly },
    'ticket.cancel': { onBehalf: 'QUEUE', allow: holdersOnly },
    /** 过号后重新排队 (once), by the holder. */
    'ticket.rejoin': { onBehalf: 'QUEUE', allow: holdersOnly },
  },
});
