// One appointment: the code large (what the clerk asks for), its status in words, when and where,
// and what can be done now — 签到 in its window, then the priority queue number it became with
// 查看排队号; 改约 / 取消 until 30 minutes before; 预约提醒 by the person's own tap. It is asked
// again, quietly, when the check-in window opens or closes and whenever the page is shown again
// (back from the ticket, or from another app), so what it offers is what the BFF says now. What to
// bring is the guide as it was when the appointment was made (its version, kept by 改约): when the
// guide has changed since, one line says the booking is handled by the guide it was made under.
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { getAppointment, type AppointmentView } from '../../api/appointments';
import { useSession } from '../../api/session';
import { useApi } from '../../api/use-api';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { ErrorState } from '../../components/error-state';
import { SignInNeeded } from '../../components/sign-in-needed';
import { StatusTag } from '../../components/status-tag';
import { Fact } from '../../features/appointments/fact';
import { Materials } from '../../features/service-guide/materials';
import { ReminderButton } from '../../features/appointments/reminder-button';
import { checkInWindow, dayLabel, statusOf, whenLabel } from '../../features/appointments/words';
import { TICKET_STATUS } from '../../features/queue/ticket-status';
import { RateEntry } from '../../features/reports/rate-entry';
import { ReportEntry } from '../../features/reports/report-entry';
import { openPage, PAGES } from '../../lib/routes';
import { ChangePanels } from './change-panels';
import { CheckInPanel } from './check-in-panel';
import { useCheckInTimer } from './use-check-in-timer';

function QueueTicket({ ticket }: { ticket: NonNullable<AppointmentView['ticket']> }) {
  const status = TICKET_STATUS[ticket.status];
  return (
    <Card id='checkin-done' title='已签到，请留意叫号'>
      <View className='book__code-head'>
        <Text className='book__code-label'>您的排队号</Text>
        <Text id='checkin-ticket-number' className='book__code' aria-label={`排队号 ${ticket.displayNumber}`}>
          {ticket.displayNumber}
        </Text>
        <StatusTag tone={status?.tone ?? 'neutral'} text={status?.text ?? ticket.status} detail='预约优先' />
      </View>
      <Button id='checkin-open-ticket' isBlock onClick={() => openPage(PAGES.ticket, { id: ticket.id })}>
        查看排队号
      </Button>
    </Card>
  );
}

/** 所需材料 from the guide version the appointment was booked under, with the 免证办 ones named. */
function BookedGuide({ appointment }: { appointment: AppointmentView }) {
  const { guide } = appointment;
  const covered = appointment.licenceMaterials ?? [];
  return (
    <Card id='appointment-guide' title='所需材料'>
      {guide.isCurrent ? null : (
        <Text id='appointment-guide-changed' className='book__line'>
          办事指南已更新；您的预约按预约时的指南办理。
        </Text>
      )}
      <Materials materials={guide.materials} idPrefix='appointment-material' />
      {covered.length > 0 ? <Fact id='appointment-licences' label='免证办（不用带）' value={covered.map((m) => m.name).join('、')} detail={covered.map((m) => m.words).join('；')} /> : null}
      <Fact label='收费' value={guide.fee.display} detail={guide.fee.note ?? undefined} />
    </Card>
  );
}

