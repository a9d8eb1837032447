// The week's hours, today (by the server's clock, as 营业中 is) marked in words (今天) as well as
// bold, and dated changes with their reason.
import { Text, View } from '@tarojs/components';
import { isoWeekday } from '@palm/shared';
import type { OfficeDetail } from '@palm/shared/server';
import { Hours } from '../../components/hours';
import { WEEKDAY_NAMES } from '../../lib/format';
import { serverToday } from '../../lib/server-clock';

export function WeeklyHours({ office }: { office: OfficeDetail }) {
  const today = isoWeekday(serverToday());
  return (
    <View>
      {WEEKDAY_NAMES.map((name, index) => {
        const weekday = index + 1;
        const isToday = weekday === today;
        return (
          <View key={name} className={isToday ? 'office__hours-row office__today' : 'office__hours-row'}>
            <Text className='office__hours-day'>{isToday ? `${name}（今天）` : name}</Text>
            <Text className='office__hours-times'>
              <Hours hours={office.weeklyHours[String(weekday) as keyof OfficeDetail['weeklyHours']]} />
            </Text>
          </View>
        );
      })}
      {office.upcomingExceptions.map((exception) => (
        <View key={exception.date} className='office__hours-row'>
          <Text className='office__hours-day'>{exception.date}</Text>
          <Text className='office__hours-times'>{exception.closed ? '暂停服务' : <Hours hours={exception.hours ?? []} />}</Text>
          {exception.note ? <Text className='palm-secondary office__hours-note'>{exception.note}</Text> : null}
        </View>
      ))}
    </View>
  );
}
