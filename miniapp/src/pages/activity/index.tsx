// 授权记录: what was done, or tried, on my behalf — who (masked), what in words, when (server clock,
// Asia/Shanghai), done or refused in words and shape — 20 at a time with 加载更多; 这不是我授权的 on
// each act done for me, confirmed in the page, revokes that person's grant at once and reports the
// act to staff — and, after a reload too, whether that revoked the grant. A switch shows what I did
// for others; only the answer for the list now chosen is shown (a late one for the other is dropped).
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { useLatestRequest } from '../../api/latest-request';
import { messageOf } from '../../api/errors';
import { disputeActivity, listActivity, type Activity } from '../../api/grants';
import { useSession } from '../../api/session';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { ChoiceList } from '../../components/choice-list';
import { ErrorState } from '../../components/error-state';
import { PageShell } from '../../components/page-shell';
import { SignInNeeded } from '../../components/sign-in-needed';
import { StatusTag } from '../../components/status-tag';
import { dayLabel, shanghaiTime } from '../../features/appointments/words';
import { shanghaiDate } from '../../lib/server-clock';
import '../../components/record-list/index.scss';
import '../../features/grants/list.scss';

type Direction = 'for_me' | 'by_me';

/** "11月23日 周一 09:40". */
const whenWords = (at: string): string => `${dayLabel(shanghaiDate(0, Date.parse(at)))} ${shanghaiTime(at)}`;

/** "子女 陈** 代您预约：身份证换领" / "您代 张** 取号：…". */
function whatWords(entry: Activity): string {
  const service = entry.service?.name ? `：${entry.service.name}` : '';
  if (entry.direction === 'FOR_ME') return `${entry.person.relation ? `${entry.person.relation} ` : ''}${entry.person.name} 代您${entry.words}${service}`;
  return `您代 ${entry.person.name} ${entry.words}${service}`;
}

/** After 这不是我授权的: what came of it, in words (the entry says whether the grant was revoked by it). */
function disputedWords(entry: Activity): string {
  if (entry.direction === 'BY_ME') return entry.grantRevoked ? `！${entry.person.name} 说这不是其授权的，已撤销对您的代办授权` : `！${entry.person.name} 说这不是其授权的，已报告工作人员核查`;
  return entry.grantRevoked ? `！已撤销对 ${entry.person.name} 的代办授权，已报告工作人员核查` : '！已报告工作人员核查';
}

export default function ActivityPage() {
  const { isSignedIn } = useSession();
  const [direction, setDirection] = useState<Direction>('for_me');
  const [rows, setRows] = useState<Activity[] | null>(null);
  const [cursor, setCursor] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [isLoading, setIsLoading] = useState(false);
  const [confirmingId, setConfirmingId] = useState<string | null>(null);
  const [disputeError, setDisputeError] = useState<{ id: string; message: string } | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const beginRequest = useLatestRequest();

  const load = async (which: Direction, after?: string) => {
    const isLatest = beginRequest();
    setError(null);
    setIsLoading(true);
    try {
      const page = await listActivity({ direction: which, cursor: after }, { isQuiet: true });
      if (!isLatest()) return;
      setRows((now) => [...(after ? (now ?? []) : []), ...page.items]);
      setCursor(page.nextCursor);
    } catch (failure) {
      if (isLatest()) setError(messageOf(failure));
    } finally {
      if (isLatest()) setIsLoading(false);
    }
  };
  useDidShow(() => {
    if (isSignedIn) void load(direction);
  });

  const switchTo = (which: Direction) => {
    if (which === direction) return;
    setDirection(which);
    setRows(null);
    setCursor(undefined);
    setConfirmingId(null);
    void load(which);
  };

  const dispute = async (id: string) => {
    setDisputeError(null);
    setBusyId(id);
    try {
      const answer = await disputeActivity(id, { isQuiet: true });
      setRows((now) => (now ?? []).map((entry) => (entry.id === id ? { ...answer.activity, grantRevoked: answer.grantRevoked } : entry)));
      setConfirmingId(null);
    } catch (failure) {
      setDisputeError({ id, message: messageOf(failure) });
    } finally {
      setBusyId(null);
    }
  };

  if (!isSignedIn) {
    return (
      <PageShell title='授权记录'>
        <SignInNeeded id='activity-sign-in' title='登录后可以查看授权记录' />
      </PageShell>
    );
  }

  return (
    <PageShell title='授权记录'>
      <ChoiceList
        idPrefix='activity-direction'
        label='看哪一类记录'
        chosenId={direction}
        onChoose={(id) => switchTo(id as Direction)}
        choices={[
          { id: 'for_me', title: '别人代我办的' },
          { id: 'by_me', title: '我代别人办的' },
        ]}
      />
      {error ? <ErrorState id='activity-error' message={error} onRetry={() => void load(direction, cursor)} /> : null}
      {rows === null && !error ? <Text className='palm-secondary'>正在加载…</Text> : null}
      {rows && rows.length === 0 ? <Text id='activity-empty' className='palm-secondary'>{direction === 'for_me' ? '还没有人代您办过事。' : '您还没有代别人办过事。'}</Text> : null}
      {rows && rows.length > 0 ? (
        <Card id='activity-list'>
          {rows.map((entry, index) => {
            const id = `activity-${index}`;
            return (
              <View key={entry.id} id={id} className='record-list__row'>
                <View className='record-list__head'>
                  <Text className='palm-secondary'>{whenWords(entry.at)}</Text>
                  {entry.result === 'ALLOWED' ? (
                    <StatusTag tone='open' text='已办理' />
                  ) : entry.result === 'FAILED' ? (
                    <StatusTag tone='notice' text='未办成' detail='没有办理，什么也没变' />
                  ) : (
                    <StatusTag tone='closed' text='被拒绝（没有授权）' />
                  )}
                </View>
                <Text id={`${id}-what`} className='record-list__strong'>
                  {whatWords(entry)}
                </Text>
                {entry.disputedAt ? (
                  <View id={`${id}-disputed`} className='record-list__strong' role='status'>
                    {disputedWords(entry)}
                  </View>
                ) : null}
                {entry.canDispute && confirmingId !== entry.id ? (
                  <Button id={`${id}-dispute`} variant='secondary' isBlock onClick={() => setConfirmingId(entry.id)}>
                    这不是我授权的
                  </Button>
                ) : null}
                {entry.canDispute && confirmingId === entry.id ? (
                  <View id={`${id}-confirm`} className='grant-list__confirm' role='group' aria-label='这不是我授权的'>
                    <Text className='grant-list__confirm-text'>{`确认这不是您授权的吗？${entry.person.name} 的代办授权会马上撤销，这条记录会报告工作人员核查。`}</Text>
                    <Button id={`${id}-confirm-yes`} variant='danger' isBlock isLoading={busyId === entry.id} onClick={() => void dispute(entry.id)}>
                      确认，不是我授权的
                    </Button>
                    <Button id={`${id}-confirm-no`} variant='secondary' isBlock onClick={() => setConfirmingId(null)}>
                      不用了
                    </Button>
                  </View>
                ) : null}
                {disputeError?.id === entry.id ? <ErrorState id={`${id}-error`} message={disputeError.message} /> : null}
              </View>
            );
          })}
        </Card>
      ) : null}
      {cursor ? (
        <Button id='activity-more' variant='secondary' isBlock isLoading={isLoading} onClick={() => void load(direction, cursor)}>
          加载更多
        </Button>
      ) : null}
    </PageShell>
  );
}
