// 首页: what is in progress (办理中, when signed in), search, the 长辈版 switch, 常用服务 and the nearest open hall. In 长辈版 it shows fewer
// choices (4 services, one per row, no descriptions) — DESIGN.md §4.
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { searchServices } from '../../api/services';
import { useApi } from '../../api/use-api';
import { Card } from '../../components/card';
import { ElderChoice } from '../../components/elder-offer';
import { ErrorState } from '../../components/error-state';
import { PageShell } from '../../components/page-shell';
import { SearchBar } from '../../components/search-bar';
import { InProgressCard } from '../../features/in-progress/in-progress-card';
import { setPendingSearch } from '../../lib/pending-search';
import { openPage, PAGES } from '../../lib/routes';
import { useElderMode } from '../../theme/elder-store';
import { NearestOffice } from './nearest-office';
import './index.scss';

const POPULAR_COUNT = { normal: 8, elder: 4 };

export default function IndexPage() {
  const isElder = useElderMode();
  const [query, setQuery] = useState('');
  const popular = useApi(() => searchServices({ limit: POPULAR_COUNT.normal }, { isQuiet: true }), []);
  const services = popular.data?.items.slice(0, isElder ? POPULAR_COUNT.elder : POPULAR_COUNT.normal) ?? [];

  const search = (value: string) => {
    setPendingSearch(value.trim());
    openPage(PAGES.services);
  };

  return (
    <PageShell>
      <Text className='home__title palm-font-title'>掌上办 · 就近办</Text>
      <InProgressCard idPrefix='home' />
      <SearchBar inputId='home-search' value={query} onInput={setQuery} onSearch={search} />
      <ElderChoice idPrefix='home' switchId='home-elder-switch' />
      <Card title='常用服务'>
        {popular.error ? <ErrorState message={popular.error.message} onRetry={popular.reload} /> : null}
        {popular.isLoading ? <Text className='palm-secondary'>正在加载…</Text> : null}
        <View className='palm-tiles home__services'>
          {services.map((service, index) => (
            <View
              key={service.id}
              id={`home-service-${index}`}
              className='palm-tile home__service'
              role='button'
              tabIndex={0}
              onClick={() => openPage(PAGES.service, { id: service.id })}
            >
              <Text>{service.name}</Text>
            </View>
          ))}
        </View>
      </Card>
      <NearestOffice isElder={isElder} />
    </PageShell>
  );
}
