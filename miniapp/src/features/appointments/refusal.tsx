// Why a booking (or 候补) was refused, in words that say what to do next. The BFF's message is
// shown; a few codes get clearer words here, and the limits offer the way to 我的预约, where a
// booking can be cancelled to make room. A suspension has its own notice
// (pages/book/suspension-notice.tsx).
import { Text, View } from '@tarojs/components';
import type { ApiError } from '../../api/errors';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { openPage, PAGES } from '../../lib/routes';

const CLEARER: Record<string, string> = {
  SLOT_FULL: '这个时段刚刚被约满了。请选择其他时段，或候补这个时段。',
  SLOT_WITHDRAWN: '这个时段已停止预约，请选择其他时段。',
  SLOT_PAST: '这个时段已经过去了，请选择其他时段。',
  APPOINTMENT_NOT_OFFERED: '这个大厅暂不提供这项业务的网上预约，可以直接到窗口办理。',
};

const TITLES: Record<string, string> = {
  SLOT_FULL: '没有约上',
  SLOT_WITHDRAWN: '没有约上',
  SLOT_PAST: '没有约上',
  SLOT_NOT_RELEASED: '还没有放号',
  APPOINTMENT_LIMIT_SERVICE_DAY: '当天已约过这项业务',
  APPOINTMENT_LIMIT_TOTAL: '预约数量已满',
  WAITLIST_LIMIT: '候补数量已满',
  WAITLIST_ALREADY: '已在候补中',
  RATE_LIMITED: '操作太频繁',
};

const LIMITS = ['APPOINTMENT_LIMIT_SERVICE_DAY', 'APPOINTMENT_LIMIT_TOTAL', 'WAITLIST_LIMIT', 'WAITLIST_ALREADY'];

export function refusalText(error: ApiError): string {
  return CLEARER[error.code] ?? error.message;
}

export function Refusal({ error }: { error: ApiError }) {
  return (
    <Card id='book-refusal' title={TITLES[error.code] ?? '没有约上'} isNotice>
      <View className='palm-stack' role='alert'>
        <Text id='book-refusal-message' className='book__line'>{refusalText(error)}</Text>
        {LIMITS.includes(error.code) ? (
          <Button id='book-refusal-mine' variant='secondary' isBlock onClick={() => openPage(PAGES.appointments)}>
            查看我的预约
          </Button>
        ) : null}
      </View>
    </Card>
  );
}
