// Which window to work (or, for a supervisor, to watch): each with its state and the number at it.
// The clerk's own windows come first and say 我的窗口 in words.
import { Text } from '@tarojs/components';
import type { CounterSummary } from '@palm/shared/server';
import { Card } from '../../components/card';
import { Cell } from '../../components/cell';
import { Facts } from '../../components/facts';
import { counterLabel, counterState } from '../../features/queue/counter-words';

export interface CounterPickerProps {
  counters: readonly CounterSummary[];
  onPick: (counterId: string) => void;
}

export function CounterPicker({ counters, onPick }: CounterPickerProps) {
  const ordered = [...counters.filter((c) => c.isMine), ...counters.filter((c) => !c.isMine)];
  return (
    <Card
      title={
        <>
          选择窗口<Text className='palm-whole'>（{counters[0]?.office.name ?? ''}）</Text>
        </>
      }
      id='counter-picker'
    >
      {ordered.map((counter) => (
        <Cell
          key={counter.id}
          id={`counter-pick-${counter.number}`}
          title={`${counterLabel(counter.number)} ${counter.name}`}
          description={<Facts parts={[counter.isMine && '我的窗口', counterState(counter.state).text, `办理 ${counter.categories.map((c) => c.letter).join(' ')} 类业务`]} />}
          value={counter.current ? `正在 ${counter.current.displayNumber}` : undefined}
          isLink
          onClick={() => onPick(counter.id)}
        />
      ))}
    </Card>
  );
}
