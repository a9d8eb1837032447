// The notification domain's actions (policy/kit.ts): one's own subscriptions and messages.
import { definePolicy, ownersOnly, SELF } from '../policy/kit';

/** Someone else's message looks like no message at all (DESIGN.md §6). */
const addresseeOnly = ownersOnly('not the addressee of this message');

export const NOTIFY_POLICY = definePolicy({
  objects: {
    message: '没有找到该消息',
  },
  actions: {
    /** One's own notification subscriptions (the taps on the platform's prompt). */
    'notification.subscribe': { onBehalf: null, allow: SELF, words: '订阅消息' },
    /** One's own in-app messages: list and read, mark as read. */
    'message.read': { onBehalf: null, allow: addresseeOnly, words: '查看消息' },
    'message.update': { onBehalf: null, allow: addresseeOnly, words: '标记消息已读' },
  },
});
