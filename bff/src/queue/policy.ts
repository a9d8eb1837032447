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
    'ticket.take': { onBehalf: 'QUEUE', allow: SELF, words: '取号', tellsGrantor: true },
    /**
     * 取号前预览 for a number taken for someone else: their lane (60+ → priority) and their own
     * number, so only with a QUEUE grant that reaches the service. A read: in the log with views.
     */
    'queue.preview': { onBehalf: 'QUEUE', allow: SELF, words: '查看取号预览' },
    /** Read or cancel a ticket: its holder or whoever took it for them. */
    'ticket.read': { onBehalf: 'QUEUE', allow: holdersOnly, words: '查看排队号' },
    'ticket.cancel': { onBehalf: 'QUEUE', allow: holdersOnly, words: '取消排队号', tellsGrantor: true },
    /** 过号后重新排队 (once), by the holder. */
    'ticket.rejoin': { onBehalf: 'QUEUE', allow: holdersOnly, words: '过号重新排队', tellsGrantor: true },
  },
});
