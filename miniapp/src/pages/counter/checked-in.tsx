// A check-in done at the window: the priority number very large (to read out or copy onto a slip),
// 预约优先 as a word and a ★, the service, the booked time and whose appointment it is, masked.
import { Text, View } from '@tarojs/components';
import type { Appointment } from '@palm/shared/server';
import { Button } from '../../components/button';
import { CoveredMaterials } from '../../features/appointments/covered-materials';
import { PRIORITY_WORDS } from '../../features/queue/counter-words';

export interface CheckedIn {
  appointment: Appointment;
  /** Masked; from the appointment (booked for someone else) or today's list. */
  name: string | null;
  /** It was checked in before this tap (the person scanned, or another window): the same number. */
  wasAlready: boolean;
}

export function CheckedInView({ result, onDone }: { result: CheckedIn; onDone: () => void }) {
  const { appointment, name, wasAlready } = result;
  const ticket = appointment.ticket;
  return (
    <View id='counter-checkin-result' className='counter__issued counter__checked-in' role='status'>
      <Text className='palm-font-large'>{wasAlready ? '✓ 该预约此前已签到，排队号' : '✓ 签到成功，排队号'}</Text>
      {ticket ? (
        <Text id='counter-checkin-number' className='counter__number'>
          {ticket.displayNumber}
        </Text>
      ) : (
        <Text id='counter-checkin-number'>排队号正在生成，请看等候队列</Text>
      )}
      <Text id='counter-checkin-priority' className='counter__tag counter__tag--strong'>
        ★ {PRIORITY_WORDS.APPOINTMENT}
      </Text>
      <Text id='counter-checkin-service' className='palm-font-large counter__now-service'>
        {appointment.service.name}
      </Text>
      <Text id='counter-checkin-slot'>
        预约时段 {appointment.start}–{appointment.end}
        {name ? ` · ${name}` : ''}
      </Text>
      <CoveredMaterials id='counter-checkin-licences' items={appointment.licenceMaterials} />
      <Text className='palm-secondary'>请把号码告诉群众，留意大厅叫号屏和语音叫号。</Text>
      <Button id='counter-checkin-done' variant='secondary' onClick={onDone}>
        完成
      </Button>
    </View>
  );
}
