// 4. 确认: everything the booking will be — hall and address, service, date and time, for whom —
// and the rules that come with it (words.ts bookingRules, the no-show rule in 长辈版 too), before
// the one tap that books. A full slot offers 候补 instead.
import { Text, View } from '@tarojs/components';
import type { SlotView } from '../../api/appointments';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { Fact } from '../../features/appointments/fact';
import { dayLabel } from '../../features/appointments/words';
import { LicenceChoice, type LicenceChoiceProps } from './licence-choice';

export interface ConfirmPanelProps {
  office: { name: string; address: string };
  serviceName: string;
  date: string;
  slot: SlotView;
  /** Who it is for, e.g. 本人（张桂兰）. */
  who: string;
  /** What the person agrees to (bookingRules). */
  rules: readonly string[];
  busy: 'book' | 'wait' | null;
  /** 免证办: the materials an e-licence may cover, and which are ticked. */
  licences?: LicenceChoiceProps;
  onBook: () => void;
  onWait: () => void;
}

export function ConfirmPanel({ office, serviceName, date, slot, who, rules, busy, licences, onBook, onWait }: ConfirmPanelProps) {
  const isFull = !slot.isBookable;
  return (
    <Card id='book-confirm-panel' title={isFull ? '4. 这个时段已约满' : '4. 确认预约信息'}>
      <Fact id='book-confirm-office' label='大厅' value={office.name} detail={office.address} />
      <Fact id='book-confirm-service' label='事项' value={serviceName} />
      <Fact id='book-confirm-when' label='时间' value={`${dayLabel(date)} ${slot.start}–${slot.end}`} />
      <Fact id='book-confirm-who' label='办理人' value={who} />
      {isFull ? (
        <View className='palm-stack'>
          <Text id='book-waitlist-note' className='book__line'>
            {`可以候补：有人取消时，按候补先后自动为您约上，并通知您。${slot.waiting ? `现在已有 ${slot.waiting} 人候补。` : ''}`}
          </Text>
          <Button id='book-waitlist' isBlock isLoading={busy === 'wait'} onClick={onWait}>
            候补这个时段
          </Button>
        </View>
      ) : (
        <View className='palm-stack'>
          {licences ? <LicenceChoice {...licences} /> : null}
          <View id='book-rules' className='book__rules'>
            {rules.map((rule) => (
              <Text key={rule} className='book__rule'>
                {`· ${rule}`}
              </Text>
            ))}
          </View>
          <Button id='book-confirm' isBlock isLoading={busy === 'book'} onClick={onBook}>
            确认预约
          </Button>
        </View>
      )}
    </Card>
  );
}
