// 预约签到 at the window (DESIGN.md §4 "Appointments"): the person reads out their 6-character
// appointment code, the clerk types it — or taps 签到 on its row in 今日预约 — and the appointment
// becomes an APPOINTMENT-priority number, shown large. Refusals are said in words in the page,
// never in a pop-up (长辈版 allows none). Who may check in follows the panel's canOperate; the BFF
// decides again ('office.operate'). The 签到 button is never greyed out for an unfinished code: a
// tap says what is missing, so its state is never shown by colour alone.
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { OfficeAppointment } from '@palm/shared/server';
import { checkInByCode } from '../../api/counters';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { ErrorState } from '../../components/error-state';
import { TextField } from '../../components/text-field';
import { AppointmentList } from './appointment-list';
import { appointmentLine, codeProblem, codeToSend, normaliseCode, refusalOf } from './check-in-words';
import { CheckedInView, type CheckedIn } from './checked-in';
import { HallCode } from './hall-code';
import { useOfficeAppointments } from './use-office-appointments';

export interface AppointmentCheckInProps {
  officeId: string;
  canOperate: boolean;
  /** Moves on every queue change at the office (useCounter), so 今日预约 follows scans elsewhere. */
  changes: number;
  /** A number was added to the queue: the panel reads it again. */
  onCheckedIn: () => void;
}

/** `busy` while the typed code is sent; a row's id while that row's is. */
const FORM = 'form';

export function AppointmentCheckIn({ officeId, canOperate, changes, onCheckedIn }: AppointmentCheckInProps) {
  const { list, error, refresh } = useOfficeAppointments(officeId, changes);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  // `code`: the refused code, to say which appointment it is from the list as last read.
  const [formError, setFormError] = useState<{ message: string; code: string | null } | null>(null);
  const [rowError, setRowError] = useState<{ id: string; message: string } | null>(null);
  const [result, setResult] = useState<CheckedIn | null>(null);

  const findByCode = (wanted: string) => list?.items.find((a) => a.code === wanted) ?? null;

  const checkIn = async (appointmentCode: string, row: OfficeAppointment | null) => {
    setBusy(row?.id ?? FORM);
    setFormError(null);
    setRowError(null);
    setResult(null);
    const known = row ?? findByCode(appointmentCode);
    try {
      const appointment = await checkInByCode(officeId, appointmentCode, { isQuiet: true });
      setResult({ appointment, name: appointment.onBehalfOf ?? known?.name ?? null, wasAlready: known?.status === 'CHECKED_IN' });
      if (!row) setCode('');
      onCheckedIn();
    } catch (failure) {
      const message = refusalOf(failure);
      if (row) setRowError({ id: row.id, message });
      else setFormError({ message, code: appointmentCode });
    }
    setBusy(null);
    await refresh();
  };

  const submit = () => {
    const missing = codeToSend(code);
    if (missing) setFormError({ message: missing, code: null });
    else void checkIn(code, null);
  };

  // A character no code can have is said while typing, before anything is sent.
  const problem = codeProblem(code);
  const alert = problem ? { message: problem, code: null } : formError;
  // The list says when and what the refused appointment is (and its status now), which the refusal alone may not.
  const refused = alert?.code ? findByCode(alert.code) : null;
  return (
    <>
      <Card title='预约签到' id='counter-checkin'>
        <View className='palm-stack'>
          {canOperate ? (
            <>
              <Text className='palm-secondary'>请群众报出预约码（6位字母和数字，大小写都可以），输入后点“签到”，即转为预约优先的排队号。</Text>
              <TextField
                id='counter-checkin-code'
                label='预约码'
                placeholder='例如 K7M2QX'
                value={code}
                maxLength={12}
                onInput={(typed) => {
                  setCode(normaliseCode(typed));
                  setFormError(null);
                }}
              />
              {alert ? <ErrorState id='counter-checkin-error' message={alert.message} /> : null}
              {refused ? (
                <Text id='counter-checkin-context' className='palm-secondary'>
                  预约码 {refused.code}：{appointmentLine(refused)}
                </Text>
              ) : null}
              <Button id='counter-checkin-submit' isBlock isDisabled={busy !== null && busy !== FORM} isLoading={busy === FORM} onClick={submit}>
                签到
              </Button>
            </>
          ) : (
            <Text id='counter-checkin-read-only' className='palm-secondary'>
              签到由窗口工作人员进行；您可以查看下面的今日预约和大厅签到码。
            </Text>
          )}
          {result ? <CheckedInView result={result} onDone={() => setResult(null)} /> : null}
        </View>
      </Card>
      <AppointmentList
        list={list}
        error={error}
        onRetry={() => void refresh()}
        canOperate={canOperate}
        busy={busy}
        rowError={rowError}
        onCheckIn={(row) => void checkIn(row.code, row)}
      />
      <HallCode officeId={officeId} />
    </>
  );
}
