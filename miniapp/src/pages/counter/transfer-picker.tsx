// 转办 in the page (no pop-up): pick another window and/or another service, then confirm. The
// number keeps its priority and place in line; the holder gets a new number for the new queue.
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { CounterDetail } from '@palm/shared/server';
import { Button } from '../../components/button';
import { counterLabel, counterState } from '../../features/queue/counter-words';
import { ChoiceTiles } from './choice-tiles';

export interface TransferTarget {
  counterId?: string;
  serviceId?: string;
}

export interface TransferPickerProps {
  displayNumber: string;
  targets: CounterDetail['transferTargets'];
  isBusy: boolean;
  onConfirm: (target: TransferTarget) => void;
  onCancel: () => void;
}

export function TransferPicker({ displayNumber, targets, isBusy, onConfirm, onCancel }: TransferPickerProps) {
  const [counterId, setCounterId] = useState<string | null>(null);
  const [serviceId, setServiceId] = useState<string | null>(null);
  const toggle = (current: string | null, key: string) => (current === key ? null : key);
  const counter = targets.counters.find((c) => c.id === counterId);
  const service = targets.services.find((s) => s.id === serviceId);
  const summary = [counter ? `转到${counterLabel(counter.number)}` : null, service ? `改办“${service.name}”` : null].filter(Boolean).join('，');

  return (
    <View id='counter-transfer-panel' className='counter__transfer palm-stack' role='group' aria-label={`转办 ${displayNumber}`}>
      <Text className='palm-section-title'>转办 {displayNumber}</Text>
      <Text className='palm-secondary'>选择要转到的窗口或业务（可只选一项），保留原来的排队位置和优先。</Text>
      <Text className='palm-font-large'>转到其他窗口</Text>
      <ChoiceTiles
        choices={targets.counters.map((c) => ({ key: c.id, id: `counter-transfer-counter-${c.number}`, label: `${counterLabel(c.number)} ${c.name}`, detail: counterState(c.state).text }))}
        selected={counterId}
        onSelect={(key) => setCounterId((current) => toggle(current, key))}
      />
      <Text className='palm-font-large'>改办其他业务</Text>
      <ChoiceTiles
        choices={targets.services.map((s) => ({ key: s.id, id: `counter-transfer-service-${s.id}`, label: `${s.letter} · ${s.name}` }))}
        selected={serviceId}
        onSelect={(key) => setServiceId((current) => toggle(current, key))}
      />
      <Text id='counter-transfer-summary'>{summary ? `将${summary}。` : '还没有选择。'}</Text>
      <View className='counter__buttons'>
        <Button
          id='counter-transfer-confirm'
          isDisabled={!counterId && !serviceId}
          isLoading={isBusy}
          onClick={() => onConfirm({ ...(counterId ? { counterId } : {}), ...(serviceId ? { serviceId } : {}) })}
        >
          确认转办
        </Button>
        <Button id='counter-transfer-cancel' variant='secondary' onClick={onCancel}>
          取消转办
        </Button>
      </View>
    </View>
  );
}
