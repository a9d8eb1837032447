// 居民名单: the residents of the worker's grid, searchable by name or the last digits of the ID
// number, a page at a time. Every identity is masked by the BFF.
import { Text } from '@tarojs/components';
import { useState } from 'react';
import type { GridResident } from '../../api/grid';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { ErrorState } from '../../components/error-state';
import { SearchBar } from '../../components/search-bar';
import { useElderMode } from '../../theme/elder-store';
import { ResidentRow } from './resident-row';
import type { Roster } from './use-roster';

export function RosterSection({ roster, onPlan }: { roster: Roster; onPlan: (resident: GridResident) => void }) {
  const isElder = useElderMode();
  const [input, setInput] = useState('');
  const isSearching = roster.query.trim() !== '';
  return (
    <Card id='grid-roster' title={isSearching ? `居民名单 · 搜索“${roster.query.trim()}”` : '居民名单'}>
      <SearchBar
        inputId='grid-search'
        label='搜索居民'
        placeholder={isElder ? '姓名或身份证后4位' : '输入姓名，或身份证号后4位'}
        value={input}
        onInput={(value) => {
          setInput(value);
          if (value === '' && isSearching) roster.search('');
        }}
        onSearch={(value) => roster.search(value)}
      />
      {roster.error ? <ErrorState id='grid-roster-error' message={roster.error.message} onRetry={roster.reload} /> : null}
      {roster.items.map((resident, index) => (
        <ResidentRow key={resident.id} index={index} resident={resident} onChange={roster.replace} onPlan={onPlan} />
      ))}
      {roster.isLoading ? <Text className='palm-secondary'>正在加载…</Text> : null}
      {!roster.isLoading && !roster.error && roster.items.length === 0 ? (
        <Text id='grid-roster-empty' className='grid__line'>
          {isSearching ? '没有找到符合的居民，可以换个姓名或身份证号后4位再试。' : '您的网格里还没有登记的居民。'}
        </Text>
      ) : null}
      {roster.hasMore && !roster.isLoading ? (
        <Button id='grid-roster-more' variant='secondary' isBlock onClick={roster.loadMore}>
          加载更多居民
        </Button>
      ) : null}
    </Card>
  );
}