export function AppointmentDetail({ id }: { id: string }) {
  const { isSignedIn } = useSession();
  const loaded = useApi(isSignedIn ? () => getAppointment(id, { isQuiet: true }) : null, [id, isSignedIn]);
  const [changed, setChanged] = useState<{ appointment: AppointmentView; note?: string } | null>(null);
  const appointment = changed?.appointment ?? loaded.data;
  // Only the newest answer counts: a refresh sent before a check-in or a move must not undo it.
  const latest = useRef(0);
  const show = (a: AppointmentView, note: string) => {
    latest.current += 1;
    setChanged({ appointment: a, note });
  };
  // What is shown stays until the answer comes (no 正在加载…, a typed code is kept); a failed
  // refresh changes nothing.
  const refresh = useCallback(() => {
    const asked = (latest.current += 1);
    getAppointment(id, { isQuiet: true }).then(
      (fresh) => asked === latest.current && setChanged((old) => ({ appointment: fresh, note: old?.note })),
      () => undefined,
    );
  }, [id]);
  useCheckInTimer(appointment, refresh);
  // The first show comes while the page is still loading; later ones ask again.
  useDidShow(() => {
    if (appointment) refresh();
    else if (loaded.error) loaded.reload();
  });

  if (!isSignedIn) return <SignInNeeded title='查看预约前请先登录' />;
  if (loaded.error) return <ErrorState id='appointment-error' message={loaded.error.message} onRetry={loaded.error.isRetryable ? loaded.reload : undefined} />;
  if (!appointment) return <Text className='palm-secondary'>正在加载…</Text>;

  const status = statusOf(appointment);
  const isBooked = appointment.status === 'BOOKED';
  const isOver = ['DONE', 'CANCELLED', 'NO_SHOW'].includes(appointment.status);
  return (
    <View className='palm-stack'>
      {changed?.note ? (
        <View id='appointment-note' role='status'>
          <StatusTag tone='open' text={changed.note} />
        </View>
      ) : null}
      {appointment.ticket ? <QueueTicket ticket={appointment.ticket} /> : null}
      <Card id='appointment-card'>
        <View className='book__code-head'>
          <StatusTag id='appointment-status' tone={status.tone} text={status.text} />
          <Text className='book__code-label'>预约码</Text>
          <Text id='appointment-code' className='book__code' aria-label={`预约码 ${appointment.code.split('').join(' ')}`}>
            {appointment.code}
          </Text>
        </View>
        <Fact id='appointment-when' label='时间' value={whenLabel(appointment)} />
        <Fact id='appointment-office' label='大厅' value={appointment.office.name} detail={appointment.office.address} />
        <Fact id='appointment-service' label='事项' value={appointment.service.name} />
        {appointment.onBehalfOf ? <Fact label='办理人' value={`代 ${appointment.onBehalfOf} 办理`} /> : null}
        {isBooked ? <Fact label='签到时间' value={`${dayLabel(appointment.date)} ${checkInWindow(appointment)}`} detail='签到后优先叫号' /> : null}
        {appointment.status === 'NO_SHOW' ? <Text className='book__line'>没有在签到时间内签到，这次预约已作废。需要办理可以重新预约，或直接到窗口取号。</Text> : null}
        {appointment.status === 'CANCELLED' && appointment.cancelReason ? <Fact label='取消原因' value={appointment.cancelReason} /> : null}
      </Card>
      {isOver ? null : <BookedGuide appointment={appointment} />}
      {isBooked ? <CheckInPanel appointment={appointment} onCheckedIn={(a) => show(a, '签到成功')} onRefresh={refresh} /> : null}
      {isBooked ? <ReminderButton /> : null}
      {isBooked ? <ChangePanels appointment={appointment} onChange={show} /> : null}
      {isOver ? (
        <Button id='appointment-book-again' variant='secondary' isBlock onClick={() => openPage(PAGES.book, { officeId: appointment.office.id, serviceId: appointment.service.id })}>
          再次预约
        </Button>
      ) : null}
      {appointment.status === 'DONE' ? (
        <RateEntry id='appointment-rate' target={{ targetType: 'APPOINTMENT', targetId: appointment.id, what: `${whenLabel(appointment)} 的预约`, officeName: appointment.office.name, serviceName: appointment.service.name }} />
      ) : null}
      <ReportEntry id='appointment-report' context={{ appointmentId: appointment.id, what: `${whenLabel(appointment)} 的预约`, officeName: appointment.office.name, serviceName: appointment.service.name }} />
      <Button id='appointment-all' variant='text' isBlock onClick={() => openPage(PAGES.appointments)}>
        我的全部预约
      </Button>
    </View>
  );
}
