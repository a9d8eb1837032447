// Opening hours as people read them (09:00–12:00，13:30–17:30), each range kept whole: a line
// breaks between ranges, never at a range's dash (the 14:10–/14:30 of 长辈版). The comma ends
// its range's piece, so it never starts a line.
import { Text } from '@tarojs/components';
import type { DayHours } from '@palm/shared';
import { formatHours } from '../../lib/format';

export function Hours({ hours }: { hours: DayHours }) {
  if (hours.length === 0) return <>{formatHours(hours)}</>;
  return (
    <>
      {hours.map(([open, close], index) => (
        <Text key={open} className='palm-whole'>{`${formatHours([[open, close]])}${index < hours.length - 1 ? '，' : ''}`}</Text>
      ))}
    </>
  );
}
