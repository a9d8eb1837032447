// 请评价: the handlings waiting for a rating (GET /api/ratings/pending) — a finished number, a done
// booking, a resolved report, or a second round after a fix — each one tap from the rating sheet,
// with the day after which 基本满意 is given by default. Nothing waiting (or signed out): no card.
import { Text } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { canActIn, useActing } from '../../api/acting-store';
import { listPendingRatings, type RatingPending } from '../../api/reports';
import { getSession } from '../../api/session';
import { Card } from '../../components/card';
import { Cell } from '../../components/cell';
import { useElderMode } from '../../theme/elder-store';
import { openRatingSheet } from './open';
import { TARGET_WORDS, whenWords } from './words';

const MAX_ROWS = { normal: 3, elder: 2 };

export const pendingWhat = (item: RatingPending): string => `${item.round > 1 ? '整改后再评价：' : ''}${TARGET_WORDS[item.targetType] ?? '办理'}${item.serviceName ? `：${item.serviceName}` : ''}`;

export function PendingRatingsCard({ idPrefix }: { idPrefix: string }) {
  const isElder = useElderMode();
  const [items, setItems] = useState<RatingPending[]>([]);
  const { actingFor } = useActing();
  // Acting for someone, theirs — only under a grant with REPORT (rating is a REPORT act); without
  // one nothing is asked (the BFF would refuse it, and the refusal would go in their log).
  const mayAsk = canActIn(actingFor, 'REPORT');
  const read = () => {
    if (!getSession().isSignedIn || !mayAsk) return setItems([]);
    // A summary never takes the page down: a failed read shows no card.
    listPendingRatings({ isQuiet: true }).then(
      (list) => setItems(list.items ?? []),
      () => setItems([]),
    );
  };
  useDidShow(read);
  // Switching to (or back from) acting for someone while 我的 is on screen: read again for them
  // (not on the first render: useDidShow has just read).
  const isFirst = useRef(true);
  useEffect(() => {
    if (isFirst.current) {
      isFirst.current = false;
      return;
    }
    read();
  }, [actingFor?.userId, mayAsk]); // eslint-disable-line react-hooks/exhaustive-deps
  if (items.length === 0) return null;
  const shown = items.slice(0, isElder ? MAX_ROWS.elder : MAX_ROWS.normal);
  return (
    <Card id={`${idPrefix}-rate`} title={`请评价（${items.length}）`}>
      {shown.map((item, index) => (
        <Cell
          key={`${item.targetType}-${item.targetId}-${item.round}`}
          id={`${idPrefix}-rate-${index}`}
          title={pendingWhat(item)}
          description={`${item.officeName}，${whenWords(item.finishedAt)}办结；${whenWords(item.rateBy)}前未评价视为基本满意`}
          isLink
          onClick={() => openRatingSheet({ targetType: item.targetType, targetId: item.targetId, what: pendingWhat(item), officeName: item.officeName, serviceName: item.serviceName ?? undefined })}
        />
      ))}
      {items.length > shown.length ? <Text className='palm-secondary'>{`还有 ${items.length - shown.length} 项，评价完上面的会显示。`}</Text> : null}
    </Card>
  );
}
