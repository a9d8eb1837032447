// 预约办理 from a service's guide: shown when some hall takes bookings for it (the catalogue's
// `bookable`). With one such hall it is chosen already.
import { Text, View } from '@tarojs/components';
import { Button } from '../../components/button';
import { openPage, PAGES } from '../../lib/routes';

export function BookEntry({ serviceId, offices }: { serviceId: string; offices: ReadonlyArray<{ id: string; name: string; hasOnlineBooking: boolean }> }) {
  const list = offices.filter((o) => o.hasOnlineBooking);
  if (list.length === 0) return null;
  return (
    <View className='guide__book palm-stack'>
      <Button id='service-book' isBlock onClick={() => openPage(PAGES.book, { serviceId, officeId: list.length === 1 ? list[0]!.id : undefined })}>
        预约办理
      </Button>
      <Text id='service-bookable' className='palm-secondary'>
        {list.length === 1 ? `${list[0]!.name}可以网上预约，预约后签到优先叫号` : `${list.length} 个大厅可以网上预约，预约后签到优先叫号`}
      </Text>
    </View>
  );
}
