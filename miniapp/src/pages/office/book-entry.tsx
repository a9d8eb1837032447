// 预约办理 from a hall: shown when the hall takes bookings for any of its services (the catalogue's
// `bookable`), naming them, so nobody opens a booking page that has nothing to book. The window
// needs no booking: 取号排队 stays first.
import { Text, View } from '@tarojs/components';
import { Button } from '../../components/button';
import { Facts } from '../../components/facts';
import { openPage, PAGES } from '../../lib/routes';

export function BookEntry({ officeId, services }: { officeId: string; services: ReadonlyArray<{ id: string; name: string; hasOnlineBooking: boolean }> }) {
  const list = services.filter((s) => s.hasOnlineBooking);
  if (list.length === 0) return null;
  return (
    <View className='office__status palm-stack'>
      <Button id='office-book' variant='secondary' isBlock onClick={() => openPage(PAGES.book, { officeId, serviceId: list.length === 1 ? list[0]!.id : undefined })}>
        预约办理
      </Button>
      <Text id='office-bookable' className='palm-secondary'>
        可以网上预约：
        <Facts parts={list.map((s) => s.name)} separator='、' />
      </Text>
    </View>
  );
}
