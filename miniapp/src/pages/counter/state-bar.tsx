// The window's state (开放中 / 暂停服务 / 已关闭, in words and a shape) and the buttons to change it;
// only the changes that make sense from the current state are enabled.
import { View } from '@tarojs/components';
import type { CounterDetail } from '@palm/shared/server';
import type { CounterStep } from '../../api/counters';
import { Button } from '../../components/button';
import { StatusTag } from '../../components/status-tag';
import { counterState } from '../../features/queue/counter-words';

const STEPS: ReadonlyArray<{ step: CounterStep; label: string; isLegal: (state: string) => boolean }> = [
  { step: 'open', label: '开窗', isLegal: (state) => state !== 'OPEN' },
  { step: 'pause', label: '暂停', isLegal: (state) => state === 'OPEN' },
  { step: 'close', label: '关窗', isLegal: (state) => state !== 'CLOSED' },
];

export interface StateBarProps {
  detail: CounterDetail;
  busy: CounterStep | null;
  onChange: (step: CounterStep) => void;
}

export function StateBar({ detail, busy, onChange }: StateBarProps) {
  const view = counterState(detail.state);
  return (
    <View className='counter__state'>
      <StatusTag id='counter-state' tone={view.tone} text={view.text} />
      <View className='counter__buttons'>
        {STEPS.map(({ step, label, isLegal }) => (
          <Button
            key={step}
            id={`counter-${step}`}
            variant='secondary'
            isDisabled={!detail.canOperate || !isLegal(detail.state) || (busy !== null && busy !== step)}
            isLoading={busy === step}
            onClick={() => onChange(step)}
          >
            {label}
          </Button>
        ))}
      </View>
    </View>
  );
}
