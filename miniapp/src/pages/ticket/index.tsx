// 我的排队号 (?id=): the number large, its state in words, people ahead with a progress bar and
// the wait range, kept current live (实时更新中) or every 5 s (每5秒刷新) — and when it is called,
// 请到 N 号窗口 in the largest text, a vibration and on H5 the call read aloud.
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useSession } from '../../api/session';
import { ErrorState } from '../../components/error-state';
import { PageShell } from '../../components/page-shell';
import { SignInNeeded } from '../../components/sign-in-needed';
import { LiveIndicator } from '../../features/queue/live-indicator';
import { useCallAlert } from './call-alert';
import { SubscribeReminder } from './subscribe-reminder';
import { TicketActions } from './ticket-actions';
import { TicketCard } from './ticket-card';
import { useLiveTicket } from './use-live-ticket';
import './index.scss';

export default function TicketPage() {
  const id = useRouter().params.id ?? '';
  const { isSignedIn } = useSession();
  const { ticket, error, live, reload, update } = useLiveTicket(id, isSignedIn);
  useCallAlert(ticket);
  const isChanging = ticket ? ['WAITING', 'CALLED', 'SERVING', 'SKIPPED'].includes(ticket.status) : false;

  return (
    <PageShell title='我的排队号'>
      {isSignedIn ? null : <SignInNeeded title='查看排队号前请先登录' />}
      {error ? <ErrorState id='ticket-error' message={error.message} onRetry={error.isRetryable ? reload : undefined} /> : null}
      {isSignedIn && !ticket && !error ? <Text className='palm-secondary'>正在加载…</Text> : null}
      {ticket ? (
        <>
          {isChanging ? (
            <View className='ticket__live'>
              <LiveIndicator id='ticket-live-status' live={live} pollingText='每5秒刷新' />
            </View>
          ) : null}
          {ticket.isTurnNear && ticket.status === 'WAITING' ? (
            <View id='ticket-turn-near' className='ticket__window' role='status'>
              快到您了，请回到大厅等候叫号
            </View>
          ) : null}
          <TicketCard ticket={ticket} />
          <SubscribeReminder ticket={ticket} />
          <TicketActions ticket={ticket} onChange={update} />
        </>
      ) : null}
    </PageShell>
  );
}
