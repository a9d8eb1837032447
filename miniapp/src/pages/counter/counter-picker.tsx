// Which window to work (or, for a supervisor, to watch): each with its state and the number at it.
import type { CounterSummary } from '@palm/shared/server';
import { Card } from '../../components/card';
import { Cell } from '../../components/cell';
import { counterLabel, counterState } from '../../features/queue/counter-words';

export interface CounterPickerProps {
  counters: CounterSummary[];
  onPick: (counterId: string) => void;
}

export function CounterPicker({ counters, onPick }: CounterPickerProps) {
  return (
    <Card title={`选择窗口（${counters[0]?.office.name ?? ''}）`} id='counter-picker'>
      {counters.map((counter) => (
        <Cell
          key={counter.id}
          id={`counter-pick-${counter.number}`}
          title={`${counterLabel(counter.number)} ${counter.name}`}
          description={`${counterState(counter.state).text} · 办理 ${counter.categories.map((c) => c.letter).join(' ')} 类业务`}
          value={counter.current ? `正在 ${counter.current.displayNumber}` : undefined}
          isLink
          onClick={() => onPick(counter.id)}
        />
      ))}
    </Card>
  );
}
