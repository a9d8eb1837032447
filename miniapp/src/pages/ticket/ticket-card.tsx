// The ticket itself: the number large, where and what, the state in words, and while waiting the
// people ahead with a progress bar (words beside it, never the bar alone) and the wait range.
import { Text, View } from '@tarojs/components';
import type { Ticket } from '@palm/shared/server';
import { Card } from '../../components/card';
import { Cell } from '../../components/cell';
import { StatusTag } from '../../components/status-tag';
import { progressStart } from '../../features/queue/people-ahead';
import { formatEstimate, TICKET_PRIORITY, TICKET_STATUS, windowLine } from '../../features/queue/ticket-status';

function Progress({ ticket }: { ticket: Ticket }) {
  const start = progressStart(ticket);
  if (start === null || ticket.peopleAhead === null) return null;
  const moved = start - ticket.peopleAhead;
  const percent = start === 0 ? 100 : Math.round((moved / start) * 100);
  return (
    <View>
      {/* A label and a tinted track, so an empty bar reads as progress at its start, not a text box. */}
      <View className='ticket__progress-label'>
        <Text>排队进度</Text>
        <Text>{percent}%</Text>
      </View>
      <View
        id='ticket-progress'
        className='ticket__progress'
        role='progressbar'
        aria-label='排队进度'
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`已前进 ${moved} 人，共 ${start} 人`}
      >
        <View className='ticket__progress-fill' style={{ width: `${percent}%` }} />
      </View>
      <Text className='palm-secondary'>{start === 0 ? '您前面没有人' : `取号时前面 ${start} 人，已前进 ${moved} 人`}</Text>
    </View>
  );
}

export function TicketCard({ ticket }: { ticket: Ticket }) {
  const status = TICKET_STATUS[ticket.status];
  const isWaiting = ticket.status === 'WAITING';
  return (
    <Card id='ticket-card'>
      <View className='ticket__head'>
        <Text className='ticket__label'>您的排队号</Text>
        <Text id='ticket-number' className='ticket__number' aria-label={`排队号 ${ticket.displayNumber}`}>
          {ticket.displayNumber}
        </Text>
        <StatusTag id='ticket-status' tone={status.tone} text={status.text} detail={TICKET_PRIORITY[ticket.priority]} />
      </View>
      {ticket.status === 'CALLED' ? (
        <View id='ticket-window' className='ticket__window' role='alert'>
          {windowLine(ticket.counter)}
        </View>
      ) : null}
      {ticket.status === 'SERVING' && ticket.counter ? (
        <View id='ticket-window' className='ticket__window'>
          正在 {ticket.counter.number} 号窗口办理
        </View>
      ) : null}
      <View className='ticket__where'>
        <Cell id='ticket-office' title='大厅' value={ticket.office.name} />
        <Cell id='ticket-service' title='事项' value={ticket.service.name} />
        {ticket.onBehalfOf ? <Cell title='代办' value={`代 ${ticket.onBehalfOf} 办理`} /> : null}
      </View>
      {isWaiting ? (
        <View>
          <Text className='palm-secondary'>前面还有</Text>
          <Text id='ticket-people-ahead' className='ticket__figure'>
            {' '}
            {ticket.peopleAhead ?? '—'}{' '}
          </Text>
          <Text className='palm-secondary'>人</Text>
          <Progress ticket={ticket} />
          <View className='palm-stack--spaced'>
            <Text className='palm-secondary'>预计等候 </Text>
            <Text id='ticket-estimate' className='palm-font-large'>
              {formatEstimate(ticket.estimate)}
            </Text>
          </View>
        </View>
      ) : null}
    </Card>
  );
}
