// Choosing one service of a hall (取号, 预约办理): a search field that finds names and the words
// people use (社保 → 社会保障卡…, the catalogue's own rule), then 常办 — the person's own recent
// services here, then the most used — then the categories, each opening its services in place
// of the tiles, so neither mode scrolls through a long flat list. Every choice is one tap on a
// whole row (components/choice-list); an empty search says so and offers to clear it.
import { Text, View } from '@tarojs/components';
import { useEffect, useMemo, useState } from 'react';
import { matchServices, normalizeQuery } from '@palm/shared';
import type { ServiceCategoryKey } from '@palm/shared/server';
import { Button } from '../../components/button';
import { ChoiceList, type Choice } from '../../components/choice-list';
import { cx } from '../../components/class-names';
import { SearchBar } from '../../components/search-bar';
import { categoryLabel } from '../../lib/categories';
import { useElderMode } from '../../theme/elder-store';
import { scrollTo } from '../appointments/scroll';
import { groupServices, MOST_USED_COUNT, type ChooserService } from './groups';
import './styles.scss';
import { pressable } from '../../components/pressable';

export interface ServiceChooserProps {
  /** Ids: `<idPrefix>-search`, `-most-used-N`, `-category-<KEY>`, `-in-category-N`, `-result-N`, `-no-result`. */
  idPrefix: string;
  services: readonly ChooserService[];
  chosenId: string | undefined;
  /** The person's services at this hall, most recent first (features/service-chooser/recent.ts);
   *  null while they are loading: the chooser shows nothing yet, so 常办 never reorders under a tap. */
  recentIds?: readonly string[] | null;
  onChoose: (id: string) => void;
}

/** `isFirst`: right under the search field, whose own margin is space enough. */
function Heading({ id, isFirst, children }: { id?: string; isFirst?: boolean; children: string }) {
  return (
    <View {...(id ? { id } : {})} className={cx('service-chooser__heading', isFirst && 'service-chooser__heading--first')} role='heading' aria-level={3}>
      {children}
    </View>
  );
}

const NO_RECENT: readonly string[] = [];

export function ServiceChooser({ idPrefix, services, chosenId, recentIds = NO_RECENT, onChoose }: ServiceChooserProps) {
  const isElder = useElderMode();
  const [input, setInput] = useState('');
  const [openKey, setOpenKey] = useState<ServiceCategoryKey | null>(null);
  const groups = useMemo(() => groupServices(services, recentIds ?? NO_RECENT, isElder ? MOST_USED_COUNT.elder : MOST_USED_COUNT.normal), [services, recentIds, isElder]);
  const term = normalizeQuery(input);
  const results = useMemo(() => matchServices(services, input), [services, input]);
  const open = groups.categories.find((group) => group.key === openKey);

  // The category's services replace the tiles: bring their heading into view when the tile tapped
  // was further down.
  useEffect(() => {
    if (openKey) scrollTo(`#${idPrefix}-category-list`);
  }, [openKey, idPrefix]);

  if (recentIds === null) return <Text className='palm-secondary'>正在加载…</Text>;

  const rows = (list: readonly ChooserService[], detail?: (s: ChooserService) => string | undefined): Choice[] =>
    list.map((s) => ({ id: s.id, title: s.name, detail: detail?.(s) }));

  return (
    <View className='service-chooser'>
      <SearchBar
        inputId={`${idPrefix}-search`}
        label='搜索要办的事项'
        placeholder={isElder ? '输入要办的事' : '输入事项，如：社保、身份证'}
        value={input}
        onInput={setInput}
        onSearch={setInput}
      />
      {term !== undefined ? (
        results.length > 0 ? (
          <>
            <Heading id={`${idPrefix}-result-heading`} isFirst>{`找到${results.length}项`}</Heading>
            <ChoiceList
              idPrefix={`${idPrefix}-result`}
              label={`“${term}”的搜索结果`}
              chosenId={chosenId}
              onChoose={onChoose}
              choices={rows(results, isElder ? undefined : (s) => categoryLabel(s.category))}
            />
          </>
        ) : (
          <View id={`${idPrefix}-no-result`} className='palm-stack' role='status'>
            <Text className='service-chooser__line'>{`没有找到与“${term}”有关的事项。可以换个说法，例如“社保”“身份证”，或清除后按分类查找。`}</Text>
            <Button id={`${idPrefix}-clear`} variant='secondary' isBlock onClick={() => setInput('')}>
              清除搜索
            </Button>
          </View>
        )
      ) : (
        <>
          <Heading isFirst>常办事项</Heading>
          <ChoiceList
            idPrefix={`${idPrefix}-most-used`}
            label='常办事项'
            chosenId={chosenId}
            onChoose={onChoose}
            choices={groups.mostUsed.map(({ service, isRecent }) => ({ id: service.id, title: service.name, tag: isRecent ? '最近办过' : undefined }))}
          />
          <Heading>按分类查找</Heading>
          {open ? (
            <View id={`${idPrefix}-category-list`}>
              <View className='service-chooser__category-header'>
                <Heading>{`${open.label}（${open.services.length}项）`}</Heading>
                <Button id={`${idPrefix}-all-categories`} variant='secondary' onClick={() => setOpenKey(null)}>
                  全部分类
                </Button>
              </View>
              <ChoiceList idPrefix={`${idPrefix}-in-category`} label={open.label} chosenId={chosenId} onChoose={onChoose} choices={rows(open.services)} />
            </View>
          ) : (
            <View className='palm-tiles service-chooser__categories' role='group' aria-label='按分类查找'>
              {groups.categories.map((group) => (
                <View
                  key={group.key}
                  id={`${idPrefix}-category-${group.key}`}
                  className='palm-tile service-chooser__category'
                  {...pressable(() => setOpenKey(group.key))}
                  aria-label={`${group.label}，${group.services.length}项`}
                >
                  <Text className='service-chooser__category-name'>{group.label}</Text>
                  <Text className='service-chooser__category-count palm-secondary'>{`${group.services.length}项`}</Text>
                </View>
              ))}
            </View>
          )}
        </>
      )}
    </View>
  );
}
