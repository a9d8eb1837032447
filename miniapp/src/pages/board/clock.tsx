// The hall's clock (Asia/Shanghai, the business time zone), second by second, on the server's
// clock: a wall screen's own clock is often wrong, and the calls beside it are the server's.
import { View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { knowsServerTime, serverNow } from '../../lib/server-clock';

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

export function formatBoardTime(now: number): { date: string; time: string } {
  const shanghai = new Date(now + 8 * 3_600_000);
  const iso = shanghai.toISOString();
  return { date: `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日 星期${WEEKDAYS[shanghai.getUTCDay()]}`, time: iso.slice(11, 19) };
}

export function BoardClock() {
  const [now, setNow] = useState(() => serverNow());
  useEffect(() => {
    const timer = setInterval(() => setNow(serverNow()), 1000);
    return () => clearInterval(timer);
  }, []);
  const { date, time } = formatBoardTime(now);
  // Blank until the BFF's first answer: a wall screen's own clock may be days off.
  return (
    <View id='board-clock' className='board__clock' role='timer'>
      {knowsServerTime() ? `${date} ${time}` : ''}
    </View>
  );
}
