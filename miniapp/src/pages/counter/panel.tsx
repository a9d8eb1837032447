// One window at work: its state, the number at it with the steps it may take, 转办, 窗口取号 and
// 预约签到 in the page, and the queue. Two columns on a window PC, one on a phone. Errors (a 409 such as
// "请先办结或过号当前号码") are said in words above the buttons, never in a pop-up.
import { Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import type { Ticket } from '@palm/shared/server';
import { callNext, setCounterState, ticketStep, transferTicket, walkIn, type CounterStep } from '../../api/counters';
import { messageOf } from '../../api/errors';
import { newIdempotencyKey } from '../../api/tickets';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { ErrorState } from '../../components/error-state';
import { Facts } from '../../components/facts';
import { StatusTag } from '../../components/status-tag';
import { scrollTo } from '../../features/appointments/scroll';
import { counterLabel } from '../../features/queue/counter-words';
import { Actions, type PanelAction } from './actions';
import { AppointmentCheckIn } from './appointment-check-in';
import { NowServing } from './now-serving';
import { QueueList } from './queue-list';
import { StateBar } from './state-bar';
import { TransferPicker, type TransferTarget } from './transfer-picker';
import { useCounter } from './use-counter';
import { WalkIn } from './walk-in';

export interface PanelProps {
  counterId: string;
  /** Shown when the person may work more than one window. */
  onChangeCounter?: () => void;
}

type Busy = PanelAction | CounterStep | 'walk-in' | 'transfer-confirm';

export function Panel({ counterId, onChangeCounter }: PanelProps) {
  const { detail, error, liveStatus, changes, refresh } = useCounter(counterId);
  const [busy, setBusy] = useState<Busy | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [isTransferring, setIsTransferring] = useState(false);
  const [issued, setIssued] = useState<Ticket | null>(null);
  // 窗口取号: one key per attempt (per service chosen) until a number is printed, so a retry after a
  // lost answer gives the same number.
  const walkInAttempt = useRef<{ serviceId: string; key: string } | null>(null);

  if (!detail) {
    return error ? <ErrorState id='counter-load-error' message={error.message} onRetry={() => void refresh()} /> : <Text className='palm-secondary'>正在加载…</Text>;
  }

  const issueWalkIn = async (serviceId: string): Promise<null> => {
    if (walkInAttempt.current?.serviceId !== serviceId) walkInAttempt.current = { serviceId, key: newIdempotencyKey() };
    setIssued(await walkIn(counterId, serviceId, walkInAttempt.current.key, quiet));
    walkInAttempt.current = null;
    return null;
  };

  const run = async (what: Busy, work: () => Promise<string | null>) => {
    setBusy(what);
    setFailure(null);
    setNotice(null);
    try {
      setNotice(await work());
    } catch (err) {
      setFailure(messageOf(err));
    } finally {
      setBusy(null);
      await refresh();
    }
  };
  const quiet = { isQuiet: true } as const;
  const current = detail.current;

  const onAction = (action: PanelAction) => {
    if (action === 'transfer') {
      setIsTransferring(true);
      return;
    }
    // After a step the notice above grows and the buttons change: bring 当前号码 back into view.
    const showNumber = () => scrollTo('#counter-now');
    if (action === 'call-next') {
      void run(action, async () => {
        const { called } = await callNext(counterId, quiet);
        return called ? `已叫号：请 ${called.displayNumber} 号到${counterLabel(detail.number)}` : '现在没有等候的群众。';
      }).then(showNumber);
      return;
    }
    if (!current) return;
    void run(action, async () => {
      const ticket = await ticketStep(current.id, action, quiet);
      return { recall: `已重呼 ${ticket.displayNumber}`, skip: `${ticket.displayNumber} 已过号`, start: `开始办理 ${ticket.displayNumber}`, finish: `${ticket.displayNumber} 已办结` }[action];
    }).then(showNumber);
  };
  const onTransfer = (target: TransferTarget) => {
    if (!current) return;
    void run('transfer-confirm', async () => {
      const next = await transferTicket(current.id, target, quiet);
      setIsTransferring(false);
      return `${current.displayNumber} 已转办，新号码 ${next.displayNumber}（${next.service.name}）`;
    });
  };
  const stateBusy = busy === 'open' || busy === 'pause' || busy === 'close' ? busy : null;
  const actionBusy = busy === 'call-next' || busy === 'recall' || busy === 'skip' || busy === 'start' || busy === 'finish' ? busy : null;

  return (
    <View className='counter__panel'>
      <View className='counter__head'>
        {/* The hall, the window's number and its name each stay whole (never 1号窗 / 口). */}
        <Text id='counter-title' className='palm-font-large counter__head-title'>
          <Facts parts={[detail.office.name]} />
          {'\u00a0· '}
          <Text className='palm-whole'>{counterLabel(detail.number)}</Text> <Facts parts={[detail.name]} />
        </Text>
        {/* The live state in words and the green of 营业中, not a grey dot that reads as offline. */}
        {liveStatus === 'live' ? (
          <StatusTag id='counter-live-status' tone='open' text='实时更新中' />
        ) : (
          <StatusTag id='counter-live-status' tone='notice' text={liveStatus === 'polling' ? '定时刷新' : '正在连接…'} />
        )}
        {onChangeCounter ? (
          <Button id='counter-change' variant='text' onClick={onChangeCounter}>
            换窗口
          </Button>
        ) : null}
      </View>
      {failure ? <ErrorState id='counter-error' message={failure} /> : null}
      {notice ? (
        <View id='counter-notice' className='counter__notice' role='status'>
          <Text>✓ {notice}</Text>
        </View>
      ) : null}
      <View className='counter__columns'>
        <View className='counter__main'>
          <Card title='窗口状态'>
            <StateBar detail={detail} busy={stateBusy} onChange={(step) => void run(step, async () => (await setCounterState(counterId, step, quiet), null))} />
          </Card>
          <NowServing ticket={current} />
          <Actions detail={detail} busy={actionBusy} onAction={onAction} />
          {isTransferring && current ? (
            <TransferPicker
              displayNumber={current.displayNumber}
              targets={detail.transferTargets}
              isBusy={busy === 'transfer-confirm'}
              onConfirm={onTransfer}
              onCancel={() => setIsTransferring(false)}
            />
          ) : null}
          <WalkIn
            services={detail.services}
            isDisabled={!detail.canOperate}
            isBusy={busy === 'walk-in'}
            issued={issued}
            onIssue={(serviceId) => void run('walk-in', () => issueWalkIn(serviceId))}
            onDone={() => setIssued(null)}
          />
          <AppointmentCheckIn officeId={detail.office.id} canOperate={detail.canOperate} changes={changes} onCheckedIn={() => void refresh()} />
        </View>
        <View className='counter__side'>
          <QueueList groups={detail.queue} />
        </View>
      </View>
    </View>
  );
}
