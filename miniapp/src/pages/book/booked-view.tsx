// 预约成功 (or 已加入候补): the code large — it is what the clerk asks for — when and where, the
// check-in window, reminders by the person's own tap, and the way on to 我的预约.
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { AppointmentView, WaitlistEntry } from '../../api/appointments';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { StatusTag } from '../../components/status-tag';
import { Fact } from '../../features/appointments/fact';
import { ReminderButton } from '../../features/appointments/reminder-button';
import { checkInWindow, dayLabel, whenLabel } from '../../features/appointments/words';
import { PAGES } from '../../lib/routes';

// Replaces the booking page: going back must not land on a form that was already sent.
const openMine = (id?: string) => void Taro.redirectTo({ url: id ? `${PAGES.appointments}?id=${encodeURIComponent(id)}` : PAGES.appointments });

export function BookedView({ appointment, hasAsked }: { appointment: AppointmentView; hasAsked: boolean }) {
  return (
    <View className='palm-stack'>
      <Card id='booked'>
        <View className='book__code-head'>
          <StatusTag id='booked-status' tone='open' text='预约成功' />
          <Text className='book__code-label'>预约码</Text>
          <Text id='booked-code' className='book__code' aria-label={`预约码 ${appointment.code.split('').join(' ')}`}>
            {appointment.code}
          </Text>
          <Text className='book__line palm-secondary'>到大厅签到或在窗口办理时出示</Text>
        </View>
        <Fact id='booked-when' label='时间' value={whenLabel(appointment)} />
        <Fact id='booked-office' label='大厅' value={appointment.office.name} detail={appointment.office.address} />
        <Fact id='booked-service' label='事项' value={appointment.service.name} />
        <Fact id='booked-check-in' label='签到时间' value={`${dayLabel(appointment.date)} ${checkInWindow(appointment)}`} detail='签到后优先叫号' />
        {(appointment.licenceMaterials ?? []).length > 0 ? (
          <Fact
            id='booked-licences'
            label='免证办（不用带）'
            value={(appointment.licenceMaterials ?? []).map((m) => m.name).join('、')}
            detail={(appointment.licenceMaterials ?? []).map((m) => m.words).join('；')}
          />
        ) : null}
      </Card>
      {hasAsked ? null : <ReminderButton id='booked-reminder' />}
      <Button id='booked-mine' isBlock onClick={() => openMine()}>
        去我的预约
      </Button>
    </View>
  );
}

export function WaitlistedView({ entry }: { entry: WaitlistEntry }) {
  return (
    <View className='palm-stack'>
      <Card id='waitlisted' title='已加入候补'>
        <View className='palm-stack'>
          <StatusTag tone='notice' text={entry.position ? `候补第 ${entry.position} 位` : '候补中'} />
          <Text className='book__line'>{`${entry.office.name} · ${entry.service.name}`}</Text>
          <Text className='book__line palm-font-large'>{whenLabel(entry.slot)}</Text>
          <Text className='book__line'>有人取消时，按候补先后自动为您约上，并发消息通知您；约上后在“我的预约”里能看到预约码。</Text>
        </View>
      </Card>
      <ReminderButton id='waitlisted-reminder' />
      <Button id='waitlisted-mine' isBlock onClick={() => openMine()}>
        去我的预约
      </Button>
    </View>
  );
}
