// 我的候补: people waiting for a full time, their place in the line, and 取消候补 confirmed in the
// page (no pop-up). A place won shows 已约上 and opens the booking. Hidden while there is none, and
// when the BFF cannot list them (the list then simply shows the appointments).
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { cancelWaitlist, listWaitlist, type WaitlistEntry } from '../../api/appointments';
import { messageOf } from '../../api/errors';
import { useApi } from '../../api/use-api';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { ErrorState } from '../../components/error-state';
import { Facts } from '../../components/facts';
import { StatusTag } from '../../components/status-tag';
import { When } from '../../features/appointments/when';
import { WAITLIST_STATUS } from '../../features/appointments/words';
import { openPage, PAGES } from '../../lib/routes';

const SHOWN: readonly string[] = ['WAITING', 'PROMOTED', 'SKIPPED'];

function Entry({ entry, index, onChange }: { entry: WaitlistEntry; index: number; onChange: (e: WaitlistEntry) => void }) {
  const [isConfirming, setIsConfirming] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const status = WAITLIST_STATUS[entry.status];
  const cancel = async () => {
    setIsBusy(true);
    setError(null);
    try {
      onChange(await cancelWaitlist(entry.id, { isQuiet: true }));
      setIsConfirming(false);
    } catch (failure) {
      setError(messageOf(failure));
    }
    setIsBusy(false);
  };
  return (
    <View id={`waitlist-item-${index}`} className='appointments__entry palm-stack'>
      <View>
        <Text className='appointments__when'>
          <When slot={entry.slot} />{' '}
        </Text>
        <StatusTag tone={status.tone} text={status.text} detail={entry.status === 'WAITING' && entry.position ? `第 ${entry.position} 位` : undefined} />
      </View>
      <Text className='book__line palm-secondary'>
        <Facts parts={[entry.service.name, entry.office.name]} />
      </Text>
      {entry.status === 'SKIPPED' && entry.skipReason ? <Text className='book__line'>{`没能为您约上：${entry.skipReason}`}</Text> : null}
      {error ? <ErrorState message={error} /> : null}
      {entry.status === 'PROMOTED' && entry.appointmentId ? (
        <Button id={`waitlist-open-${index}`} variant='secondary' isBlock onClick={() => openPage(PAGES.appointments, { id: entry.appointmentId ?? undefined })}>
          查看约上的预约
        </Button>
      ) : null}
      {entry.status === 'WAITING' && !isConfirming ? (
        <Button id={`waitlist-cancel-${index}`} variant='danger' isBlock onClick={() => setIsConfirming(true)}>
          取消候补
        </Button>
      ) : null}
      {entry.status === 'WAITING' && isConfirming ? (
        <Card id={`waitlist-cancel-confirm-${index}`} title='确定取消这个候补吗？' isNotice>
          <View className='palm-stack'>
            <Text className='book__line'>取消后不再为您等空位。</Text>
            <Button id={`waitlist-cancel-yes-${index}`} variant='danger' isBlock isLoading={isBusy} onClick={() => void cancel()}>
              确定取消候补
            </Button>
            <Button id={`waitlist-cancel-no-${index}`} variant='secondary' isBlock onClick={() => setIsConfirming(false)}>
              不取消，继续候补
            </Button>
          </View>
        </Card>
      ) : null}
    </View>
  );
}

export function WaitlistSection() {
  const waitlist = useApi(() => listWaitlist({ isQuiet: true }), []);
  const [changed, setChanged] = useState<Record<string, WaitlistEntry>>({});
  const entries = (waitlist.data?.items ?? []).map((e) => changed[e.id] ?? e).filter((e) => SHOWN.includes(e.status) || changed[e.id]);
  if (entries.length === 0) return null;
  return (
    <Card id='waitlist' title='我的候补'>
      {entries.map((entry, index) => (
        <Entry key={entry.id} entry={entry} index={index} onChange={(e) => setChanged((old) => ({ ...old, [e.id]: e }))} />
      ))}
    </Card>
  );
}
