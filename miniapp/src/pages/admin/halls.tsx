// Every hall by name (GET /api/offices, the public list), for the staff and audit pages: rows name
// a hall by its id, an admin filters by hall and posts a clerk or hall manager to one.
import { Text, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import type { OfficeListItem } from '@palm/shared/server';
import { listOffices } from '../../api/offices';
import { useApi } from '../../api/use-api';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { Chips } from '../../components/chips';
import type { HallNames } from './staff-model';

export interface Halls {
  items: readonly OfficeListItem[];
  names: HallNames;
}

/** The halls, once loaded (none until then: a row names its hall 未知大厅 meanwhile). */
export function useHalls(): Halls {
  const halls = useApi(() => listOffices({}, { isQuiet: true }), []);
  return useMemo(() => {
    const items = halls.data?.items ?? [];
    return { items, names: new Map(items.map((h) => [h.id, h.name])) };
  }, [halls.data]);
}

/** The halls as chips; `anyWords` adds a first chip for none (全部大厅). */
export function HallChips({ idPrefix, label, halls, chosen, onChoose, anyWords }: { idPrefix: string; label: string; halls: Halls; chosen: string; onChoose: (id: string) => void; anyWords?: string }) {
  if (halls.items.length === 0) return <Text className='palm-secondary'>正在加载大厅…</Text>;
  const chips = [...(anyWords ? [{ key: 'all', text: anyWords }] : []), ...halls.items.map((h, index) => ({ key: String(index), text: h.name }))];
  const index = halls.items.findIndex((h) => h.id === chosen);
  return (
    <Chips idPrefix={idPrefix} label={label} chips={chips} chosen={index >= 0 ? String(index) : anyWords ? 'all' : ''} onChoose={(key) => onChoose(key === 'all' ? '' : halls.items[Number(key)]!.id)} />
  );
}

/** An admin's filter by hall, folded to one line (全部大厅 or the hall) until 换一个大厅 opens the chips. */
export function HallFilter({ idPrefix, halls, chosen, onChoose }: { idPrefix: string; halls: Halls; chosen: string; onChoose: (id: string) => void }) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <Card id={`${idPrefix}-filter`}>
      <View className='admin-row admin-row--plain'>
        <View className='admin-row__main'>
          <Text id={`${idPrefix}-filter-chosen`} className='admin-row__title'>{`正在查看：${chosen ? halls.names.get(chosen) ?? '所选大厅' : '全部大厅'}`}</Text>
        </View>
        <Button id={`${idPrefix}-filter-toggle`} variant='secondary' onClick={() => setIsOpen(!isOpen)}>
          {isOpen ? '收起' : '换一个大厅'}
        </Button>
      </View>
      {isOpen ? (
        <HallChips
          idPrefix={`${idPrefix}-hall`}
          label='大厅'
          halls={halls}
          chosen={chosen}
          anyWords='全部大厅'
          onChoose={(id) => {
            onChoose(id);
            setIsOpen(false);
          }}
        />
      ) : null}
    </Card>
  );
}
