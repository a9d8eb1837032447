// Chooses the hall and the window, then shows the panel. A clerk starts at their own hall and
// goes straight to their own window (the BFF says which: isMine); a supervisor picks a hall of
// their region first. The window last used here is remembered, so a window PC opens straight onto
// its panel; 换窗口 on the panel lists the hall's windows, the clerk's own first.
import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { CounterSummary } from '@palm/shared/server';
import { listCounters } from '../../api/counters';
import { listOffices } from '../../api/offices';
import { useApi } from '../../api/use-api';
import { Card } from '../../components/card';
import { Cell } from '../../components/cell';
import { ErrorState } from '../../components/error-state';
import { CounterPicker } from './counter-picker';
import { Panel } from './panel';

export const COUNTER_STORAGE_KEY = 'palm.counterId';

function storedCounter(): string | null {
  try {
    const value: unknown = Taro.getStorageSync(COUNTER_STORAGE_KEY);
    return typeof value === 'string' && value !== '' ? value : null;
  } catch {
    return null;
  }
}

function remember(counterId: string | null): void {
  try {
    if (counterId) Taro.setStorageSync(COUNTER_STORAGE_KEY, counterId);
    else Taro.removeStorageSync(COUNTER_STORAGE_KEY);
  } catch {
    // No storage: the window is asked for again next time.
  }
}

/** A window asked for: by a link or a tap (explicit), or remembered on this device. */
export interface CounterChoice {
  id: string;
  isExplicit: boolean;
}

/**
 * Which window to open without asking: the one asked for by a link or a tap; else the clerk's own
 * (the one remembered here when they have several); else the one remembered here; else the only
 * one. Null: let the person pick. A window of another hall, or one that is gone, is never opened.
 */
export function windowToOpen(counters: readonly CounterSummary[], choice: CounterChoice | null): string | null {
  const chosen = choice && counters.some((c) => c.id === choice.id) ? choice : null;
  if (chosen?.isExplicit) return chosen.id;
  const mine = counters.filter((c) => c.isMine);
  if (mine.length > 0) return mine.find((c) => c.id === chosen?.id)?.id ?? mine[0]!.id;
  if (chosen) return chosen.id;
  return counters.length === 1 ? counters[0]!.id : null;
}

export interface WorkbenchProps {
  /** The hall: from the page address, or the clerk's posting; null for a supervisor to choose. */
  officeId: string | null;
  counterId: string | null;
}

export function Workbench({ officeId: initialOffice, counterId: initialCounter }: WorkbenchProps) {
  const [officeId, setOfficeId] = useState<string | null>(initialOffice);
  const [choice, setChoice] = useState<CounterChoice | null>(() => {
    if (initialCounter) return { id: initialCounter, isExplicit: true };
    const stored = storedCounter();
    return stored ? { id: stored, isExplicit: false } : null;
  });
  const [isChoosing, setIsChoosing] = useState(false);
  const offices = useApi(officeId ? null : () => listOffices({}, { isQuiet: true }), [officeId]);
  const counters = useApi(officeId ? () => listCounters(officeId, { isQuiet: true }) : null, [officeId]);
  const items = counters.data?.items;
  const counterId = items && !isChoosing ? windowToOpen(items, choice) : null;
  const pick = (id: string) => {
    remember(id);
    setChoice({ id, isExplicit: true });
    setIsChoosing(false);
  };

  if (!officeId) {
    if (offices.error) return <ErrorState message={offices.error.message} onRetry={offices.reload} />;
    if (!offices.data) return <Text className='palm-secondary'>正在加载…</Text>;
    return (
      <Card title='选择大厅' id='counter-office-picker'>
        {offices.data.items.map((office) => (
          <Cell key={office.id} id={`counter-office-${office.id}`} title={office.name} description={office.address} isLink onClick={() => setOfficeId(office.id)} />
        ))}
      </Card>
    );
  }
  if (counters.error) return <ErrorState id='counter-load-error' message={counters.error.message} onRetry={counters.reload} />;
  if (!items) return <Text className='palm-secondary'>正在加载…</Text>;
  if (items.length === 0) return <Text className='palm-secondary'>这个大厅还没有设置窗口。</Text>;
  if (!counterId) return <CounterPicker counters={items} onPick={pick} />;
  return <Panel key={counterId} counterId={counterId} onChangeCounter={items.length > 1 ? () => setIsChoosing(true) : undefined} />;
}
