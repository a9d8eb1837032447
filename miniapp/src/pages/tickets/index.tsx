// 我的排队: my numbers of the latest business day (today's, as the BFF's clock says: the phone's
// date may differ), active first, each with its state and priority lane in words and where it
// stands; a tap opens it. Older days are left out: a queue number lives for one business day.
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useRef } from 'react';
import type { Ticket } from '@palm/shared/server';
import { useSession } from '../../api/session';
import { useActing } from '../../api/acting-store';
import { listTickets } from '../../api/tickets';
import { useApi } from '../../api/use-api';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { Cell } from '../../components/cell';
import { ErrorState } from '../../components/error-state';
import { ActingGate } from '../../components/acting-gate';
import { Facts } from '../../components/facts';
import { PageShell } from '../../components/page-shell';
import { SignInNeeded } from '../../components/sign-in-needed';
import { StatusTag } from '../../components/status-tag';
import { formatEstimate, isActiveTicket, TICKET_PRIORITY, TICKET_STATUS, windowLine } from '../../features/queue/ticket-status';
import { serverToday } from '../../lib/server-clock';
import { openPage, PAGES } from '../../lib/routes';

function standing(ticket: Ticket): string[] {
  // The hall on every row: two halls can give out the same number.
  if (ticket.status === 'WAITING') return [ticket.office.name, `前面还有 ${ticket.peopleAhead ?? '—'} 人`, `预计 ${formatEstimate(ticket.estimate)}`];
  if (ticket.status === 'CALLED') return [ticket.office.name, windowLine(ticket.counter)];
  return [ticket.office.name];
}

export default function TicketsPage() {
  const { isSignedIn } = useSession();
  const { actingFor } = useActing();
  const isCovered = !actingFor || actingFor.scopes.includes('QUEUE');
  // While acting, the person's numbers (X-On-Behalf-Of): read again when the person changes.
  const tickets = useApi(isSignedIn && isCovered ? () => listTickets({ isQuiet: true }) : null, [isSignedIn, actingFor?.userId, isCovered]);
  // Back from a ticket (cancelled, rejoined): show the list as it is now.
  const isFirstShow = useRef(true);
  useDidShow(() => {
    if (isFirstShow.current) isFirstShow.current = false;
    else tickets.reload();
  });
  const all = tickets.data?.items ?? [];
  const latest = all.reduce((max, t) => (t.businessDate > max ? t.businessDate : max), '');
  const items = all.filter((t) => t.businessDate === latest);
  const day = latest === serverToday() ? '今天' : `${Number(latest.slice(5, 7))}月${Number(latest.slice(8, 10))}日`;
  const ordered = [...items.filter((t) => isActiveTicket(t.status)), ...items.filter((t) => !isActiveTicket(t.status))];

  return (
    <PageShell title={actingFor ? `${actingFor.name} 的排队` : '我的排队'}>
      {isSignedIn ? null : <SignInNeeded title='查看排队号前请先登录' />}
      <ActingGate scope='QUEUE' what='查看排队号、取号' />
      {tickets.error ? <ErrorState message={tickets.error.message} onRetry={tickets.error.isRetryable ? tickets.reload : undefined} /> : null}
      {tickets.isLoading ? <Text className='palm-secondary'>正在加载…</Text> : null}
      {tickets.data ? (
        <Card id='ticket-list' title={ordered.length > 0 ? `${day} ${ordered.length} 个排队号` : undefined}>
          {ordered.length === 0 ? <Text id='tickets-empty'>{actingFor ? `${actingFor.name} 还没有排队号。` : '您还没有排队号。'}</Text> : null}
          {ordered.map((ticket, index) => (
            <Cell
              key={ticket.id}
              id={`ticket-item-${index}`}
              title={
                <View>
                  <Text className='palm-font-large'>{ticket.displayNumber} </Text>
                  <StatusTag tone={TICKET_STATUS[ticket.status].tone} text={TICKET_STATUS[ticket.status].text} detail={TICKET_PRIORITY[ticket.priority]} />
                </View>
              }
              description={<Facts parts={[ticket.service.name, ...standing(ticket)]} />}
              isLink
              onClick={() => openPage(PAGES.ticket, { id: ticket.id })}
            />
          ))}
        </Card>
      ) : null}
      {isSignedIn && isCovered ? (
        <Button id='tickets-take' isBlock onClick={() => openPage(PAGES.takeTicket)}>
          取号
        </Button>
      ) : null}
    </PageShell>
  );
}
