// 窗口取号: a number for someone at the window without a phone (never refused for lack of a booking,
// DESIGN.md §4). The new number is shown very large, to read out or copy onto a slip.
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { CounterService, Ticket } from '@palm/shared/server';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { ChoiceTiles } from './choice-tiles';

export interface WalkInProps {
  services: CounterService[];
  isDisabled: boolean;
  isBusy: boolean;
  issued: Ticket | null;
  onIssue: (serviceId: string) => void;
  onDone: () => void;
}

export function WalkIn({ services, isDisabled, isBusy, issued, onIssue, onDone }: WalkInProps) {
  const [isOpen, setIsOpen] = useState(false);
  const [serviceId, setServiceId] = useState<string | null>(null);

  if (issued) {
    return (
      <Card title='窗口取号' id='counter-walkin'>
        <View className='counter__issued' role='status'>
          <Text className='palm-font-large'>新号码</Text>
          <Text id='counter-walkin-number' className='counter__number'>
            {issued.displayNumber}
          </Text>
          <Text className='palm-font-large'>{issued.service.name}</Text>
          <Text className='palm-secondary'>请把号码告诉群众，留意大厅叫号屏和语音叫号。</Text>
          <Button
            id='counter-walkin-done'
            variant='secondary'
            onClick={() => {
              setServiceId(null);
              onDone();
            }}
          >
            完成
          </Button>
        </View>
      </Card>
    );
  }
  return (
    <Card title='窗口取号' id='counter-walkin'>
      {isOpen ? (
        <View className='palm-stack'>
          <Text className='palm-secondary'>为现场没有手机的群众取号，选择要办的业务：</Text>
          <ChoiceTiles
            choices={services.map((s) => ({ key: s.id, id: `counter-walkin-service-${s.id}`, label: `${s.letter} · ${s.name}` }))}
            selected={serviceId}
            onSelect={(key) => setServiceId((current) => (current === key ? null : key))}
          />
          <View className='counter__buttons'>
            <Button id='counter-walkin-issue' isDisabled={!serviceId || isDisabled} isLoading={isBusy} onClick={() => serviceId && onIssue(serviceId)}>
              取号
            </Button>
            <Button id='counter-walkin-cancel' variant='secondary' onClick={() => setIsOpen(false)}>
              收起
            </Button>
          </View>
        </View>
      ) : (
        <Button id='counter-walkin-start' variant='secondary' isBlock isDisabled={isDisabled} onClick={() => setIsOpen(true)}>
          为现场群众取号
        </Button>
      )}
    </Card>
  );
}
