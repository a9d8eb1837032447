// The list: coming appointments first (soonest first) with date, time, hall, code and status in
// words; 我的候补; then the past ones (newest first, fewer in 长辈版). Each row opens its detail.
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useRef } from 'react';
import { useActing } from '../../api/acting-store';
import { listAppointments, type AppointmentView } from '../../api/appointments';
import { useSession } from '../../api/session';
import { useApi } from '../../api/use-api';
import { ActingGate } from '../../components/acting-gate';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { Cell } from '../../components/cell';
import { ErrorState } from '../../components/error-state';
import { Facts } from '../../components/facts';
import { SignInNeeded } from '../../components/sign-in-needed';
import { StatusTag } from '../../components/status-tag';
import { When } from '../../features/appointments/when';
import { isActiveAppointment, statusOf } from '../../features/appointments/words';
import { openPage, PAGES } from '../../lib/routes';
import { useElderMode } from '../../theme/elder-store';
import { WaitlistSection } from './waitlist-section';

function Row({ appointment, id }: { appointment: AppointmentView; id: string }) {
  const status = statusOf(appointment);
  return (
    <Cell
      id={id}
      title={
        <View>
          <Text className='appointments__when'>
            <When slot={appointment} />{' '}
          </Text>
          <StatusTag tone={status.tone} text={status.text} />
        </View>
      }
      description={<Facts parts={[appointment.service.name, appointment.office.name, `预约码 ${appointment.code}`]} />}
      isLink
      onClick={() => openPage(PAGES.appointments, { id: appointment.id })}
    />
  );
}

export function AppointmentList() {
  const { isSignedIn } = useSession();
  const isElder = useElderMode();
  const { actingFor } = useActing();
  const isCovered = !actingFor || actingFor.scopes.includes('APPOINTMENT');
  // While acting, the person's bookings (X-On-Behalf-Of): read again when the person changes.
  const appointments = useApi(isSignedIn && isCovered ? () => listAppointments({ isQuiet: true }) : null, [isSignedIn, actingFor?.userId, isCovered]);
  // Back from a detail (cancelled, checked in): show the list as it is now.
  const isFirstShow = useRef(true);
  useDidShow(() => {
    if (isFirstShow.current) isFirstShow.current = false;
    else appointments.reload();
  });
  const items = appointments.data?.items ?? [];
  const coming = items.filter(isActiveAppointment).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const past = items
    .filter((a) => !isActiveAppointment(a))
    .sort((a, b) => b.startsAt.localeCompare(a.startsAt))
    .slice(0, isElder ? 3 : 10);

  return (
    <>
      {isSignedIn ? null : <SignInNeeded title='查看预约前请先登录' />}
      <ActingGate scope='APPOINTMENT' what='查看预约、预约' />
      {appointments.error ? <ErrorState message={appointments.error.message} onRetry={appointments.error.isRetryable ? appointments.reload : undefined} /> : null}
      {appointments.isLoading ? <Text className='palm-secondary'>正在加载…</Text> : null}
      {appointments.data ? (
        <Card id='appointment-list' title={coming.length > 0 ? `待办理的预约（${coming.length}）` : '待办理的预约'}>
          {coming.length === 0 ? <Text id='appointments-empty' className='book__line'>{actingFor ? `${actingFor.name} 现在没有待办理的预约。` : '您现在没有待办理的预约。'}</Text> : null}
          {coming.map((a, index) => (
            <Row key={a.id} id={`appointment-item-${index}`} appointment={a} />
          ))}
        </Card>
      ) : null}
      {isSignedIn && isCovered ? <WaitlistSection key={actingFor?.userId ?? 'self'} /> : null}
      {isSignedIn && isCovered ? (
        <Button id='appointments-book' isBlock onClick={() => openPage(PAGES.book)}>
          预约办理
        </Button>
      ) : null}
      {past.length > 0 ? (
        <Card id='appointment-history' title='已结束的预约'>
          {past.map((a, index) => (
            <Row key={a.id} id={`appointment-past-${index}`} appointment={a} />
          ))}
        </Card>
      ) : null}
    </>
  );
}
