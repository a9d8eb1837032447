// 大厅签到码: the hall's 8-character code as its poster prints it, in two groups of four to read
// and copy without slips. The QR on the poster carries the same code; it is not drawn here.
import { Text, View } from '@tarojs/components';
import { getHallCheckInCode } from '../../api/counters';
import { useApi } from '../../api/use-api';
import { Card } from '../../components/card';
import { ErrorState } from '../../components/error-state';
import { groupCode } from './check-in-words';

export function HallCode({ officeId }: { officeId: string }) {
  const hall = useApi(() => getHallCheckInCode(officeId, { isQuiet: true }), [officeId]);
  return (
    <Card title='大厅签到码' id='counter-hall-code'>
      {hall.error ? (
        <ErrorState id='counter-hall-code-error' message={hall.error.message} onRetry={hall.reload} />
      ) : !hall.data ? (
        <Text className='palm-secondary'>正在加载…</Text>
      ) : (
        <View className='palm-stack'>
          <Text id='counter-hall-code-value' className='counter__hall-code'>
            {groupCode(hall.data.code)}
          </Text>
          <Text>市民扫描或输入此码签到（{hall.data.officeName}签到海报上的码）。</Text>
        </View>
      )}
    </Card>
  );
}
