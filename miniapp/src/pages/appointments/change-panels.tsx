// 取消预约 and 改约, until 30 minutes before the start (DESIGN.md §4). Both are confirmed in the page
// itself, never in a pop-up (长辈版 allows none). 改约 picks another time of the same service at the
// same hall; the old time is kept until the new one is won (the BFF moves it in one step).
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { cancelAppointment, rescheduleAppointment, type AppointmentView, type SlotView } from '../../api/appointments';
import { ApiError } from '../../api/errors';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { ErrorState } from '../../components/error-state';
import { Fact } from '../../features/appointments/fact';
import { refusalText } from '../../features/appointments/refusal';
import { scrollTo } from '../../features/appointments/scroll';
import { SlotPicker } from '../../features/appointments/slot-picker';
import { useSlotWeek } from '../../features/appointments/use-slot-week';
import { dayLabel, whenLabel } from '../../features/appointments/words';

type Mode = 'none' | 'cancel' | 'reschedule';

export function ChangePanels({ appointment, onChange }: { appointment: AppointmentView; onChange: (a: AppointmentView, note: string) => void }) {
  const [mode, setMode] = useState<Mode>('none');
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [date, setDate] = useState<string>();
  const [slot, setSlot] = useState<SlotView & { date: string }>();
  const isMoving = mode === 'reschedule';
  const week = useSlotWeek(isMoving ? appointment.office.id : undefined, isMoving ? appointment.service.id : undefined);

  useEffect(() => {
    if (slot) scrollTo('#reschedule-confirm-panel');
  }, [slot]);

  if (!appointment.canChange) {
    return <Text id='appointment-change-closed'>距开始已不足30分钟，不能在线取消或改约；如有需要请联系大厅。</Text>;
  }

  const open = (next: Mode) => {
    setMode(next);
    setError(null);
    setSlot(undefined);
    setDate(undefined);
  };
  const run = async (action: () => Promise<AppointmentView>, note: (a: AppointmentView) => string) => {
    setIsBusy(true);
    setError(null);
    try {
      const changed = await action();
      setMode('none');
      onChange(changed, note(changed));
    } catch (failure) {
      const refusal = failure instanceof ApiError ? failure : new ApiError('INTERNAL', 0);
      setError(refusalText(refusal));
      if (refusal.code.startsWith('SLOT_')) {
        setSlot(undefined);
        week.reload();
      }
    }
    setIsBusy(false);
  };
  const shownDate = date ?? week.days?.find((d) => d.items.some((s) => s.isBookable && s.id !== appointment.slotId))?.date ?? week.days?.[0]?.date;

  return (
    <View className='palm-stack'>
      {mode === 'none' ? (
        <>
          <Button id='appointment-reschedule' variant='secondary' isBlock onClick={() => open('reschedule')}>
            改约到其他时间
          </Button>
          <Button id='appointment-cancel' variant='danger' isBlock onClick={() => open('cancel')}>
            取消预约
          </Button>
        </>
      ) : null}
      {error ? <ErrorState id='appointment-change-error' message={error} /> : null}
      {mode === 'cancel' ? (
        <Card id='appointment-cancel-confirm' title='确定取消这个预约吗？' isNotice>
          <View className='palm-stack'>
            <Text className='book__line'>{`${whenLabel(appointment)}，${appointment.service.name}。取消后名额让给其他人；想办理可以重新预约，或直接到窗口办理。`}</Text>
            <Button id='appointment-cancel-yes' variant='danger' isBlock isLoading={isBusy} onClick={() => void run(() => cancelAppointment(appointment.id, undefined, { isQuiet: true }), () => '预约已取消。')}>
              确定取消预约
            </Button>
            <Button id='appointment-cancel-no' variant='secondary' isBlock onClick={() => open('none')}>
              不取消
            </Button>
          </View>
        </Card>
      ) : null}
      {isMoving ? (
        <Card id='appointment-reschedule-panel' title='改约：选择新的日期和时间'>
          <SlotPicker
            idPrefix='reschedule'
            week={week}
            date={shownDate}
            onChooseDate={(d) => {
              setDate(d);
              setSlot(undefined);
            }}
            slotId={slot?.id}
            onChooseSlot={(s) => setSlot({ ...s, date: shownDate ?? appointment.date })}
            canChooseFull={false}
            currentSlotId={appointment.slotId}
          />
          {slot ? (
            <View id='reschedule-confirm-panel' className='palm-stack palm-stack--spaced'>
              <Fact label='原来的时间' value={whenLabel(appointment)} />
              <Fact id='reschedule-new' label='改到' value={`${dayLabel(slot.date)} ${slot.start}–${slot.end}`} />
              <Text className='book__line'>新时间约上后，原来的时间自动取消；预约码不变。</Text>
              <Button id='reschedule-confirm' isBlock isLoading={isBusy} onClick={() => void run(() => rescheduleAppointment(appointment.id, slot.id, { isQuiet: true }), (a) => `已改约到 ${whenLabel(a)}。`)}>
                确认改约
              </Button>
            </View>
          ) : null}
          <View className='palm-stack--spaced'>
            <Button id='reschedule-back' variant='secondary' isBlock onClick={() => open('none')}>
              不改了
            </Button>
          </View>
        </Card>
      ) : null}
    </View>
  );
}
