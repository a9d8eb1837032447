// One door-to-door task: whose (masked) and what, when, its state in words + shape, the visits
// noted so far, the numbers and bookings made for the resident under it, and the next steps —
// 记录走访 (with a note), 完成, 取消 — each confirmed in the page, never in a pop-up (长辈版).
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ApiError } from '../../api/errors';
import { cancelTask, finishTask, recordVisit, type GridTask } from '../../api/grid';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { ErrorState } from '../../components/error-state';
import { StatusTag } from '../../components/status-tag';
import { TextField } from '../../components/text-field';
import { APPOINTMENT_STATUS, dayLabel, shanghaiTime } from '../../features/appointments/words';
import { TICKET_STATUS } from '../../features/queue/ticket-status';
import { serverToday } from '../../lib/server-clock';
import { grantTag, monthDay, plannedLabel, residentName, taskTag } from './words';

type Step = 'none' | 'visit' | 'done' | 'cancel';

const CONFIRM: Record<Exclude<Step, 'none'>, { title: string; yes: string; no: string; field?: string }> = {
  visit: { title: '记录这次走访', yes: '确认记录走访', no: '不记录', field: '走访情况（可不填）' },
  done: { title: '确定办结这项任务吗？', yes: '确认办结', no: '不办结', field: '办结说明（可不填）' },
  cancel: { title: '确定取消这项任务吗？', yes: '确认取消任务', no: '不取消', field: '取消原因（可不填）' },
};

export function TaskCard({ task, index, onChange }: { task: GridTask; index: number; onChange: (task: GridTask, note: string) => void }) {
  const [step, setStep] = useState<Step>('none');
  const [text, setText] = useState('');
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = `grid-task-${index}`;
  const tag = taskTag(task);
  const grant = grantTag(task.resident.grant);

  const open = (next: Step) => {
    setStep(next);
    setText('');
    setError(null);
  };
  const run = async () => {
    const note = text.trim() || undefined;
    const act = { visit: () => recordVisit(task.id, note, { isQuiet: true }), done: () => finishTask(task.id, note, { isQuiet: true }), cancel: () => cancelTask(task.id, note, { isQuiet: true }) };
    const said = { visit: '已记录走访。', done: '任务已办结。', cancel: '任务已取消。' };
    if (step === 'none') return;
    setIsBusy(true);
    setError(null);
    try {
      const changed = await act[step]();
      const done = step;
      open('none');
      onChange(changed, said[done]);
    } catch (failure) {
      setError((failure instanceof ApiError ? failure : new ApiError('INTERNAL', 0)).message);
    }
    setIsBusy(false);
  };
  const confirm = step === 'none' ? null : CONFIRM[step];

  return (
    <View id={id} className='grid__task' data-status={task.status}>
      <View className='grid__resident-head'>
        <Text className='grid__resident-name'>{residentName(task.resident)}</Text>
        <StatusTag id={`${id}-status`} tone={tag.tone} text={tag.text} />
      </View>
      <Text className='grid__line grid__task-service'>{task.service.name}</Text>
      <Text className='grid__line'>{`计划上门：${plannedLabel(task.plannedDate, serverToday())}`}</Text>
      <Text className='palm-secondary grid__line'>{`授权：${grant.text}${grant.detail ? ` ${grant.detail}` : ''}`}</Text>
      {task.note ? <Text className='palm-secondary grid__line'>{`备注：${task.note}`}</Text> : null}
      {task.visits.map((visit, n) => (
        <Text key={visit.at} id={`${id}-visit-${n}`} className='grid__line'>{`走访 ${monthDay(visit.at)} ${shanghaiTime(visit.at)}：${visit.note ?? '已上门'}`}</Text>
      ))}
      {task.tickets.map((ticket) => (
        <Text key={ticket.id} className='grid__line'>{`代取号 ${ticket.displayNumber} · ${ticket.officeName} · ${TICKET_STATUS[ticket.status].text}`}</Text>
      ))}
      {task.appointments.map((appointment) => (
        <Text key={appointment.id} className='grid__line'>{`代预约 ${dayLabel(appointment.date)} ${appointment.start} · ${appointment.officeName} · 预约码 ${appointment.code} · ${APPOINTMENT_STATUS[appointment.status].text}`}</Text>
      ))}
      {task.cancelReason ? <Text className='palm-secondary grid__line'>{`取消原因：${task.cancelReason}`}</Text> : null}
      {error ? <ErrorState id={`${id}-error`} message={error} /> : null}
      {confirm ? (
        <Card id={`${id}-${step}-confirm`} title={confirm.title} isNotice>
          <View className='palm-stack'>
            {confirm.field ? <TextField id={`${id}-${step}-note`} label={confirm.field} value={text} maxLength={step === 'visit' ? 500 : 200} onInput={setText} /> : null}
            <Button id={`${id}-${step}-yes`} variant={step === 'cancel' ? 'danger' : 'primary'} isBlock isLoading={isBusy} onClick={() => void run()}>
              {confirm.yes}
            </Button>
            <Button id={`${id}-${step}-no`} variant='secondary' isBlock onClick={() => open('none')}>
              {confirm.no}
            </Button>
          </View>
        </Card>
      ) : (
        <View className='grid__actions'>
          {task.canVisit ? (
            <Button id={`${id}-visit`} onClick={() => open('visit')}>
              记录走访
            </Button>
          ) : null}
          {task.canFinish ? (
            <Button id={`${id}-done`} variant='secondary' onClick={() => open('done')}>
              完成
            </Button>
          ) : null}
          {task.canCancel ? (
            <Button id={`${id}-cancel`} variant='secondary' onClick={() => open('cancel')}>
              取消
            </Button>
          ) : null}
        </View>
      )}
    </View>
  );
}
