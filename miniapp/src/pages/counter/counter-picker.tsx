// Which window to work (or, for a supervisor, to watch): each with its state and the number at it.
// The clerk's own windows come first and say 我的窗口 in words.
import type { CounterSummary } from '@palm/shared/server';
import { Card } from '../../components/card';
import { Cell } from '../../components/cell';
import { counterLabel, counterState } from '../../features/queue/counter-words';
import { joinFacts } from '../../lib/format';

export interface CounterPickerProps {
  counters: readonly CounterSummary[];
  onPick: (counterId: string) => void;
}

export function CounterPicker({ counters, onPick }: CounterPickerProps) {
  const ordered = [...counters.filter((c) => c.isMine), ...counters.filter((c) => !c.isMine)];
  return (
    <Card title={`选择窗口（${counters[0]?.office.name ?? ''}）`} id='counter-picker'>
      {ordered.map((counter) => (
        <Cell
          key={counter.id}
          id={`counter-pick-${counter.number}`}
          title={`${counterLabel(counter.number)} ${counter.name}`}
          description={joinFacts(counter.isMine && '我的窗口', counterState(counter.state).text, `办理 ${counter.categories.map((c) => c.letter).join(' ')} 类业务`)}
          value={counter.current ? `正在 ${counter.current.displayNumber}` : undefined}
          isLink
          onClick={() => onPick(counter.id)}
        />
      ))}
    </Card>
  );
}
