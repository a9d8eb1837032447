// 到号提醒 on WeChat / Alipay: a button that asks for the platform's subscription (快到您了 / 请到 N 号
// 窗口) by the person's own tap. 确认取号 already asks in normal mode; in 长辈版 nothing pops up
// unasked (DESIGN.md §4), so this is where the elderly turn reminders on. Each accept lets one
// message through, so asking again while waiting is useful, never harmful. Not on H5.
import { View } from '@tarojs/components';
import { useState } from 'react';
import type { Ticket } from '@palm/shared/server';
import { useApi } from '../../api/use-api';
import { Button } from '../../components/button';
import { askToSubscribe, loadSubscribeTemplates, subscribePlatform } from '../../lib/subscribe';

const APP_NAME = { weapp: '微信', alipay: '支付宝' } as const;

export function SubscribeReminder({ ticket }: { ticket: Ticket }) {
  const platform = subscribePlatform();
  const isWaiting = ticket.status === 'WAITING';
  const templates = useApi(platform && isWaiting ? loadSubscribeTemplates : null, [platform, isWaiting]);
  const [isAsked, setIsAsked] = useState(false);
  const ids = templates.data ?? [];
  if (!platform || !isWaiting || ids.length === 0) return null;
  if (isAsked) {
    return (
      <View id='ticket-reminder-done' className='palm-secondary' role='status'>
        已设置：快到您和叫到您时，{APP_NAME[platform]}会提醒您（以您在弹窗中的选择为准）
      </View>
    );
  }
  return (
    <Button
      id='ticket-reminder'
      variant='secondary'
      isBlock
      // The prompt must be the tap's first act (WeChat refuses it otherwise).
      onClick={() => void askToSubscribe(ids).then(() => setIsAsked(true))}
    >
      {`开启${APP_NAME[platform]}到号提醒`}
    </Button>
  );
}
