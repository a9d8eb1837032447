// The identity domain's notification kind (notify/kind-spec.ts): what an account is told when a
// verified real-name binding on another account took its ID number (real-name.ts; written by
// notify/real-name.ts). In-app only: there is no platform template for it, and the person may no
// longer use the mini-program they subscribed from. The facts hold the number masked as the
// account showed it, never in full, and nothing about the account that took it.
import { defineKinds, kind } from '../notify/kind-spec';
import { businessDay } from '../notify/text';

/** Facts of REAL_NAME_MOVED (the row's payload). */
export interface RealNameMovedFacts {
  /** The number as this account showed it ("3601**********123X"), or null. */
  idNumberMasked: string | null;
  /** When it moved (ISO). */
  at: string;
}

export function renderRealNameMovedInApp(f: RealNameMovedFacts): { title: string; body: string } {
  const { day, time } = businessDay(f.at);
  const number = f.idNumberMasked ? `（${f.idNumberMasked}）` : '';
  return {
    title: '实名认证已解除',
    body:
      `本账号绑定的身份证号${number}于${day} ${time}在另一个账号上通过了实名核验，已改绑到该账号，本账号的实名认证随之解除。` +
      '如果不是您本人操作，请重新进行实名认证，或带身份证到任一大厅窗口处理。',
  };
}

export const IDENTITY_NOTIFICATIONS = defineKinds({
  /** 实名认证已解除: in-app only, written with the move of the ID number. */
  REAL_NAME_MOVED: kind<RealNameMovedFacts>({ template: null, inApp: renderRealNameMovedInApp }),
});
