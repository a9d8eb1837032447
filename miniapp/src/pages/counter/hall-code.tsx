// 大厅签到码: today's code of the hall, for people checking in to scan from this screen — a QR the
// BFF draws (a PNG, shown alike on H5, WeChat and Alipay) — or to type on H5: 8 characters in two
// groups of four, read and copied without slips. The code changes at midnight (Shanghai): the card
// asks again then, so a screen left open overnight shows the new one.
import { Image, Text, View } from '@tarojs/components';
import { useEffect } from 'react';
import { getHallCheckInCode } from '../../api/counters';
import { useApi } from '../../api/use-api';
import { Card } from '../../components/card';
import { ErrorState } from '../../components/error-state';
import { groupCode } from './check-in-words';

/** After the change at midnight, so the answer is the new day's. */
const AFTER_MIDNIGHT_MS = 2_000;

const monthDay = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

export function HallCode({ officeId }: { officeId: string }) {
  const hall = useApi(() => getHallCheckInCode(officeId, { isQuiet: true }), [officeId]);
  const { data, reload } = hall;

  useEffect(() => {
    if (!data) return undefined;
    // Relative to the answer, not this device's clock (which may be wrong, or the demo's pinned day).
    const timer = setTimeout(reload, data.expiresInSeconds * 1000 + AFTER_MIDNIGHT_MS);
    return () => clearTimeout(timer);
  }, [data, reload]);

  const label = data ? `${data.officeName}今天的签到二维码` : '';
  return (
    <Card title='大厅签到码' id='counter-hall-code'>
      {hall.error ? (
        <ErrorState id='counter-hall-code-error' message={hall.error.message} onRetry={reload} />
      ) : !data ? (
        <Text className='palm-secondary'>正在加载…</Text>
      ) : (
        <View className='palm-stack counter__hall'>
          <View className='counter__hall-qr-frame'>
            {/* Square in a square frame: the default scaleToFill fills it without distortion. */}
            <Image id='counter-hall-code-qr' className='counter__hall-qr' src={data.qrImage} ariaLabel={label} imgProps={{ alt: label }} nativeProps={{ alt: label }} />
          </View>
          <Text id='counter-hall-code-value' className='counter__hall-code'>
            {groupCode(data.code)}
          </Text>
          <Text className='counter__hall-line'>请预约的群众用手机扫描上面的二维码签到；不能扫码的，在预约详情里输入这8位签到码。</Text>
          <Text id='counter-hall-code-date' className='counter__hall-line palm-secondary'>
            {`仅${monthDay(data.date)}当天有效，每天零点自动更换，不必打印张贴。`}
          </Text>
        </View>
      )}
    </Card>
  );
}
