// 今日预约: the hall's appointments today in start order — time, service, masked name, code and
// the status in words with a shape (待签到 / 已签到 + number / 已办结 / 已取消 / 未到). A 待签到 row
// has its own 签到 for whoever may work the window; a refusal is said under that row.
import { Text, View } from '@tarojs/components';
import type { OfficeAppointment } from '@palm/shared/server';
import type { OfficeAppointmentList } from '../../api/counters';
import type { ApiError } from '../../api/errors';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { ErrorState } from '../../components/error-state';
import { Facts } from '../../components/facts';
import { StatusTag } from '../../components/status-tag';
import { CoveredMaterials } from '../../features/appointments/covered-materials';
import { dayLabel } from '../../features/appointments/words';
import { TICKET_STATUS_WORDS } from '../../features/queue/counter-words';
import { appointmentWords } from './check-in-words';

export interface AppointmentListProps {
  list: OfficeAppointmentList | null;
  error: ApiError | null;
  onRetry: () => void;
  canOperate: boolean;
  /** The id of the row being checked in, or another check-in in flight (then every row waits). */
  busy: string | null;
  rowError: { id: string; message: string } | null;
  onCheckIn: (appointment: OfficeAppointment) => void;
}

function statusDetail(a: OfficeAppointment): string | undefined {
  if (a.status !== 'CHECKED_IN' || !a.ticket) return undefined;
  const step = TICKET_STATUS_WORDS[a.ticket.status as keyof typeof TICKET_STATUS_WORDS];
  return step ? `${a.ticket.displayNumber} ${step}` : a.ticket.displayNumber;
}

export function AppointmentList({ list, error, onRetry, canOperate, busy, rowError, onCheckIn }: AppointmentListProps) {
  if (!list) {
    return (
      <Card title='今日预约' id='counter-appointments'>
        {error ? <ErrorState id='counter-appointments-error' message={error.message} onRetry={onRetry} /> : <Text className='palm-secondary'>正在加载…</Text>}
      </Card>
    );
  }
  const booked = list.items.filter((a) => a.status === 'BOOKED').length;
  return (
    <Card title={`今日预约（${dayLabel(list.date)}，共 ${list.items.length} 个，待签到 ${booked} 个）`} id='counter-appointments'>
      {error ? <ErrorState id='counter-appointments-error' message={`列表未能更新：${error.message}`} onRetry={onRetry} /> : null}
      {canOperate ? null : <Text className='palm-secondary'>您可以查看本大厅今日预约，签到由窗口工作人员进行。</Text>}
      {list.items.length === 0 ? <Text className='palm-secondary'>今天没有预约。</Text> : null}
      {list.items.map((a) => {
        const words = appointmentWords(a.status);
        return (
          <View key={a.id} id={`counter-appt-${a.code}`} className='counter__appt'>
            <Text className='counter__appt-time'>
              {a.start}–{a.end}
            </Text>
            <View className='counter__appt-facts'>
              <Text className='palm-font-large'>{a.service.name}</Text>
              <Text className='palm-secondary'>
                <Facts parts={[a.name ?? '未登记姓名', `预约码 ${a.code}`]} />
              </Text>
              <CoveredMaterials id={`counter-appt-${a.code}-licences`} items={a.licenceMaterials} />
            </View>
            <StatusTag tone={words.tone} text={words.text} detail={statusDetail(a)} />
            {canOperate && a.status === 'BOOKED' ? (
              <Button
                id={`counter-appt-${a.code}-check-in`}
                variant='secondary'
                isDisabled={busy !== null && busy !== a.id}
                isLoading={busy === a.id}
                onClick={() => onCheckIn(a)}
              >
                签到
              </Button>
            ) : null}
            {rowError?.id === a.id ? (
              <View className='counter__appt-error'>
                <ErrorState id={`counter-appt-${a.code}-error`} message={rowError.message} />
              </View>
            ) : null}
          </View>
        );
      })}
    </Card>
  );
}
