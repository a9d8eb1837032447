// 事项指南 (issue 17 item 5), admins only: the catalogue's services, searched as citizens search
// them (GET /api/services?q=: names, search synonyms, departments), page by page; choosing one
// opens its guide to edit (pages/admin/service). On a desktop, what editing does sits beside the list.
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { ServiceSummary } from '@palm/shared/server';
import { searchServices } from '../../../api/services';
import { useApi } from '../../../api/use-api';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { Cell } from '../../../components/cell';
import { ErrorState } from '../../../components/error-state';
import { Facts } from '../../../components/facts';
import { PageShell } from '../../../components/page-shell';
import { SearchBar } from '../../../components/search-bar';
import { formatPromisedDays } from '../../../lib/format';
import { ADMIN_PAGES, openPage } from '../../../lib/routes';
import { isAdmin } from '../model';
import { AdminGate, useAction } from '../shared';
import '../shared.scss';

export default function AdminServicesPage() {
  return (
    <PageShell title='事项指南'>
      <AdminGate allows={isAdmin}>{() => <ServiceFinder />}</AdminGate>
    </PageShell>
  );
}

const PAGE_SIZE = 20;

function ServiceFinder() {
  const [input, setInput] = useState('');
  const [query, setQuery] = useState('');
  const search = (q: string) => (q ? { q, limit: PAGE_SIZE } : { limit: PAGE_SIZE });
  // The first page of the search (the catalogue by popularity before anything is typed) …
  const first = useApi(() => searchServices(search(query), { isQuiet: true }), [query]);
  // … and the pages asked for after it with 显示更多, for that search only.
  const [more, setMore] = useState<{ query: string; items: ServiceSummary[]; cursor: string | undefined } | null>(null);
  const extra = more?.query === query ? more : null;
  const items = [...(first.data?.items ?? []), ...(extra?.items ?? [])];
  const cursor = extra ? extra.cursor : first.data?.nextCursor;
  const action = useAction();
  const loadMore = () =>
    action.run(
      () => searchServices({ ...search(query), cursor }, { isQuiet: true }),
      (page) => {
        setMore({ query, items: [...(extra?.items ?? []), ...page.items], cursor: page.nextCursor });
        return '';
      },
    );
  return (
    <View className='admin-wide'>
      <Card id='admin-services' title='选择要修改的事项'>
        <SearchBar inputId='admin-services-search' label='搜索事项' placeholder='事项名称或市民常说的词' value={input} onInput={setInput} onSearch={(value) => setQuery(value.trim())} />
        {first.error ? <ErrorState id='admin-services-error' message={first.error.message} onRetry={first.reload} /> : null}
        {first.isLoading ? <Text className='palm-secondary'>正在加载…</Text> : null}
        {first.data && items.length === 0 ? <Text id='admin-services-empty'>{`没有找到与“${query}”有关的事项。`}</Text> : null}
        {items.map((service, index) => (
          <Cell
            key={service.id}
            id={`admin-service-${index}`}
            title={service.name}
            description={<Facts parts={[service.department, `承诺${formatPromisedDays(service.promisedDays)}`]} />}
            isLink
            onClick={() => openPage(ADMIN_PAGES.adminService, { id: service.id })}
          />
        ))}
        {cursor ? (
          <Button id='admin-services-more' variant='secondary' isBlock isLoading={action.isBusy} onClick={loadMore}>
            显示更多
          </Button>
        ) : null}
        {action.error ? <ErrorState id='admin-services-more-error' message={action.error} /> : null}
      </Card>
      <Card id='admin-services-help' title='修改办事指南'>
        <View className='palm-stack'>
          <Text>每次保存都会生成新的版本：市民在“办事”中立即看到新版，已经预约的市民仍按预约时的版本办理，到窗口时不会因为指南改了而办不成。</Text>
          <Text>可以修改：简介、办理条件、办理流程、所需材料（以及哪些可用电子证照替代）、时限、收费、办理渠道和搜索同义词。</Text>
        </View>
      </Card>
    </View>
  );
}
