// The number at this window now: very large, with its service, priority and step in words.
import { Text, View } from '@tarojs/components';
import type { CounterTicket } from '@palm/shared/server';
import { Card } from '../../components/card';
import { CHANNEL_WORDS, PRIORITY_WORDS, TICKET_STATUS_WORDS } from '../../features/queue/counter-words';

const clock = (iso: string | null): string => (iso ? new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(11, 16) : '');

export function NowServing({ ticket }: { ticket: CounterTicket | null }) {
  if (!ticket) {
    return (
      <Card title='当前号码' id='counter-now'>
        <Text id='counter-now-empty' className='palm-secondary'>
          暂无正在办理的号码，点“叫下一位”开始。
        </Text>
      </Card>
    );
  }
  return (
    <Card title='当前号码' id='counter-now'>
      <View className='counter__now'>
        <Text id='counter-now-number' className='counter__number'>
          {ticket.displayNumber}
        </Text>
        <View className='counter__now-facts'>
          <Text id='counter-now-status' className='counter__tag counter__tag--strong'>
            {ticket.status === 'SERVING' ? '▶ ' : '◎ '}
            {TICKET_STATUS_WORDS[ticket.status]}
          </Text>
          <Text id='counter-now-service' className='palm-font-large counter__now-service'>
            {ticket.service.name}
          </Text>
          <Text id='counter-now-priority' className={ticket.priority === 'NORMAL' ? 'counter__tag' : 'counter__tag counter__tag--strong'}>
            {ticket.priority === 'NORMAL' ? '' : '★ '}
            {PRIORITY_WORDS[ticket.priority]}
          </Text>
          <Text className='palm-secondary'>
            {CHANNEL_WORDS[ticket.channel]}
            {ticket.holder ? ` · ${ticket.holder}` : ''}
            {ticket.calledAt ? ` · ${clock(ticket.calledAt)} 叫号` : ''}
            {ticket.recallCount > 0 ? ` · 已重呼 ${ticket.recallCount} 次` : ''}
          </Text>
        </View>
      </View>
    </Card>
  );
}
