// Under a paged console list: 正在加载…, the refusal with 重试, or 加载更多 while there is more.
import { Text } from '@tarojs/components';
import { Button } from '../../components/button';
import { ErrorState } from '../../components/error-state';
import type { PagedList } from './use-paged';

export function PagedMore<T>({ idPrefix, list }: { idPrefix: string; list: PagedList<T> }) {
  if (list.error) return <ErrorState id={`${idPrefix}-error`} message={list.error.message} onRetry={list.items ? list.loadMore : list.reload} />;
  if (list.isLoading) return <Text className='palm-secondary'>正在加载…</Text>;
  if (!list.hasMore) return null;
  return (
    <Button id={`${idPrefix}-more`} variant='secondary' isBlock onClick={list.loadMore}>
      加载更多
    </Button>
  );
}
