// 我的窗口评价 (clerks): the ratings about their window — level in words, reasons, comment, service,
// the day — never who rated (the BFF sends no rater, subject or ticket).
import { Text, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { isBadRating } from '@palm/shared';
import { listRatingsAboutMe, type RatingAboutMe } from '../../api/desk';
import { messageOf } from '../../api/errors';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { ErrorState } from '../../components/error-state';

export function RatingsAboutMe() {
  const [items, setItems] = useState<RatingAboutMe[] | null>(null);
  const [cursor, setCursor] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const load = useCallback((from?: string) => {
    listRatingsAboutMe(from, { isQuiet: true })
      .then((list) => {
        setError(null);
        setItems((had) => (from && had ? [...had, ...list.items] : list.items));
        setCursor(list.nextCursor);
      })
      .catch((failure: unknown) => setError(messageOf(failure)));
  }, []);
  useEffect(() => load(), [load]);

  return (
    <Card id='desk-ratings' title='关于我窗口的评价（不显示评价人）'>
      {error ? <ErrorState id='desk-ratings-error' message={error} onRetry={() => load()} /> : null}
      {!items && !error ? <Text className='palm-secondary'>正在加载…</Text> : null}
      {items && items.length === 0 ? <Text>还没有评价。</Text> : null}
      {items?.map((r, index) => (
        <View key={index} id={`desk-rating-${index}`} className='desk-row desk-row--static'>
          <View className='desk-row__head'>
            <Text className='desk-row__title'>
              {isBadRating(r.level) ? '⚠ ' : ''}
              {r.levelWords}
            </Text>
            <Text className='palm-secondary'>{r.day}</Text>
            {r.serviceName ? <Text className='palm-secondary'>{r.serviceName}</Text> : null}
            {r.defaulted ? <Text className='palm-secondary'>（超过7天未评价，默认评价）</Text> : null}
          </View>
          {r.reasons.length > 0 ? <Text>原因：{r.reasons.map((x) => x.label).join('、')}</Text> : null}
          {r.comment ? <Text>“{r.comment}”</Text> : null}
        </View>
      ))}
      {cursor ? (
        <Button id='desk-ratings-more' variant='secondary' isBlock onClick={() => load(cursor)}>
          加载更多
        </Button>
      ) : null}
    </Card>
  );
}
