// What can be done with the ticket now: 取消排队 (confirmed in the page itself, never a pop-up —
// 长辈版 allows none, and an in-page question is as clear for everyone), 重新排队 after 过号
// (once), 重新取号 after it ended; 评价这次办理 once finished, and 办不成事？ with the number as context.
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { Ticket } from '@palm/shared/server';
import { messageOf } from '../../api/errors';
import { cancelTicket, rejoinTicket } from '../../api/tickets';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { ErrorState } from '../../components/error-state';
import { RateEntry } from '../../features/reports/rate-entry';
import { ReportEntry } from '../../features/reports/report-entry';
import { openPage, PAGES } from '../../lib/routes';

export interface TicketActionsProps {
  ticket: Ticket;
  onChange: (ticket: Ticket) => void;
}

export function TicketActions({ ticket, onChange }: TicketActionsProps) {
  const [isConfirming, setIsConfirming] = useState(false);
  const [busy, setBusy] = useState<'cancel' | 'rejoin' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (key: 'cancel' | 'rejoin', action: () => Promise<Ticket>) => {
    setBusy(key);
    setError(null);
    try {
      onChange(await action());
      setIsConfirming(false);
    } catch (failure) {
      setError(messageOf(failure));
    }
    setBusy(null);
  };

  const canCancel = ticket.status === 'WAITING' || ticket.status === 'CALLED';
  const isOver = ticket.status === 'DONE' || ticket.status === 'CANCELLED' || ticket.status === 'TRANSFERRED' || (ticket.status === 'SKIPPED' && !ticket.canRejoin);
  const retake = () => openPage(PAGES.takeTicket, { officeId: ticket.office.id, serviceId: ticket.service.id });

  return (
    <View className='ticket__actions palm-stack'>
      {error ? <ErrorState id='ticket-action-error' message={error} /> : null}
      {ticket.status === 'SKIPPED' ? (
        <Text id='ticket-skipped-note'>{ticket.canRejoin ? '您的号已过，可以重新排队一次（排在 3 人之后）。' : '您的号已过，且已重新排过一次队。请重新取号或到现场窗口办理。'}</Text>
      ) : null}
      {ticket.status === 'TRANSFERRED' ? <Text>已为您转到其他业务或窗口办理，新的排队号在“我的排队”里。</Text> : null}
      {ticket.status === 'DONE' ? <Text>已办结，感谢您的耐心等待。</Text> : null}
      {ticket.status === 'DONE' ? (
        <RateEntry id='ticket-rate' target={{ targetType: 'TICKET', targetId: ticket.id, what: `排队号 ${ticket.displayNumber}`, officeName: ticket.office.name, serviceName: ticket.service.name }} />
      ) : null}
      {ticket.status === 'SKIPPED' && ticket.canRejoin ? (
        <Button id='ticket-rejoin' isBlock isLoading={busy === 'rejoin'} onClick={() => void run('rejoin', () => rejoinTicket(ticket.id, { isQuiet: true }))}>
          重新排队
        </Button>
      ) : null}
      {canCancel && !isConfirming ? (
        <Button id='ticket-cancel' variant='danger' isBlock onClick={() => setIsConfirming(true)}>
          取消排队
        </Button>
      ) : null}
      {canCancel && isConfirming ? (
        <Card id='ticket-cancel-confirm' title={`确定取消 ${ticket.displayNumber} 号吗？`} isNotice>
          <View className='palm-stack'>
            <Text>取消后这个号就作废了，想办理需要重新取号排队。</Text>
            <Button id='ticket-cancel-yes' variant='danger' isBlock isLoading={busy === 'cancel'} onClick={() => void run('cancel', () => cancelTicket(ticket.id, { isQuiet: true }))}>
              确定取消
            </Button>
            <Button id='ticket-cancel-no' variant='secondary' isBlock onClick={() => setIsConfirming(false)}>
              不取消，继续排队
            </Button>
          </View>
        </Card>
      ) : null}
      {isOver ? (
        <Button id='ticket-retake' variant='secondary' isBlock onClick={retake}>
          重新取号
        </Button>
      ) : null}
      <ReportEntry id='ticket-report' context={{ ticketId: ticket.id, what: `排队号 ${ticket.displayNumber}`, officeName: ticket.office.name, serviceName: ticket.service.name }} />
      <Button id='ticket-all' variant='text' isBlock onClick={() => openPage(PAGES.tickets)}>
        我的全部排队号
      </Button>
    </View>
  );
}
