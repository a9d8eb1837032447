// 办事: search by keyword (names, aliases such as 社保, departments) or browse by category. A
// search for 长辈版 / 关怀版 / 老年模式 shows the switch itself (DESIGN.md §4).
import { Text } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import type { ServiceCategoryKey } from '@palm/shared/server';
import { searchServices } from '../../api/services';
import { useApi } from '../../api/use-api';
import { Card } from '../../components/card';
import { ElderSwitch } from '../../components/elder-switch';
import { ErrorState } from '../../components/error-state';
import { PageShell } from '../../components/page-shell';
import { SearchBar } from '../../components/search-bar';
import { ServiceList } from '../../components/service-list';
import { categoryLabel, isElderModeSearch } from '../../lib/categories';
import { takePendingSearch } from '../../lib/pending-search';
import { useElderMode } from '../../theme/elder-store';
import { Categories } from './categories';
import './index.scss';

const LIMIT = 50;

export default function ServicesPage() {
  const isElder = useElderMode();
  const [input, setInput] = useState('');
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState<ServiceCategoryKey | null>(null);

  const search = (value: string) => {
    const trimmed = value.trim();
    setInput(trimmed);
    setQuery(trimmed);
    if (trimmed) setCategory(null);
  };

  // 首页 hands its search over here (tab pages take no query).
  useDidShow(() => {
    const pending = takePendingSearch();
    if (pending !== null) search(pending);
  });

  const selectCategory = (key: ServiceCategoryKey | null) => {
    setCategory(key);
    setInput('');
    setQuery('');
  };

  const hasSearch = query !== '' || category !== null;
  const results = useApi(
    hasSearch ? () => searchServices(query ? { q: query, limit: LIMIT } : { category: category ?? undefined, limit: LIMIT }, { isQuiet: true }) : null,
    [query, category],
  );
  const items = hasSearch ? (results.data?.items ?? []) : [];
  const heading = query ? `“${query}”的搜索结果` : category ? categoryLabel(category) : '';

  return (
    <PageShell title='办事服务'>
      <SearchBar inputId='service-search' value={input} onInput={setInput} onSearch={search} />
      {query && isElderModeSearch(query) ? <ElderSwitch id='elder-mode-entry' description='点一下即可开启或关闭' /> : null}
      {hasSearch ? (
        <Card title={heading} id='service-results'>
          {results.error ? <ErrorState message={results.error.message} onRetry={results.reload} /> : null}
          {results.isLoading ? <Text className='palm-secondary'>正在查找…</Text> : null}
          {!results.isLoading && !results.error && items.length === 0 && !isElderModeSearch(query) ? (
            <Text id='service-results-empty'>没有找到相关服务。可换个说法，例如“社保”“身份证”，或按下面的分类查找。</Text>
          ) : null}
          <ServiceList items={items} idPrefix='service-result' isBrief={isElder} />
          {results.data?.nextCursor ? <Text className='palm-secondary'>结果较多，只显示前 {LIMIT} 项，请输入更具体的词。</Text> : null}
        </Card>
      ) : null}
      <Card title='按分类查找'>
        <Categories selected={category} onSelect={selectCategory} />
      </Card>
    </PageShell>
  );
}
