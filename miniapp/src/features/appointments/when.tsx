// When a booking is (11月23日 周一 09:40–10:00) as two whole pieces: at 长辈版 sizes the line may
// break between the day and the time, never inside the time (09:40– / 10:00). Reads as whenLabel.
import { Text } from '@tarojs/components';
import { dayLabel } from './words';

export function When({ slot }: { slot: { date: string; start: string; end: string } }) {
  return (
    <>
      <Text className='palm-whole'>{dayLabel(slot.date)}</Text> <Text className='palm-whole'>{`${slot.start}–${slot.end}`}</Text>
    </>
  );
}
