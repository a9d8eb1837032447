// Who waits for this window, per queue letter, in the order 叫下一位 takes them. Priority is a
// word and a ★, never a colour only; holders appear masked, if at all.
import { Text, View } from '@tarojs/components';
import type { CounterQueueGroup } from '@palm/shared/server';
import { Card } from '../../components/card';
import { Facts } from '../../components/facts';
import { CHANNEL_WORDS, PRIORITY_WORDS } from '../../features/queue/counter-words';

/** How many numbers per letter the panel lists; the count covers everyone. */
const SHOWN = 5;

export function QueueList({ groups }: { groups: CounterQueueGroup[] }) {
  const total = groups.reduce((sum, g) => sum + g.count, 0);
  return (
    <Card title={`等候队列（共 ${total} 人）`} id='counter-queue'>
      {groups.map((group) => (
        <View key={group.letter} id={`counter-queue-${group.letter}`} className='counter__group'>
          <View className='counter__group-head'>
            <Text className='counter__letter'>{group.letter}</Text>
            <Text className='palm-font-large counter__group-label'>{group.label}</Text>
            <Text id={`counter-queue-${group.letter}-count`} className='palm-font-large'>
              {group.count} 人
            </Text>
          </View>
          {group.next.slice(0, SHOWN).map((ticket) => (
            <View key={ticket.id} className='counter__waiting'>
              <Text className='counter__waiting-number'>{ticket.displayNumber}</Text>
              {ticket.priority === 'NORMAL' ? null : <Text className='counter__tag counter__tag--strong'>★ {PRIORITY_WORDS[ticket.priority]}</Text>}
              <Text className='palm-secondary'>
                <Facts parts={[ticket.service.name, CHANNEL_WORDS[ticket.channel], `已等 ${ticket.waitedMinutes} 分钟`, ticket.holder]} />
              </Text>
            </View>
          ))}
          {group.count > SHOWN ? <Text className='palm-secondary'>还有 {group.count - SHOWN} 人…</Text> : null}
          {group.count === 0 ? <Text className='palm-secondary'>暂无等候</Text> : null}
        </View>
      ))}
    </Card>
  );
}
