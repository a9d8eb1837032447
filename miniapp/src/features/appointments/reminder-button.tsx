// 预约提醒 on WeChat / Alipay (the day before and 1 hour before; 候补成功 shares the template): a
// button that asks for the platform's subscription by the person's own tap — in 长辈版 nothing pops
// up unasked (DESIGN.md §4). Shown only where the platform and the BFF offer the template; not on H5.
import { View } from '@tarojs/components';
import { useState } from 'react';
import { loadReminderTemplates } from '../../api/appointments';
import { useApi } from '../../api/use-api';
import { Button } from '../../components/button';
import { askToSubscribe, subscribePlatform } from '../../lib/subscribe';

const APP_NAME = { weapp: '微信', alipay: '支付宝' } as const;

export function ReminderButton({ id = 'appointment-reminder' }: { id?: string }) {
  const platform = subscribePlatform();
  const templates = useApi(platform ? loadReminderTemplates : null, [platform]);
  const [isAsked, setIsAsked] = useState(false);
  const ids = templates.data ?? [];
  if (!platform || ids.length === 0) return null;
  if (isAsked) {
    return (
      <View id={`${id}-done`} className='palm-secondary' role='status'>
        已设置：预约前一天和开始前1小时，{APP_NAME[platform]}会提醒您（以您在弹窗中的选择为准）
      </View>
    );
  }
  return (
    // The prompt must be the tap's first act (WeChat refuses it otherwise).
    <Button id={id} variant='secondary' isBlock onClick={() => void askToSubscribe(ids).then(() => setIsAsked(true))}>
      {`开启${APP_NAME[platform]}预约提醒`}
    </Button>
  );
}
